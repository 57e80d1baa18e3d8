"""The published timeline as builds followed through a pointer (dateline.store.timeline_builds): one
file per month of `earliest`, the folder pandas reads being exactly the sorted timeline, date-range
reads opening only the files they need, and readers in other processes never seeing a mix of two
publishes. Real files and real processes throughout."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import uuid
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest

import dateline
from benchmarks.partitioned_read import CountingFiles  # the local disk, noting each file opened for reading
from dateline.store import timeline_builds
from dateline.store.layout import (
    TIMELINE,
    TIMELINE_BUILDS,
    TIMELINE_POINTER_NAME,
    staged_timeline_path,
    timeline_pointer_path,
)
from dateline.store.publishing import BUILD_KEY, publish_timeline, published_build
from dateline.store.timeline_builds import published_timeline, write_build, write_pointer
from dateline.timeline import TIMELINE_SCHEMA, write_parquet_atomically, write_sorted_atomically
from dateline.timeline_query import TimelineQueryError

REPO_ROOT = Path(__file__).resolve().parents[1]


def timeline_rows(first_day: date, days: int, every: int, trigger: str, *, long_from: date | None = None) -> list[dict]:
    """Rows for a made-up desk: one meeting every `every` days from `first_day`, high confidence; with
    `long_from`, one more row that spans a whole year from that day (a "this year" kind of date)."""
    rows = [_row(f"{trigger}-{n}", first_day + timedelta(days=n), first_day + timedelta(days=n), trigger)
            for n in range(0, days, every)]
    if long_from is not None:
        rows.append(_row(f"{trigger}-year", long_from, long_from.replace(year=long_from.year + 1) - timedelta(days=1),
                         trigger, granularity="year"))
    return rows


def _row(event_id: str, earliest: date, latest: date, trigger: str, granularity: str = "day") -> dict:
    published = latest + timedelta(days=1)
    return {
        "event_id": event_id, "article_id": f"article-{event_id}", "trigger": trigger, "trigger_start": 10,
        "trigger_end": 10 + len(trigger), "event_kind": "meeting", "polarity": "positive", "modality": "actual",
        "from_title": False, "relation": "during", "earliest": earliest, "latest": latest, "granularity": granularity,
        "link_rule": "same_clause", "confidence": "high", "confidence_reason": "governed",
        "published": pd.Timestamp(published, tz="UTC").to_pydatetime(), "published_date": published,
        "source_file": f"{event_id}.txt", "who": ["Marta Quill"], "where": ["Lisbon"], "time_text": "on Tuesday",
    }


@pytest.fixture
def month_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file per month: the timelines of these tests are far smaller than a build's file holds."""
    monkeypatch.setattr(timeline_builds, "FILE_ROWS", 1)


def stage(processed: Path, rows: list[dict]) -> str:
    """Stage a timeline of `rows` with a new build id, as the staging step does."""
    build = uuid.uuid4().hex
    table = pa.Table.from_pylist(rows, schema=TIMELINE_SCHEMA)
    write_sorted_atomically([table], staged_timeline_path(processed), {BUILD_KEY: build.encode()})
    return build


def test_one_file_per_month_and_the_folder_reads_as_exactly_the_staged_timeline(tmp_path: Path, month_files):
    processed = tmp_path / "processed"
    build = stage(processed, timeline_rows(date(2023, 11, 20), 120, 3, "met", long_from=date(2023, 12, 1)))
    published = publish_timeline(processed)
    assert published.build == build == published_build(processed)
    assert [part.name for part in published.parts] == ["2023-11.parquet", "2023-12.parquet", "2024-01.parquet",
                                                       "2024-02.parquet", "2024-03.parquet"]
    # a row spanning a year sits in its first month, and that file says how far it reaches
    december = published.parts[1]
    assert (december.earliest, december.latest) == (date(2023, 12, 1), date(2024, 11, 30))
    staged = pd.read_parquet(staged_timeline_path(processed))
    pd.testing.assert_frame_equal(pd.read_parquet(processed / TIMELINE), staged)  # what analysts read
    assert (processed / TIMELINE).is_symlink() and os.readlink(processed / TIMELINE) == f"{TIMELINE_BUILDS}/{build}"
    assert published.read().to_pylist() == pq.read_table(staged_timeline_path(processed)).to_pylist()
    for part in published.parts:
        assert pq.read_metadata(Path(published.folder) / part.name).num_rows == part.rows
        assert pq.read_schema(Path(published.folder) / part.name).metadata[BUILD_KEY] == build.encode()


