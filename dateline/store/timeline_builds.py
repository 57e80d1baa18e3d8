"""The published timeline as builds: each publish writes a whole build to a folder of its own, Parquet
files of whole months of `earliest` (rows sorted within each; see FILE_ROWS), and then a small pointer
naming that build and its files. Readers follow the pointer, so publishing needs no atomic rename of a folder:
one object write is atomic on an object store, and a temporary file renamed into place is on a disk.

    processed/timeline-builds/<build>/2023-11.parquet, 2024-09.parquet, ...  (named by their first month)
    processed/_published_timeline.json      {"build", "folder", "previous", "files": [...]}
    processed/timeline -> timeline-builds/<build>   (local disk only: what analysts read)

Why a month in file names and not hive folders (year=2025/month=03): a hive folder adds its keys as
columns to what pandas.read_parquet and pyarrow.dataset read, so the folder would no longer give the
timeline's own columns; file names that sort by date keep `pandas.read_parquet(folder)` exactly the
sorted timeline (files are read in name order). Which files a date range needs is answered from the
pointer, which records each file's rows and its smallest `earliest` and largest `latest`: a row
spanning months sits in the file of its first month, and the file's `latest` says how far it reaches.
Inside a file, row groups of ROW_GROUP_ROWS sorted rows let a range read skip most of it by statistics.

The previous build is kept until the next publish, so a reader that followed the pointer just before
it moved still finishes; anything older, and any build a crash left half written, is removed by the
next publish. Works against any pyarrow file system (dateline.store.filesystem.resolve).
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from dateline.store.atomic import write_text_atomically
from dateline.store.filesystem import LOCAL, exists, parquet_files, resolve
from dateline.store.layout import (
    EMPTY_TIMELINE_PART,
    TIMELINE,
    TIMELINE_BUILDS,
    TIMELINE_POINTER_NAME,
    timeline_build_folder,
    timeline_builds_folder,
    timeline_part_name,
    timeline_pointer_path,
)
from dateline.timeline import fsync_path

POINTER_VERSION = 1
BUILD_KEY = b"dateline.build"  # the schema metadata key of a staged or published timeline file's build id
# A build's files hold whole months of `earliest`, as many as make this many rows (a month with more is a
# file of its own): news reaches centuries back, and a file per month made hundreds of files of a few rows
# each; about this size, a one-month read of a million-row timeline stays fast (benchmarks/partitioned_read.py).
FILE_ROWS = 100_000
ROW_GROUP_ROWS = 16_384  # rows sorted by earliest: a range read skips row groups by their statistics
_BATCH_ROWS = 65_536  # rows read from the staged file at a time


@dataclass(frozen=True)
class TimelinePart:
    """One file of a build: its name in the build folder, rows, smallest `earliest`, largest `latest`."""
    name: str
    rows: int
    earliest: date | None
    latest: date | None

    def may_hold(self, start: date | None, end: date | None) -> bool:
        """Whether a row of this file can fall in [start, end] (earliest <= end, latest >= start)."""
        if self.earliest is None or self.latest is None:
            return self.rows > 0 and self.earliest is None  # no bounds recorded: read it
        return (end is None or self.earliest <= end) and (start is None or self.latest >= start)

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "rows": self.rows,
                "earliest": self.earliest.isoformat() if self.earliest else None,
                "latest": self.latest.isoformat() if self.latest else None}

    @classmethod
    def from_json(cls, entry: dict) -> TimelinePart:
        name, rows = entry["name"], entry["rows"]
        if not isinstance(name, str) or "/" in name or not isinstance(rows, int):
            raise ValueError(f"not a timeline part: {entry!r}")
        return cls(name, rows, *(date.fromisoformat(entry[key]) if entry.get(key) else None
                                 for key in ("earliest", "latest")))


@dataclass(frozen=True)
class PublishedTimeline:
    """The published timeline a reader follows: where its files are and what each holds."""
    filesystem: pafs.FileSystem
    folder: str  # the build folder (or, for a timeline published before builds, the timeline folder)
    build: str
    parts: tuple[TimelinePart, ...]
    previous: str = ""

    @property
    def rows(self) -> int:
        return sum(part.rows for part in self.parts)

    def paths(self, start: date | None = None, end: date | None = None) -> list[str]:
        """The files that may hold rows in [start, end] (all of them without bounds), in date order."""
        return [f"{self.folder}/{part.name}" for part in self.parts if part.may_hold(start, end)]

    def location(self) -> str:
        """The build folder as a plain path (local disk) or a URI, for readers that take one location."""
        if self.filesystem.type_name == "local":
            return self.folder
        return f"{self.filesystem.type_name}://{self.folder}"

    def schema(self, paths: list[str] | None = None) -> pa.Schema:
        """The timeline's schema, read from the first of `paths` (a file a read opens anyway) when given."""
        first = paths[0] if paths else f"{self.folder}/{self.parts[0].name}"
        return pq.read_schema(first, filesystem=self.filesystem)

    def read(self, columns: list[str] | None = None) -> pa.Table:
        """The whole timeline (or some columns), in its sorted order."""
        import pyarrow.dataset as ds  # loads pandas: only when reading

        schema = self.schema()
        table = ds.dataset(self.paths(), filesystem=self.filesystem, format="parquet",
                           schema=schema).to_table(columns=columns)
        return table.replace_schema_metadata(schema.metadata)


