"""read_raw_input: one raw file -> its articles, quarantine rows and input units. Never raises on bad input."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dateline.ingest import formats
from dateline.ingest.dedup import deduplicate_articles
from dateline.model import Article, Quarantined

InputUnit = tuple[str, int | None]  # (source_file relative to the raw folder with "/", 1-based line or None)
Reader = Callable[[Path, str], list[formats.Outcome]]

READERS_BY_SUFFIX: dict[str, Reader] = {
    ".txt": formats.read_txt,
    ".json": formats.read_json,
    ".jsonl": formats.read_jsonl,
}


def source_name(path: Path, raw_dir: Path) -> str:
    """The path relative to raw_dir, "/"-separated (the same on every operating system)."""
    try:
        return path.relative_to(raw_dir).as_posix()
    except ValueError:
        raise ValueError(f"{path} is not inside the raw folder {raw_dir}") from None


def read_raw_input(path: Path, raw_dir: Path) -> tuple[list[Article], list[Quarantined], list[InputUnit]]:
    """Read one raw file.

    Every input unit in it (see dateline.ingest.formats) comes back exactly once: as an Article or as a
    Quarantined row, and in the returned units. Bad content never raises; a path outside raw_dir does
    (that is a caller's mistake, not bad data). A sidecar whose .txt exists is part of that .txt and is
    not an input of its own: reading it directly returns nothing. Copies of one text within the file
    become duplicate_article rows.
    """
    source_file = source_name(path, raw_dir)
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
