"""The timeline: events tagged in parallel steps, staged from the events shards, checked, then published atomically."""

from dataclasses import asdict

import dagster as dg
import pyarrow.parquet as pq

from assets.metadata import PREVIEW_ROWS, table_metadata
from assets.resources import DataPaths
from dateline import timeline_checks
from dateline.engine import staging, tagging
from dateline.engine.tagging import EventsSyncReport
from dateline.engine.work_groups import usable_cores
from dateline.store import layout, publishing
from dateline.store.timeline_builds import PublishedTimeline
from dateline.timeline import COLUMN_DESCRIPTIONS, TIMELINE_SCHEMA

TIMELINE_PREVIEW_COLUMNS = ["earliest", "latest", "trigger", "time_text", "who", "where", "modality", "granularity", "article_id"]


def _timeline_metadata(path) -> dict[str, object]:
    """Row count, schema and a preview of a timeline file (or of the published timeline): its newest
    rows of the default view first (dateline.timeline_checks.newest_rows), not its first rows, which
    are its oldest."""
    head = timeline_checks.newest_rows(path, PREVIEW_ROWS, TIMELINE_PREVIEW_COLUMNS)
    if isinstance(path, PublishedTimeline):
        rows, shown = path.rows, path.location()
    else:
        rows, shown = pq.ParquetFile(path).metadata.num_rows, path
    return table_metadata(head, TIMELINE_SCHEMA, shown, TIMELINE_PREVIEW_COLUMNS, row_count=rows,
                          descriptions=COLUMN_DESCRIPTIONS)


class TaggingConfig(dg.Config):
    # How many tagging steps (batches) to split the changed buckets into: steps run at once under the
    # multiprocess executor, or on many workers under celery; 0 = one per CPU core of the process
    # that plans them. `dateline run --batches N` (or $DATELINE_TAG_BATCHES) sets it.
    groups: int = 0


@dg.op(
    ins={"articles": dg.In(dg.Nothing)},
    out=dg.DynamicOut(list),
    description="Deal the buckets whose articles changed into groups of about equal work, one tagging step each.",
)
def plan_tagging(context: dg.OpExecutionContext, config: TaggingConfig, paths: DataPaths):
    groups = config.groups or usable_cores()
    planned = tagging.plan_tagging(paths.processed(), groups)
    context.log.info(f"{sum(map(len, planned))} changed buckets in {len(planned)} tagging steps")
    for number, shards in enumerate(planned):
        yield dg.DynamicOutput(shards, mapping_key=f"group_{number}")


@dg.op(description="Tag the changed files of a group of buckets and rewrite those buckets' events shards.")
def tag_group(context: dg.OpExecutionContext, paths: DataPaths, shards: list) -> dict:
    report = tagging.tag_buckets(paths.processed(), shards)
    context.log.info(f"{report.articles_tagged} articles of {report.files_tagged} files tagged, "
                     f"{report.shards_written} event shards written")
    return asdict(report)


@dg.op(description="Combine the events shards into the sorted timeline in processed/.staging/ (reusing unchanged files' rows).")
def stage_events(context: dg.OpExecutionContext, paths: DataPaths, reports: list) -> None:
    staged, rows, catch_up = staging.stage_timeline(paths.processed())
    tagged = EventsSyncReport()
    for report in reports:
        tagged.add(EventsSyncReport(**report))
    tagged.add(catch_up)
    context.log.info(f"{rows} events staged ({catch_up.files_tagged} files tagged at staging)")
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
    problems, rows = publishing.timeline_file_problems(layout.staged_timeline_path(paths.processed()))
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


TIMELINE_VALID = dg.AssetCheckSpec(
    "timeline_valid", asset="timeline", blocking=True,
    description=(
        "The published timeline as readers get it: the documented schema, no nulls in required columns, "
        "earliest <= latest, rows in date order (earliest, latest, article_id, trigger_start) and a build id. "
        "Blocks clusters, entities and the picture from being built on a bad timeline. (What blocks "
        "publishing is the same judgement of the staged file, `staged_timeline_valid`, made before.)"
    ),
)
TIMELINE_DEFAULT_VIEW = dg.AssetCheckSpec(
    "timeline_default_view", asset="timeline",
    description=(
        "How much of the published timeline an analyst sees by default and how much a time phrase dates: "
        "the shares of rows with confidence high or medium and of rows not dated by the publication date "
        "alone. Warns (does not block) when the timeline has rows but none in the default view."
    ),
)


# The checks of the published timeline are evaluated by the step that publishes it (check_specs), not in
# steps of their own: each step of a run costs its launch and a dozen event-log writes.
@dg.asset(
    deps=[timeline_staging],
    group_name="timeline",
    kinds={"parquet"},
    check_specs=[TIMELINE_VALID, TIMELINE_DEFAULT_VIEW],
    description=(
        "The published timeline, processed/timeline/: one row per dated event, one file per month of "
        "earliest, sorted by earliest, latest, article_id, trigger_start. Each publish writes a whole new "
        "build and then the pointer naming it (processed/_published_timeline.json), only after the checks pass."
    ),
)
def timeline(context: dg.AssetExecutionContext, paths: DataPaths) -> dg.MaterializeResult:
    published = publishing.publish_timeline(paths.processed())
    context.log.info(f"{published.rows} events published to {published.location()} "
                     f"({len(published.parts)} files, build {published.build})")
    return dg.MaterializeResult(metadata=_timeline_metadata(published) | {"files": len(published.parts),
                                                                        "build": published.build},
                                check_results=[timeline_valid(paths, published), timeline_default_view(published)])


def timeline_valid(paths: DataPaths, published: PublishedTimeline) -> dg.AssetCheckResult:
    """The check of the build just published, read from its files as readers get them."""
    problems = timeline_checks.published_problems(published, paths.processed())
    return dg.AssetCheckResult(
        check_name=TIMELINE_VALID.name,
        passed=timeline_checks.passed(problems),
        metadata={
            "rows": problems["rows"],
            "earliest_after_latest": problems["earliest_after_latest"],
            "rows_out_of_order": problems["rows_out_of_order"],
            "null_required_values": dg.MetadataValue.json(problems["nulls"]),
            "schema_problems": dg.MetadataValue.json(problems["schema"]),
            "build": problems["build"] or "(none)",
            "is_the_staged_build": problems["build"] == problems["staged_build"],
            "rows_unlike_pointer": problems["rows_unlike_pointer"],
            "files_of_another_build": problems["files_of_another_build"],
        },
    )


def timeline_default_view(published: PublishedTimeline) -> dg.AssetCheckResult:
    shares = timeline_checks.view_shares(published)
    return dg.AssetCheckResult(
        check_name=TIMELINE_DEFAULT_VIEW.name,
        passed=shares["rows"] == 0 or shares["default_view"] > 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata=shares,
    )
