"""A date-range read of a large timeline: one Parquet file against the published build's month files.

    .venv/bin/python -m benchmarks.partitioned_read [--rows 1000000] [--runs 5]

Builds a synthetic timeline with the real schema (dateline.timeline.TIMELINE_SCHEMA), its events spread
over twenty years and denser in recent ones, most dated to a day and some to a week, a month or a year.
It is written once as one sorted file, as the timeline was published before (the staging step's own
writer), and once published as a build (dateline.store.publishing.publish_timeline: files of whole months
of `earliest` gathered up to about FILE_ROWS rows a file). Then `dateline.read_timeline(between=...)` of one month and of one year on each,
warm, the median of R runs, with the Parquet files each read opened. A report, not a test.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.fs as pafs

from dateline.store import timeline_builds
from dateline.store.layout import staged_timeline_path
from dateline.store.publishing import BUILD_KEY, publish_timeline
from dateline.timeline import TIMELINE_SCHEMA, write_sorted_atomically
from dateline.timeline_query import read_timeline

FIRST_YEAR, YEARS = 2006, 20
# share of rows by how their date is known, and how long the interval of each runs
GRANULARITIES = {"day": 0.80, "week": 0.05, "month": 0.10, "year": 0.05}
QUERIES = {"one month": ("2024-06-01", "2024-06-30"), "one year": ("2023-01-01", "2023-12-31")}

# Made up for this benchmark: words and sentences of no corpus.
TRIGGERS = ["met", "signed", "announced", "opened", "visited", "said", "voted", "resigned", "launched", "closed"]
KINDS = ["meeting", "agreement", "statement", "opening", "visit", "vote", "departure", "launch", "closure", "other"]
NAMES = ["Marta Quill", "Osei Brandt", "Lumen Works", "Harbor Council", "Iris Tanaka", "Corvid Bank"]
PLACES = ["Lisbon", "Accra", "Osaka", "Tromso", "Quito", "Perth"]
SENTENCES = [
    "The harbour board met on Tuesday to settle the dispute over mooring fees.",
    "Officials said the new line would open to passengers in the spring.",
    "The two firms signed the supply agreement after a year of talks.",
    "She visited the flooded district last week, aides said.",
]


class CountingFiles(pafs.FileSystemHandler):
    """The local disk, noting every file opened for reading: what a read really touched."""

    def __init__(self):
        self.local = pafs.LocalFileSystem()
        self.opened: list[str] = []

    def parquet_opened(self) -> int:
        """How many distinct Parquet files were opened (a file's footer and its data count once)."""
        return len({path for path in self.opened if path.endswith(".parquet")})

    def get_type_name(self): return "counting-local"
    def normalize_path(self, path): return self.local.normalize_path(path)
    def equals(self, other): return self is other
    def get_file_info(self, paths): return self.local.get_file_info(paths)
    def get_file_info_selector(self, selector): return self.local.get_file_info(selector)
    def create_dir(self, path, recursive): self.local.create_dir(path, recursive=recursive)
    def delete_dir(self, path): self.local.delete_dir(path)
    def delete_dir_contents(self, path, missing_dir_ok=False): self.local.delete_dir_contents(path, missing_dir_ok=missing_dir_ok)
    def delete_root_dir_contents(self): raise OSError("refused: the root's contents")
    def delete_file(self, path): self.local.delete_file(path)
    def move(self, src, dest): self.local.move(src, dest)
    def copy_file(self, src, dest): self.local.copy_file(src, dest)
    def open_output_stream(self, path, metadata): return self.local.open_output_stream(path, metadata=metadata)
    def open_append_stream(self, path, metadata): return self.local.open_append_stream(path, metadata=metadata)

    def open_input_stream(self, path):
        self.opened.append(path)
        return self.local.open_input_stream(path)

    def open_input_file(self, path):
        self.opened.append(path)
        return self.local.open_input_file(path)


def synthetic_timeline(rows: int, seed: int = 7) -> pa.Table:
    """`rows` timeline rows with the real schema; dates as described in the module."""
    draw = np.random.default_rng(seed)
    weights = np.linspace(1.0, 4.0, YEARS)  # four times as many events in the last year as in the first
    years = FIRST_YEAR + draw.choice(YEARS, size=rows, p=weights / weights.sum())
    starts = np.array([np.datetime64(date(year, 1, 1)) for year in range(FIRST_YEAR, FIRST_YEAR + YEARS + 1)])
    lengths = (starts[1:] - starts[:-1]).astype(int)
    day = starts[years - FIRST_YEAR] + (draw.random(rows) * lengths[years - FIRST_YEAR]).astype("timedelta64[D]")
    kind = draw.choice(list(GRANULARITIES), size=rows, p=list(GRANULARITIES.values()))
    earliest, latest = day.copy(), day.copy()
    week = kind == "week"
    latest[week] = day[week] + np.timedelta64(6, "D")
    month = kind == "month"
    earliest[month] = day[month].astype("datetime64[M]").astype("datetime64[D]")
    latest[month] = (day[month].astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    year = kind == "year"
    earliest[year] = day[year].astype("datetime64[Y]").astype("datetime64[D]")
    latest[year] = (day[year].astype("datetime64[Y]") + 1).astype("datetime64[D]") - 1
    published = latest + draw.integers(0, 30, size=rows).astype("timedelta64[D]")
    columns = {
        "event_id": [f"ev{n:08x}" for n in range(rows)],
        "article_id": [f"ar{n // 12:07x}" for n in range(rows)],
        "earliest": pa.array(earliest, pa.date32()),
        "latest": pa.array(latest, pa.date32()),
        "granularity": pa.array(kind, pa.string()),
        "published": pa.array(published.astype("datetime64[us]"), pa.timestamp("us", tz="UTC")),
        "published_date": pa.array(published, pa.date32()),
        "confidence": pa.array(draw.choice(["high", "medium", "low"], size=rows, p=[0.55, 0.25, 0.2])),
    }
    picks = draw.integers(0, len(TRIGGERS), size=rows)
    columns["trigger"] = pa.array(np.array(TRIGGERS)[picks])
    columns["event_kind"] = pa.array(np.array(KINDS)[picks])
    columns["quote"] = pa.array(np.array(SENTENCES)[draw.integers(0, len(SENTENCES), size=rows)])
    columns["description"] = columns["quote"]
    starts_at = draw.integers(0, 4000, size=rows).astype(np.int32)
    for name in ("trigger_start", "quote_start", "time_start"):
        columns[name] = pa.array(starts_at)
    for name in ("trigger_end", "quote_end", "time_end"):
        columns[name] = pa.array(starts_at + 8)
    offsets = pa.array(np.arange(rows + 1, dtype=np.int32))
    who = pa.array(np.array(NAMES)[draw.integers(0, len(NAMES), size=rows)])
    where = pa.array(np.array(PLACES)[draw.integers(0, len(PLACES), size=rows)])
    for name in ("who", "agents", "entity_ids"):
        columns[name] = pa.ListArray.from_arrays(offsets, who)
    columns["where"] = pa.ListArray.from_arrays(offsets, where)
    constants = {"polarity": "positive", "modality": "actual", "relation": "during", "link_rule": "same_clause",
                 "confidence_reason": "governed", "source_file": "wire.jsonl", "rule": "weekday/weekday_past",
                 "time_text": "on Tuesday", "url": "https://news.example/story", "publisher": "news.example"}
    table = pa.table({name: columns.get(name) if name in columns else _filled(field, rows, constants)
                      for name, field in zip(TIMELINE_SCHEMA.names, TIMELINE_SCHEMA)})
    return table.cast(TIMELINE_SCHEMA)


def _filled(field: pa.Field, rows: int, constants: dict[str, str]) -> pa.Array:
    """A column the reads do not look into: a constant where one is given or the column is required, else nulls."""
    if field.name in constants:
        return pa.array([constants[field.name]] * rows, pa.string())
    if pa.types.is_boolean(field.type):
        return pa.array(np.zeros(rows, dtype=bool))
    return pa.nulls(rows, field.type)


def timed_read(location, between, runs: int) -> tuple[float, int, int]:
    """Median seconds of `runs` reads (after one warm-up), the Parquet files one read opened, and its rows."""
    counting = CountingFiles()
    where = (pafs.PyFileSystem(counting), str(location))
    rows = len(read_timeline(where, between=between))
    opened = counting.parquet_opened()
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        read_timeline(where, between=between)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), opened, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--file-rows", type=int, default=timeline_builds.FILE_ROWS,
                        help="rows a build's file gathers whole months up to (to try another size; 1: a file per month)")
    args = parser.parse_args()
    timeline_builds.FILE_ROWS = args.file_rows
    with tempfile.TemporaryDirectory(prefix="dateline-partitioned-read-") as scratch:
        processed = Path(scratch) / "processed"
        started = time.perf_counter()
        table = synthetic_timeline(args.rows)
        made = time.perf_counter() - started
        single = staged_timeline_path(processed)
        started = time.perf_counter()
        write_sorted_atomically([table], single, {BUILD_KEY: uuid.uuid4().hex.encode()})
        written_single = time.perf_counter() - started
        del table
        started = time.perf_counter()
        published = publish_timeline(processed)
        written_build = time.perf_counter() - started
        print(f"# {args.rows:,} rows over {YEARS} years; made in {made:.1f} s; one file written in "
              f"{written_single:.1f} s ({single.stat().st_size / 2**20:.0f} MiB); published in {written_build:.1f} s as "
              f"{len(published.parts)} files of whole months, up to about {args.file_rows:,} rows each")
        print(f"{'read':>10}  {'layout':>12}  {'median s':>9}  {'files read':>10}  {'rows':>8}")
        for name, between in QUERIES.items():
            for layout, location in (("one file", single), ("partitioned", processed)):
                seconds, opened, rows = timed_read(location, between, args.runs)
                print(f"{name:>10}  {layout:>12}  {seconds:9.3f}  {opened:10d}  {rows:8d}")


if __name__ == "__main__":
    main()
