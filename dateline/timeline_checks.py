"""What the `timeline` asset's own checks judge, and its preview: the published timeline file as readers get it.

- published_problems: the published file's schema, required values and intervals (as the staged file's
  were judged before publishing), its order (SORT_KEYS, which date-range reads rely on), and whether it is
  the very build that was staged and checked;
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
from dateline.store.publishing import timeline_build, timeline_file_problems
from dateline.timeline import SORT_KEYS
from dateline.timeline_query import DEFAULT_CONFIDENCE
from dateline.undated import LINK_RULE as PUBLICATION_DATE_ONLY


def rows_out_of_order(path: Path) -> int:
    """How many rows of a timeline file come before a row they should follow (by SORT_KEYS)."""
    table = pq.read_table(path, columns=list(SORT_KEYS))
    if table.num_rows < 2:
        return 0
    order = pc.sort_indices(table, sort_keys=[(key, "ascending") for key in SORT_KEYS])
    # a stable sort of a sorted table is the identity; ties keep their places, so they never count
    return pc.sum(pc.not_equal(order, pa.array(range(table.num_rows), order.type))).as_py() or 0


def published_problems(published: Path, processed_dir: Path) -> dict[str, object]:
    """Everything wrong with the published timeline: {} values and 0 counts when it is sound."""
    problems, rows = timeline_file_problems(published)
    build = timeline_build(published)
    staged = timeline_build(staged_timeline_path(processed_dir))
    return {
        **problems,
        "rows": rows,
        "rows_out_of_order": rows_out_of_order(published),
        "build": build,
        # a later run may have staged a newer build since; only a published file with no build id is wrong
        "missing_build": not build,
        "staged_build": staged,
    }


def passed(problems: dict[str, object]) -> bool:
    return not (problems["schema"] or problems["nulls"] or problems["earliest_after_latest"]
                or problems["rows_out_of_order"] or problems["missing_build"])


def _in_default_view(confidence: pa.ChunkedArray) -> pa.ChunkedArray:
    """Whether each row's confidence puts it in the analyst's default view (high or medium)."""
    return pc.is_in(pc.cast(confidence, pa.string()), pa.array(sorted(at_least(DEFAULT_CONFIDENCE)), pa.string()))


def newest_rows(path: Path, rows: int, columns: Sequence[str]) -> pa.Table:
    """The `rows` rows of a timeline file to show first: default view, then newest (see the module)."""
    keys = pq.read_table(path, columns=["confidence", "latest", "earliest", "published"])
    if keys.num_rows == 0:
        return pq.read_schema(path).empty_table().select(list(columns))
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
    return pq.read_table(path, columns=list(columns)).take(order)


def view_shares(path: Path) -> dict[str, object]:
    """Rows of a timeline file, and how many of them are in the default view and dated by a time phrase."""
    table = pq.read_table(path, columns=["confidence", "link_rule"])
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
