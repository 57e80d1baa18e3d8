"""The timeline table: schema, row building, sort order, file metadata, atomic writes, pandas read-back."""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dateline import timeline
from dateline.model import Article, Event, Participant, Place, TemporalExpression

REPO_ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = datetime(2025, 6, 17, 12, 40, tzinfo=timezone.utc)


def article(article_id: str = "a1", **overrides) -> Article:
    fields = dict(
        article_id=article_id,
        source_file="feed.jsonl",
        source_line=3,
        text="unused here",
        published_utc=PUBLISHED,
        published_local_date=date(2025, 6, 17),
        title="A title | with a pipe",
        url="https://example.org/a",
        publisher="The Paper",
    )
    return Article(**(fields | overrides))


def expression(text: str, start: int, earliest: date, latest: date, value: str, granularity: str) -> TemporalExpression:
    return TemporalExpression(
        start=start, end=start + len(text), text=text, type="DATE", value=value, earliest=earliest,
        latest=latest, granularity=granularity, anchor="publication_date", direction="past",
        direction_source="explicit_word", rule=f"{granularity}/test",
    )


def event(trigger: str, start: int, times: tuple[TemporalExpression, ...], earliest: date, latest: date,
          granularity: str = "day", relation: str = "on") -> Event:
    return Event(
        trigger=trigger, trigger_start=start, trigger_end=start + len(trigger), sentence=f"They {trigger} then.",
        sentence_start=start - 5, sentence_end=start + 20, times=times, relation=relation,
        earliest=earliest, latest=latest, granularity=granularity, link_rule="nearest_before_in_clause",
        who=("Kim Jong-un",), where=("Pyongyang",),
        participants=(Participant("Mr. Kim", "Kim Jong-un", "person", None, start - 8, start - 1, "subject"),),
        places=(Place("Pyongyang", "Pyongyang", "city", "PRK", 1871859, 39.03, 125.75, start + 10, start + 19,
                      "preposition_in_clause"),),
        kind="meeting", description=f"They {trigger} then",
    )


WINTER = expression("this past winter", 100, date(2024, 12, 1), date(2025, 2, 28), "2024-WI", "season")
SPRING = expression("spring", 121, date(2025, 3, 1), date(2025, 5, 31), "2025-SP", "season")
TUESDAY = expression("Tuesday", 40, date(2025, 6, 17), date(2025, 6, 17), "2025-06-17", "day")


def sample_rows() -> list[dict]:
    return [
        timeline.event_row(article("b"), event("met", 30, (TUESDAY,), date(2025, 6, 17), date(2025, 6, 17))),
        timeline.event_row(article("a"), event("said", 20, (TUESDAY,), date(2025, 6, 17), date(2025, 6, 17))),
        timeline.event_row(article("a"), event("fought", 90, (SPRING, WINTER), date(2024, 12, 1), date(2025, 5, 31),
                                               "season", "during")),
        timeline.event_row(article("a"), event("said", 10, (TUESDAY,), date(2025, 6, 17), date(2025, 6, 17))),
    ]


def test_several_expressions_are_joined_in_text_order_and_their_range_is_the_union():
    row = sample_rows()[2]
    assert row["time_text"] == "this past winter; spring"
    assert row["time_value"] == "2024-WI; 2025-SP"
    assert (row["time_start"], row["time_end"]) == (100, 127)
    assert (row["earliest"], row["latest"]) == (date(2024, 12, 1), date(2025, 5, 31))
    assert row["time_type"] == "DATE" and row["rule"] == "season/test"


def test_the_event_range_widens_to_cover_every_expression():
    narrow = event("fought", 90, (WINTER, SPRING), date(2025, 1, 1), date(2025, 1, 31), "season")
    row = timeline.event_row(article(), narrow)
    assert (row["earliest"], row["latest"]) == (date(2024, 12, 1), date(2025, 5, 31))


def test_an_articles_rows_are_those_of_its_events_one_by_one():
    """event_rows shares the fields of expressions that date several events: the rows stay the same."""
    events = [event("said", 10, (TUESDAY,), date(2025, 6, 17), date(2025, 6, 17)),
              event("met", 30, (TUESDAY,), date(2025, 6, 16), date(2025, 6, 17)),
              event("fought", 90, (SPRING, WINTER), date(2024, 12, 1), date(2025, 5, 31), "season", "during"),
              event("left", 95, (), date(2025, 6, 16), date(2025, 6, 17))]
    assert timeline.event_rows(article(), events) == [timeline.event_row(article(), e) for e in events]
    assert timeline.event_rows(article(), events)[1]["earliest"] == date(2025, 6, 16)


