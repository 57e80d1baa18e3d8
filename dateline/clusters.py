"""Event clusters: timeline rows from one or many articles that report the same event.

Two rows can report the same event when they are of the same kind (dateline.event_kinds), have the
same standing (both past facts, or both not), name a common participant or place (and no two
different places), and their day ranges overlap with neither wider than a month (a year-long "last
year" is too vague to tie to a dated report). Such pairs are joined most specific first, and only
while all of a group's reports still share a day, so a month-long report cannot chain two different
days' events into one.

A cluster's interval is the intersection of its members' intervals: every report is a constraint on
the same day. Two day-long reports one day apart that otherwise match (a time zone, a wrong weekday)
are kept together: the cluster then holds their union and says so in `date_conflict`.

A cluster's id is "cl_" + the event_id of its first report (earliest publication, then article id,
then offset), so re-running on the same input gives the same ids, and a cluster that later articles
join keeps its id.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from dateline.event_kinds import OTHER, base_form
from dateline.timeline import records_to_table, write_parquet_atomically

SCHEMA_VERSION = "1"
LINKABLE_SPAN_DAYS = 31  # reports whose range is wider than this are too vague to merge with others
NEAR_MISS_DAYS = 1  # day-long reports this far apart may still be one event, reported inconsistently

_CATEGORY = pa.dictionary(pa.int32(), pa.string())
_STRINGS = pa.list_(pa.field("element", pa.string()))

COLUMN_DESCRIPTIONS: dict[str, str] = {
    "cluster_id": "Stable id: 'cl_' + the event_id of the cluster's first report.",
    "event_kind": "The members' kind of event (statement, meeting, visit, conflict, ...).",
    "trigger": "The first report's trigger word.",
    "description": "The first report's clause.",
    "earliest": "First day the event can have happened: the latest of the members' earliest days.",
    "latest": "Last day the event can have happened: the earliest of the members' latest days.",
    "days": "Number of days from earliest to latest, inclusive.",
    "date_conflict": "True when the members' intervals do not all overlap; earliest/latest then hold their union.",
    "factual": "True when the members are past facts (positive, actual), false for planned, possible or denied events.",
    "events": "Number of member rows (event mentions).",
    "articles": "Number of distinct articles reporting it.",
    "publishers": "Number of distinct publishers reporting it (unknown publishers count once).",
    "who": "Participants' names over all members, most often named first.",
    "where": "Places' names over all members, most often named first.",
    "countries": "ISO 3166-1 alpha-3 codes over all members.",
    "member_event_ids": "event_id of every member row, in the order they were published.",
    "urls": "URL of every member article that has one, in publication order, without repeats.",
    "publisher_names": "Names of the publishers, in publication order, without repeats.",
    "first_published": "Publication instant (UTC) of the first report.",
    "last_published": "Publication instant (UTC) of the latest report.",
}

CLUSTER_SCHEMA = pa.schema(
    [
        pa.field("cluster_id", pa.string(), nullable=False),
        pa.field("event_kind", _CATEGORY, nullable=False),
        pa.field("trigger", pa.string(), nullable=False),
        pa.field("description", pa.string()),
        pa.field("earliest", pa.date32(), nullable=False),
        pa.field("latest", pa.date32(), nullable=False),
        pa.field("days", pa.int32(), nullable=False),
        pa.field("date_conflict", pa.bool_(), nullable=False),
        pa.field("factual", pa.bool_(), nullable=False),
        pa.field("events", pa.int32(), nullable=False),
        pa.field("articles", pa.int32(), nullable=False),
        pa.field("publishers", pa.int32(), nullable=False),
        pa.field("who", _STRINGS),
        pa.field("where", _STRINGS),
        pa.field("countries", _STRINGS),
        pa.field("member_event_ids", _STRINGS, nullable=False),
        pa.field("urls", _STRINGS),
        pa.field("publisher_names", _STRINGS),
        pa.field("first_published", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("last_published", pa.timestamp("us", tz="UTC"), nullable=False),
    ],
    metadata={b"dateline.clusters_schema_version": SCHEMA_VERSION.encode()},
)

# The timeline columns clustering reads.
TIMELINE_COLUMNS = ["event_id", "article_id", "trigger", "trigger_start", "event_kind", "description", "polarity",
                    "modality", "earliest", "latest", "who", "where", "participants", "places", "countries",
                    "url", "publisher", "published"]


@dataclass(frozen=True, slots=True)
class _Report:
    row: dict
    family: tuple[str, bool]  # kind (or the trigger's base form for "other") and whether a past fact
    keys: frozenset[str]  # the participants and places that identify the event

    @property
    def order(self) -> tuple:
        return (self.row["published"], self.row["article_id"], self.row["trigger_start"])

    @property
    def span_days(self) -> int:
        return (self.row["latest"] - self.row["earliest"]).days + 1


def build_clusters(timeline: pa.Table) -> pa.Table:
    """The clusters of a timeline table (as dateline.timeline writes it), sorted by earliest day."""
    rows = timeline.select(TIMELINE_COLUMNS).to_pylist()
    reports = [_report(row) for row in rows]
    groups = _link(reports)
    clusters = [_cluster(sorted(group, key=lambda r: r.order)) for group in groups]
    clusters.sort(key=lambda c: (c["earliest"], c["latest"], c["cluster_id"]))
    return records_to_table(clusters, CLUSTER_SCHEMA)


def _report(row: dict) -> _Report:
    kind = row["event_kind"] or OTHER
    family = (kind if kind != OTHER else f"{OTHER}:{base_form(row['trigger'])}",
              row["polarity"] == "positive" and row["modality"] == "actual")
    keys = set()
    for participant in row["participants"] or []:
        if participant["kind"] in ("person", "organization"):
            keys.add(f"name:{participant['name'].lower()}")
        elif participant["kind"] == "country" or participant["country"]:
            keys.add(f"country:{participant['country']}")
    for place in row["places"] or []:
        if place["kind"] == "country":
            keys.add(f"country:{place['country']}")
        else:
            keys.add(f"place:{place['geonames_id'] or place['name'].lower()}")
    return _Report(row, family, frozenset(keys))


def _strong(key: str) -> bool:
    return not key.startswith("country:")


def _same_event(a: _Report, b: _Report) -> bool | None:
    """True when two reports can be one event, None when they are one event whose reports disagree on
    the day by one day (a time-zone or a wrong weekday: kept together, flagged), else False."""
    shared = a.keys & b.keys
    if not any(_strong(k) for k in shared) and len(shared) < 2:
        return False  # one shared country is not enough: most news about a country names it
    places_a, places_b = _places(a.keys), _places(b.keys)
    if places_a and places_b and not places_a & places_b:
        return False  # the same minister in Tallinn and in Oslo: two events
    if max(a.span_days, b.span_days) > LINKABLE_SPAN_DAYS:
        # A year or a season ties two reports only when both say exactly that, in different articles.
        return a.row["article_id"] != b.row["article_id"] and \
            (a.row["earliest"], a.row["latest"]) == (b.row["earliest"], b.row["latest"])
    if a.row["earliest"] <= b.row["latest"] and b.row["earliest"] <= a.row["latest"]:
        return True
    if a.span_days == b.span_days == 1 and a.row["article_id"] != b.row["article_id"] \
            and any(_strong(k) for k in shared) and abs((a.row["earliest"] - b.row["earliest"]).days) <= NEAR_MISS_DAYS:
        return None
    return False


def _places(keys: frozenset[str]) -> set[str]:
    return {k for k in keys if k.startswith("place:")}


def _link(reports: Sequence[_Report]) -> list[list[_Report]]:
    """Groups of reports of one event. Candidate pairs (one family, a shared key, compatible dates) are
    joined most specific first, and only while the group's reports still share a day: a month-long
    report joins one of two day-long reports of different days, never both (which would chain two
    events into one). A one-day disagreement between day-long reports joins them as a conflict."""
    pairs = []
    buckets: dict[tuple, list[int]] = {}
    for index, report in enumerate(reports):
        for key in report.keys:
            buckets.setdefault((report.family, key), []).append(index)
    seen = set()
    for members in buckets.values():
        members.sort(key=lambda i: reports[i].row["earliest"])
        for position, i in enumerate(members):
            reach = reports[i].row["latest"] + timedelta(days=NEAR_MISS_DAYS)
            for j in members[position + 1:]:
                if reports[j].row["earliest"] > reach:
                    break  # sorted by earliest: no later report can overlap i
                if (i, j) in seen or (j, i) in seen:
                    continue
                seen.add((i, j))
                verdict = _same_event(reports[i], reports[j])
                if verdict is not False:
                    specificity = max(reports[i].span_days, reports[j].span_days)
                    pairs.append((verdict is None, specificity, min(reports[i].order, reports[j].order),
                                  max(reports[i].order, reports[j].order), i, j))
    pairs.sort()
    parent = list(range(len(reports)))
    bounds = {i: (r.row["earliest"], r.row["latest"]) for i, r in enumerate(reports)}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for near_miss, _, _, _, i, j in pairs:
        a, b = root(i), root(j)
        if a == b:
            continue
        (ea, la), (eb, lb) = bounds[a], bounds[b]
        if max(ea, eb) <= min(la, lb):
            bounds[a] = (max(ea, eb), min(la, lb))
        elif near_miss and (ea, la) == (reports[i].row["earliest"], reports[i].row["latest"]) \
                and (eb, lb) == (reports[j].row["earliest"], reports[j].row["latest"]):
            bounds[a] = (min(ea, eb), max(la, lb))  # two single reports a day apart: one event, flagged
        else:
            continue
        parent[b] = a
    groups: dict[int, list[_Report]] = {}
    for index, report in enumerate(reports):
        groups.setdefault(root(index), []).append(report)
    return list(groups.values())


def _cluster(members: list[_Report]) -> dict:
    first = members[0].row
    rows = [m.row for m in members]
    earliest, latest = max(r["earliest"] for r in rows), min(r["latest"] for r in rows)
    conflict = earliest > latest
    if conflict:
        earliest, latest = min(r["earliest"] for r in rows), max(r["latest"] for r in rows)
    return {
        "cluster_id": "cl_" + first["event_id"].removeprefix("ev_"),
        "event_kind": first["event_kind"] or OTHER,
        "trigger": first["trigger"],
        "description": first["description"],
        "earliest": earliest,
        "latest": latest,
        "days": (latest - earliest).days + 1,
        "date_conflict": conflict,
        "factual": members[0].family[1],
        "events": len(rows),
        "articles": len({r["article_id"] for r in rows}),
        "publishers": len({r["publisher"] for r in rows}),
        "who": _by_frequency(name for r in rows for name in r["who"] or []),
        "where": _by_frequency(name for r in rows for name in r["where"] or []),
        "countries": _by_frequency(code for r in rows for code in r["countries"] or []),
        "member_event_ids": [r["event_id"] for r in rows],
        "urls": list(dict.fromkeys(r["url"] for r in rows if r["url"])),
        "publisher_names": list(dict.fromkeys(r["publisher"] for r in rows if r["publisher"])),
        "first_published": first["published"],
        "last_published": max(r["published"] for r in rows),
    }


def _by_frequency(values: Iterable[str]) -> list[str]:
    counts = Counter(values)
    return sorted(counts, key=lambda v: -counts[v])  # sorted is stable: ties keep first-seen order


def cluster_problems(clusters: pa.Table, timeline: pa.Table | None = None) -> dict[str, object]:
    """What is wrong with a clusters table: schema drift, clusters without members, inverted intervals,
    and (given the timeline) member ids that are not timeline rows, or rows in no cluster or in two."""
    problems: dict[str, object] = {
        "schema": [] if clusters.schema.equals(CLUSTER_SCHEMA) else [f"schema is\n{clusters.schema}"],
        "without_members": 0, "earliest_after_latest": 0, "unknown_members": 0, "events_not_in_one_cluster": 0,
    }
    if not clusters.num_rows:
        return problems
    sizes = pc.list_value_length(clusters.column("member_event_ids"))
    problems["without_members"] = pc.sum(pc.equal(pc.fill_null(sizes, 0), 0)).as_py() or 0
    problems["earliest_after_latest"] = pc.sum(pc.greater(clusters.column("earliest"), clusters.column("latest"))).as_py() or 0
    if timeline is not None:
        members = Counter(pc.list_flatten(clusters.column("member_event_ids")).to_pylist())
        ids = set(timeline.column("event_id").to_pylist())
        problems["unknown_members"] = sum(1 for m in members if m not in ids)
        problems["events_not_in_one_cluster"] = sum(1 for i in ids if members.get(i) != 1)
    return problems


def write_clusters(clusters: pa.Table, target: Path) -> Path:
    """Write the clusters file atomically: readers see the old file or the whole new one."""
    return write_parquet_atomically(clusters, target)


def cluster_of_events(clusters: pa.Table) -> dict[str, str]:
    """event_id -> cluster_id, to join the clusters onto timeline rows."""
    return {event: cluster for cluster, events in zip(clusters.column("cluster_id").to_pylist(),
                                                      clusters.column("member_event_ids").to_pylist())
            for event in events}
