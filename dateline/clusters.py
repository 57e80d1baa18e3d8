"""Event clusters: timeline rows from one or many articles that report the same event.

Two rows can report the same event when both dates can be trusted (confidence high or medium: a
row dated by the nearest time of its sentence, or a measure, stays a cluster of its own), they are
of the same kind (dateline.event_kinds), have the same standing (both past facts, or both not), name a
common participant (the same entity id: "Acme Corp." and "Acme Corporation" are one) or place (and
no two different places), and their day ranges overlap with neither wider than a month (a year-long
"last year" is too vague to tie to a dated report). Two statements must also say the same thing: a
speaker says many things in a day, so their clauses must share a quarter of their content words. Such pairs are joined most specific first, and only
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

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dateline.confidence import SHOWN_BY_DEFAULT
from dateline.event_kinds import OTHER, base_form
from dateline.timeline import write_parquet_atomically

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
                    "url", "publisher", "published", "confidence"]


@dataclass(frozen=True, slots=True)
class _Rows:
    """The timeline rows as the linking rules read them: one numpy array per attribute, one entry per row."""

    earliest: np.ndarray  # day numbers
    latest: np.ndarray
    article: np.ndarray  # a code per article id
    order: np.ndarray  # rank in reading order: publication instant, then article id, then trigger offset
    family: np.ndarray  # a code per (kind, or the trigger's base form for "other"; whether a past fact)
    factual: np.ndarray  # bool: a past fact (positive and actual)
    trusted: np.ndarray  # bool: a date of confidence high or medium, which may be tied to other reports
    statement: np.ndarray  # bool: a statement, which joins another only when they say the same thing

    @property
    def span_days(self) -> np.ndarray:
        return self.latest - self.earliest + 1


def read_timeline_columns(path: Path | str, columns: Sequence[str] = TIMELINE_COLUMNS) -> pa.Table:
    """Timeline columns (by default those the clusters are built from), read from a timeline file (or a
    folder of them: the published build's month files, in order) a column at a time, each combined into
    one array as it is read: reading them all at once and then combining them held two copies of the
    table, and the reader's buffers, at once."""
    return pa.table({name: pq.read_table(path, columns=[name]).column(0).combine_chunks() for name in columns})


def build_clusters(timeline: pa.Table) -> pa.Table:
    """The clusters of a timeline table (as dateline.timeline writes it), sorted by earliest day.

    Column-wise throughout: only the pairs that pass every rule are joined one at a time, so the cost
    grows with the rows and with the pairs of rows that share a key and can share a day."""
    table = timeline.select(TIMELINE_COLUMNS).combine_chunks()
    if not table.num_rows:
        return CLUSTER_SCHEMA.empty_table()
    rows = _rows(table)
    return _clusters_of_rows(table, rows, lambda: _keys(table), lambda first: table["description"].take(first),
                             lambda wanted: table["description"].take(wanted))


# Read from a file only for the keys (participants, places) or for the clusters' first reports (description).
_COLUMNS_READ_APART = ("participants", "places", "description")


def build_clusters_from_file(path: Path) -> pa.Table:
    """build_clusters of a timeline file, holding less at once (the clusters step is a run's memory
    peak): the participants and places are read for the keys and let go, and the descriptions are read
    at the end, for the clusters' first reports only."""
    table = read_timeline_columns(path, [name for name in TIMELINE_COLUMNS if name not in _COLUMNS_READ_APART])
    if not table.num_rows:
        return CLUSTER_SCHEMA.empty_table()
    def descriptions(wanted: np.ndarray) -> pa.Array:
        return read_timeline_columns(path, ["description"])["description"].take(wanted)

    return _clusters_of_rows(table, _rows(table),
                             lambda: _keys(read_timeline_columns(path, ["participants", "places"])),
                             descriptions, descriptions)


def _clusters_of_rows(table: pa.Table, rows: _Rows, keys: Callable[[], tuple[np.ndarray, np.ndarray, np.ndarray]],
                      descriptions: Callable[[np.ndarray], pa.Array],
                      statement_texts: Callable[[np.ndarray], pa.Array]) -> pa.Table:
    """The clusters of the rows, the keys made when needed and let go once the pairs are found (each
    of the key arrays and the pair arrays is freed before the next big one is made). `statement_texts`
    gives the descriptions of the statement rows that may join others."""
    first, second, near_miss = _linkable_pairs(rows, keys())
    first, second, near_miss = _same_statements(rows, first, second, near_miss, statement_texts,
                                                table["trigger"], table["who"])
    groups = _link(rows, first, second, near_miss)
    return _clusters(table, rows, groups, descriptions)


STATEMENT = "statement"
SAME_STATEMENT_SHARE = 0.25  # of the two clauses' content words, together, that both hold
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")


def _same_statements(rows: _Rows, first: np.ndarray, second: np.ndarray, near_miss: np.ndarray,
                     texts: Callable[[np.ndarray], pa.Array], triggers: pa.Array, speakers: pa.Array):
    """The pairs, less those of two statements whose clauses share under SAME_STATEMENT_SHARE of their
    content words (words of four letters or more, less the verb of saying and the speaker's names, which
    two statements of one speaker always share). Clauses with no such word are not told apart."""
    both = rows.statement[first] & rows.statement[second]
    if not both.any():
        return first, second, near_miss
    wanted = np.unique(np.r_[first[both], second[both]])
    words = {}
    for row, text, trigger, who in zip(wanted.tolist(), texts(wanted).to_pylist(), triggers.take(wanted).to_pylist(),
                                       speakers.take(wanted).to_pylist()):
        said_by = {trigger.lower(), *(word for name in who or () for word in name.lower().split())}
        words[row] = frozenset(_CONTENT_WORD.findall((text or "").lower())) - said_by
    same = ~both
    for index in np.flatnonzero(both).tolist():
        a, b = words[int(first[index])], words[int(second[index])]
        same[index] = not (a or b) or len(a & b) >= SAME_STATEMENT_SHARE * len(a | b)
    return first[same], second[same], near_miss[same]


def _rows(table: pa.Table) -> _Rows:
    factual = pc.and_(pc.equal(_strings(table["polarity"]), "positive"), pc.equal(_strings(table["modality"]), "actual"))
    factual = pc.fill_null(factual, False).to_numpy(zero_copy_only=False)
    trusted = pc.is_in(_strings(table["confidence"]), pa.array(list(SHOWN_BY_DEFAULT)))
    statement = pc.fill_null(pc.equal(_strings(table["event_kind"]), STATEMENT), False)
    return _Rows(earliest=_days(table["earliest"]), latest=_days(table["latest"]), article=_codes(table["article_id"]),
                 order=_reading_order(table), family=_codes(_family_names(table)) * 2 + factual, factual=factual,
                 trusted=trusted.to_numpy(zero_copy_only=False), statement=statement.to_numpy(zero_copy_only=False))


def _family_names(table: pa.Table) -> pa.Array:
    """The kind, or for "other" "other:" and the trigger's base form (base_form runs once per distinct trigger)."""
    kinds = _kinds(table["event_kind"])
    triggers = pc.dictionary_encode(table["trigger"].combine_chunks())
    bases = pa.array([f"{OTHER}:{base_form(t)}" for t in triggers.dictionary.to_pylist()], pa.string())
    return pc.if_else(pc.equal(kinds, OTHER), bases.take(triggers.indices), kinds)


def _kinds(event_kind: pa.ChunkedArray) -> pa.Array:
    """The event kind, OTHER where it is missing."""
    kinds = pc.fill_null(_strings(event_kind), "")
    return pc.if_else(pc.equal(kinds, ""), OTHER, kinds)


def _reading_order(table: pa.Table) -> np.ndarray:
    """Each row's rank by (published, article_id, trigger_start); rows equal in all three share a rank."""
    by_order = pc.sort_indices(table, sort_keys=[(k, "ascending") for k in ("published", "article_id", "trigger_start")])
    by_order = by_order.to_numpy()
    columns = [pc.cast(table["published"], pa.int64()).to_numpy(), _codes(table["article_id"]),
               table["trigger_start"].to_numpy()]
    differs = np.ones(len(by_order), dtype=bool)
    for values in columns:
        in_order = values[by_order]
        differs[1:] |= in_order[1:] != in_order[:-1]
    order = np.empty(len(by_order), dtype=np.int64)
    order[by_order] = np.cumsum(differs)
    return order


def _keys(table: pa.Table) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, key, key kind) for the participants and places that identify each row's event, each key once
    a row: "name" of a person or organisation (lowercased), "country", or "place" (its GeoNames id, or
    its lowercased name). Key codes are equal for equal keys."""
    owner, participants = _flattened(table["participants"])
    kind, country = pc.struct_field(participants, "kind"), pc.struct_field(participants, "country")
    named = pc.fill_null(pc.is_in(kind, pa.array(["person", "organization"])), False)
    national = pc.and_(pc.invert(named), pc.fill_null(pc.or_kleene(pc.equal(kind, "country"), pc.not_equal(country, "")), False))
    identity = _python_lower(pc.struct_field(participants, "name"))
    if "entity_id" in participants.type.names:  # the entity, whatever name it is written by
        identity = pc.coalesce(pc.struct_field(participants, "entity_id"), identity)
    found = [(owner, named, _KEY_NAME, identity),
             (owner, national, _KEY_COUNTRY, pc.fill_null(country, "None"))]

    owner, places = _flattened(table["places"])
    kind, geonames_id = pc.struct_field(places, "kind"), pc.struct_field(places, "geonames_id")
    national = pc.fill_null(pc.equal(kind, "country"), False)
    place_value = pc.if_else(pc.fill_null(pc.not_equal(geonames_id, 0), False), pc.cast(geonames_id, pa.string()),
                             _python_lower(pc.struct_field(places, "name")))
    found += [(owner, national, _KEY_COUNTRY, pc.fill_null(pc.struct_field(places, "country"), "None")),
              (owner, pc.invert(national), _KEY_PLACE, place_value)]

    owners, kinds, values = [], [], []
    for owner, where, key_kind, value in found:
        mask = where.to_numpy(zero_copy_only=False)
        owners.append(owner[mask])
        kinds.append(np.full(mask.sum(), key_kind, dtype=np.int64))
        values.append(value.filter(where))
    owners, kinds = np.concatenate(owners), np.concatenate(kinds)
    values = _codes(pa.concat_arrays(values)) * _KEY_KINDS + kinds
    unique = np.unique(owners * (values.max(initial=0) + 1) + values, return_index=True)[1]  # a set per row
    return owners[unique], values[unique], kinds[unique]


_KEY_NAME, _KEY_COUNTRY, _KEY_PLACE = range(3)
_KEY_KINDS = 3


def _linkable_pairs(rows: _Rows, keys: tuple[np.ndarray, np.ndarray, np.ndarray]):
    """The pairs (i, j) of rows that may be one event, with whether only as a one-day disagreement (a
    near miss), in the order they are joined: near misses last, the most specific first, then in reading order.

    Candidates share a family and a key (a bucket) and i's range, stretched by NEAR_MISS_DAYS, reaches
    j's first day, i coming first by (earliest, row). Within a bucket sorted that way, each row's
    candidates are the rows after it up to the last one starting within its reach."""
    owner, key, kind = keys
    bucket = rows.family[owner] * (key.max(initial=0) + 1) + key
    earliest, reach = rows.earliest[owner], rows.latest[owner] + NEAR_MISS_DAYS
    by_bucket = np.lexsort((owner, earliest, bucket))
    owner, kind, bucket, earliest, reach = (a[by_bucket] for a in (owner, kind, bucket, earliest, reach))
    bucket_number = np.cumsum(np.r_[False, bucket[1:] != bucket[:-1]])
    low = min(earliest.min(initial=0), reach.min(initial=0))
    width = max(earliest.max(initial=0), reach.max(initial=0)) - low + 1
    positions = np.arange(len(owner))
    ends = np.searchsorted(bucket_number * width + (earliest - low), bucket_number * width + (reach - low), side="right")
    counts = np.clip(ends - positions - 1, 0, None)
    first = np.repeat(positions, counts)
    second = first + 1 + np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)

    # One candidate per shared key: counting them gives the shared keys, strong and place keys among them.
    i, j = owner[first], owner[second]
    pair, which = np.unique(i * len(rows.earliest) + j, return_inverse=True)
    shared = np.bincount(which, minlength=len(pair))
    shared_strong = np.bincount(which, weights=kind[first] != _KEY_COUNTRY, minlength=len(pair))
    shared_places = np.bincount(which, weights=kind[first] == _KEY_PLACE, minlength=len(pair))
    has_place = np.zeros(len(rows.earliest), dtype=bool)
    has_place[owner[kind == _KEY_PLACE]] = True
    i, j = np.divmod(pair, len(rows.earliest))

    # The rules of _same_event, column-wise.
    span, earliest, latest, article = rows.span_days, rows.earliest, rows.latest, rows.article
    keyed = ((shared_strong > 0) | (shared >= 2)) & ~(has_place[i] & has_place[j] & (shared_places == 0))
    other_article = article[i] != article[j]
    vague = np.maximum(span[i], span[j]) > LINKABLE_SPAN_DAYS
    same_range = (earliest[i] == earliest[j]) & (latest[i] == latest[j])
    overlap = (earliest[i] <= latest[j]) & (earliest[j] <= latest[i])
    near_miss = ((span[i] == 1) & (span[j] == 1) & other_article & (shared_strong > 0)
                 & (np.abs(earliest[i] - earliest[j]) <= NEAR_MISS_DAYS))
    same = np.where(vague, other_article & same_range, overlap)
    near_miss &= ~vague & ~overlap
    kept = keyed & (same | near_miss) & rows.trusted[i] & rows.trusted[j]
    i, j, near_miss = i[kept], j[kept], near_miss[kept]
    specificity = np.maximum(span[i], span[j])
    first_order, last_order = np.minimum(rows.order[i], rows.order[j]), np.maximum(rows.order[i], rows.order[j])
    joined_in = np.lexsort((j, i, last_order, first_order, specificity, near_miss))
    return i[joined_in], j[joined_in], near_miss[joined_in]


def _link(rows: _Rows, first: np.ndarray, second: np.ndarray, near_miss: np.ndarray) -> np.ndarray:
    """Each row's group (the index of a row in it). Pairs are joined in order, only while the group's
    reports still share a day: a month-long report joins one of two day-long reports of different days,
    never both (which would chain two events into one). A one-day disagreement between two day-long
    reports joins them as a conflict.

    The order only matters where ranges of different widths meet. Two day-long reports of one day come
    first and always join; vague reports join only reports of exactly their range, so they always join
    too, and no other pair touches them: those pairs are joined at once, the others one at a time."""
    span = rows.span_days
    specificity = np.maximum(span[first], span[second])
    at_once = ~near_miss & ((specificity == 1) | (specificity > LINKABLE_SPAN_DAYS))
    parent = _components(len(span), first[at_once], second[at_once]).tolist()
    own_earliest, own_latest = rows.earliest.tolist(), rows.latest.tolist()
    group_earliest, group_latest = list(own_earliest), list(own_latest)  # read at each group's root

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    one_at_a_time = ~at_once
    for i, j, near in zip(first[one_at_a_time].tolist(), second[one_at_a_time].tolist(), near_miss[one_at_a_time].tolist()):
        a, b = root(i), root(j)
        if a == b:
            continue
        ea, la, eb, lb = group_earliest[a], group_latest[a], group_earliest[b], group_latest[b]
        if max(ea, eb) <= min(la, lb):
            group_earliest[a], group_latest[a] = max(ea, eb), min(la, lb)
        elif near and (ea, la) == (own_earliest[i], own_latest[i]) and (eb, lb) == (own_earliest[j], own_latest[j]):
            group_earliest[a], group_latest[a] = min(ea, eb), max(la, lb)  # two single reports a day apart
        else:
            continue
        parent[b] = a
    return _flattened_roots(np.array(parent))


def _components(count: int, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The connected components of `count` rows under the pairs: each row points at its component's
    smallest row. Each round hooks every pair's larger root onto the smaller one."""
    parent = np.arange(count)
    while len(first) and not np.array_equal(parent[first], parent[second]):
        lower = np.minimum(parent[first], parent[second])
        np.minimum.at(parent, parent[first], lower)
        np.minimum.at(parent, parent[second], lower)
        parent = _flattened_roots(parent)
    return parent