class TimelinePointerInvalid(ValueError):
    pass


def _on(location, filesystem: pafs.FileSystem | None) -> tuple[pafs.FileSystem, str]:
    """`location` on `filesystem` when one is given, else on the file system its form names."""
    return (filesystem, os.fspath(location)) if filesystem is not None else resolve(location)


def read_pointer(processed_dir, filesystem: pafs.FileSystem | None = None) -> PublishedTimeline | None:
    """The build the pointer names, None when no timeline was published as builds."""
    filesystem, processed = _on(processed_dir, filesystem)
    where = timeline_pointer_path(processed)
    if not exists(filesystem, where):
        return None
    try:
        with filesystem.open_input_stream(where) as stream:
            pointer = json.loads(stream.read().decode("utf-8"))
        parts = tuple(TimelinePart.from_json(entry) for entry in pointer["files"])
        build, previous = str(pointer["build"]), str(pointer.get("previous") or "")
    except (ValueError, KeyError, TypeError) as error:
        raise TimelinePointerInvalid(f"the timeline pointer {where} is unreadable: {error}") from error
    return PublishedTimeline(filesystem, timeline_build_folder(processed, build), build, parts, previous)


def published_timeline(processed_dir, filesystem: pafs.FileSystem | None = None) -> PublishedTimeline | None:
    """The published timeline: the build the pointer names; or, before the first partitioned publish,
    the files of processed/timeline/ as an earlier version left them (read whole, no pruning); None if
    nothing is published."""
    followed = read_pointer(processed_dir, filesystem)
    if followed is not None:
        return followed
    filesystem, processed = _on(processed_dir, filesystem)
    return timeline_folder_files(filesystem, f"{processed.rstrip('/')}/{TIMELINE}")


def timeline_folder_files(filesystem: pafs.FileSystem, folder: str) -> PublishedTimeline | None:
    """A folder of timeline files with no pointer (an unpartitioned timeline of an earlier version, or
    one an analyst wrote), read whole in name order; None if it holds no Parquet file."""
    files = parquet_files(filesystem, folder)
    if not files:
        return None
    parts = tuple(TimelinePart(path.rsplit("/", 1)[-1], pq.read_metadata(path, filesystem=filesystem).num_rows,
                               None, None) for path in files)
    build = (pq.read_schema(files[0], filesystem=filesystem).metadata or {}).get(BUILD_KEY, b"").decode()
    return PublishedTimeline(filesystem, folder, build, parts)


def write_build(staged: str, processed_dir, build: str) -> tuple[TimelinePart, ...]:
    """Write the staged (sorted) timeline file as the build folder of `build`: files of whole months of
    `earliest` (plan_files), each a slice of the staged order, so the files in name order are the
    staged file. Streams the staged file a batch at a time. Returns the parts written."""
    filesystem, processed = resolve(processed_dir)
    folder = timeline_build_folder(processed, build)
    filesystem.create_dir(folder, recursive=True)
    staged_fs, staged_path = resolve(staged)
    source = pq.ParquetFile(staged_path, filesystem=staged_fs)
    schema = source.schema_arrow
    starts = plan_files(_month_keys(source.read(columns=["earliest"]).column("earliest")))
    parts: list[TimelinePart] = []
    writer = None
    try:
        for batch in source.iter_batches(batch_size=_BATCH_ROWS):
            for name, piece in _by_file(pa.Table.from_batches([batch], schema), starts):
                if not parts or parts[-1].name != name:
                    if writer is not None:
                        writer.close()
                    if any(part.name == name for part in parts):
                        raise ValueError(f"the staged timeline {staged} is not sorted by earliest ({name} twice)")
                    writer = pq.ParquetWriter(f"{folder}/{name}", schema, filesystem=filesystem)
                    parts.append(TimelinePart(name, 0, piece.column("earliest")[0].as_py(), None))
                writer.write_table(piece, row_group_size=ROW_GROUP_ROWS)
                last, reach = parts[-1], pc.max(piece.column("latest")).as_py()
                parts[-1] = TimelinePart(name, last.rows + piece.num_rows, last.earliest,
                                         max(filter(None, (last.latest, reach)), default=None))
        if writer is None:  # no rows: one empty file keeps the schema (and the build id) readable
            pq.write_table(schema.empty_table(), f"{folder}/{EMPTY_TIMELINE_PART}", filesystem=filesystem)
            parts.append(TimelinePart(EMPTY_TIMELINE_PART, 0, None, None))
    finally:
        if writer is not None:
            writer.close()
    if filesystem.type_name == "local":  # on disk before the pointer names them
        for part in parts:
            fsync_path(f"{folder}/{part.name}")
        fsync_path(folder)
    return tuple(parts)


