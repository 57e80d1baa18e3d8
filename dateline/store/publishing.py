"""Publishing: the staged timeline and its entities put in place atomically, readers seeing the old
file or the new one, whole; and the check of a timeline file that gates it (schema, required values,
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
    published_timeline_path,
    staged_entities_path,
    staged_timeline_path,
)
from dateline.timeline import REQUIRED_COLUMNS, copy_atomically, schema_problems


def publish_entities(processed_dir: Path) -> Path:
    """Put the entities staged with the published timeline in place atomically (nothing to do when
    they are already there): the published entities always describe the published timeline."""
    with writer_lock(processed_dir):
        remove_leftover_temporaries(processed_dir)
        build = timeline_build(published_timeline_path(processed_dir))
        published = published_entities_path(processed_dir)
        if not build:
            raise FileNotFoundError("no published timeline: publish it before its entities")
        if timeline_build(published) == build:
            return published
        staged = staged_entities_path(processed_dir, build)
        if not staged.exists():
            raise FileNotFoundError(f"no entities were staged with the published timeline (build {build})")
        return copy_atomically(staged, published)


BUILD_KEY = b"dateline.build"


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


def publish_timeline(processed_dir: Path) -> Path:
    """Put the staged timeline in place atomically: readers see the old file or the new one, whole.

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
        published = published_timeline_path(processed_dir)
        build = timeline_build(staged)
        if build and timeline_build(published) == build:
            return published  # this very build is already published (a run with nothing new)
        return copy_atomically(staged, published)


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


def timeline_file_problems(path: Path | str) -> tuple[dict[str, object], int]:
    """timeline_problems of a timeline file, reading only the columns the checks need; and its rows.
    `path` may be a URI (dateline.store.filesystem)."""
    filesystem, where = resolve(path)
    schema = pq.read_schema(where, filesystem=filesystem)
    needed = [name for name in (*REQUIRED_COLUMNS, "earliest", "latest") if name in schema.names]
    table = pq.read_table(where, columns=list(dict.fromkeys(needed)), filesystem=filesystem)
    return timeline_problems(table, schema), table.num_rows
