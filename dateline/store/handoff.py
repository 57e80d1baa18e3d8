"""Handoff files: what one step of a run leaves under processed/.staging/handoff/ for a later step
(raw files read ahead for the ingest, tagged rows for the events shards). They live in the data
folder, so on an object store they go through the bucket, never a worker's local disk."""
from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Sequence

import pyarrow as pa

from dateline.store.filesystem import Location, StoreLocation
from dateline.store.layout import handoff_folder

_ABANDONED_AFTER_SECONDS = 24 * 3600  # a handoff file this old belongs to a run that died


def new_handoff_path(processed_dir: Location, suffix: str) -> Location:
    """A fresh, unique file name for one step to hand data to a later one. Nothing else writes it,
    and readers open only names they were given, so a step that dies half-way leaves a file nobody
    reads (removed by remove_handoffs once abandoned)."""
    folder = handoff_folder(processed_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{uuid.uuid4().hex}{suffix}"


def open_handoff_output(path: Location) -> pa.NativeFile:
    """A handoff file opened for writing (the step that made the name is its only writer)."""
    if isinstance(path, StoreLocation):
        return path.filesystem.open_output_stream(path.path)
    return pa.OSFile(str(path), "wb")


def open_handoff_input(path: Location) -> pa.NativeFile:
    """A handoff file opened for reading, with random access (Arrow's file format needs it); a local
    one is memory-mapped rather than read."""
    if isinstance(path, StoreLocation):
        return path.filesystem.open_input_file(path.path)
    return pa.memory_map(str(path))


def remove_handoffs(processed_dir: Location, used: Sequence[Location]) -> None:
    """Delete the handoff files a step has used, and any abandoned by runs that died long ago."""
    for path in used:
        path.unlink(missing_ok=True)
    folder = handoff_folder(processed_dir)
    if not folder.is_dir():
        return
    cutoff = time.time() - _ABANDONED_AFTER_SECONDS
    for path in folder.iterdir():
        with contextlib.suppress(OSError):
            if _modified_seconds(path) < cutoff:
                path.unlink()
    with contextlib.suppress(OSError):
        folder.rmdir()  # only if empty: another run's steps may be handing files over meanwhile


def _modified_seconds(path: Location) -> float:
    return path.modified_seconds() if isinstance(path, StoreLocation) else path.stat().st_mtime
