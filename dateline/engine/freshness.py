"""Whether a run has anything to do: nothing new, changed or removed in raw/, nothing left to tag or
stage, and every published file (timeline, entities, clusters, picture) built from the staged build,
which the last whole successful run recorded (dateline.store.publishing.record_complete_run).

`dateline run` asks this before it starts Dagster: over unchanged input the answer takes a stat of
raw/ and a few small reads, where a run whose steps all find nothing to do still costs seconds.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from dateline.engine.fingerprint import code_fingerprint
from dateline.engine.raw_files import pending_work
from dateline.store.layout import (
    picture_paths,
    published_clusters_path,
    published_entities_path,
    staged_timeline_path,
)
from dateline.store.manifest import Manifest, ManifestError, stale_files
from dateline.store.publishing import (
    CLUSTERS_SOURCE_KEY,
    complete_run_build,
    picture_build,
    published_build,
    timeline_build,
)


def _count(number: int, what: str) -> str:
    return f"{number} {what}" if number == 1 else f"{number} {what}s"


def pending_reason(raw_dir: Path, processed_dir: Path, today: date,
                   pending: tuple[dict[str, int], list[str]] | None = None) -> str:
    """Why a run over the data has something to do ("" when it has nothing to do). `today` is the
    run's date, against which files holding articles from the future are due for a recheck; `pending`,
    raw_files.pending_work's answer for that date when the caller has it (raw/ is then not listed again)."""
    if not raw_dir.is_dir():
        return f"no raw folder at {raw_dir}"
    try:
        manifest = Manifest.load(processed_dir)
    except ManifestError:
        return "the manifest is unreadable"
    if not manifest.files and not manifest.staged_build:
        return "nothing has been built yet"
    if manifest.code_fingerprint != code_fingerprint():
        return "the code that shapes rows changed since the last ingest"
    changed, removed = pending or pending_work(raw_dir, processed_dir, today=today, manifest=manifest)
    if changed:
        return _count(len(changed), "raw file") + " new, changed or due for a recheck"
    if removed:
        return _count(len(removed), "raw file") + " removed"
    stale = stale_files(manifest)
    if stale:
        return _count(len(stale), "raw file") + " not tagged yet"
    if any(entry.staged_digest != entry.events_digest for entry in manifest.files.values()):
        return "the staged timeline is behind the events"
    build = manifest.staged_build
    if not build or timeline_build(staged_timeline_path(processed_dir)) != build:
        return "the staged timeline is not the one the manifest describes"
    if published_build(processed_dir) != build:
        return "the staged timeline is not published"
    if timeline_build(published_entities_path(processed_dir)) != build:
        return "the entities are not those of the published timeline"
    if timeline_build(published_clusters_path(processed_dir), CLUSTERS_SOURCE_KEY) != build:
        return "the clusters were not built from the published timeline"
    png, html = picture_paths(processed_dir)
    if not png.exists() or picture_build(html) != build:
        return "the picture was not drawn from the published timeline"
    if complete_run_build(processed_dir) != build:
        return "no whole successful run has been recorded on the published timeline"
    return ""