def plan_files(months: np.ndarray) -> np.ndarray:
    """Where each file of a build starts: the month keys (year * 100 + month) of the first month of each
    run of whole months that together hold FILE_ROWS rows or more (the last run may hold fewer), from
    the sorted month key of every row. A month is never split: a date-range read needs whole months."""
    keys, counts = np.unique(months, return_counts=True)
    starts, held = [], FILE_ROWS
    for key, count in zip(keys.tolist(), counts.tolist()):
        if held >= FILE_ROWS:
            starts.append(key)
            held = 0
        held += count
    return np.array(starts, dtype=np.int64)


def _month_keys(earliest: pa.ChunkedArray | pa.Array) -> np.ndarray:
    return pc.add(pc.multiply(pc.year(earliest), 100), pc.month(earliest)).to_numpy()


def _by_file(table: pa.Table, starts: np.ndarray) -> Iterator[tuple[str, pa.Table]]:
    """The table's runs of rows that go to one file (see plan_files), with that file's name."""
    if not table.num_rows:
        return
    files = np.searchsorted(starts, _month_keys(table.column("earliest")), side="right") - 1
    begin = 0
    for end in [*(np.flatnonzero(files[1:] != files[:-1]) + 1).tolist(), len(files)]:
        key = int(starts[files[begin]])
        yield timeline_part_name(key // 100, key % 100), table.slice(begin, end - begin)
        begin = end


def write_pointer(processed_dir, build: str, parts: tuple[TimelinePart, ...], previous: str) -> None:
    """Name `build` as the published timeline: the one write that publishes it. A single object write
    on an object store; a temporary file renamed over the pointer on a disk."""
    filesystem, where = resolve(timeline_pointer_path(processed_dir))
    text = json.dumps({"version": POINTER_VERSION, "build": build, "folder": f"{TIMELINE_BUILDS}/{build}",
                       "previous": previous, "files": [part.as_json() for part in parts]}, indent=1)
    if filesystem.type_name != "local":
        with filesystem.open_output_stream(where) as stream:
            stream.write(text.encode("utf-8"))
        return
    write_text_atomically(Path(where), text)
    folder = where.rsplit("/", 1)[0]
    fsync_path(folder)


def link_published(processed_dir, build: str) -> None:
    """On a local disk, point processed/timeline at the build's folder, swapping the link atomically (a
    new link renamed over the old). A timeline folder an earlier version wrote is moved aside first."""
    filesystem, processed = resolve(processed_dir)
    if filesystem.type_name != "local":
        return
    link = f"{processed}/{TIMELINE}"
    if os.path.islink(link) and os.readlink(link) == f"{TIMELINE_BUILDS}/{build}":
        return
    temporary = f"{processed}/.{TIMELINE}.{os.getpid()}.tmp"
    if os.path.lexists(temporary):
        os.unlink(temporary)
    os.symlink(f"{TIMELINE_BUILDS}/{build}", temporary)
    if os.path.isdir(link) and not os.path.islink(link):
        _remove_tree(LOCAL, link)  # the unpartitioned timeline of an earlier version: its rows are in the build
    os.replace(temporary, link)
    fsync_path(processed)


def remove_builds_except(processed_dir, keep: set[str]) -> list[str]:
    """Delete the build folders not in `keep` (older builds, and any a crash left half written), and
    link temporaries a killed publish left. Call only under the writer lock."""
    filesystem, processed = resolve(processed_dir)
    removed = []
    listed = filesystem.get_file_info(pafs.FileSelector(timeline_builds_folder(processed), allow_not_found=True))
    for info in listed:
        if info.base_name not in keep:
            _remove_tree(filesystem, info.path)
            removed.append(info.base_name)
    if filesystem.type_name == "local" and os.path.isdir(processed):
        for name in os.listdir(processed):
            if name.startswith(f".{TIMELINE}.") and name.endswith(".tmp") and os.path.islink(f"{processed}/{name}"):
                os.unlink(f"{processed}/{name}")
            elif name.startswith(f".{TIMELINE_POINTER_NAME}.") and name.endswith(".tmp"):
                os.unlink(f"{processed}/{name}")
    return removed


def _remove_tree(filesystem: pafs.FileSystem, path: str) -> None:
    if exists(filesystem, path):
        filesystem.delete_dir(path)
