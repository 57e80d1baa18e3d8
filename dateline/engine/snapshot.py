"""The sensor's view of raw/: a listing from stat alone, its digest (the sensor's cursor), and what
changed between two listings."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from dateline.engine.raw_files import require_raw_folder


def raw_snapshot(raw_dir: Path) -> dict[str, list[int]]:
    """{relative path: [size, mtime_ns]} of every non-hidden file under raw/, from stat alone.

    Cheap enough to run every few seconds on many thousands of files: nothing is opened or parsed.
    Sidecars are included, so editing a .meta.json counts as a change.
    """
    require_raw_folder(raw_dir)
    snapshot: dict[str, list[int]] = {}
    pending = [raw_dir]
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue  # hidden: half-copied uploads, editor swap files
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                elif entry.is_file():
                    stat = entry.stat()
                    snapshot[Path(entry.path).relative_to(raw_dir).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return snapshot


def snapshot_digest(snapshot: dict[str, list[int]]) -> str:
    """A short fingerprint of a raw_snapshot: equal digests, same files with the same sizes and mtimes."""
    digest = hashlib.sha256()
    for name in sorted(snapshot):
        size, mtime_ns = snapshot[name]
        digest.update(f"{name}\0{size}\0{mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def snapshot_changes(previous: dict[str, list[int]], current: dict[str, list[int]]) -> dict[str, list[int] | None]:
    """Files that are new or changed (with their new [size, mtime_ns]) or deleted (None)."""
    changes: dict[str, list[int] | None] = {
        name: signature for name, signature in current.items() if previous.get(name) != signature
    }
    changes.update({name: None for name in previous.keys() - current.keys()})
    return changes