def _flattened_roots(parent: np.ndarray) -> np.ndarray:
    """Each row pointing straight at its tree's root."""
    while not np.array_equal(parent[parent], parent):
        parent = parent[parent]
    return parent


def _clusters(table: pa.Table, rows: _Rows, groups: np.ndarray,
              descriptions: Callable[[np.ndarray], pa.Array]) -> pa.Table:
    """One row per group: its reports in reading order (then row order), summed up as the schema says.
    `descriptions` gives the description of the rows asked for."""
    members = np.lexsort((np.arange(len(groups)), rows.order, groups))  # rows, grouped, each group in reading order
    starts = np.flatnonzero(np.r_[True, groups[members][1:] != groups[members][:-1]])
    group_of = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(members)]))  # per member position
    first = members[starts]
    earliest, latest = rows.earliest[members], rows.latest[members]
    common_earliest, common_latest = np.maximum.reduceat(earliest, starts), np.minimum.reduceat(latest, starts)
    conflict = common_earliest > common_latest
    common_earliest = np.where(conflict, np.minimum.reduceat(earliest, starts), common_earliest)
    common_latest = np.where(conflict, np.maximum.reduceat(latest, starts), common_latest)
    published = pc.cast(table["published"], pa.int64()).to_numpy()
    member_ids = table["event_id"].take(members)
    columns = {
        "cluster_id": _cluster_ids(member_ids.take(starts)),
        "event_kind": _kinds(table["event_kind"]).take(first),
        "trigger": table["trigger"].take(first),
        "description": descriptions(first),
        "earliest": pa.array(common_earliest.astype(np.int32)).cast(pa.date32()),
        "latest": pa.array(common_latest.astype(np.int32)).cast(pa.date32()),
        "days": pa.array((common_latest - common_earliest + 1).astype(np.int32)),
        "date_conflict": pa.array(conflict),
        "factual": pa.array(rows.factual[first]),
        "events": pa.array(np.diff(np.r_[starts, len(members)]).astype(np.int32)),
        "articles": pa.array(_distinct_counts(group_of, rows.article[members], len(starts)).astype(np.int32)),
        "publishers": pa.array(_distinct_counts(group_of, _codes(table["publisher"])[members], len(starts)).astype(np.int32)),
        "who": _by_frequency(table["who"].take(members), group_of, len(starts)),
        "where": _by_frequency(table["where"].take(members), group_of, len(starts)),
        "countries": _by_frequency(table["countries"].take(members), group_of, len(starts)),
        "member_event_ids": _lists(member_ids.combine_chunks(), np.r_[starts, len(members)]),
        "urls": _first_occurrences(table["url"].take(members), group_of, len(starts)),
        "publisher_names": _first_occurrences(_strings(table["publisher"]).take(members), group_of, len(starts)),
        "first_published": table["published"].take(first),
        "last_published": pa.array(np.maximum.reduceat(published[members], starts)).cast(pa.timestamp("us", tz="UTC")),
        "first_row": pa.array(np.minimum.reduceat(members, starts)),  # ties in the order below: first group first
    }
    keys = ("earliest", "latest", "cluster_id", "first_row")
    order = pc.sort_indices(pa.table({k: columns[k] for k in keys}), sort_keys=[(k, "ascending") for k in keys])
    for name in columns:  # one column at a time: the unsorted copy of each is freed as the next is sorted
        columns[name] = _array(columns[name]).take(order)
    # Encoded after sorting, so the dictionary lists the kinds in the order they first appear, as always.
    columns["event_kind"] = pc.dictionary_encode(columns["event_kind"]).cast(_CATEGORY)
    return pa.table({name: columns[name] for name in CLUSTER_SCHEMA.names}, schema=CLUSTER_SCHEMA)


