"""Ingest: raw article files -> Article records, and a Quarantined row (with a reason) for everything else.

Formats, input units and quarantine rules: see dateline.ingest.formats and dateline.ingest.assemble;
publication dates: dateline.ingest.published (and from the future: dateline.ingest.clock); feed footers: dateline.ingest.boilerplate;
reason codes: dateline.ingest.reasons.

Accounting: every input unit (a file, or a non-blank line of a .jsonl) appears exactly once, either as an
Article (source_file, source_line) or as a Quarantined row.

The bundled samples in data/raw/ (5 articles, 2 quarantine rows from 7 input units):
- 2025-03-04-port-ellery-ferry.txt + .meta.json: RFC 2822 date with -0500, ends in a feed footer;
  "said Monday" and "on Tuesday" in a Tuesday story, "will meet Friday", "this past winter" in March,
  "two weeks ago", "earlier this month", "for months", "more than 30 years", "last year"; negatives
  "May I" and "$5,000".
- 2024-09-10-calder-transit-strike.txt: YAML front matter, "September 10, 2024 9:05 PM EDT" (local date
  2024-09-10, UTC 2024-09-11); "the next day" and "two days later" after an absolute date,
  "until last year", "will meet Friday"; negative "a march on the capital".
- 2023-10-26-halvorsen-earnings.json: ISO 8601 with +02:00; "third-quarter profit", "the second
  quarter", "mid-2024", "the 1990s", "last year"; negative "the 737".
- feed-batch-2024.jsonl: two articles (ISO without zone; RFC 2822 with its text under "body") with
  "since March", "$800 a month", "two weeks ago", "for months", a blank line (not an input) and one
  broken line (bad_json).
- undated-wire-brief.txt: no sidecar and no front matter -> missing_published.
"""
from __future__ import annotations

from dateline.ingest.dedup import deduplicate_articles
from dateline.ingest.folder import IngestResult, list_raw_inputs, read_raw_folder
from dateline.ingest.published import parse_published
from dateline.ingest.reader import read_raw_input

__all__ = [
    "IngestResult",
    "deduplicate_articles",
    "list_raw_inputs",
    "parse_published",
    "read_raw_folder",
    "read_raw_input",
]
