"""Publishing: the staged timeline published as a new build followed through a pointer
(dateline.store.timeline_builds) and its entities put in place atomically, readers seeing the old
timeline or the new one, whole; and the check of a timeline file that gates it (schema, required values,
earliest <= latest). Every staged or published file carries the id of its timeline build.
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dateline.store.atomic import remove_leftover_temporaries, write_text_atomically, writer_lock
from dateline.store.filesystem import exists, resolve
from dateline.store.layout import (
    complete_run_path,
    published_entities_path,
    staged_entities_path,
    staged_timeline_path,
)
from dateline.store.timeline_builds import (
    BUILD_KEY,
    PublishedTimeline,
    TimelinePointerInvalid,
    link_published,
    published_timeline,
    read_pointer,
    remove_builds_except,
    write_build,
    write_pointer,
)
from dateline.timeline import REQUIRED_COLUMNS, copy_atomically, schema_problems


def publish_entities(processed_dir: Path) -> Path:
    """Put the entities staged with the published timeline in place atomically (nothing to do when
    they are already there): the published entities always describe the published timeline."""
    with writer_lock(processed_dir):
        remove_leftover_temporaries(processed_dir)
        build = published_build(processed_dir)
        published = published_entities_path(processed_dir)
        if not build:
            raise FileNotFoundError("no published timeline: publish it before its entities")
        if timeline_build(published) == build:
            return published
        staged = staged_entities_path(processed_dir, build)
        if not staged.exists():
            raise FileNotFoundError(f"no entities were staged with the published timeline (build {build})")
        return copy_atomically(staged, published)




def timeline_build(path: Path | str, key: bytes = BUILD_KEY) -> str:
    """The timeline build id written into a Parquet file's schema metadata under `key`: a staged (and
    so published) timeline's own, or that of the timeline a derived file was made from; "" if none
    or unreadable. `path` may be a URI (dateline.store.filesystem)."""
    filesystem, where = resolve(path)
    if not exists(filesystem, where):
        return ""
    try:
        return (pq.read_schema(where, filesystem=filesystem).metadata or {}).get(key, b"").decode()
    except (OSError, ValueError):  # pyarrow.ArrowInvalid is a ValueError; so is an undecodable id
        return ""  # unreadable: rebuild it


# The build id of the published timeline a clusters file was made from, in the clusters file's schema metadata.
CLUSTERS_SOURCE_KEY = b"dateline.timeline_build"
# The picture's HTML page names the timeline build it was drawn from, in its <head>.
PICTURE_BUILD_MARK = '<meta name="dateline-timeline-build" content="{build}">'


def picture_build(html_path: Path) -> str:
    """The timeline build an existing picture page was drawn from ("" if none or unreadable)."""
    try:
        with open(html_path, encoding="utf-8") as page:
            head = page.read(4096)
    except (OSError, UnicodeDecodeError):
        return ""
    opening = PICTURE_BUILD_MARK.split("{build}", 1)[0]
    start = head.find(opening)
    return head[start + len(opening):].split('"', 1)[0] if start >= 0 else ""


def record_complete_run(processed_dir: Path, build: str) -> None:
    """Note that a whole run succeeded on the timeline of `build`: every step and check passed, so a
    run over the same state has nothing to do (dateline.engine.freshness)."""
    with writer_lock(processed_dir):
        write_text_atomically(complete_run_path(processed_dir), json.dumps({"build": build}))


def complete_run_build(processed_dir: Path) -> str:
    """The build of the last whole successful run recorded by record_complete_run ("" if none)."""
    try:
        recorded = json.loads(complete_run_path(processed_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    build = recorded.get("build") if isinstance(recorded, dict) else None
    return build if isinstance(build, str) else ""


def publish_timeline(processed_dir: Path) -> PublishedTimeline:
    """Publish the staged timeline as a new build (dateline.store.timeline_builds): its month files to a
    folder of their own, then the pointer naming it, then (on a disk) the processed/timeline link.
    Readers see the old timeline or the new one, whole. The build before stays for readers in flight;
    older builds, and any a killed publish left half written, are removed.

    The staged file is checked again here, under the writer lock: with two runs at once, the file
    staged now may be the other run's, staged after this run's checks looked. Publishing only what
    passes keeps "checked before published" true whatever the interleaving.
    """
    with writer_lock(processed_dir):
        remove_leftover_temporaries(processed_dir)
        staged = staged_timeline_path(processed_dir)
        if not staged.exists():
            raise FileNotFoundError(f"no staged timeline at {staged}; build it before publishing")
        problems, _ = timeline_file_problems(staged)
        if problems["schema"] or problems["nulls"] or problems["earliest_after_latest"]:
            raise StagedTimelineInvalid(f"the staged timeline {staged} is not published: {problems}")
        build = timeline_build(staged)
        if not build:
            raise StagedTimelineInvalid(f"the staged timeline {staged} has no build id")
        current = _current_or_none(processed_dir)
        if current is not None and current.build == build:
            # this very build is already published (a run with nothing new); a publish killed after its
            # pointer may have left the link and the removal of older builds undone
            link_published(processed_dir, build)
            remove_builds_except(processed_dir, {current.build, current.previous})
            return current
        kept = {current.build, current.previous} - {""} if current else set()
        remove_builds_except(processed_dir, kept)  # half builds of a killed publish
        parts = write_build(str(staged), processed_dir, build)
        write_pointer(processed_dir, build, parts, current.build if current else "")
        link_published(processed_dir, build)
        remove_builds_except(processed_dir, {build, current.build if current else ""})
        return read_pointer(processed_dir)


def _current_or_none(processed_dir: Path) -> PublishedTimeline | None:
    """The build the pointer names; None when there is none, or the pointer is unreadable (damaged by
    hand or by the disk: a publish then writes a whole build and a new pointer, which repairs it)."""
    try:
        return read_pointer(processed_dir)
    except TimelinePointerInvalid:
        return None


def published_build(processed_dir: Path) -> str:
    """The build id of the published timeline ("" if none is published, or the pointer is unreadable:
    a run then publishes again)."""
    try:
        published = published_timeline(processed_dir)
    except TimelinePointerInvalid:
        return ""
    return published.build if published else ""


class StagedTimelineInvalid(RuntimeError):
    pass


def timeline_problems(table: pa.Table, schema: pa.Schema | None = None) -> dict[str, object]:
    """What is wrong with a timeline table: schema drift, nulls where values are required, inverted
    ranges. `table` may hold only the columns these need when `schema` gives the whole file's."""
    nulls = {name: table.column(name).null_count for name in REQUIRED_COLUMNS if name in table.column_names}
    inverted = 0
    if {"earliest", "latest"} <= set(table.column_names) and table.num_rows:
        inverted = pc.sum(pc.greater(table.column("earliest"), table.column("latest"))).as_py() or 0
    return {
        "schema": schema_problems((schema or table.schema).empty_table()),
        "nulls": {name: count for name, count in nulls.items() if count},
        "earliest_after_latest": inverted,
    }


def timeline_file_problems(path: Path | str | PublishedTimeline) -> tuple[dict[str, object], int]:
    """timeline_problems of a timeline file (or of the published build's files), reading only the
    columns the checks need; and its rows. `path` may be a URI (dateline.store.filesystem)."""
    needed = [*REQUIRED_COLUMNS, "earliest", "latest"]
    if isinstance(path, PublishedTimeline):
        schema = path.schema()
        table = path.read([name for name in dict.fromkeys(needed) if name in schema.names])
        return timeline_problems(table, schema), table.num_rows
    filesystem, where = resolve(path)
    schema = pq.read_schema(where, filesystem=filesystem)
    table = pq.read_table(where, columns=[name for name in dict.fromkeys(needed) if name in schema.names],
                          filesystem=filesystem)
    return timeline_problems(table, schema), table.num_rows
