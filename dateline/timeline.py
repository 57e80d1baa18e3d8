"""The timeline table: one row per dated event, its Arrow schema, and crash-safe Parquet writing.

Rows are built from an Article and the Events found in it; the table is sorted by when the events
happened. Every column is described in docs/timeline.md and in COLUMN_DESCRIPTIONS below.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dateline.confidence import event_confidence
from dateline.headlines import HEADLINE_TENSE_RULE
from dateline.model import Article, Event, TemporalExpression
from dateline.current_states import LINK_RULE as CURRENT_STATE_RULE
from dateline.undated import LINK_RULE as PUBLICATION_DATE_ONLY, PERFECT_RULE

SCHEMA_VERSION = "5"
SCHEMA_VERSION_KEY = b"dateline.schema_version"
# Link rules of events that only the publication date dates: their anchor is the publication date.
_PUBLICATION_DATED = frozenset({PUBLICATION_DATE_ONLY, HEADLINE_TENSE_RULE, CURRENT_STATE_RULE, PERFECT_RULE})

# Categories are dictionary-encoded: few distinct values, small files, pandas reads them as `category`.
_CATEGORY = pa.dictionary(pa.int32(), pa.string())
_OFFSET = pa.int32()
_INSTANT = pa.timestamp("us", tz="UTC")
# Parquet names a list's items "element"; using that name here makes written and read-back schemas equal.
_NAMES = pa.list_(pa.field("element", pa.string()))
_PARTICIPANT = pa.struct([
    pa.field("text", pa.string()), pa.field("name", pa.string()), pa.field("kind", pa.string()),
    pa.field("country", pa.string()), pa.field("start", _OFFSET), pa.field("end", _OFFSET),
    pa.field("method", pa.string()), pa.field("entity_id", pa.string()),
])
_PLACE = pa.struct([
    pa.field("text", pa.string()), pa.field("name", pa.string()), pa.field("kind", pa.string()),
    pa.field("country", pa.string()), pa.field("geonames_id", pa.int64()), pa.field("latitude", pa.float64()),
    pa.field("longitude", pa.float64()), pa.field("start", _OFFSET), pa.field("end", _OFFSET),
    pa.field("method", pa.string()),
])

COLUMN_DESCRIPTIONS: dict[str, str] = {
    "event_id": "Stable id of this event mention: the article id and the trigger's offsets, hashed.",
    "article_id": "Stable id of the article the event was read from.",
    "trigger": "The word that names the event (e.g. 'met', 'said').",
    "event_kind": "Coarse kind of event from the trigger: statement, meeting, visit, conflict, agreement, ... or other.",
    "description": "The clause holding the trigger: what happened, in the article's words.",
    "polarity": "positive, or negative when the text says it did not happen ('did not attend').",
    "modality": "actual (happened or happening), planned ('will work', 'agreed to send'), hoped ('hopes to visit'), expected ('expects to report', 'is going to start') or possible ('would deepen').",
    "factuality_rule": "The cue that set polarity and modality, e.g. helper:will, complement_of:agreed, negation:not, no_cue.",
    "trigger_start": "Character offset where the trigger starts in the article text (in the title when from_title).",
    "trigger_end": "Character offset just past the trigger.",
    "quote": "The sentence holding the trigger, as evidence (the title, in sentence case, when from_title).",
    "quote_start": "Character offset where the quote starts in the article text (0 when from_title).",
    "quote_end": "Character offset just past the quote.",
    "from_title": "True for an event the article's title states and its text does not report; its offsets are into the title. See docs/confidence.md.",
    "time_text": "The temporal expression(s) dating the event; several are joined with '; '.",
    "time_start": "Offset where the first dating expression starts.",
    "time_end": "Offset just past the last dating expression.",
    "time_type": "TIMEX3 type of the expression(s): DATE, TIME, DURATION or SET.",
    "time_value": "TIMEX3 value(s), e.g. 2025-06-17 or 2024-WI; several are joined with '; '.",
    "time_mod": "TIMEX3 mod(s) such as START or APPROX; null when none.",
    "relation": "How the time relates to the event: on, since, until, during, before, after, on_or_before (a past event told in a report with no time of its own: on the saying's day or before it).",
    "earliest": "First calendar day the event can have happened (union over its expressions); 0001-01-01 when the text gives none (relation on_or_before).",
    "latest": "Last calendar day the event can have happened (union over its expressions).",
    "granularity": "Precision of the dating: day, week, month, season, year, ...",
    "anchor": "What the date was resolved against: publication_date (also for statements dated by it alone), previous_expression, none.",
    "confidence": "How far the date can be trusted: high (a time governs the trigger's clause), medium (the story's time carried, a report's day, or the publication date bounding a statement), low (the nearest time, which does not govern the trigger; or a measure such as 'income'). See docs/confidence.md.",
    "confidence_reason": "Why the row has its confidence: time_governs_clause, story_continues, story_time, report_day, same_event_named_before, publication_date, headline, new_paragraph, nearest_time, measure, state, carried_noun.",
    "direction_source": "Why a past or future reading was chosen: explicit_word, tense, default, none.",
    "rule": "The finding and resolving rule(s) of the tagger that produced the time.",
    "link_rule": "How the trigger was tied to its time.",
    "who": "Canonical names of the event's participants, resolved within the article ('Mr. Shoigu' -> 'Sergei K. Shoigu', 'the carmaker' -> 'General Motors').",
    "agents": "Canonical names of who did it or said it, a part of `who`: the subject (and names coordinated with it), the passive's 'by X', the speaker of an inverted 'said'; not the object, the recipient or a name the subject only mentions; empty for a passive without 'by' ('Mr. Antar was charged'). What an analyst asking 'what did X do' reads.",
    "where": "Names of the places where the event happened.",
    "participants": "Each participant: text as written, canonical name, kind (person, organization, country, product, group), ISO 3166-1 alpha-3 country, offsets, method, and entity_id (the id of the entity in the entities dataset; null for an unnamed group).",
    "places": "Each place: text, resolved name, kind (city, country, us_state, region), alpha-3 country, GeoNames id, latitude/longitude (cities only), offsets, method.",
    "countries": "Distinct ISO 3166-1 alpha-3 codes of the participants and places, for filtering.",
    "entity_ids": "Distinct entity ids of the participants, for filtering: the rows of one entity across articles.",
    "url": "The article's URL, if known.",
    "title": "The article's title, if known.",
    "publisher": "The article's publisher, if known.",
    "published": "Publication instant (UTC).",
    "published_date": "The publisher's calendar date of publication: what relative times resolve against.",
    "source_file": "Raw file the article came from, relative to the raw folder.",
    "source_line": "1-based line of a .jsonl file, or 1-based entry of an RSS/Atom feed; null for one-article files.",
}

TIMELINE_SCHEMA = pa.schema(
    [
        pa.field("event_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("trigger", pa.string(), nullable=False),
        pa.field("trigger_start", _OFFSET, nullable=False),
        pa.field("trigger_end", _OFFSET, nullable=False),
        pa.field("event_kind", _CATEGORY, nullable=False),
        pa.field("description", pa.string()),
        pa.field("polarity", _CATEGORY, nullable=False),
        pa.field("modality", _CATEGORY, nullable=False),
        pa.field("factuality_rule", _CATEGORY),
        pa.field("quote", pa.string()),
        pa.field("quote_start", _OFFSET),
        pa.field("quote_end", _OFFSET),
        pa.field("from_title", pa.bool_(), nullable=False),
        pa.field("time_text", pa.string()),
        pa.field("time_start", _OFFSET),
        pa.field("time_end", _OFFSET),
        pa.field("time_type", _CATEGORY),
        pa.field("time_value", pa.string()),
        pa.field("time_mod", _CATEGORY),
        pa.field("relation", _CATEGORY, nullable=False),
        pa.field("earliest", pa.date32(), nullable=False),
        pa.field("latest", pa.date32(), nullable=False),
        pa.field("granularity", _CATEGORY, nullable=False),
        pa.field("anchor", _CATEGORY),
        pa.field("direction_source", _CATEGORY),
        pa.field("rule", _CATEGORY),
        pa.field("link_rule", _CATEGORY, nullable=False),
        pa.field("confidence", _CATEGORY, nullable=False),
        pa.field("confidence_reason", _CATEGORY, nullable=False),
        pa.field("who", _NAMES),
        pa.field("agents", _NAMES),
        pa.field("where", _NAMES),
        pa.field("participants", pa.list_(pa.field("element", _PARTICIPANT))),
        pa.field("places", pa.list_(pa.field("element", _PLACE))),
        pa.field("countries", _NAMES),
        pa.field("entity_ids", _NAMES),
        pa.field("url", pa.string()),
        pa.field("title", pa.string()),
        pa.field("publisher", _CATEGORY),
        pa.field("published", _INSTANT, nullable=False),
        pa.field("published_date", pa.date32(), nullable=False),
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("source_line", pa.int32()),
    ],
    metadata={SCHEMA_VERSION_KEY: SCHEMA_VERSION.encode()},
)

REQUIRED_COLUMNS: tuple[str, ...] = tuple(f.name for f in TIMELINE_SCHEMA if not f.nullable)
SORT_KEYS: tuple[str, ...] = ("earliest", "latest", "article_id", "trigger_start")


def _joined(values: Iterable[str | None]) -> str | None:
    """Distinct non-empty values in first-seen order, joined with '; ' (None when there are none)."""
    seen: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return "; ".join(seen) if seen else None


def event_row(article: Article, event: Event) -> dict:
    """One timeline row for an event of an article.

    When several expressions date one event ("this past winter and spring") their texts, values and
    rules are joined in text order and the day range is the union of theirs and the event's own.
    """
    return _row(article, event, _time_fields(event.times))


def event_rows(article: Article, events: Iterable[Event], from_title: bool = False) -> list[dict]:
    """The timeline rows of an article's events, as event_row makes them. Events dated by the same
    expressions (a story's time carried over many verbs) share the fields drawn from them.
    `from_title`: the events were read from the article's title (dateline.headlines)."""
    shared: dict[tuple[int, ...], dict] = {}
    rows = []
    for event in events:
        key = tuple(map(id, event.times))
        fields = shared.get(key)
        if fields is None:
            fields = shared[key] = _time_fields(event.times)
        rows.append(_row(article, event, fields, from_title))
    return rows


def _time_fields(times: Iterable[TemporalExpression]) -> dict:
    """The row fields drawn from the expressions that date an event, in text order."""
    times = sorted(times, key=lambda t: t.start)
    return {
        "time_text": "; ".join(t.text for t in times) if times else None,
        "time_start": times[0].start if times else None,
        "time_end": max(t.end for t in times) if times else None,
        "time_type": _joined(t.type for t in times),
        "time_value": _joined(t.value for t in times),
        "time_mod": _joined(t.mod for t in times),
        "anchor": _joined(t.anchor for t in times),
        "direction_source": _joined(t.direction_source for t in times),
        "rule": _joined(t.rule for t in times),
        "earliest": min((t.earliest for t in times if t.earliest is not None), default=None),
        "latest": max((t.latest for t in times if t.latest is not None), default=None),
    }


def _row(article: Article, event: Event, time_fields: dict, from_title: bool = False) -> dict:
    participants = [_as_dict(p) for p in event.participants]
    places = [_as_dict(p) for p in event.places]
    earliest, latest = time_fields["earliest"], time_fields["latest"]
    confidence = event_confidence(event)
    anchor = time_fields["anchor"] or ("publication_date" if event.link_rule in _PUBLICATION_DATED else None)
    # Offsets into the title must not give an event the id of one at the same offsets in the text.
    id_of = f"{article.article_id}:title" if from_title else article.article_id
    return {  # in TIMELINE_SCHEMA's order (records_to_table reads the values in order)
        "event_id": event_id(id_of, event.trigger_start, event.trigger_end),
        "article_id": article.article_id,
        "trigger": event.trigger,
        "trigger_start": event.trigger_start,
        "trigger_end": event.trigger_end,
        "event_kind": event.kind,
        "description": event.description or None,
        "polarity": event.polarity,
        "modality": event.modality,
        "factuality_rule": event.factuality_rule or None,
        "quote": event.sentence,
        "quote_start": event.sentence_start,
        "quote_end": event.sentence_end,
        "from_title": from_title,
        "time_text": time_fields["time_text"],
        "time_start": time_fields["time_start"],
        "time_end": time_fields["time_end"],
        "time_type": time_fields["time_type"],
        "time_value": time_fields["time_value"],
        "time_mod": time_fields["time_mod"],
        "relation": event.relation,
        "earliest": event.earliest if earliest is None else min(event.earliest, earliest),
        "latest": event.latest if latest is None else max(event.latest, latest),
        "granularity": event.granularity,
        "anchor": anchor,
        "direction_source": time_fields["direction_source"],
        "rule": time_fields["rule"],
        "link_rule": event.link_rule,
        "confidence": confidence.level,
        "confidence_reason": confidence.reason,
        "who": list(event.who),
        "agents": list(event.agents),
        "where": list(event.where),
        "participants": participants,
        "places": places,
        "countries": list(dict.fromkeys(p["country"] for p in participants + places if p["country"])),
        "entity_ids": list(dict.fromkeys(p["entity_id"] for p in participants if p["entity_id"])),
        "url": article.url,
        "title": article.title,
        "publisher": article.publisher,
        "published": article.published_utc,
        "published_date": article.published_local_date,
        "source_file": article.source_file,
        "source_line": article.source_line,
    }


def event_id(article_id: str, trigger_start: int, trigger_end: int) -> str:
    """A stable id for an event mention: the same article and trigger always give the same id."""
    digest = hashlib.sha256(f"{article_id}:{trigger_start}:{trigger_end}".encode()).hexdigest()
    return f"ev_{digest[:20]}"


def _as_dict(record) -> dict:
    return {name: getattr(record, name) for name in record.__dataclass_fields__}


def rows_to_table(rows: Sequence[dict]) -> pa.Table:
    """Rows (as from event_row) to a table with exactly TIMELINE_SCHEMA, unsorted."""
    return records_to_table(rows, TIMELINE_SCHEMA)


def records_to_table(records: Sequence[dict], schema: pa.Schema) -> pa.Table:
    """Dicts holding every field of `schema` to a table of exactly that schema (categories encoded)."""
    names = schema.names
    if records and all(list(record) == names for record in records):
        # built in the schema's order (event_row's are): transposed in one pass, not a pass per column
        columns = dict(zip(names, map(list, zip(*(record.values() for record in records)))))
    else:
        columns = {name: [record[name] for record in records] for name in names}
    return columns_to_table(schema, columns)


def columns_to_table(schema: pa.Schema, columns: dict[str, list]) -> pa.Table:
    """Python lists, one per field of `schema`, to a table of exactly that schema (categories encoded)."""
    arrays = []
    for f in schema:
        values = columns[f.name]
        if pa.types.is_dictionary(f.type):
            arrays.append(pa.array(values, pa.string()).dictionary_encode().cast(f.type))
        else:
            arrays.append(pa.array(values, f.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def empty_timeline() -> pa.Table:
    return TIMELINE_SCHEMA.empty_table()


def combine_and_sort(tables: Iterable[pa.Table]) -> pa.Table:
    """Concatenate timeline tables (unifying their dictionaries) and sort them for reading."""
    return sort_timeline(_combined(tables))


def _combined(tables: Iterable[pa.Table], schema: pa.Schema = TIMELINE_SCHEMA) -> pa.Table:
    parts = [conform(t, schema) for t in tables]
    return pa.concat_tables(parts, promote_options="none").unify_dictionaries() if parts else schema.empty_table()


# Text repeated on many rows: an article's title and url on each of its events, a sentence's quote and
# a clause's description on each event in them. While a timeline is rebuilt these stay
# dictionary-encoded (read so with read_dictionary=), so that reading, filtering and reordering half a
# million rows move indexes rather than text; they are written as plain strings.
REPEATED_TEXT_COLUMNS: tuple[str, ...] = ("trigger", "description", "quote", "time_text", "time_value", "url",
                                          "title", "source_file")
_REBUILD_SCHEMA = pa.schema([
    f.with_type(pa.dictionary(pa.int32(), pa.string())) if f.name in REPEATED_TEXT_COLUMNS else f
    for f in TIMELINE_SCHEMA
])


def _reading_order(table: pa.Table) -> pa.Array:
    return pc.sort_indices(table, sort_keys=[(key, "ascending") for key in SORT_KEYS])


def write_sorted_atomically(tables: Iterable[pa.Table], target: Path, metadata: dict[bytes, bytes]) -> int:
    """combine_and_sort's result written to `target` (atomically, with `metadata` added to the
    schema's), a slice at a time: the sorted copy is never whole in memory beside the unsorted one.
    The tables may hold REPEATED_TEXT_COLUMNS dictionary-encoded or not. Returns the number of rows."""
    # one chunk per column: taking rows from a table of many chunks (one per part) costs several times more
    combined = _combined(tables, _REBUILD_SCHEMA).combine_chunks()
    order = _reading_order(combined)
    schema = TIMELINE_SCHEMA.with_metadata((TIMELINE_SCHEMA.metadata or {}) | metadata)

    def write(temporary: Path) -> None:
        with pq.ParquetWriter(temporary, schema) as writer:
            for start in range(0, max(len(order), 1), _WRITE_SLICE_ROWS):
                writer.write_table(combined.take(order[start:start + _WRITE_SLICE_ROWS]).cast(schema))

    _atomically(target, write, durable=True)
    return len(order)


_WRITE_SLICE_ROWS = 65_536


def sort_timeline(table: pa.Table) -> pa.Table:
    return table.take(_reading_order(table)).combine_chunks().replace_schema_metadata(TIMELINE_SCHEMA.metadata)


def conform(table: pa.Table, schema: pa.Schema = TIMELINE_SCHEMA) -> pa.Table:
    """Cast a table read back from Parquet to `schema` (column order, types, metadata)."""
    return table.select(schema.names).cast(schema)


def schema_problems(table: pa.Table) -> list[str]:
    """Differences between a table's columns/types and TIMELINE_SCHEMA; empty when it matches."""
    problems = []
    expected = {f.name: f.type for f in TIMELINE_SCHEMA}
    actual = {f.name: f.type for f in table.schema}
    for name, kind in expected.items():
        if name not in actual:
            problems.append(f"missing column {name}")
        elif actual[name] != kind:
            problems.append(f"column {name} is {actual[name]}, expected {kind}")
    problems.extend(f"unexpected column {name}" for name in actual if name not in expected)
    version = (table.schema.metadata or {}).get(SCHEMA_VERSION_KEY)
    if version != SCHEMA_VERSION.encode():
        problems.append(f"schema version is {version!r}, expected {SCHEMA_VERSION!r}")
    return problems


def write_parquet_atomically(table: pa.Table, target: Path, *, durable: bool = True) -> Path:
    """Write `table` to `target` so readers only ever see the old file or the complete new one.

    The data goes to a hidden temporary file in the same folder (readers of the folder skip names
    starting with "."), is flushed to disk when `durable`, and is then renamed over the target.
    """
    return _atomically(target, lambda temporary: pq.write_table(table, temporary), durable=durable)


def write_bytes_atomically(data: bytes, target: Path) -> Path:
    """Write `data` to `target` with the same all-or-nothing guarantee (a picture, a page)."""
    return _atomically(target, lambda temporary: temporary.write_bytes(data), durable=True)


def copy_atomically(source: Path, target: Path) -> Path:
    """Copy a finished file over `target` with the same all-or-nothing guarantee."""
    return _atomically(target, lambda temporary: shutil.copyfile(source, temporary), durable=True)


def _atomically(target: Path, write: Callable[[Path], object], *, durable: bool) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        write(temporary)
        if durable:
            _fsync(temporary)
        _replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if durable:
        fsync_path(target.parent)
    return target


def _replace(source: Path, target: Path) -> None:
    # A separate function so tests can make the final step fail after the temporary file is complete.
    os.replace(source, target)


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def fsync_path(path: Path | str) -> None:
    """Flush a file or a folder (its entries: a rename or a new file in it) to the disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def read_timeline(path: Path) -> pa.Table:
    """Read a timeline file or folder written by this module."""
    return pq.read_table(path)
