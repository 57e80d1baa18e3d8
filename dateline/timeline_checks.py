"""What the `timeline` asset's own checks judge, and its preview: the published timeline as readers get it.

- published_problems: the published files' schema, required values and intervals (as the staged file's
  were judged before publishing), that they hold the rows the pointer says and carry its build, their
  order (SORT_KEYS, which date-range reads rely on), and whether it is the very build that was staged
  and checked;
- newest_rows: the rows a person wants to see first, not the file's first (oldest) rows: the analyst's
  default view (confidence high or medium) first, then the newest by event date (latest, then earliest
  day), then by publication.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dateline.confidence import at_least
from dateline.store.layout import staged_timeline_path
from dateline.store.publishing import BUILD_KEY, timeline_build, timeline_file_problems
from dateline.store.timeline_builds import PublishedTimeline
from dateline.timeline import SORT_KEYS
from dateline.timeline_query import DEFAULT_CONFIDENCE
from dateline.undated import LINK_RULE as PUBLICATION_DATE_ONLY


def _read(source: Path | PublishedTimeline, columns: Sequence[str]) -> pa.Table:
    """Columns of a timeline file, or of the published timeline's files in their order."""
    if isinstance(source, PublishedTimeline):
        return source.read(list(columns))
    return pq.read_table(source, columns=list(columns))


def _schema(source: Path | PublishedTimeline) -> pa.Schema:
    return source.schema() if isinstance(source, PublishedTimeline) else pq.read_schema(source)


def rows_out_of_order(path: Path | PublishedTimeline) -> int:
    """How many rows of a timeline file (or of the published files, in order) come before a row they
    should follow (by SORT_KEYS)."""
    table = _read(path, SORT_KEYS)
    if table.num_rows < 2:
        return 0
    order = pc.sort_indices(table, sort_keys=[(key, "ascending") for key in SORT_KEYS])
    # a stable sort of a sorted table is the identity; ties keep their places, so they never count
    return pc.sum(pc.not_equal(order, pa.array(range(table.num_rows), order.type))).as_py() or 0


def published_problems(published: PublishedTimeline | None, processed_dir: Path) -> dict[str, object]:
    """Everything wrong with the published timeline: {} values and 0 counts when it is sound."""
    if published is None:
        raise FileNotFoundError(f"no published timeline in {processed_dir}")
    problems, rows = timeline_file_problems(published)
    build = published.build
    staged = timeline_build(staged_timeline_path(processed_dir))
    return {
        **problems,
        "rows": rows,
        # the pointer's row counts are what date-range reads trust to pick files
        "rows_unlike_pointer": abs(rows - published.rows),
        "files_of_another_build": sum(_file_build(published, path) != build for path in published.paths()),
        "rows_out_of_order": rows_out_of_order(published),
        "build": build,
        # a later run may have staged a newer build since; only a published file with no build id is wrong
        "missing_build": not build,
        "staged_build": staged,
    }


def _file_build(published: PublishedTimeline, path: str) -> str:
    metadata = pq.read_schema(path, filesystem=published.filesystem).metadata or {}
    return metadata.get(BUILD_KEY, b"").decode()


def passed(problems: dict[str, object]) -> bool:
    return not (problems["schema"] or problems["nulls"] or problems["earliest_after_latest"]
                or problems["rows_out_of_order"] or problems["missing_build"]
                or problems.get("rows_unlike_pointer") or problems.get("files_of_another_build"))


def _in_default_view(confidence: pa.ChunkedArray) -> pa.ChunkedArray:
    """Whether each row's confidence puts it in the analyst's default view (high or medium)."""
    return pc.is_in(pc.cast(confidence, pa.string()), pa.array(sorted(at_least(DEFAULT_CONFIDENCE)), pa.string()))


def newest_rows(path: Path | PublishedTimeline, rows: int, columns: Sequence[str]) -> pa.Table:
    """The `rows` rows of a timeline file (or the published timeline) to show first: default view,
    then newest (see the module)."""
    keys = _read(path, ["confidence", "latest", "earliest", "published"])
    if keys.num_rows == 0:
        return _schema(path).empty_table().select(list(columns))
    default_view = _in_default_view(keys.column("confidence"))
    ranking = pa.table({
        "default_view": pc.cast(default_view, pa.int8()),
        "latest": keys.column("latest"),
        "earliest": keys.column("earliest"),
        "published": keys.column("published"),
    })
    # stable, so that rows alike in all four keep the file's order and the preview is the same every time
    order = pc.sort_indices(ranking, sort_keys=[
        ("default_view", "descending"), ("latest", "descending"), ("earliest", "descending"),
        ("published", "descending")]).slice(0, rows)
    return _read(path, columns).take(order)


def view_shares(path: Path | PublishedTimeline) -> dict[str, object]:
    """Rows of a timeline file (or the published timeline), and how many of them are in the default
    view and dated by a time phrase."""
    table = _read(path, ["confidence", "link_rule"])
    rows = table.num_rows
    default_view = pc.sum(_in_default_view(table.column("confidence"))).as_py() or 0
    by_publication = pc.sum(pc.equal(pc.cast(table.column("link_rule"), pa.string()),
                                     PUBLICATION_DATE_ONLY)).as_py() or 0
    return {
        "rows": rows,
        "default_view": default_view,
        "default_view_share": round(default_view / rows, 4) if rows else 0.0,
        "dated_by_a_time_phrase_share": round((rows - by_publication) / rows, 4) if rows else 0.0,
    }