def test_table_has_the_declared_schema_and_version():
    table = timeline.combine_and_sort([timeline.rows_to_table(sample_rows())])
    assert table.schema.equals(timeline.TIMELINE_SCHEMA, check_metadata=True)
    assert table.schema.metadata[timeline.SCHEMA_VERSION_KEY] == timeline.SCHEMA_VERSION.encode()
    assert timeline.schema_problems(table) == []
    assert table.schema.field("relation").type == pa.dictionary(pa.int32(), pa.string())
    assert table.schema.field("published").type == pa.timestamp("us", tz="UTC")
    assert table.schema.field("trigger_start").type == pa.int32()
    assert table.schema.field("who").type.value_type == pa.string()


def test_rows_make_the_same_table_whatever_the_order_of_their_keys():
    rows = sample_rows()
    assert list(rows[0]) == timeline.TIMELINE_SCHEMA.names  # event_row builds them in the schema's order
    shuffled = [dict(reversed(list(row.items()))) for row in rows]
    assert timeline.rows_to_table(shuffled).equals(timeline.rows_to_table(rows))
    mixed = rows[:2] + shuffled[2:]
    assert timeline.rows_to_table(mixed).to_pylist() == timeline.rows_to_table(rows).to_pylist()


def test_rows_are_sorted_by_earliest_latest_article_and_offset():
    table = timeline.combine_and_sort([timeline.rows_to_table(sample_rows())])
    keys = list(zip(*(table.column(k).to_pylist() for k in timeline.SORT_KEYS)))
    assert keys == sorted(keys)
    assert table.column("trigger").to_pylist() == ["fought", "said", "said", "met"]


def test_tables_with_different_dictionaries_combine():
    rows = sample_rows()
    table = timeline.combine_and_sort([timeline.rows_to_table(rows[:1]), timeline.rows_to_table(rows[2:3])])
    assert table.column("relation").to_pylist() == ["during", "on"]
    assert timeline.schema_problems(table) == []


def test_schema_problems_names_what_differs():
    table = timeline.rows_to_table(sample_rows()).drop_columns(["quote"])
    table = table.set_column(table.schema.get_field_index("earliest"), "earliest",
                             table.column("earliest").cast(pa.string()))
    problems = timeline.schema_problems(table.replace_schema_metadata({}))
    assert "missing column quote" in problems
    assert any(p.startswith("column earliest is string") for p in problems)
    assert any(p.startswith("schema version") for p in problems)


def test_written_file_keeps_schema_and_version_metadata(tmp_path: Path):
    target = tmp_path / "timeline" / "part-0.parquet"
    table = timeline.combine_and_sort([timeline.rows_to_table(sample_rows())])
    timeline.write_parquet_atomically(table, target)
    assert pq.read_schema(target).metadata[b"dateline.schema_version"] == timeline.SCHEMA_VERSION.encode()
    back = timeline.read_timeline(target)
    assert back.schema.equals(timeline.TIMELINE_SCHEMA, check_metadata=False)
    assert back.equals(table)
    assert [p.name for p in target.parent.iterdir()] == ["part-0.parquet"]  # no temporary left behind


def test_a_failure_after_the_temporary_file_is_written_leaves_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "timeline" / "part-0.parquet"
    rows = sample_rows()
    timeline.write_parquet_atomically(timeline.combine_and_sort([timeline.rows_to_table(rows[:1])]), target)
    seen = []

    def crash(source: Path, destination: Path) -> None:
        seen.append(pq.read_table(source).num_rows)  # the new file is complete at this point
        raise OSError("disk pulled out")

    monkeypatch.setattr(timeline, "_replace", crash)
    with pytest.raises(OSError, match="disk pulled out"):
        timeline.write_parquet_atomically(timeline.combine_and_sort([timeline.rows_to_table(rows)]), target)
    assert seen == [4]
    assert pq.read_table(target).num_rows == 1
    assert [p.name for p in target.parent.iterdir()] == ["part-0.parquet"]


def test_a_copy_that_fails_midway_leaves_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "timeline" / "part-0.parquet"
    staged = tmp_path / "staged.parquet"
    rows = sample_rows()
    timeline.write_parquet_atomically(timeline.combine_and_sort([timeline.rows_to_table(rows[:2])]), target)
    timeline.write_parquet_atomically(timeline.combine_and_sort([timeline.rows_to_table(rows)]), staged)
    monkeypatch.setattr(timeline, "_replace", lambda s, d: (_ for _ in ()).throw(OSError("killed")))
    with pytest.raises(OSError):
        timeline.copy_atomically(staged, target)
    assert pq.read_table(target).num_rows == 2


def test_pandas_reads_the_folder_with_usable_dtypes(tmp_path: Path):
    folder = tmp_path / "timeline"
    timeline.write_parquet_atomically(timeline.combine_and_sort([timeline.rows_to_table(sample_rows())]),
                                      folder / "part-0.parquet")
    (folder / ".part-0.parquet.123.tmp").write_bytes(b"half a file")  # what a crash could leave: ignored
    frame = pd.read_parquet(folder)
    assert len(frame) == 4
    assert isinstance(frame["relation"].dtype, pd.CategoricalDtype)
    assert isinstance(frame["publisher"].dtype, pd.CategoricalDtype)
    assert str(frame["published"].dtype) == "datetime64[us, UTC]"
    assert frame["trigger_start"].dtype == "int32"
    assert pd.api.types.is_string_dtype(frame["trigger"].dtype)
    # pandas keeps date32 as Python dates in an object column; docs/timeline.md says how to get datetime64.
    assert frame["earliest"].dtype == object and frame["earliest"].iloc[0] == date(2024, 12, 1)
    assert str(pd.to_datetime(frame["earliest"]).dtype).startswith("datetime64")
    assert list(frame["who"].iloc[0]) == ["Kim Jong-un"]
    # Participants and places are lists of records: pandas gives arrays of dicts, one key per field.
    place = frame["places"].iloc[0][0]
    assert (place["name"], place["geonames_id"], place["country"]) == ("Pyongyang", 1871859, "PRK")
    assert frame["participants"].iloc[0][0]["name"] == "Kim Jong-un"
    assert list(frame["countries"].iloc[0]) == ["PRK"]
    assert isinstance(frame["event_kind"].dtype, pd.CategoricalDtype) and frame["event_kind"].iloc[0] == "meeting"
    assert frame["event_id"].str.startswith("ev_").all() and frame["event_id"].is_unique
    assert frame["source_line"].dtype == "int32"


def test_every_column_is_documented():
    docs = (REPO_ROOT / "docs" / "timeline.md").read_text(encoding="utf-8")
    missing = [f.name for f in timeline.TIMELINE_SCHEMA if f"`{f.name}`" not in docs]
    assert missing == []
    assert set(timeline.COLUMN_DESCRIPTIONS) == set(timeline.TIMELINE_SCHEMA.names)


def test_an_event_only_the_title_states_is_a_row_marked_from_title():
    from dateline.engine.tagging import tag_article

    text = "Fighting went on near Goma on Monday, residents said. Aid flights were cancelled on Tuesday."
    rows, _ = tag_article(article(text=text, title="Rebels Seize Airport in Goma, Officials Say",
                                  published_local_date=date(2025, 3, 12)))
    [seized] = [row for row in rows if row["from_title"]]
    assert seized["quote"] == "Rebels seize airport in Goma, officials say"
    assert seized["quote"][seized["trigger_start"]:seized["trigger_end"]] == seized["trigger"] == "seize"
    assert (seized["earliest"], seized["latest"], seized["anchor"]) == (date(2025, 3, 11), date(2025, 3, 12),
                                                                        "publication_date")
    assert seized["link_rule"] == "headline_tense" and seized["confidence"] == "medium"
    from_text = [row for row in rows if not row["from_title"]]
    assert from_text and all(text[r["trigger_start"]:r["trigger_end"]] == r["trigger"] for r in from_text)
    assert len({row["event_id"] for row in rows}) == len(rows)
    timeline.rows_to_table(rows)  # the rows fit the schema