def _cluster_ids(event_ids: pa.ChunkedArray) -> pa.Array:
    """"cl_" + the event id without its "ev_"."""
    return pc.binary_join_element_wise("cl", pc.replace_substring_regex(event_ids, "^ev_", ""), "_")


def _by_frequency(lists: pa.ChunkedArray, group_of: np.ndarray, groups: int) -> pa.Array:
    """Per group, the distinct values of its members' lists, the most frequent first (ties: first seen first)."""
    lists = _array(lists)
    values = pc.list_flatten(lists)
    group = group_of[pc.list_parent_indices(lists).to_numpy()]
    codes = _codes(values)
    width = codes.max(initial=0) + 1
    distinct, first_seen, count = np.unique(group * width + codes, return_index=True, return_counts=True)
    in_group = distinct // width
    chosen = first_seen[np.lexsort((first_seen, -count, in_group))]
    return _lists(values.take(chosen), _offsets(group[chosen], groups))


def _first_occurrences(values: pa.ChunkedArray, group_of: np.ndarray, groups: int) -> pa.Array:
    """Per group, its members' values that are not empty, in member order, without repeats."""
    values = _array(values)
    present = np.flatnonzero(pc.fill_null(pc.not_equal(values, ""), False).to_numpy(zero_copy_only=False))
    codes = _codes(values)[present]
    first_seen = np.unique(group_of[present] * (codes.max(initial=0) + 1) + codes, return_index=True)[1]
    chosen = present[np.sort(first_seen)]
    return _lists(values.take(chosen), _offsets(group_of[chosen], groups))


