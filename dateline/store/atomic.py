"""Writing safely: one writer at a time (the lock on processed/), whole files or none (a temporary
file beside the target, then a rename), and the temporary files of a killed writer cleared away.

The Parquet writers of the same kind (write_parquet_atomically, write_sorted_atomically,
copy_atomically) are still in dateline.timeline."""
from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator

from dateline.store.filesystem import Location, StoreLocation
from dateline.store.layout import LOCK_NAME, TEMPORARY_NAME, WRITTEN_FOLDERS


def write_text_atomically(target: Location, text: str) -> None:
    if isinstance(target, StoreLocation):
        target.write_bytes(text.encode("utf-8"))  # one PUT: whole or not at all
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise



@contextlib.contextmanager
def writer_lock(processed_dir: Location) -> Iterator[None]:
    """Hold an exclusive lock on the processed folder: a second writer waits until the first is done."""
    if isinstance(processed_dir, StoreLocation):
        raise ObjectStoreLockError(
            f"{processed_dir} is on an object store, which has no file lock: its writers are not made exclusive "
            "here yet (docs/object_store.md)")
    processed_dir.mkdir(parents=True, exist_ok=True)
    with open(processed_dir / LOCK_NAME, "a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class ObjectStoreLockError(RuntimeError):
    pass


def remove_leftover_temporaries(processed_dir: Location) -> list[Location]:
    """Delete temporary files left by a writer that was killed mid-write (kill -9, power loss).

    Call only while holding the writer lock: every writer holds it, so any temporary file found then
    belongs to a process that died before it could rename or remove it.
    """
    removed = []
    for name in WRITTEN_FOLDERS:
        folder = processed_dir / name
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if TEMPORARY_NAME.fullmatch(path.name) and path.is_file():
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed
