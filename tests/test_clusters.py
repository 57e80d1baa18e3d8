"""Event clusters: the same event reported by several articles becomes one cluster, through the real
Dagster job on real files; and the clustering rules on their own."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

import dagster as dg
import pandas as pd
import pyarrow.parquet as pq

from dateline import clusters
from pipelines.definitions import build_definitions

# One meeting (Tuesday 2025-03-04, Tallinn) as four outlets report it on different days, each dating
# it its own way; and two reports it must not absorb: another meeting of the same minister, and the
# announcement, the day before, that the meeting would take place.
REPORTS = {
    "baltic-wire": ("2025-03-04T16:00:00+02:00", "Baltic Wire",
                    "TALLINN — Finland's foreign minister, Elina Valtonen, met Estonia's foreign minister, "
                    "Margus Tsahkna, in Tallinn on Tuesday to discuss the protection of undersea cables."),
    "nordic-ledger": ("2025-03-06T09:30:00+02:00", "Nordic Ledger",
                      "Elina Valtonen met her Estonian counterpart in Tallinn on Tuesday, the Finnish Foreign "
                      "Ministry said on Thursday. The two countries plan joint patrols."),
    "weekly-review": ("2025-03-10T07:00:00+00:00", "The Weekly Review",
                      "Ms. Valtonen met Estonian officials in Tallinn last week. Both governments want more "
                      "ships in the Gulf of Finland."),
    "harbour-post": ("2025-03-15T12:00:00-05:00", "Harbour Post",
                     "When Elina Valtonen met Margus Tsahkna in Tallinn on March 4, the ministers agreed to "
                     "share patrol data."),
    "oslo-daily": ("2025-03-06T18:00:00+01:00", "Oslo Daily",
                   "Ms. Valtonen met Norwegian officials in Oslo on Wednesday."),
    "preview-desk": ("2025-03-03T08:00:00+02:00", "Preview Desk",
                     "Elina Valtonen will meet Margus Tsahkna in Tallinn on Tuesday."),
}


def write_reports(raw: Path) -> None:
    for name, (published, publisher, text) in REPORTS.items():
        (raw / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        (raw / f"{name}.meta.json").write_text(json.dumps({
            "published": published, "publisher": publisher, "url": f"https://{name}.example/valtonen",
            "title": "Ministers meet"}), encoding="utf-8")


def meeting_clusters(table: pd.DataFrame) -> pd.DataFrame:
    return table[(table["event_kind"] == "meeting") & table["where"].apply(lambda w: "Tallinn" in list(w))]


def test_four_reports_of_one_meeting_are_one_cluster_with_the_day_they_agree_on(data_dir):
    write_reports(data_dir / "raw")
    with dg.instance_for_test() as instance:
        result = build_definitions(str(data_dir)).resolve_job_def("main").execute_in_process(
            instance=instance, raise_on_error=False)
    assert result.success
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert checks["clusters_well_formed"] is True
    [materialization] = result.asset_materializations_for_node("clusters")
    assert "Tallinn" in materialization.metadata["preview"].value

    table = pd.read_parquet(data_dir / "processed" / "clusters")
    factual = meeting_clusters(table[table["factual"]])
    assert len(factual) == 1, factual[["trigger", "earliest", "latest", "urls"]]
    meeting = factual.iloc[0]
    assert (meeting["earliest"], meeting["latest"], meeting["date_conflict"]) == (date(2025, 3, 4), date(2025, 3, 4), False)
    assert (meeting["articles"], meeting["publishers"]) == (4, 4)
    assert sorted(meeting["urls"]) == sorted(f"https://{n}.example/valtonen" for n in
                                             ("baltic-wire", "nordic-ledger", "weekly-review", "harbour-post"))
    assert meeting["urls"][0] == "https://baltic-wire.example/valtonen"  # the first report comes first
    assert "Tallinn" in list(meeting["where"])
    # The announcement of the meeting is not the meeting; the Oslo meeting is another event.
    planned = meeting_clusters(table[~table["factual"]])
    assert list(planned["urls"].apply(list)) == [["https://preview-desk.example/valtonen"]]
    oslo = table[table["where"].apply(lambda w: "Oslo" in list(w))]
    assert len(oslo) == 1 and oslo.iloc[0]["earliest"] == date(2025, 3, 5)

    # Re-running on the same input gives the same ids; every timeline row is in exactly one cluster.
    timeline = pq.read_table(data_dir / "processed" / "timeline")
    again = clusters.build_clusters(timeline)
    assert sorted(again.column("cluster_id").to_pylist()) == sorted(table["cluster_id"])
    assert clusters.cluster_problems(again, timeline)["events_not_in_one_cluster"] == 0


def row(event_id: str, article: str, earliest: date, latest: date, *, kind="meeting", place="Tallinn",
        who=("Elina Valtonen",), published=datetime(2025, 3, 6, tzinfo=timezone.utc)) -> dict:
    return {
        "event_id": event_id, "article_id": article, "trigger": "met", "trigger_start": 0, "event_kind": kind,
        "description": "met", "polarity": "positive", "modality": "actual", "earliest": earliest, "latest": latest,
        "who": list(who), "where": [place] if place else [],
        "participants": [{"text": w, "name": w, "kind": "person", "country": None, "start": 0, "end": 1,
                          "method": "subject"} for w in who],
        "places": [{"text": place, "name": place, "kind": "city", "country": "EST", "geonames_id": None,
                    "latitude": None, "longitude": None, "start": 0, "end": 1, "method": "preposition_in_clause"}]
        if place else [],
        "countries": ["EST"], "url": f"https://{article}.example", "publisher": article, "published": published,
    }


def build(rows: list[dict]):
    import pyarrow as pa

    from dateline.timeline import TIMELINE_SCHEMA
    schema = pa.schema([TIMELINE_SCHEMA.field(name) for name in clusters.TIMELINE_COLUMNS])
    return clusters.build_clusters(pa.Table.from_pylist(rows, schema=schema)).to_pylist()


def test_reports_a_day_apart_stay_one_event_and_say_they_disagree():
    built = build([row("ev_1", "a", date(2025, 3, 4), date(2025, 3, 4)),
                   row("ev_2", "b", date(2025, 3, 5), date(2025, 3, 5))])
    assert len(built) == 1
    assert (built[0]["earliest"], built[0]["latest"], built[0]["date_conflict"]) == (date(2025, 3, 4), date(2025, 3, 5), True)


def test_a_month_long_report_does_not_chain_two_days_events_into_one():
    # "the bombings in August" fits both the Aug. 7 bombing and the Aug. 20 strike, which stay apart
    built = build([row("ev_1", "a", date(1998, 8, 7), date(1998, 8, 7), kind="conflict", place="Nairobi"),
                   row("ev_2", "b", date(1998, 8, 1), date(1998, 8, 31), kind="conflict", place="Nairobi"),
                   row("ev_3", "c", date(1998, 8, 20), date(1998, 8, 20), kind="conflict", place="Nairobi")])
    assert sorted(len(c["member_event_ids"]) for c in built) == [1, 2]
    assert not any(c["date_conflict"] for c in built)
    assert {(c["earliest"], c["latest"]) for c in built} == {(date(1998, 8, 7), date(1998, 8, 7)),
                                                              (date(1998, 8, 20), date(1998, 8, 20))}


def test_vague_or_unconnected_reports_stay_apart():
    built = build([
        row("ev_1", "a", date(2025, 3, 4), date(2025, 3, 4)),
        row("ev_2", "b", date(2025, 1, 1), date(2025, 12, 31)),  # "this year": too vague to merge
        row("ev_3", "c", date(2025, 3, 4), date(2025, 3, 4), kind="conflict"),  # another kind of event
        row("ev_4", "d", date(2025, 3, 4), date(2025, 3, 4), place="Oslo"),  # the same person elsewhere
        row("ev_5", "e", date(2025, 3, 4), date(2025, 3, 4), who=(), place=None),  # nothing to tie it by
    ])
    assert sorted(len(c["member_event_ids"]) for c in built) == [1, 1, 1, 1, 1]
    assert {c["cluster_id"] for c in built} == {f"cl_{i}" for i in range(1, 6)}


def test_every_cluster_column_is_documented():
    docs = (Path(__file__).resolve().parents[1] / "docs" / "clusters.md").read_text(encoding="utf-8")
    assert [f.name for f in clusters.CLUSTER_SCHEMA if f"`{f.name}`" not in docs] == []
    assert set(clusters.COLUMN_DESCRIPTIONS) == set(clusters.CLUSTER_SCHEMA.names)