def _distinct_counts(group_of: np.ndarray, codes: np.ndarray, groups: int) -> np.ndarray:
    """Per group, how many distinct codes its members have."""
    combined = np.sort(group_of * (codes.max(initial=0) + 1) + codes)  # np.unique alone hashes: slower
    distinct = combined[np.r_[True, combined[1:] != combined[:-1]]]
    return np.bincount(distinct // (codes.max(initial=0) + 1), minlength=groups)


def _offsets(group: np.ndarray, groups: int) -> np.ndarray:
    """List offsets for values sorted by group."""
    return np.r_[0, np.cumsum(np.bincount(group, minlength=groups))]


def _lists(values: pa.Array, offsets: np.ndarray) -> pa.Array:
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), values, type=_STRINGS)


def _flattened(column: pa.ChunkedArray) -> tuple[np.ndarray, pa.Array]:
    """The items of a list column, and the row each belongs to."""
    lists = _array(column)
    return pc.list_parent_indices(lists).to_numpy(), pc.list_flatten(lists)


def _python_lower(values: pa.Array) -> pa.Array:
    """str.lower, as the keys always used (Unicode's full lowercasing), once per distinct value."""
    encoded = pc.dictionary_encode(values)
    lowered = pa.array([value.lower() for value in encoded.dictionary.to_pylist()], pa.string())
    return lowered.take(encoded.indices)


