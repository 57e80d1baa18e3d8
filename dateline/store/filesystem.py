"""The file system the store reads and writes through: one pyarrow.fs.FileSystem per location, the
local disk for a plain path, and for a URI (file://, s3://, gs://, hdfs:// ...) the file system it
names (pyarrow.fs.FileSystem.from_uri).

A plain folder stays a pathlib.Path, so the local disk is used exactly as before. A URI becomes a
StoreLocation: pathlib would collapse "s3://bucket" into "s3:/bucket", so the store joins the parts
itself and keeps the URI's scheme and query (endpoint_override=..., region=...) to hand it on. A
StoreLocation answers the few pathlib questions the store asks of a folder or file (/, name, parent,
exists, iterdir, read_bytes, unlink ...), so code written for a local folder reads a bucket unchanged.

Whole-file writes are all-or-nothing on both: on a local disk a temporary file and a rename
(dateline.store.atomic, dateline.timeline), on an object store one PUT of the whole object
(StoreLocation.write_bytes), which readers see complete or not at all.
"""
from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

LOCAL = pafs.LocalFileSystem()


def is_uri(text: str) -> bool:
    return "://" in text


@dataclass(frozen=True)
class StoreLocation:
    """A file or folder named by a URI: the file system, the path on it, and how to write it back as
    a URI (scheme and query). Immutable; `/` joins like pathlib."""

    filesystem: pafs.FileSystem
    path: str  # on `filesystem`, "/"-separated, no trailing "/"
    scheme: str
    query: str = ""  # "?..." of the URI it came from, or ""

    @classmethod
    def from_uri(cls, uri: str) -> StoreLocation:
        filesystem, path = pafs.FileSystem.from_uri(uri)
        scheme = uri.split("://", 1)[0]
        query = "?" + uri.split("?", 1)[1] if "?" in uri else ""
        return cls(filesystem, path.rstrip("/"), scheme, query)

    def __str__(self) -> str:
        return f"{self.scheme}://{self.path}{self.query}"

    def as_posix(self) -> str:
        return str(self)

    def __truediv__(self, part: str | os.PathLike) -> StoreLocation:
        text = os.fspath(part).strip("/")
        return StoreLocation(self.filesystem, posixpath.join(self.path, text) if text else self.path,
                             self.scheme, self.query)

    @property
    def name(self) -> str:
        return posixpath.basename(self.path)

    @property
    def stem(self) -> str:
        return posixpath.splitext(self.name)[0]

    @property
    def suffix(self) -> str:
        return posixpath.splitext(self.name)[1]

    @property
    def parent(self) -> StoreLocation:
        return StoreLocation(self.filesystem, posixpath.dirname(self.path), self.scheme, self.query)

    def with_name(self, name: str) -> StoreLocation:
        return self.parent / name

    def _info(self) -> pafs.FileInfo:
        return self.filesystem.get_file_info(self.path)

    def exists(self) -> bool:
        return self._info().type != pafs.FileType.NotFound

    def is_file(self) -> bool:
        return self._info().type == pafs.FileType.File

    def is_dir(self) -> bool:
        return self._info().type == pafs.FileType.Directory

    def is_symlink(self) -> bool:
        return False  # object stores have none

    def modified_seconds(self) -> float:
        mtime = self._info().mtime
        return mtime.timestamp() if mtime is not None else 0.0

    def iterdir(self) -> Iterator[StoreLocation]:
        for info in self.filesystem.get_file_info(pafs.FileSelector(self.path, allow_not_found=True)):
            yield self / info.base_name

    def mkdir(self, parents: bool = False, exist_ok: bool = False) -> None:
        # An object store's folders are only prefixes of its objects' names: nothing to make.
        if self.filesystem.type_name in ("local", "hdfs"):
            self.filesystem.create_dir(self.path, recursive=parents)

    def rmdir(self) -> None:
        """Remove an empty folder; raise OSError if it holds anything, as pathlib does."""
        if any(True for _ in self.iterdir()):
            raise OSError(f"{self} is not empty")
        if self.is_dir():
            self.filesystem.delete_dir(self.path)

    def unlink(self, missing_ok: bool = False) -> None:
        try:
            self.filesystem.delete_file(self.path)
        except FileNotFoundError:
            if not missing_ok:
                raise

    def read_bytes(self) -> bytes:
        with self.filesystem.open_input_stream(self.path) as stream:
            return stream.read()

    def read_text(self, encoding: str = "utf-8") -> str:
        return self.read_bytes().decode(encoding)

    def write_bytes(self, data: bytes | pa.Buffer) -> None:
        """The whole object in one write, all-or-nothing: an object store makes an object visible
        only once its upload is complete."""
        if self.filesystem.type_name == "local":
            raise TypeError("a file:// location is written through its local path (dateline.store.atomic)")
        with self.filesystem.open_output_stream(self.path) as stream:
            stream.write(data)


Location = Path | StoreLocation


def location(text: str | os.PathLike) -> Location:
    """A plain path as a pathlib.Path, a URI as a StoreLocation (file:// URIs become local paths, so
    the local disk is always written with a temporary file and a rename)."""
    if isinstance(text, StoreLocation):
        return text
    text = os.fspath(text)
    if not is_uri(text):
        return Path(text)
    found = StoreLocation.from_uri(text)
    if found.filesystem.type_name == "local":
        return Path("/" + found.path.lstrip("/"))
    return found


def resolve(place: str | os.PathLike | StoreLocation) -> tuple[pafs.FileSystem, str]:
    """The file system holding `place`, and the path of `place` on it."""
    if isinstance(place, StoreLocation):
        return place.filesystem, place.path
    text = os.fspath(place)
    if is_uri(text):
        return pafs.FileSystem.from_uri(text)
    return LOCAL, text


def write_parquet_object(table: pa.Table, target: StoreLocation) -> None:
    """A Parquet file written to an object store whole, in one PUT."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    target.write_bytes(sink.getvalue())


def exists(filesystem: pafs.FileSystem, path: str) -> bool:
    return filesystem.get_file_info(path).type != pafs.FileType.NotFound


def parquet_files(filesystem: pafs.FileSystem, folder: str) -> list[str]:
    """The Parquet files of a dataset folder, by name; none if the folder is missing. Names starting
    with "." or "_" (temporary files, bookkeeping) are not data."""
    listed = filesystem.get_file_info(pafs.FileSelector(folder, allow_not_found=True))
    return sorted(info.path for info in listed
                  if info.base_name.endswith(".parquet") and not info.base_name.startswith((".", "_")))
