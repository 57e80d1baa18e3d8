"""Raw files as the pipeline sees them: names, stat signatures, content hashes, what the reader makes
of one, and which have changed since the manifest was written."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from dateline.engine.fingerprint import code_fingerprint
from dateline.ingest import read_raw_input
from dateline.ingest.clock import split_future
from dateline.ingest.folder import scan_raw_inputs
from dateline.ingest.formats import sidecar_for, takes_sidecar
from dateline.ingest.limits import MAX_FILE_BYTES
from dateline.ingest.reader import refusal
from dateline.model import Article, Quarantined
from dateline.store.manifest import Manifest, ManifestEntry, ManifestError


class RawFolderMissing(FileNotFoundError):
    pass


def require_raw_folder(raw_dir: Path) -> Path:
    """Fail loudly rather than 'succeed' with nothing when the raw folder is not where we look."""
    if not raw_dir.is_dir():
        raise RawFolderMissing(
            f"raw input folder {raw_dir} does not exist; create it or point DATELINE_DATA at the folder holding raw/"
        )
    return raw_dir


def relative_name(path: Path, raw_dir: Path) -> str:
    return path.relative_to(raw_dir).as_posix()


def companion_files(path: Path) -> list[Path]:
    """Files read together with `path`: a .txt's or .html's .meta.json sidecar, if present."""
    if takes_sidecar(path):
        sidecar = sidecar_for(path)
        if sidecar.is_file():
            return [sidecar]
    return []


def stat_signature(path: Path) -> tuple[int, int]:
    """(total size, latest mtime_ns) of a raw input and its companions, from stat alone."""
    stats = [p.lstat() if p.is_symlink() and not p.exists() else p.stat() for p in (path, *companion_files(path))]
    return sum(s.st_size for s in stats), max(s.st_mtime_ns for s in stats)


def content_hash(path: Path, raw_dir: Path) -> str:
    """sha256 of a raw input and its companions. What the reader refuses to open (a link leading out of
    raw/, a pipe), a file too large to read, or one that cannot be read hashes by its stat, so it is
    looked at again (and quarantined by the reader) whenever that changes."""
    digest = hashlib.sha256()
    refused = refusal(path, raw_dir)
    for part in (path, *companion_files(path)):
        digest.update(part.name.encode())
        digest.update(b"\0")
        try:
            if refused or part.stat().st_size > MAX_FILE_BYTES:
                raise OSError("not read")
            with part.open("rb") as handle:
                digest.update(hashlib.file_digest(handle, "sha256").digest())
        except OSError:
            digest.update(f"unread:{refused}:{stat_signature(path)}".encode())
    return digest.hexdigest()


@dataclass
class FileRead:
    """What read_raw_input made of one raw file."""

    relative: str
    articles: list[Article]
    quarantined: list[Quarantined]
    units: list[tuple[str, int | None]]


def read_one_file(path: Path, raw_dir: Path) -> FileRead:
    articles, quarantined, units = read_raw_input(path, raw_dir)
    return FileRead(relative_name(path, raw_dir), list(articles), list(quarantined), list(units))


def judged_by_clock(read: FileRead, today: date) -> tuple[FileRead, str]:
    """The read with its articles from the future (dateline.ingest.clock) turned into quarantine rows,
    and the first run date ("YYYY-MM-DD") on which the file must be read again, or "" if none."""
    kept, future, recheck = split_future(read.articles, today)
    if not future:
        return read, ""
    return replace(read, articles=kept, quarantined=read.quarantined + future), recheck.isoformat()


def due_for_recheck(entry: ManifestEntry, today: date | None) -> bool:
    """Whether a file holding articles from the future has reached the day they are no longer that."""
    return bool(today is not None and entry.recheck_on and entry.recheck_on <= today.isoformat())


def files_changed_by_stat(raw_dir: Path, processed_dir: Path, *, reprocess_all: bool = False,
                          today: date | None = None) -> dict[str, int]:
    """{relative path: bytes} of the raw files whose size or mtime differs from the manifest's (every
    file after a code change or when asked), and, given the run's date, those due for a recheck of
    their future publication dates: what the next ingest will look at, from stat alone."""
    return pending_work(raw_dir, processed_dir, reprocess_all=reprocess_all, today=today)[0]


def pending_work(raw_dir: Path, processed_dir: Path, *, reprocess_all: bool = False,
                 today: date | None = None, manifest: Manifest | None = None) -> tuple[dict[str, int], list[str]]:
    """What the next ingest has to do, from stat and the manifest (loaded unless given): the files it
    will look at ({relative path: bytes}, as files_changed_by_stat) and the files the manifest holds
    that are gone."""
    if not raw_dir.is_dir():
        return {}, []  # the run itself reports the missing folder
    if manifest is None:
        try:
            manifest = Manifest.load(processed_dir)
        except ManifestError:
            manifest = Manifest()  # the ingest reports it; everything is then to be read anyway
    everything = reprocess_all or manifest.code_fingerprint != code_fingerprint()
    changed = {}
    present = set()
    for found in scan_raw_inputs(raw_dir):
        present.add(found.relative)
        known = manifest.files.get(found.relative)
        if everything or not known or (known.size, known.mtime_ns) != found.signature or due_for_recheck(known, today):
            changed[found.relative] = found.signature[0]
    return changed, sorted(manifest.files.keys() - present)


def changed_input_bytes(raw_dir: Path, processed_dir: Path, *, reprocess_all: bool = False,
                        today: date | None = None) -> int:
    """Bytes of raw input the next ingest will look at: how much work a run has ahead of it."""
    return sum(files_changed_by_stat(raw_dir, processed_dir, reprocess_all=reprocess_all, today=today).values())
