"""read_raw_input: one raw file -> its articles, quarantine rows and input units. Never raises on bad input."""
from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from dateline.ingest import formats, reasons
from dateline.ingest.dedup import deduplicate_articles
from dateline.model import Article, Quarantined

InputUnit = tuple[str, int | None]  # (source_file relative to the raw folder with "/", 1-based line/entry or None)
Reader = Callable[[Path, str], list[formats.Outcome]]

READERS_BY_SUFFIX: dict[str, Reader] = {
    ".txt": formats.read_txt,
    ".json": formats.read_json,
    ".jsonl": formats.read_jsonl,
    ".html": formats.read_html,
    ".htm": formats.read_html,
    ".xml": formats.read_feed,
    ".rss": formats.read_feed,
    ".atom": formats.read_feed,
}
FEED_SUFFIXES = frozenset(suffix for suffix, reader in READERS_BY_SUFFIX.items() if reader is formats.read_feed)


def source_name(path: Path, raw_dir: Path) -> str:
    """The path relative to raw_dir, "/"-separated (the same on every operating system)."""
    try:
        return path.relative_to(raw_dir).as_posix()
    except ValueError:
        raise ValueError(f"{path} is not inside the raw folder {raw_dir}") from None


def refusal(path: Path, raw_dir: Path) -> tuple[str, str] | None:
    """(reason, detail) when a listed path must not be opened at all, else None.

    Symbolic links are followed only to regular files inside raw_dir: one pointing elsewhere would let
    a raw folder read (and publish) any file on the machine, and a linked folder could loop. Anything
    not a regular file (a pipe, a socket, a device) could block a reader forever.
    """
    if path.is_symlink():
        target = os.path.realpath(path)
        if not os.path.exists(target):
            return reasons.UNREADABLE_FILE, "a symbolic link whose target does not exist (or loops)"
        if not Path(target).is_relative_to(os.path.realpath(raw_dir)):
            return reasons.UNSAFE_LINK, "a symbolic link to a file outside the raw folder; copy the file in instead"
        if os.path.isdir(target):
            return reasons.UNSAFE_LINK, "a symbolic link to a folder; links to folders are not followed"
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return reasons.UNREADABLE_FILE, f"{type(error).__name__}: {error.strerror or error}"
    if not stat.S_ISREG(mode):
        return reasons.UNREADABLE_FILE, "not a regular file (a pipe, socket or device), so it is not opened"
    return None


def read_raw_input(path: Path, raw_dir: Path) -> tuple[list[Article], list[Quarantined], list[InputUnit]]:
    """Read one raw file.

    Every input unit in it (see dateline.ingest.formats) comes back exactly once: as an Article or as a
    Quarantined row, and in the returned units. Bad content never raises; a path outside raw_dir does
    (that is a caller's mistake, not bad data). A sidecar whose article exists is part of that article
    and is not an input of its own: reading it directly returns nothing. Copies of one text within the
    file become duplicate_article rows.
    """
    source_file = source_name(path, raw_dir)
    refused = refusal(path, raw_dir)
    if refused:
        outcomes: list[formats.Outcome] = [Quarantined(source_file, None, *refused)]
    else:
        outcomes = _reader_for(path)(path, source_file)
    units = [(outcome.source_file, outcome.source_line) for outcome in outcomes]
    articles = [outcome for outcome in outcomes if isinstance(outcome, Article)]
    quarantined = [outcome for outcome in outcomes if isinstance(outcome, Quarantined)]
    articles, duplicates = deduplicate_articles(articles)
    return articles, quarantined + duplicates, units


def _reader_for(path: Path) -> Reader:
    if formats.is_sidecar_name(path):
        return _read_nothing if formats.has_article_beside(path) else formats.read_orphan_sidecar
    return READERS_BY_SUFFIX.get(path.suffix.lower(), formats.read_unsupported)


def _read_nothing(path: Path, source_file: str) -> list[formats.Outcome]:
    return []
