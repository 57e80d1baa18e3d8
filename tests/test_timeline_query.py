"""dateline.read_timeline and `dateline show` on a real timeline written from real articles."""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import dateline
from dateline.cli import main as dateline_cli
from dateline.engine.tagging import tag_article
from dateline.entities.table import article_entities_table, build_entities
from dateline.ingest import read_raw_folder
from dateline.store.layout import staged_timeline_path
from dateline.store import timeline_builds
from dateline.store.publishing import BUILD_KEY, publish_timeline
from dateline.timeline import rows_to_table, write_parquet_atomically, write_sorted_atomically
from dateline.timeline_query import TimelineQueryError, as_day

ARTICLES = {
    "acme-recall.txt": ("2025-03-12", "Acme Corp. said Tuesday it would recall 40,000 cars. Acme recalled 9,000 "
                                      "trucks in January, the company said."),
    "acme-results.txt": ("2025-07-30", "Acme Corp. reported a 12% rise in profit on Wednesday. Chief executive Jane "
                                       "Roe met investors in Detroit on Monday."),
    "other.txt": ("2025-05-02", "Globex Inc. opened a plant in Ohio on Thursday."),
}


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    return _data_folder(tmp_path, ARTICLES)


def _data_folder(tmp_path: Path, articles: dict[str, tuple[str, str]]) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, (published, text) in articles.items():
        (raw / name).write_text(f"---\npublished: {published}\n---\n{text}\n", encoding="utf-8")
    result = read_raw_folder(raw)
    assert not result.quarantined
    rows, entity_tables = [], []
    for article in result.articles:
        article_rows, entities = tag_article(article)
        rows += article_rows
        entity_tables.append(article_entities_table(article, entities))
    processed = tmp_path / "processed"
    # staged and published as a run does, read through the pointer; a file per month (a timeline this
    # small is one file otherwise), so that the queries read across files
    write_sorted_atomically([rows_to_table(rows)], staged_timeline_path(processed), {BUILD_KEY: b"query-test"})
    with pytest.MonkeyPatch.context() as settings:
        settings.setattr(timeline_builds, "FILE_ROWS", 1)
        assert len(publish_timeline(processed).parts) > 1
    write_parquet_atomically(build_entities(pa.concat_tables(entity_tables)), processed / "entities" / "part-0.parquet")
    return tmp_path


def test_dates_are_read_from_strings_dates_datetimes_and_timestamps():
    assert as_day("2025-06-17") == as_day(date(2025, 6, 17)) == as_day(datetime(2025, 6, 17, 9)) \
        == as_day(pd.Timestamp("2025-06-17T23:00")) == date(2025, 6, 17)
    with pytest.raises(TimelineQueryError, match="not a date"):
        as_day("17/06/2025")


def test_an_entity_timeline_is_in_date_order_across_articles(data_folder: Path):
    acme = dateline.read_timeline(data_folder, who="ACME Corporation")
    assert list(acme["earliest"]) == sorted(acme["earliest"])
    assert {"acme-recall.txt", "acme-results.txt"} == set(acme["source_file"])
    assert "other.txt" not in set(acme["source_file"])
    assert (acme["confidence"].isin(["high", "medium"])).all()


def test_a_short_form_the_article_used_finds_the_entity_through_its_aliases(data_folder: Path):
    entities = pd.read_parquet(data_folder / "processed" / "entities")
    acme = entities[entities.name == "Acme Corp."].iloc[0]
    assert "Acme" in list(acme.aliases) and acme.articles == 2
    by_alias = dateline.read_timeline(data_folder, who="Acme")
    by_id = dateline.read_timeline(data_folder, who=acme.entity_id)
    assert list(by_alias["event_id"]) == list(by_id["event_id"]) and len(by_id)
    assert dateline.read_timeline(data_folder, who="Initech").empty


def test_a_date_range_keeps_the_rows_that_possibly_fall_in_it(data_folder: Path):
    everything = dateline.read_timeline(data_folder, min_confidence="low")
    march = dateline.read_timeline(data_folder, between=("2025-03-01", pd.Timestamp("2025-03-31")), min_confidence="low")
    assert len(march) and len(march) < len(everything)
    assert ((march["earliest"] <= date(2025, 3, 31)) & (march["latest"] >= date(2025, 3, 1))).all()
    open_ended = dateline.read_timeline(data_folder, between=(date(2025, 5, 1), None), min_confidence="low")
    assert (open_ended["latest"] >= date(2025, 5, 1)).all()
    with pytest.raises(TimelineQueryError, match="starts after it ends"):
        dateline.read_timeline(data_folder, between=("2025-06-30", "2025-01-01"))


def test_place_and_confidence_filters(data_folder: Path):
    ohio = dateline.read_timeline(data_folder, where="Ohio")
    assert list(ohio["trigger"]) == ["opened"]
    high = dateline.read_timeline(data_folder, min_confidence="high")
    assert set(high["confidence"]) == {"high"}
    with pytest.raises(ValueError, match="confidence must be one of"):
        dateline.read_timeline(data_folder, min_confidence="sure")


def test_a_missing_timeline_is_a_clear_error(tmp_path: Path):
    with pytest.raises(TimelineQueryError, match="run `dateline run` first"):
        dateline.read_timeline(tmp_path)


def test_show_prints_each_row_with_its_quote_and_article(data_folder: Path, capsys: pytest.CaptureFixture):
    assert dateline_cli(["show", str(data_folder), "--who", "Acme"]) == 0
    printed = capsys.readouterr().out
    assert "Acme recalled 9,000 trucks in January" in printed and "acme-recall.txt" in printed
    assert dateline_cli(["show", str(data_folder), "--who", "Acme Corp", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all("Acme Corp." in row["who"] for row in rows)
    assert rows == sorted(rows, key=lambda row: row["earliest"])


def test_show_reports_a_bad_date_in_one_line(data_folder: Path, capsys: pytest.CaptureFixture):
    assert dateline_cli(["show", str(data_folder), "--between", "2025-13-01", "-"]) == 2
    assert capsys.readouterr().err.strip().count("\n") == 0


def test_as_agent_keeps_what_the_entity_did_not_what_was_done_to_it(tmp_path: Path, capsys: pytest.CaptureFixture):
    folder = _data_folder(tmp_path, {**ARTICLES, "suit.txt": ("2025-04-05", "Globex Inc. sued Acme Corp. on Friday.")})
    named = dateline.read_timeline(folder, who="Acme")
    did = dateline.read_timeline(folder, who="Acme", as_agent=True)
    assert "sued" in set(named["trigger"]) and "sued" not in set(did["trigger"])
    assert {"said", "reported"} <= set(did["trigger"])
    assert all(any(name.startswith("Acme") for name in agents) for agents in did["agents"])
    assert list(dateline.read_timeline(folder, who="Globex", as_agent=True)["trigger"]) == ["sued", "opened"]
    assert dateline_cli(["show", str(folder), "--who", "Acme", "--as-agent"]) == 0
    assert "sued" not in capsys.readouterr().out
    assert dateline_cli(["show", str(folder), "--who", "Globex"]) == 0
    assert "sued: Globex Inc. (with Acme Corp.)" in capsys.readouterr().out