def _array(values: pa.ChunkedArray | pa.Array) -> pa.Array:
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


def _strings(values: pa.ChunkedArray | pa.Array) -> pa.Array:
    """A string column as plain strings (a categorical column decoded)."""
    values = _array(values)
    return values.cast(values.type.value_type) if pa.types.is_dictionary(values.type) else values


def _codes(values: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """An integer per value, equal for equal values; null is a value of its own."""
    return pc.dictionary_encode(_strings(values), null_encoding="encode").indices.to_numpy()


def _days(dates: pa.ChunkedArray) -> np.ndarray:
    return pc.cast(dates, pa.int32()).to_numpy().astype(np.int64)


def cluster_problems(clusters: pa.Table, timeline: pa.Table | None = None, schema: pa.Schema | None = None
                     ) -> dict[str, object]:
    """What is wrong with a clusters table: schema drift, clusters without members, inverted intervals,
    and (given the timeline's event_id column) member ids that are not timeline rows, or rows in no
    cluster or in two. `schema` is the clusters file's when `clusters` holds only some of its columns."""
    schema = clusters.schema if schema is None else schema
    problems: dict[str, object] = {
        "schema": [] if schema.equals(CLUSTER_SCHEMA) else [f"schema is\n{schema}"],
        "without_members": 0, "earliest_after_latest": 0, "unknown_members": 0, "events_not_in_one_cluster": 0,
    }
    if not clusters.num_rows:
        return problems
    sizes = pc.list_value_length(clusters.column("member_event_ids"))
    problems["without_members"] = pc.sum(pc.equal(pc.fill_null(sizes, 0), 0)).as_py() or 0
    problems["earliest_after_latest"] = pc.sum(pc.greater(clusters.column("earliest"), clusters.column("latest"))).as_py() or 0
    if timeline is not None:
        # counted in Arrow, not in Python sets: a large timeline's ids as Python strings cost more than its clusters
        counted = pc.value_counts(pc.list_flatten(clusters.column("member_event_ids")))
        members, times = counted.field("values"), counted.field("counts")
        ids = pc.unique(_array(timeline.column("event_id")))
        problems["unknown_members"] = pc.sum(pc.invert(pc.is_in(members, ids))).as_py() or 0
        in_clusters = pc.fill_null(times.take(pc.index_in(ids, members)), 0)
        problems["events_not_in_one_cluster"] = pc.sum(pc.not_equal(in_clusters, 1)).as_py() or 0
    return problems


CHECKED_COLUMNS = ["member_event_ids", "earliest", "latest"]


def clusters_file_problems(path: Path, timeline_path: Path) -> tuple[dict[str, object], int]:
    """cluster_problems of a clusters file against a timeline file, reading only the columns checked;
    and the file's number of clusters."""
    clusters = pq.ParquetFile(path)
    problems = cluster_problems(clusters.read(columns=CHECKED_COLUMNS),
                                pq.read_table(timeline_path, columns=["event_id"]), clusters.schema_arrow)
    return problems, clusters.metadata.num_rows


def write_clusters(clusters: pa.Table, target: Path) -> Path:
    """Write the clusters file atomically: readers see the old file or the whole new one."""
    return write_parquet_atomically(clusters, target)


def cluster_of_events(clusters: pa.Table) -> dict[str, str]:
    """event_id -> cluster_id, to join the clusters onto timeline rows."""
    return {event: cluster for cluster, events in zip(clusters.column("cluster_id").to_pylist(),
                                                      clusters.column("member_event_ids").to_pylist())
            for event in events}
