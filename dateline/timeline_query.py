"""Reading the published timeline as an analyst asks for it: a date range, a person or organisation,
a place, and how sure the dates must be.

    import dateline
    acme = dateline.read_timeline(who="Acme", between=("2025-01-01", "2025-06-30"))

Dates may be given as ISO strings, `date`, `datetime` or pandas Timestamps. The published timeline is
read through its pointer (dateline.store.timeline_builds): a date range opens only the month files
that may hold rows in it, and the range and the confidence are pushed into the Parquet scan
(pyarrow.dataset), so a narrow range reads little; the names are matched on what the scan returns.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from dateline.confidence import at_least
from dateline.entities.ids import ENTITY_KINDS, entity_id
from dateline.store.filesystem import LOCAL, exists, parquet_files, resolve
from dateline.store.layout import TIMELINE, processed_folder, timeline_pointer_path
from dateline.store.timeline_builds import (
    PublishedTimeline,
    TimelinePart,
    TimelinePointerInvalid,
    read_pointer,
    timeline_folder_files,
)

DEFAULT_CONFIDENCE = "medium"  # the analyst's default view: high and medium rows
ENTITIES = "entities"


class TimelineQueryError(ValueError):
    """A query that cannot be answered as asked: a bad date, range, level or path."""


def as_day(value: object) -> date:
    """A calendar day from an ISO string ('2025-06-17'), a date, a datetime or a pandas Timestamp."""
    if isinstance(value, datetime):  # pandas Timestamps are datetimes
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise TimelineQueryError(f"not a date: {value!r} (write it as YYYY-MM-DD, or pass a date)")


def read_timeline(path: str | Path | tuple[pafs.FileSystem, str] | None = None, *, between: Sequence[object] | None = None,
                  who: str | Iterable[str] | None = None, where: str | Iterable[str] | None = None,
                  min_confidence: str = DEFAULT_CONFIDENCE, columns: Sequence[str] | None = None,
                  as_agent: bool = False):
    """The timeline's rows as a pandas DataFrame, in date order.

    path: the data folder (or its processed/, or processed/timeline) holding the published timeline, or a
    folder or file of timeline Parquet files; a URI (s3://bucket/prefix) or a (pyarrow FileSystem, path)
    pair names one elsewhere; default the project's data folder (or $DATELINE_DATA). between: (start, end), the rows that possibly fall in the
    range (earliest <= end and latest >= start); either bound may be None. who: a name or entity id, or
    several; a row matches when one of its participants has that name (case aside), that entity id, the
    id the name makes once normalised ("Acme" and "ACME Corporation" find "Acme Corp."), or the id of an
    entity known by that name or alias in the entities dataset. where: a place name, or
    several. min_confidence: "high", "medium" (default: high and medium rows) or "low" (every row).
    as_agent: with `who`, only the rows where that participant is an agent (the `agents` column: who did
    it or said it, not the object or the victim): "what did Acme do" rather than "what happened to Acme".
    """
    start, end = _range(between) if between is not None else (None, None)
    given = _given(path)
    for attempt in range(_ATTEMPTS):
        published = None
        try:
            published, processed = _published(*given)
            return _read(published, processed, start, end, who, where, min_confidence, columns, as_agent)
        except FileNotFoundError:
            # a build is kept until the publish after next: a read this slow saw its files removed; the
            # pointer names a newer build, which is read whole instead
            if published is None or attempt + 1 == _ATTEMPTS or _published(*given)[0].build == published.build:
                raise
        except (pa.ArrowException, TimelinePointerInvalid) as error:  # a file that is not Parquet, or not a timeline
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise TimelineQueryError(f"cannot read the timeline at {given[1]}: {first}") from error


_ATTEMPTS = 3


def _read(published: PublishedTimeline, processed: str, start: date | None, end: date | None, who, where,
          min_confidence: str, columns: Sequence[str] | None, as_agent: bool = False):
    import pyarrow.dataset as ds  # here, not at the top: it loads pandas, and every command imports this module

    paths = published.paths(start, end)
    schema = published.schema(paths)
    scan = ds.dataset(paths, filesystem=published.filesystem, format="parquet", schema=schema)
    condition = pc.field("confidence").isin(list(at_least(min_confidence)))
    if end is not None:
        condition &= pc.field("earliest") <= pa.scalar(end, pa.date32())
    if start is not None:
        condition &= pc.field("latest") >= pa.scalar(start, pa.date32())
    table = scan.to_table(filter=condition).replace_schema_metadata(schema.metadata)
    if who is not None:
        names = _names(who)
        entity_ids = _entity_ids(published.filesystem, f"{processed}/{ENTITIES}", names) if processed else set()
        table = table.filter(_rows_naming(table, names, entity_ids, as_agent))
    if where is not None:
        table = table.filter(_rows_with_place(table, _names(where)))
    table = table.sort_by([("earliest", "ascending"), ("latest", "ascending"), ("article_id", "ascending"),
                           ("trigger_start", "ascending")])
    if columns is not None:
        table = table.select(list(columns))
    return table.to_pandas()


def _given(path) -> tuple[pafs.FileSystem, str]:
    """The file system and path of what the caller named (see read_timeline's `path`)."""
    if path is None:
        return LOCAL, str(processed_folder())
    if isinstance(path, tuple):
        filesystem, where = path
        return filesystem, os.fspath(where).rstrip("/")
    text = os.fspath(path)
    if "://" in text:
        filesystem, where = resolve(text)
        return filesystem, where.rstrip("/")
    return LOCAL, str(Path(text).expanduser())


def _published(filesystem: pafs.FileSystem, given: str) -> tuple[PublishedTimeline, str]:
    """The timeline `given` names, and the processed folder beside it ("" for loose timeline files):
    a processed folder's published build (through its pointer) first, else timeline files as found."""
    parent = given.rsplit("/", 1)[0] if given.rsplit("/", 1)[-1] == TIMELINE else None
    for processed in (f"{given}/processed", given, parent):
        if processed and exists(filesystem, timeline_pointer_path(processed)):
            return read_pointer(processed, filesystem), processed
    for folder, processed in ((f"{given}/processed/{TIMELINE}", f"{given}/processed"), (f"{given}/{TIMELINE}", given),
                              (given, parent or "")):
        info = filesystem.get_file_info(folder)
        if info.type == pafs.FileType.File:
            inside, name = folder.rsplit("/", 1)
            rows = pq.read_metadata(folder, filesystem=filesystem).num_rows
            return PublishedTimeline(filesystem, inside, "", (TimelinePart(name, rows, None, None),)), ""
        found = timeline_folder_files(filesystem, folder) if info.type == pafs.FileType.Directory else None
        if found is not None:
            return found, processed
    raise TimelineQueryError(f"no timeline at {given}: run `dateline run` first, or pass its path")


def _range(between: Sequence[object]) -> tuple[date | None, date | None]:
    if isinstance(between, (str, bytes)) or len(between) != 2:
        raise TimelineQueryError("between takes two dates: (start, end); either may be None")
    start, end = (None if bound is None else as_day(bound) for bound in between)
    if start and end and start > end:
        raise TimelineQueryError(f"the range starts after it ends: {start} > {end}")
    return start, end


def _names(value: str | Iterable[str]) -> list[str]:
    names = [value] if isinstance(value, str) else list(value)
    kept = [name.strip().casefold() for name in names if isinstance(name, str) and name.strip()]
    if not kept:
        raise TimelineQueryError(f"no name to look for in {value!r}: give a name (or an entity id)")
    return kept


def _entity_ids(filesystem: pafs.FileSystem, entities: str, names: list[str]) -> set[str]:
    """Ids of the entities known by one of `names` (canonical name or alias) in the entities dataset
    beside the timeline, when there is one."""
    files = parquet_files(filesystem, entities)
    if not names or not files:
        return set()
    import pyarrow.dataset as ds

    table = ds.dataset(files, filesystem=filesystem, format="parquet").to_table(columns=["entity_id", "name", "aliases"])
    wanted = pa.array(names, pa.string())
    named = pc.is_in(pc.utf8_lower(table["name"]), value_set=wanted)
    aliases = table["aliases"].combine_chunks()
    flat = pc.is_in(pc.utf8_lower(pc.list_flatten(aliases)), value_set=wanted)
    by_alias = pc.list_parent_indices(aliases).filter(flat).to_pylist()
    ids = set(table["entity_id"].filter(named).to_pylist())
    ids.update(table["entity_id"].take(pa.array(sorted(set(by_alias)), pa.int64())).to_pylist())
    return ids


def _rows_naming(table: pa.Table, names: list[str], entity_ids: set[str], as_agent: bool = False) -> pa.Array:
    participants = table["participants"].combine_chunks()
    flat = pc.list_flatten(participants)
    match = pc.is_in(pc.utf8_lower(pc.struct_field(flat, "name")), value_set=pa.array(names, pa.string()))
    if "entity_id" in flat.type.names:
        # an id written out, an entity known by the name in the entities dataset, or the id the name itself
        # makes for any kind ("Acme" and "ACME Corporation" make the id of "Acme Corp.")
        made = {entity_id(kind, name) for name in names for kind in ENTITY_KINDS}
        wanted = pa.array(sorted(set(names) | entity_ids | made), pa.string())
        match = pc.or_(match, pc.is_in(pc.struct_field(flat, "entity_id"), value_set=wanted))
    if as_agent:
        match = pc.and_(pc.fill_null(match, False), _is_agent(table, participants, flat))
    return _any_per_row(participants, match, len(table))


def _is_agent(table: pa.Table, participants: pa.Array, flat: pa.Array) -> pa.Array:
    """For each participant (flat), whether its name is among its row's agents."""
    if "agents" not in table.column_names:
        raise TimelineQueryError("this timeline has no agents column: run `dateline run` again to rebuild it")
    agents = table["agents"].to_pylist()
    rows = pc.list_parent_indices(participants).to_pylist()
    flat_names = pc.struct_field(flat, "name").to_pylist()
    return pa.array([name in (agents[row] or ()) for row, name in zip(rows, flat_names)])


def _rows_with_place(table: pa.Table, names: list[str]) -> pa.Array:
    places = table["where"].combine_chunks()
    match = pc.is_in(pc.utf8_lower(pc.list_flatten(places)), value_set=pa.array(names, pa.string()))
    return _any_per_row(places, match, len(table))


def _any_per_row(lists: pa.Array, match: pa.Array, rows: int) -> pa.Array:
    """For each row of a list column, whether any of its items matched (match: one flag per flat item)."""
    flags = np.zeros(rows, dtype=bool)
    flags[pc.list_parent_indices(lists).filter(pc.fill_null(match, False)).to_numpy()] = True
    return pa.array(flags)
