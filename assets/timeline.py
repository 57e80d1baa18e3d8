"""The timeline: events tagged in parallel steps, staged from the events shards, checked, then published atomically."""

from dataclasses import asdict

import dagster as dg

from assets.metadata import PREVIEW_ROWS, parquet_head, table_metadata
from dateline.work_groups import usable_cores
from dateline import event_shards, pipeline
from dateline.event_shards import EventsSyncReport
from dateline.timeline import COLUMN_DESCRIPTIONS, TIMELINE_SCHEMA
from pipelines.resources import DataPaths

TIMELINE_PREVIEW_COLUMNS = ["earliest", "latest", "trigger", "time_text", "who", "where", "modality", "granularity", "article_id"]


def _timeline_metadata(path) -> dict[str, object]:
    """Row count, schema and a preview of a timeline file, reading only its first rows and footer."""
    head, rows = parquet_head(path, PREVIEW_ROWS)
    return table_metadata(head, TIMELINE_SCHEMA, path, TIMELINE_PREVIEW_COLUMNS, row_count=rows,
                          descriptions=COLUMN_DESCRIPTIONS)


class TaggingConfig(dg.Config):
    # How many tagging steps to split the changed buckets into: steps run at once under the
    # multiprocess executor (or on several machines under a distributed one); 0 = one per CPU core.
    groups: int = 0


@dg.op(
    ins={"articles": dg.In(dg.Nothing)},
    out=dg.DynamicOut(list),
    description="Deal the buckets whose articles changed into groups of about equal work, one tagging step each.",
)
def plan_tagging(config: TaggingConfig, paths: DataPaths):
    groups = config.groups or usable_cores()
    for number, shards in enumerate(event_shards.plan_tagging(paths.processed(), groups)):
        yield dg.DynamicOutput(shards, mapping_key=f"group_{number}")


@dg.op(description="Tag the changed files of a group of buckets and rewrite those buckets' events shards.")
def tag_group(paths: DataPaths, shards: list) -> dict:
    return asdict(event_shards.tag_buckets(paths.processed(), shards))


@dg.op(description="Combine the events shards into the sorted timeline in processed/.staging/ (reusing unchanged files' rows).")
def stage_events(context: dg.OpExecutionContext, paths: DataPaths, reports: list) -> None:
    staged, rows, catch_up = pipeline.stage_timeline(paths.processed())
    tagged = EventsSyncReport()
    for report in reports:
        tagged.add(EventsSyncReport(**report))
    tagged.add(catch_up)
    metadata = _timeline_metadata(staged)
    metadata |= {
        "tagging_steps": len(reports),
        "files_tagged": tagged.files_tagged,
        "files_tagged_at_staging": catch_up.files_tagged,  # stale again after the tagging steps
        "event_shards_written": tagged.shards_written,
        "articles_tagged": tagged.articles_tagged,
        "events": rows,
    }
    context.add_output_metadata(metadata)


@dg.graph_asset(
    ins={"articles": dg.AssetIn(dagster_type=dg.Nothing)},
    group_name="timeline",
    kinds={"parquet"},
    description=(
        "Tags and extracts events for the raw files whose articles changed (processed/events/), in "
        "parallel steps by bucket, then builds the combined, sorted timeline in processed/.staging/ "
        "for the checks to inspect before publishing."
    ),
)
def timeline_staging(articles):
    return stage_events(plan_tagging(articles).map(tag_group).collect())


@dg.asset_check(
    asset=timeline_staging,
    blocking=True,
    description="The staged timeline has the published schema, no nulls in required columns, and earliest <= latest.",
)
def staged_timeline_valid(paths: DataPaths) -> dg.AssetCheckResult:
    problems, rows = pipeline.timeline_file_problems(pipeline.staged_timeline_path(paths.processed()))
    passed = not problems["schema"] and not problems["nulls"] and not problems["earliest_after_latest"]
    return dg.AssetCheckResult(
        passed=passed,
        metadata={
            "rows": rows,
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
    return dg.MaterializeResult(metadata=_timeline_metadata(pipeline.publish_timeline(paths.processed())))
