"""raw/ on an object store, read through a local copy.

The readers of raw files (dateline.ingest: sidecars, feeds, HTML pages, the checks on links and file
kinds) open local files, and raw files are inputs that dateline never writes. So a raw/ named by a URI
is listed through its pyarrow file system and each file copied, once, into a local cache folder under
the same relative name, with the object's size and modification time; everything that reads raw/ then
reads that folder, and a raw file's stat signature is the same on every machine. A file already copied
with the same size and time is not fetched again; a file gone from the bucket is removed from the copy.

This is a cache of the inputs, not a hand-off: anything a step leaves for another goes to the bucket.
An object over the reader's size limit is not fetched: it is copied as an empty (sparse) file of its
size, which the reader quarantines as too large without opening it, as it would the original.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

import pyarrow.fs as pafs

from dateline.ingest.limits import MAX_FILE_BYTES
from dateline.store.filesystem import StoreLocation
from dateline.store.layout import TEMPORARY_NAME

CACHE_ENV_VAR = "DATELINE_RAW_CACHE"  # the folder holding the local copies; default: the system's temporary folder
_COPY_CHUNK_BYTES = 1 << 20


def cache_root() -> Path:
    return Path(os.environ.get(CACHE_ENV_VAR) or Path(tempfile.gettempdir()) / "dateline-raw")


def local_raw_copy(raw: StoreLocation, root: Path | None = None) -> Path:
    """The local copy of `raw`, brought up to date with the bucket; raises FileNotFoundError (as a
    missing local raw/ would be reported) when the bucket holds nothing under it."""
    listed = raw.filesystem.get_file_info(pafs.FileSelector(raw.path, recursive=True, allow_not_found=True))
    objects = {info.path[len(raw.path) + 1:]: info for info in listed if info.type == pafs.FileType.File}
    if not objects and not raw.is_dir():
        raise FileNotFoundError(f"raw input folder {raw} holds nothing")
    copy = (root or cache_root()) / hashlib.sha256(str(raw).encode()).hexdigest()[:20]
    copy.mkdir(parents=True, exist_ok=True)
    for relative, info in objects.items():
        _fetch_if_changed(raw, relative, info, copy / relative)
    for path in [p for p in copy.rglob("*") if p.is_file() and not TEMPORARY_NAME.fullmatch(p.name)]:
        if path.relative_to(copy).as_posix() not in objects:  # gone from the bucket
            path.unlink(missing_ok=True)
    return copy


def _fetch_if_changed(raw: StoreLocation, relative: str, info: pafs.FileInfo, local: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        held = local.stat()
        if (held.st_size, held.st_mtime_ns) == (info.size, info.mtime_ns):
            return
    local.parent.mkdir(parents=True, exist_ok=True)
    # hidden and unique, so the folder's readers skip it and two processes copying at once do not collide
    temporary = local.with_name(f".{local.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            if info.size > MAX_FILE_BYTES:
                handle.truncate(info.size)
            else:
                with raw.filesystem.open_input_stream(f"{raw.path}/{relative}") as stream:
                    while chunk := stream.read(_COPY_CHUNK_BYTES):
                        handle.write(chunk)
        os.utime(temporary, ns=(info.mtime_ns, info.mtime_ns))
        os.replace(temporary, local)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
