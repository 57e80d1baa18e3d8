"""Reading raw files ahead of the ingest, in groups that separate processes can take at once.

Parsing raw files (JSON, feeds, HTML, metadata, language checks) and hashing them is most of an
ingest's cost and needs no lock: it only reads raw/. So a run plans the files that look new or
changed (`plan_reading`, by stat alone), has groups of them read in parallel steps (`read_group`,
each writing what it read to one handoff file under processed/.staging/), and then the ingest proper
(`dateline.engine.ingesting.sync_articles`, under the writer lock) takes each pre-read file whose size and
mtime are still those it was read with, and reads any other itself. A pre-read is only ever a
shortcut: the ingest decides everything, from the files as they are when it runs.
"""
from __future__ import annotations

import pickle
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dateline.engine.raw_files import FileRead, content_hash, files_changed_by_stat, read_one_file, stat_signature
from dateline.engine.work_groups import deal
from dateline.store.filesystem import Location
from dateline.store.handoff import new_handoff_path


@dataclass
class PreRead:
    """One raw file as read ahead: its stat signature before reading, its content hash, and what
    the reader made of it."""

    relative: str
    signature: tuple[int, int]
    sha256: str
    read: FileRead


def plan_reading(raw_dir: Path, processed_dir: Location, groups: int, *, reprocess_all: bool = False,
                 today: date | None = None) -> list[list[str]]:
    """The raw files that look new or changed (or are due for a recheck on the run's date `today`),
    dealt into at most `groups` groups of about equal bytes; always at least one group, empty if there
    is nothing to read."""
    sizes = files_changed_by_stat(raw_dir, processed_dir, reprocess_all=reprocess_all, today=today)
    return deal({relative: size + 1 for relative, size in sizes.items()}, groups)  # +1: empty files count too


def read_group(raw_dir: Path, processed_dir: Location, relatives: list[str]) -> Location:
    """Read and hash the raw files `relatives`; write them to a new reads file and return its path."""
    reads = []
    for relative in relatives:
        path = raw_dir / relative
        if not path.exists() and not path.is_symlink():
            continue  # gone since the plan: the ingest sees that for itself
        before = stat_signature(path)
        sha256 = content_hash(path, raw_dir)
        read = read_one_file(path, raw_dir)
        if stat_signature(path) == before:  # else it changed while read: leave it to the ingest
            reads.append(PreRead(relative, before, sha256, read))
    target = new_handoff_path(processed_dir, ".pickle")
    target.write_bytes(pickle.dumps(reads, protocol=pickle.HIGHEST_PROTOCOL))  # one write, local or a bucket
    return target


def load_prereads(paths: list[Location]) -> dict[str, PreRead]:
    """The pre-reads in these reads files, by relative path (a missing or broken file is skipped:
    its files are simply read again)."""
    found: dict[str, PreRead] = {}
    for path in paths:
        try:
            reads = pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            continue
        found.update((item.relative, item) for item in reads)
    return found
