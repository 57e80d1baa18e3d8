"""The timeline: staged from the event shards, checked, then published atomically."""

import dagster as dg
import pyarrow.parquet as pq

from assets.articles import articles
from assets.metadata import table_metadata
from dateline import pipeline
from dateline.timeline import COLUMN_DESCRIPTIONS, TIMELINE_SCHEMA
from pipelines.resources import DataPaths

TIMELINE_PREVIEW_COLUMNS = ["earliest", "latest", "trigger", "time_text", "who", "where", "modality", "granularity", "article_id"]


def _timeline_metadata(table, path) -> dict[str, object]:
    return table_metadata(table, TIMELINE_SCHEMA, path, TIMELINE_PREVIEW_COLUMNS, descriptions=COLUMN_DESCRIPTIONS)


@dg.asset(
    deps=[articles],
    group_name="timeline",
    kinds={"parquet"},
    description=(
        "Tags and extracts events for article shards that changed (processed/events/), then builds the "
        "combined, sorted timeline in processed/.staging/ for the checks to inspect before publishing."
    ),
)
def timeline_staging(paths: DataPaths) -> dg.MaterializeResult:
    processed = paths.processed()
    report = pipeline.sync_events(processed)
    table, staged = pipeline.stage_timeline(processed, report.tables)
    metadata = _timeline_metadata(table, staged)
    metadata |= {
        "event_shards_built": report.shards_built,
        "event_shards_skipped": report.shards_skipped,
        "articles_tagged": report.articles_tagged,
        "events": report.events,
    }
    return dg.MaterializeResult(metadata=metadata)


@dg.asset_check(
    asset=timeline_staging,
    blocking=True,
    description="The staged timeline has the published schema, no nulls in required columns, and earliest <= latest.",
)
def staged_timeline_valid(paths: DataPaths) -> dg.AssetCheckResult:
    table = pq.read_table(pipeline.staged_timeline_path(paths.processed()))
    problems = pipeline.timeline_problems(table)
    passed = not problems["schema"] and not problems["nulls"] and not problems["earliest_after_latest"]
    return dg.AssetCheckResult(
        passed=passed,
        metadata={
            "rows": table.num_rows,
            "earliest_after_latest": problems["earliest_after_latest"],
            "null_required_values": dg.MetadataValue.json(problems["nulls"]),
            "schema_problems": dg.MetadataValue.json(problems["schema"]),
        },
    )


@dg.asset(
    deps=[timeline_staging],
    group_name="timeline",
    kinds={"parquet"},
    description=(
        "The published timeline, processed/timeline/part-0.parquet: one row per dated event, sorted by "
        "earliest, latest, article_id, trigger_start. Replaced atomically, and only after the checks pass."
    ),
)
def timeline(paths: DataPaths) -> dg.MaterializeResult:
    published = pipeline.publish_timeline(paths.processed())
    return dg.MaterializeResult(metadata=_timeline_metadata(pq.read_table(published), published))