def test_files_gather_whole_months_up_to_their_size_and_are_named_by_their_first(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(timeline_builds, "FILE_ROWS", 40)
    processed = tmp_path / "processed"
    # a row a day from mid-January 2024 for 100 days; then two a day in June and one a day in July
    rows = timeline_rows(date(2024, 1, 15), 100, 1, "met") + timeline_rows(date(2024, 6, 1), 61, 1, "signed")
    rows += timeline_rows(date(2024, 6, 1), 30, 1, "voted")
    stage(processed, rows)
    published = publish_timeline(processed)
    # January (17) and February (29) reach 40; March (31) and April (23) too; June (60) alone; July the rest
    assert [(part.name, part.rows) for part in published.parts] == [
        ("2024-01.parquet", 46), ("2024-03.parquet", 54), ("2024-06.parquet", 60), ("2024-07.parquet", 31)]
    pd.testing.assert_frame_equal(pd.read_parquet(processed / TIMELINE), pd.read_parquet(staged_timeline_path(processed)))
    for part in published.parts:
        metadata = pq.read_metadata(Path(published.folder) / part.name)
        assert metadata.num_rows == part.rows
        assert all(metadata.row_group(n).num_rows <= timeline_builds.ROW_GROUP_ROWS for n in range(metadata.num_row_groups))
    assert dateline.read_timeline(processed, between=("2024-06-10", "2024-06-10"), min_confidence="low").shape[0] == 2


def test_an_empty_timeline_is_published_with_its_schema(tmp_path: Path):
    processed = tmp_path / "processed"
    stage(processed, [])
    published = publish_timeline(processed)
    assert published.rows == 0 and len(published.parts) == 1
    assert pd.read_parquet(processed / TIMELINE).empty
    assert dateline.read_timeline(processed, between=("2024-01-01", "2024-12-31")).empty


def test_each_publish_keeps_the_build_before_and_removes_older_ones(tmp_path: Path):
    processed = tmp_path / "processed"
    builds = []
    for days in (10, 40, 70):
        builds.append(stage(processed, timeline_rows(date(2024, 1, 1), days, 1, "met")))
        publish_timeline(processed)
    assert sorted(p.name for p in (processed / TIMELINE_BUILDS).iterdir()) == sorted(builds[1:])
    assert json.loads(Path(timeline_pointer_path(processed)).read_text())["previous"] == builds[1]
    assert len(pd.read_parquet(processed / TIMELINE)) == 70
    # publishing the same staged build again writes nothing
    written = Path(timeline_pointer_path(processed)).stat().st_mtime_ns
    publish_timeline(processed)
    assert Path(timeline_pointer_path(processed)).stat().st_mtime_ns == written


def test_a_timeline_folder_of_an_earlier_version_is_read_then_replaced_by_the_first_build(tmp_path: Path):
    processed = tmp_path / "processed"
    old_rows = timeline_rows(date(2024, 5, 1), 20, 1, "met")
    write_parquet_atomically(pa.Table.from_pylist(old_rows, schema=TIMELINE_SCHEMA), processed / TIMELINE / "part-0.parquet")
    assert len(dateline.read_timeline(processed, between=("2024-05-03", "2024-05-04"))) == 2
    assert published_timeline(processed).parts[0].name == "part-0.parquet"
    stage(processed, timeline_rows(date(2024, 5, 1), 50, 1, "met"))
    publish_timeline(processed)
    assert (processed / TIMELINE).is_symlink() and len(pd.read_parquet(processed / TIMELINE)) == 50


def test_a_date_range_read_opens_only_the_month_files_that_may_hold_it(tmp_path: Path, month_files):
    processed = tmp_path / "processed"
    # three years of meetings every other day, and one row dated "the whole of 2023" from January 2023
    stage(processed, timeline_rows(date(2022, 1, 1), 3 * 365, 2, "met", long_from=date(2023, 1, 1)))
    published = publish_timeline(processed)
    assert len(published.parts) == 36
    counting = CountingFiles()
    disk = pafs.PyFileSystem(counting)

    def files_read(between) -> tuple[set[str], pd.DataFrame]:
        counting.opened.clear()
        frame = dateline.read_timeline((disk, str(processed)), between=between)
        return {Path(path).name for path in counting.opened if path.endswith(".parquet")}, frame

    # one month of 2022: that month's file alone (and the pointer, which is not a Parquet file)
    opened, frame = files_read(("2022-06-01", "2022-06-30"))
    assert opened == {"2022-06.parquet"} and len(frame) == 15
    assert any(path.endswith(TIMELINE_POINTER_NAME) for path in counting.opened)
    # a month of 2023 also needs January 2023, whose year-long row reaches it
    opened, frame = files_read(("2023-06-01", "2023-06-30"))
    assert opened == {"2023-01.parquet", "2023-06.parquet"}
    assert "met-year" in set(frame["event_id"]) and len(frame) == 16
    # a year: its twelve months (and the file before it holds nothing that reaches in)
    opened, frame = files_read(("2024-01-01", "2024-12-31"))
    assert opened == {f"2024-{month:02d}.parquet" for month in range(1, 13)}
    # the same rows as a read of everything filtered in memory
    everything = dateline.read_timeline(processed)
    in_2024 = everything[(everything["earliest"] <= date(2024, 12, 31)) & (everything["latest"] >= date(2024, 1, 1))]
    assert sorted(frame["event_id"]) == sorted(in_2024["event_id"])
    opened, _ = files_read(None)
    assert len(opened) == 36


# A reader in its own process: reads the whole timeline through the pointer, over and over, until told
# to stop, and reports what each read held: the set of triggers (each publish has one of its own) and
# the number of rows.
READER = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    import dateline
    processed, stop = sys.argv[1], Path(sys.argv[2])
    seen = []
    while not stop.exists():
        frame = dateline.read_timeline(processed, min_confidence="low", columns=["trigger"])
        seen.append([sorted(set(frame["trigger"].astype(str))), len(frame)])
    print(json.dumps(seen))
    """
)


def test_a_reader_in_another_process_sees_one_whole_timeline_or_the_other_never_a_mix(tmp_path: Path, month_files):
    processed = tmp_path / "processed"
    # two timelines of different sizes over the same months, so that a mix of their files would show
    versions = {"met": timeline_rows(date(2024, 1, 1), 180, 1, "met"),
                "signed": timeline_rows(date(2024, 1, 1), 180, 3, "signed")}
    stage(processed, versions["met"])
    publish_timeline(processed)
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(processed), str(stop)], cwd=REPO_ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for number in range(40):
            trigger = "signed" if number % 2 == 0 else "met"
            stage(processed, versions[trigger])
            publish_timeline(processed)
            assert len(pd.read_parquet(processed / TIMELINE)) == len(versions[trigger])
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0, err
    seen = json.loads(out)
    wholes = {("met",): len(versions["met"]), ("signed",): len(versions["signed"])}
    assert len(seen) >= 5, f"the reader read only {len(seen)} times"
    assert all(wholes.get(tuple(triggers)) == rows for triggers, rows in seen), \
        [read for read in seen if wholes.get(tuple(read[0])) != read[1]][:3]
    assert {tuple(triggers) for triggers, _ in seen} == set(wholes)  # it saw both while publishing ran


def test_a_build_and_its_pointer_written_through_a_uri_are_read_the_same(tmp_path: Path, month_files):
    processed = tmp_path / "processed"
    build = stage(processed, timeline_rows(date(2024, 3, 1), 60, 1, "met"))
    # the build's files and the pointer written through the file system pyarrow gives for the URI
    parts = write_build(staged_timeline_path(processed).as_uri(), processed.as_uri(), build)
    write_pointer(processed.as_uri(), build, parts, "")
    assert published_timeline(processed).parts == published_timeline(processed.as_uri()).parts == parts
    assert [part.name for part in parts] == ["2024-03.parquet", "2024-04.parquet"]
    by_uri = dateline.read_timeline(processed.as_uri(), between=("2024-04-01", "2024-04-30"))
    assert len(by_uri) == 29 and by_uri.equals(dateline.read_timeline(processed, between=("2024-04-01", "2024-04-30")))


@pytest.mark.parametrize("damage", ["pointer", "part"])
def test_a_damaged_pointer_or_file_is_a_clear_error(tmp_path: Path, damage: str):
    processed = tmp_path / "processed"
    stage(processed, timeline_rows(date(2024, 3, 1), 60, 1, "met"))
    published = publish_timeline(processed)
    if damage == "pointer":
        Path(timeline_pointer_path(processed)).write_text("{not json", encoding="utf-8")
    else:
        (Path(published.folder) / published.parts[0].name).write_bytes(b"not parquet")
    with pytest.raises(TimelineQueryError, match="cannot read the timeline"):
        dateline.read_timeline(processed)
    if damage == "pointer":
        assert published_build(processed) == ""  # so the next run publishes again, which repairs it
        stage(processed, timeline_rows(date(2024, 3, 1), 61, 1, "met"))
        publish_timeline(processed)
        assert len(dateline.read_timeline(processed)) == 61
