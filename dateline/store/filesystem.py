"""The file system the store reads through: one pyarrow.fs.FileSystem per location, the local disk
for a plain path, and for a URI (file://, s3://, gs://, hdfs:// ...) the file system it names
(pyarrow.fs.FileSystem.from_uri).

The datasets' reads (dateline.store.datasets: read_dataset, read_shard, read_head) and the reads of a
timeline file (dateline.store.publishing: timeline_build, timeline_file_problems) go through it.
Writing is still local only: the writer lock (fcntl), atomic renames and the Parquet writers in
dateline.timeline have no object-store form yet.
"""
from __future__ import annotations

import os

import pyarrow.fs as pafs

LOCAL = pafs.LocalFileSystem()


def resolve(location: str | os.PathLike) -> tuple[pafs.FileSystem, str]:
    """The file system holding `location`, and the path of `location` on it."""
    text = os.fspath(location)
    if "://" in text:
        return pafs.FileSystem.from_uri(text)
    return LOCAL, text


def exists(filesystem: pafs.FileSystem, path: str) -> bool:
    return filesystem.get_file_info(path).type != pafs.FileType.NotFound


def parquet_files(filesystem: pafs.FileSystem, folder: str) -> list[str]:
    """The Parquet files of a dataset folder, by name; none if the folder is missing. Names starting
    with "." or "_" (temporary files, bookkeeping) are not data."""
    listed = filesystem.get_file_info(pafs.FileSelector(folder, allow_not_found=True))
    return sorted(info.path for info in listed
                  if info.base_name.endswith(".parquet") and not info.base_name.startswith((".", "_")))
