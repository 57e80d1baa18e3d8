"""Event clusters: the same event reported by several articles becomes one cluster, through the real
Dagster job on real files; and the clustering rules on their own."""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import dagster as dg
import pandas as pd
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline import clusters
from dateline.store.timeline_builds import published_timeline
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
    # The clusters step reads the file by parts (build_clusters_from_file): the same clusters.
    published = published_timeline(data_dir / "processed").location()
    assert clusters.build_clusters_from_file(published).to_pylist() == again.to_pylist()


def row(event_id: str, article: str, earliest: date, latest: date, *, kind="meeting", place="Tallinn",
        who=("Elina Valtonen",), published=datetime(2025, 3, 6, tzinfo=timezone.utc), confidence="high") -> dict:
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
        "confidence": confidence,
    }


def build(rows: list[dict]):
    import pyarrow as pa

    from dateline.timeline import TIMELINE_SCHEMA
    schema = pa.schema([TIMELINE_SCHEMA.field(name) for name in clusters.TIMELINE_COLUMNS])
    return clusters.build_clusters(pa.Table.from_pylist(rows, schema=schema)).to_pylist()


def test_a_row_whose_date_is_a_guess_from_proximity_stays_a_cluster_of_its_own():
    built = build([row("ev_1", "a", date(2025, 3, 4), date(2025, 3, 4)),
                   row("ev_2", "b", date(2025, 3, 4), date(2025, 3, 4), confidence="low"),
                   row("ev_3", "c", date(2025, 3, 4), date(2025, 3, 4), confidence="medium")])
    assert sorted(c["member_event_ids"] for c in built) == [["ev_1", "ev_3"], ["ev_2"]]


def test_two_statements_of_one_speaker_are_one_only_when_they_say_the_same_thing():
    said = dict(kind="statement", place=None, who=("Fidel Castro",))
    built = build([row("ev_1", "a", date(2025, 3, 4), date(2025, 3, 4), **said),
                   row("ev_2", "b", date(2025, 3, 4), date(2025, 3, 4), **said),
                   row("ev_3", "c", date(2025, 3, 4), date(2025, 3, 4), **said)])
    assert len(built) == 1  # the same clause ("met") reported three times
    texts = {"ev_1": "Castro said the boy's father would travel to Washington",
             "ev_2": "Castro said on state television that the father would travel to Washington soon",
             "ev_3": "Castro said exiles might take the boy to another country"}
    rows = [row(event_id, article, date(2025, 3, 4), date(2025, 3, 4), **said) | {"description": texts[event_id]}
            for event_id, article in (("ev_1", "a"), ("ev_2", "b"), ("ev_3", "c"))]
    assert sorted(c["member_event_ids"] for c in build(rows)) == [["ev_1", "ev_2"], ["ev_3"]]


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


# The clustering rules written row by row, as they were before build_clusters went column-wise: the
# reference the column-wise version must match exactly (same clusters, ids, columns and order).
def reference_clusters(timeline):
    from collections import Counter
    from datetime import timedelta

    from dateline.event_kinds import OTHER, base_form
    from dateline.timeline import records_to_table

    rows = timeline.select(clusters.TIMELINE_COLUMNS).to_pylist()

    def keys_of(row):
        keys = set()
        if row["confidence"] not in ("high", "medium"):
            return frozenset()  # a guessed date is tied to no other report
        for participant in row["participants"] or []:
            if participant["kind"] in ("person", "organization"):
                keys.add(f"name:{participant.get('entity_id') or participant['name'].lower()}")
            elif participant["kind"] == "country" or participant["country"]:
                keys.add(f"country:{participant['country']}")
        for place in row["places"] or []:
            if place["kind"] == "country":
                keys.add(f"country:{place['country']}")
            else:
                keys.add(f"place:{place['geonames_id'] or place['name'].lower()}")
        return frozenset(keys)

    kinds = [row["event_kind"] or OTHER for row in rows]
    family = [(kind if kind != OTHER else f"{OTHER}:{base_form(row['trigger'])}",
               row["polarity"] == "positive" and row["modality"] == "actual") for kind, row in zip(kinds, rows)]
    keys = [keys_of(row) for row in rows]
    order = [(row["published"], row["article_id"], row["trigger_start"]) for row in rows]
    span = [(row["latest"] - row["earliest"]).days + 1 for row in rows]

    def content_words(row):
        said_by = {row["trigger"].lower(), *(word for name in row["who"] or () for word in name.lower().split())}
        return {w for w in re.findall(r"[^\W\d_]{4,}", (row["description"] or "").lower())} - said_by

    def same_event(i, j):
        a, b, shared = rows[i], rows[j], keys[i] & keys[j]
        if a["event_kind"] == b["event_kind"] == "statement":
            words_a, words_b = content_words(a), content_words(b)
            if (words_a or words_b) and len(words_a & words_b) < clusters.SAME_STATEMENT_SHARE * len(words_a | words_b):
                return False
        strong = any(not k.startswith("country:") for k in shared)
        if not strong and len(shared) < 2:
            return False
        places_a, places_b = ({k for k in keys[x] if k.startswith("place:")} for x in (i, j))
        if places_a and places_b and not places_a & places_b:
            return False
        if max(span[i], span[j]) > clusters.LINKABLE_SPAN_DAYS:
            return a["article_id"] != b["article_id"] and (a["earliest"], a["latest"]) == (b["earliest"], b["latest"])
        if a["earliest"] <= b["latest"] and b["earliest"] <= a["latest"]:
            return True
        if span[i] == span[j] == 1 and a["article_id"] != b["article_id"] and strong \
                and abs((a["earliest"] - b["earliest"]).days) <= clusters.NEAR_MISS_DAYS:
            return None
        return False

    buckets = {}
    for index in range(len(rows)):
        for key in keys[index]:
            buckets.setdefault((family[index], key), []).append(index)
    pairs, seen = [], set()
    for members in buckets.values():
        members.sort(key=lambda i: rows[i]["earliest"])
        for position, i in enumerate(members):
            for j in members[position + 1:]:
                if rows[j]["earliest"] > rows[i]["latest"] + timedelta(days=clusters.NEAR_MISS_DAYS):
                    break
                if (i, j) in seen or (j, i) in seen:
                    continue
                seen.add((i, j))
                verdict = same_event(i, j)
                if verdict is not False:
                    pairs.append((verdict is None, max(span[i], span[j]), min(order[i], order[j]),
                                  max(order[i], order[j]), i, j))
    pairs.sort()
    parent = list(range(len(rows)))
    bounds = {i: (r["earliest"], r["latest"]) for i, r in enumerate(rows)}

    def root(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for near_miss, _, _, _, i, j in pairs:
        a, b = root(i), root(j)
        if a == b:
            continue
        (ea, la), (eb, lb) = bounds[a], bounds[b]
        if max(ea, eb) <= min(la, lb):
            bounds[a] = (max(ea, eb), min(la, lb))
        elif near_miss and (ea, la) == (rows[i]["earliest"], rows[i]["latest"]) \
                and (eb, lb) == (rows[j]["earliest"], rows[j]["latest"]):
            bounds[a] = (min(ea, eb), max(la, lb))
        else:
            continue
        parent[b] = a
    groups = {}
    for index in range(len(rows)):
        groups.setdefault(root(index), []).append(index)

    def by_frequency(values):
        counts = Counter(values)
        return sorted(counts, key=lambda v: -counts[v])

    built = []
    for group in groups.values():
        members = sorted(group, key=lambda i: order[i])
        first, member_rows = rows[members[0]], [rows[i] for i in members]
        earliest, latest = max(r["earliest"] for r in member_rows), min(r["latest"] for r in member_rows)
        conflict = earliest > latest
        if conflict:
            earliest, latest = min(r["earliest"] for r in member_rows), max(r["latest"] for r in member_rows)
        built.append({
            "cluster_id": "cl_" + first["event_id"].removeprefix("ev_"), "event_kind": kinds[members[0]],
            "trigger": first["trigger"], "description": first["description"], "earliest": earliest,
            "latest": latest, "days": (latest - earliest).days + 1, "date_conflict": conflict,
            "factual": family[members[0]][1], "events": len(members),
            "articles": len({r["article_id"] for r in member_rows}),
            "publishers": len({r["publisher"] for r in member_rows}),
            "who": by_frequency(n for r in member_rows for n in r["who"] or []),
            "where": by_frequency(n for r in member_rows for n in r["where"] or []),
            "countries": by_frequency(c for r in member_rows for c in r["countries"] or []),
            "member_event_ids": [r["event_id"] for r in member_rows],
            "urls": list(dict.fromkeys(r["url"] for r in member_rows if r["url"])),
            "publisher_names": list(dict.fromkeys(r["publisher"] for r in member_rows if r["publisher"])),
            "first_published": first["published"], "last_published": max(r["published"] for r in member_rows),
        })
    built.sort(key=lambda c: (c["earliest"], c["latest"], c["cluster_id"]))
    return records_to_table(built, clusters.CLUSTER_SCHEMA)


# (name, kind, country, entity id): two writings of one alliance share an id, as the entities package gives them
_PEOPLE = [("Elina Valtonen", "person", None, None), ("ELINA VALTONEN", "person", None, None),
           ("NATO", "organization", None, "org_nato"), ("North Atlantic Treaty Organization", "organization", None, "org_nato"),
           ("Estonia", "country", "EST", None), ("Finns", "group", "FIN", None), ("crowd", "group", "", None),
           ("nation", "country", None, None)]
_PLACES = [("Tallinn", "city", "EST", 588409), ("TALLINN", "city", "EST", None), ("Oslo", "city", "NOR", 0),
           ("Estonia", "country", "EST", None), ("Somewhere", "country", None, None), ("588409", "city", None, None)]
_SPANS = [1, 1, 1, 2, 7, 30, 31, 32, 365]
# Statements' clauses: two share 2 of their 7 content words (one statement), two 2 of 5, two 1 of 7 (not one).
_DESCRIPTIONS = ["met", None, "the minister said the talks went well", "officials said talks failed", "talks failed today"]


@st.composite
def timeline_rows(draw):
    count = draw(st.integers(min_value=0, max_value=30))
    rows = []
    for index in range(count):
        span = draw(st.sampled_from(_SPANS))
        # vague reports ("this year", "this month") share their ranges; others fall on nearby days
        earliest = date(2025, 1, 1) if span > 31 else date(2025, 3, 1) + timedelta(days=draw(st.integers(0, 6)))
        people = draw(st.lists(st.sampled_from(_PEOPLE), max_size=3))
        places = draw(st.lists(st.sampled_from(_PLACES), max_size=2))
        article = draw(st.sampled_from("abcde"))
        rows.append({
            "event_id": draw(st.sampled_from([f"ev_{index}", f"ev_{index}", f"x{index}", "ev_same"])),
            "article_id": article, "trigger": draw(st.sampled_from(["met", "meets", "boasted", "boasts", "said"])),
            "trigger_start": draw(st.integers(0, 3)),
            "event_kind": draw(st.sampled_from(["meeting", "conflict", "other", "", "statement"])),
            "description": draw(st.sampled_from(_DESCRIPTIONS)), "polarity": draw(st.sampled_from(["positive", "negative"])),
            "modality": draw(st.sampled_from(["actual", "planned"])),
            "earliest": earliest, "latest": earliest + timedelta(days=span - 1),
            "who": [name for name, _, _, _ in people] or draw(st.sampled_from([None, []])),
            "where": [name for name, _, _, _ in places], "countries": draw(st.lists(st.sampled_from(["EST", "FIN"]), max_size=3)),
            "participants": [{"text": n, "name": n, "kind": k, "country": c, "start": 0, "end": 1, "method": "subject",
                              "entity_id": i} for n, k, c, i in people],
            "places": [{"text": n, "name": n, "kind": k, "country": c, "geonames_id": g, "latitude": None,
                        "longitude": None, "start": 0, "end": 1, "method": "preposition_in_clause"} for n, k, c, g in places],
            "url": draw(st.sampled_from([f"https://{article}.example", "", None])),
            "publisher": draw(st.sampled_from([article, None, "Wire"])),
            "published": datetime(2025, 3, 6, tzinfo=timezone.utc) + timedelta(hours=draw(st.integers(0, 3))),
            "confidence": draw(st.sampled_from(["high", "high", "medium", "low"])),
        })
    return rows


@settings(max_examples=100, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(timeline_rows())
def test_column_wise_clusters_are_those_of_the_row_by_row_rules(rows):
    import pyarrow as pa

    from dateline.timeline import TIMELINE_SCHEMA
    schema = pa.schema([TIMELINE_SCHEMA.field(name) for name in clusters.TIMELINE_COLUMNS])
    timeline = pa.Table.from_pylist(rows, schema=schema)
    built, expected = clusters.build_clusters(timeline), reference_clusters(timeline)
    assert built.equals(expected), (built.to_pylist(), expected.to_pylist())
    assert built.schema.equals(expected.schema, check_metadata=True)


def test_the_clusters_check_finds_unknown_members_and_rows_in_no_cluster_or_in_two(tmp_path):
    import pyarrow as pa

    from dateline.timeline import TIMELINE_SCHEMA
    schema = pa.schema([TIMELINE_SCHEMA.field(name) for name in clusters.TIMELINE_COLUMNS])
    timeline = pa.Table.from_pylist([row("ev_a", "north", date(2025, 3, 4), date(2025, 3, 4)),
                                     row("ev_b", "south", date(2025, 3, 9), date(2025, 3, 9), place="Riga")], schema)
    built = clusters.build_clusters(timeline)
    assert built.num_rows == 2
    sound = clusters.cluster_problems(built, timeline)
    assert (sound["unknown_members"], sound["events_not_in_one_cluster"], sound["schema"]) == (0, 0, [])
    # ev_b in no cluster, ev_a in two, and a member no timeline row has
    members = pa.array([["ev_a"], ["ev_a", "ev_ghost"]], built.schema.field("member_event_ids").type)
    broken = built.set_column(built.schema.get_field_index("member_event_ids"), "member_event_ids", members)
    problems = clusters.cluster_problems(broken, timeline)
    assert (problems["unknown_members"], problems["events_not_in_one_cluster"]) == (1, 2)
    # The same judgement of the files, reading only the columns checked.
    clusters.write_clusters(broken, tmp_path / "clusters.parquet")
    pq.write_table(timeline, tmp_path / "timeline.parquet")
    from_files, count = clusters.clusters_file_problems(tmp_path / "clusters.parquet", tmp_path / "timeline.parquet")
    assert (from_files, count) == (problems, 2)
