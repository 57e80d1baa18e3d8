"""The staging step: the event shards -> the sorted timeline in processed/.staging/, where the checks
look before it is published (dateline.store.publishing), with the entities of its articles beside it.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dateline.engine.tagging import EventsSyncReport, tag_stale_locked
from dateline.entities.table import build_entities
from dateline.store import datasets
from dateline.store.atomic import writer_lock
from dateline.store.layout import (
    ARTICLE_ENTITIES,
    EVENTS,
    STAGING,
    staged_entities_path,
    staged_timeline_path,
)
from dateline.store.manifest import Manifest
from dateline.store.publishing import BUILD_KEY, published_build, timeline_build
from dateline.timeline import REPEATED_TEXT_COLUMNS, combine_and_sort, write_parquet_atomically, write_sorted_atomically


def build_timeline(processed_dir: Path) -> pa.Table:
    """All event shards as one timeline table, sorted by when the events happened (a full rebuild)."""
    return combine_and_sort([datasets.read_dataset(processed_dir, EVENTS)])


def stage_timeline(processed_dir: Path) -> tuple[Path, int, EventsSyncReport]:
    """Update the staged timeline, where checks look before publishing; return its path, its
    number of rows, and what the catch-up below tagged.

    The previous staged timeline is reused for every raw file whose events did not change since it
    was built; only the other files' rows are read again, from their events shards. The manifest
    records which build of the staged file it describes, so after a crash between the two writes
    everything is rebuilt.

    Files still stale (another run ingested new files after this run's tagging steps, or a tagging
    step's work was overtaken) are tagged first, under the same lock, so the staged timeline always
    belongs to one state of raw/ and never mixes old events of one file with new ones of another.
    """
    with writer_lock(processed_dir):
        manifest = Manifest.load(processed_dir)
        catch_up = tag_stale_locked(processed_dir, manifest)
        staged = staged_timeline_path(processed_dir)
        reusable = timeline_build(staged) == manifest.staged_build != ""
        trusted = {
            relative
            for relative, entry in manifest.files.items()
            if reusable and entry.events_digest and entry.staged_digest == entry.events_digest
        }
        wanted: dict[str, list[str]] = {}
        for relative, entry in manifest.files.items():
            if relative not in trusted and entry.events:
                wanted.setdefault(entry.shard, []).append(relative)
        kept, keep_all = None, True
        if trusted:
            sources = pq.read_table(staged, columns=["source_file"]).column("source_file")
            kept = pc.is_in(sources, pa.array(sorted(trusted), pa.string()))
            keep_all = pc.all(kept).as_py() is not False  # all kept: files were only added, or nothing changed
            if not wanted and keep_all:
                _stage_entities(processed_dir, manifest.staged_build)  # kept too, unless an older version left none
                return staged, len(sources), catch_up  # nothing changed since it was staged: keep it

        def parts() -> Iterator[pa.Table]:
            """The rows to stage, read when the writer asks (and freed once it has combined them), the
            repeated text dictionary-encoded."""
            if kept is not None:
                previous = pq.read_table(staged, read_dictionary=REPEATED_TEXT_COLUMNS)
                yield previous if keep_all else previous.filter(kept)
            for shard, files in sorted(wanted.items()):
                rows = datasets.read_shard(processed_dir, EVENTS, shard, dictionary_columns=REPEATED_TEXT_COLUMNS)
                yield rows.filter(pc.is_in(rows.column("source_file"), pa.array(sorted(files), pa.string())))

        build = uuid.uuid4().hex
        count = write_sorted_atomically(parts(), staged, {BUILD_KEY: build.encode()})
        for entry in manifest.files.values():
            entry.staged_digest = entry.events_digest
        manifest.staged_build = build
        for dataset in datasets.TAGGED_DATASETS:
            datasets.remove_stray_shards(processed_dir, dataset, {e.shard for e in manifest.files.values()})
        _stage_entities(processed_dir, build)
        manifest.save(processed_dir)
        return staged, count, catch_up


def _stage_entities(processed_dir: Path, build: str) -> None:
    """Stage the entities of the article_entities shards for the timeline of `build` (the caller holds
    the lock, and the shards are those that timeline was built from), and remove the staged entities
    of builds that are neither this one nor the published timeline's."""
    target = staged_entities_path(processed_dir, build)
    if not target.exists():
        table = build_entities(datasets.read_dataset(processed_dir, ARTICLE_ENTITIES))
        write_parquet_atomically(table.replace_schema_metadata((table.schema.metadata or {}) | {BUILD_KEY: build.encode()}),
                                 target)
    keep = {target.name, staged_entities_path(processed_dir, published_build(processed_dir)).name}
    for path in (processed_dir / STAGING).glob("entities-*.parquet"):
        if path.name not in keep:
            path.unlink(missing_ok=True)
