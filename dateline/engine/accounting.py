"""Accounting: every input unit in raw/ (recounted from the files, not the manifest) against the rows of
articles + quarantine, each unit exactly once. What the `inputs_accounted_for` check judges."""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from dateline.engine.raw_files import relative_name, require_raw_folder
from dateline.ingest.feeds import count_feed_entries
from dateline.ingest.folder import scan_raw_inputs
from dateline.ingest.limits import MAX_FILE_BYTES
from dateline.ingest.reader import FEED_SUFFIXES, refusal
from dateline.store import datasets
from dateline.store.layout import ARTICLES, QUARANTINE


@dataclass
class Accounting:
    """Input units in raw/ against rows in articles + quarantine: each unit exactly once."""

    inputs: int
    articles: int
    quarantined: int
    missing: list[tuple[str, int | None]]  # units in raw/ with no row
    extra: list[tuple[str, int | None]]  # rows matching no unit, or a unit's second row

    @property
    def balanced(self) -> bool:
        return not self.missing and not self.extra and self.inputs == self.articles + self.quarantined


def count_input_units(path: Path, raw_dir: Path, source: str | None = None) -> list[tuple[str, int | None]]:
    """A raw file's input units, counted from its bytes without building any article.

    Follows the ingest contract independently of the article reader: a file is one unit, except a
    .jsonl, each of whose non-blank lines is one, and a feed, each of whose entries is one (counted by
    the same feed parser the reader uses). The file is a single unit when it has none, is refused
    unopened, is over the size limit or cannot be read.
    """
    source = source or relative_name(path, raw_dir)
    suffix = os.path.splitext(source)[1].lower()
    if suffix != ".jsonl" and suffix not in FEED_SUFFIXES:
        return [(source, None)]
    try:
        if refusal(path, raw_dir) or path.stat().st_size > MAX_FILE_BYTES:
            return [(source, None)]
        data = path.read_bytes()
    except OSError:
        return [(source, None)]
    if suffix == ".jsonl":
        units = [(source, number) for number, line in enumerate(data.split(b"\n"), start=1) if line.strip()]
    else:
        units = [(source, number) for number in range(1, count_feed_entries(data) + 1)]
    return units or [(source, None)]


def recount_inputs(raw_dir: Path) -> Counter:
    """Every input unit in raw/ now, counted afresh from the files (not from the manifest)."""
    require_raw_folder(raw_dir)
    units: Counter = Counter()
    for found in scan_raw_inputs(raw_dir):
        units.update(count_input_units(found.path, raw_dir, found.relative))
    return units


def account(raw_dir: Path, processed_dir: Path) -> Accounting:
    expected = recount_inputs(raw_dir)
    columns = ["source_file", "source_line"]
    articles = datasets.read_dataset(processed_dir, ARTICLES, columns)
    quarantined = datasets.read_dataset(processed_dir, QUARANTINE, columns)
    found: Counter = Counter()
    for table in (articles, quarantined):
        found.update(zip(table.column("source_file").to_pylist(), table.column("source_line").to_pylist()))
    return Accounting(
        inputs=sum(expected.values()),
        articles=articles.num_rows,
        quarantined=quarantined.num_rows,
        missing=sorted((expected - found).elements(), key=_unit_order),
        extra=sorted((found - expected).elements(), key=_unit_order),
    )


def _unit_order(unit: tuple[str, int | None]) -> tuple[str, int]:
    return unit[0], -1 if unit[1] is None else unit[1]
