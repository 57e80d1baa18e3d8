"""Publication dates from the future: quarantined against the run's clock, and read again once plausible.

The clock is always a fixed date handed in by the caller (here TODAY), as the asset hands in its run's.
"""
from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import dagster as dg
import pyarrow.parquet as pq
import pytest

from dateline.engine.accounting import account
from dateline.engine.ingesting import sync_articles
from dateline.engine.raw_files import pending_work
from dateline.ingest import reasons
from dateline.ingest.clock import latest_plausible, recheck_from
from dateline.store import datasets
from dateline.store.layout import ARTICLES, QUARANTINE
from dateline.store.manifest import Manifest
from pipelines.definitions import build_definitions
from tests.clock import TODAY

TOMORROW = TODAY + timedelta(days=1)
TOMORROW_PLUS_TWO = TOMORROW + timedelta(days=2)
TEXT = "The council voted on Monday to close the old bridge, its chair said."


def write_article(raw: Path, name: str, published: str, text: str = TEXT) -> None:
    (raw / name).write_text(json.dumps({"published": published, "text": text}), encoding="utf-8")


def rows(processed: Path, dataset: str) -> dict[str, dict]:
    table = datasets.read_dataset(processed, dataset)
    return {row["source_file"]: row for row in table.to_pylist()}


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    processed.mkdir()
    write_article(raw, "far.json", "2199-01-01", "A probe landed on the moon of a distant planet on Friday.")
    write_article(raw, "soon.json", TOMORROW_PLUS_TWO.isoformat(), "The mayor opened a new library on Sunday.")
    write_article(raw, "tomorrow.json", f"{TOMORROW.isoformat()}T06:00:00+09:00", TEXT)
    return raw, processed


def test_the_tolerance_is_one_day() -> None:
    assert latest_plausible(TODAY) == TOMORROW
    assert recheck_from(TOMORROW_PLUS_TWO) == TOMORROW + timedelta(days=1)


def test_dates_later_than_the_clock_plus_one_day_are_quarantined(folders: tuple[Path, Path]) -> None:
    raw, processed = folders
    report = sync_articles(raw, processed, today=TODAY)
    assert (report.articles, report.quarantined) == (1, 2)
    articles, quarantine = rows(processed, ARTICLES), rows(processed, QUARANTINE)
    assert set(articles) == {"tomorrow.json"}  # tomorrow (even in a zone east of UTC) is accepted
    assert {name: row["reason"] for name, row in quarantine.items()} == {
        "far.json": reasons.FUTURE_PUBLISHED, "soon.json": reasons.FUTURE_PUBLISHED}
    assert "published 2199-01-01" in quarantine["far.json"]["detail"]
    assert TODAY.isoformat() in quarantine["soon.json"]["detail"]
    assert f"on or after {(TOMORROW + timedelta(days=1)).isoformat()}" in quarantine["soon.json"]["detail"]
    assert account(raw, processed).balanced


def test_a_future_file_is_read_again_once_its_date_has_come(folders: tuple[Path, Path]) -> None:
    raw, processed = folders
    sync_articles(raw, processed, today=TODAY)
    manifest = Manifest.load(processed)
    assert manifest.files["soon.json"].recheck_on == (TOMORROW + timedelta(days=1)).isoformat()
    assert manifest.files["far.json"].recheck_on == "2198-12-31"
    assert manifest.files["tomorrow.json"].recheck_on == ""

    # The same day, and the next: nothing changed on disk and nothing is due, so nothing is read.
    assert sync_articles(raw, processed, today=TODAY).files_read == 0
    assert sync_articles(raw, processed, today=TOMORROW).files_read == 0
    assert pending_work(raw, processed, today=TOMORROW)[0] == {}

    # The day its date is no longer in the future, the unchanged file is due, read again, and accepted.
    due_day = TOMORROW + timedelta(days=1)
    assert set(pending_work(raw, processed, today=due_day)[0]) == {"soon.json"}
    report = sync_articles(raw, processed, today=due_day)
    assert report.read_files == ["soon.json"]
    assert set(rows(processed, ARTICLES)) == {"tomorrow.json", "soon.json"}
    assert set(rows(processed, QUARANTINE)) == {"far.json"}
    assert Manifest.load(processed).files["soon.json"].recheck_on == ""
    assert sync_articles(raw, processed, today=due_day).files_read == 0
    assert account(raw, processed).balanced


def test_one_future_line_of_a_jsonl_is_quarantined_and_the_others_kept(tmp_path: Path) -> None:
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    processed.mkdir()
    (raw / "feed.jsonl").write_text(
        json.dumps({"published": TODAY.isoformat(), "text": TEXT}) + "\n"
        + json.dumps({"published": "Tue, 01 Jan 2199 09:00:00 +0000", "text": "Ships sailed on Monday."}) + "\n",
        encoding="utf-8")
    sync_articles(raw, processed, today=TODAY)
    quarantine = datasets.read_dataset(processed, QUARANTINE).to_pylist()
    assert [(row["source_line"], row["reason"]) for row in quarantine] == [(2, reasons.FUTURE_PUBLISHED)]
    assert datasets.read_dataset(processed, ARTICLES).column("source_line").to_pylist() == [1]


def test_the_asset_judges_by_the_run_date(tmp_path: Path) -> None:
    """Through a real run: the configured run date reaches the ingest; without one, the run's own date."""
    data = tmp_path / "data"
    raw = data / "raw"
    raw.mkdir(parents=True)
    write_article(raw, "soon.json", TOMORROW_PLUS_TWO.isoformat(), "The mayor opened a new library on Sunday.")
    job = build_definitions(str(data)).resolve_job_def("main")
    with dg.instance_for_test() as instance:
        fixed = job.execute_in_process(
            instance=instance, run_config={"ops": {"articles": {"config": {"today": TODAY.isoformat()}}}})
        assert fixed.success
        [materialization] = fixed.asset_materializations_for_node("articles")
        assert materialization.metadata["run_date"].value == TODAY.isoformat()
        [row] = datasets.read_dataset(data / "processed", QUARANTINE).to_pylist()
        assert row["reason"] == reasons.FUTURE_PUBLISHED

        own = job.execute_in_process(instance=instance)  # its own date (this machine's): years after TODAY
        assert own.success
        record = instance.get_run_record_by_id(own.run_id)
        [materialization] = own.asset_materializations_for_node("articles")
        assert materialization.metadata["run_date"].value == record.create_timestamp.date().isoformat()
        assert materialization.metadata["files_read"].value == 1  # due, though unchanged
        assert pq.read_table(data / "processed" / ARTICLES).num_rows == 1


REASONS_TESTED_HERE = {reasons.FUTURE_PUBLISHED}
