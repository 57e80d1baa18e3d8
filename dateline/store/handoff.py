"""Handoff files: what one step of a run leaves under processed/.staging/handoff/ for a later step
(raw files read ahead for the ingest, tagged rows for the events shards)."""
from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

from dateline.store.layout import handoff_folder

_ABANDONED_AFTER_SECONDS = 24 * 3600  # a handoff file this old belongs to a run that died


def new_handoff_path(processed_dir: Path, suffix: str) -> Path:
    """A fresh, unique file name for one step to hand data to a later one. Nothing else writes it,
    and readers open only names they were given, so a step that dies half-way leaves a file nobody
    reads (removed by remove_handoffs once abandoned)."""
    folder = handoff_folder(processed_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{uuid.uuid4().hex}{suffix}"


def remove_handoffs(processed_dir: Path, used: Sequence[Path]) -> None:
    """Delete the handoff files a step has used, and any abandoned by runs that died long ago."""
    for path in used:
        Path(path).unlink(missing_ok=True)
    folder = handoff_folder(processed_dir)
    if not folder.is_dir():
        return
    cutoff = time.time() - _ABANDONED_AFTER_SECONDS
    for path in folder.iterdir():
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()
    with contextlib.suppress(OSError):
        folder.rmdir()  # only if empty: another run's steps may be handing files over meanwhile
