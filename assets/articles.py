"""The `articles` asset: raw files read in parallel steps -> article and quarantine shards, and its accounting check."""
# No "from __future__ import annotations": Dagster reads the Config and resource annotations at runtime.

from collections import Counter
from datetime import date, datetime, timezone

import dagster as dg

from assets.metadata import PREVIEW_ROWS, column_schema, markdown_preview, table_metadata
from assets.resources import DataPaths
from dateline.engine import ingesting, prereading
from dateline.engine.accounting import account
from dateline.engine.work_groups import usable_cores
from dateline.store import datasets, layout
from dateline.store.filesystem import location

ARTICLE_PREVIEW_COLUMNS = ["article_id", "source_file", "source_line", "published_date", "publisher", "title"]
QUARANTINE_PREVIEW_COLUMNS = ["source_file", "source_line", "reason", "detail"]
_LISTED_UNITS = 20  # how many unaccounted units to name in check metadata


class ArticlesConfig(dg.Config):
    reprocess_all: bool = False  # re-read every raw file, even unchanged ones
    # The run's date (YYYY-MM-DD) that publication dates are judged against: later than it plus one day
    # is future_published. Empty: a scheduled run's tick date, else the day (UTC) the run was created.
    today: str = ""


SCHEDULED_TIME_TAG = "dagster/scheduled_execution_time"


def run_date(context: dg.OpExecutionContext, configured: str) -> date:
    """The run's clock as a date: the configured one, else the schedule tick's, else the run's creation
    (UTC). Every step of one run gets the same date, whenever it starts."""
    if configured:
        return date.fromisoformat(configured)
    scheduled = context.run.tags.get(SCHEDULED_TIME_TAG)
    if scheduled:
        return datetime.fromisoformat(scheduled).astimezone(timezone.utc).date()
    return context.instance.get_run_record_by_id(context.run_id).create_timestamp.astimezone(timezone.utc).date()


class ReadingConfig(ArticlesConfig):
    # How many reading steps to split the new and changed raw files into; 0 = one per CPU core.
    groups: int = 0


@dg.op(
    out=dg.DynamicOut(list),
    description="Deal the raw files that look new or changed (by size and mtime) into groups of about equal bytes.",
)
def plan_reading(context: dg.OpExecutionContext, config: ReadingConfig, paths: DataPaths):
    groups = config.groups or usable_cores()
    planned = prereading.plan_reading(paths.raw(), paths.processed(), groups, reprocess_all=config.reprocess_all,
                                      today=run_date(context, config.today))
    context.log.info(f"{sum(map(len, planned))} new or changed raw files in {len(planned)} reading steps")
    for number, files in enumerate(planned):
        yield dg.DynamicOutput(files, mapping_key=f"group_{number}")


@dg.op(description="Parse and hash a group of raw files ahead of the ingest (reads raw/ only, so groups run at once).")
def read_group(context: dg.OpExecutionContext, paths: DataPaths, files: list) -> str:
    context.log.info(f"reading {len(files)} raw files ahead of the ingest")
    return str(prereading.read_group(paths.raw(), paths.processed(), files))


@dg.op(description="Write the articles and quarantine shards of new and changed files, settling duplicates across files.")
def ingest(context: dg.OpExecutionContext, config: ArticlesConfig, paths: DataPaths, reads: list) -> None:
    processed = paths.processed()
    today = run_date(context, config.today)
    report = ingesting.sync_articles(
        paths.raw(), processed, today=today, reprocess_all=config.reprocess_all, prereads=[location(path) for path in reads]
    )
    context.log.info(f"{report.files_read} of {report.files} raw files read, {report.files_removed} removed; "
                     f"{report.articles} articles, {report.quarantined} quarantined (run date {today})")
    head = datasets.read_head(processed, layout.ARTICLES, PREVIEW_ROWS, ARTICLE_PREVIEW_COLUMNS)
    quarantine_head = datasets.read_head(processed, layout.QUARANTINE, PREVIEW_ROWS, QUARANTINE_PREVIEW_COLUMNS)
    metadata = table_metadata(
        head, datasets.ARTICLES_SCHEMA, processed / layout.ARTICLES, ARTICLE_PREVIEW_COLUMNS, row_count=report.articles
    )
    metadata |= {
        "files": report.files,
        "reading_steps": len(reads),
        "files_read": report.files_read,
        "files_read_ahead": report.files_read_ahead,
        "files_skipped": report.files_skipped,
        "files_removed": report.files_removed,
        "run_date": today.isoformat(),
        "inputs": report.inputs,
        "articles": report.articles,
        "quarantined": report.quarantined,
        "cross_file_duplicates": report.duplicates,
        "quarantine_path": dg.MetadataValue.path(str(processed / layout.QUARANTINE)),
        "quarantine_schema": column_schema(datasets.QUARANTINE_SCHEMA),
        "quarantine_preview": dg.MetadataValue.md(markdown_preview(quarantine_head, QUARANTINE_PREVIEW_COLUMNS)),
        "read_files": dg.MetadataValue.json(report.read_files[:100]),
    }
    context.add_output_metadata(metadata)


def _config_for_steps(config: dict) -> dict:
    """The asset's settings, reprocess_all and today, handed to the steps that need them."""
    settings = {"reprocess_all": config["reprocess_all"], "today": config["today"]}
    return {"plan_reading": {"config": settings}, "ingest": {"config": settings}}


@dg.graph_asset(
    group_name="ingest",
    kinds={"parquet"},
    config=dg.ConfigMapping(config_fn=_config_for_steps, config_schema={
        "reprocess_all": dg.Field(bool, default_value=False),
        "today": dg.Field(str, default_value="", description="the run's date, YYYY-MM-DD (default: the run's own)"),
    }),
    description=(
        "Accepted articles under processed/articles/ (shards by bucket of raw files); rejected inputs go "
        "to processed/quarantine/ with a reason. Only new or changed raw files are read, in parallel steps."
    ),
)
def articles():
    return ingest(plan_reading().map(read_group).collect())


@dg.asset_check(
    asset=articles,
    blocking=True,
    description="Every input unit in raw/ (recounted afresh) is exactly one article or one quarantine row.",
)
def inputs_accounted_for(paths: DataPaths) -> dg.AssetCheckResult:
    processed = paths.processed()
    accounting = account(paths.raw(), processed)
    reasons = datasets.read_dataset(processed, layout.QUARANTINE, ["reason"]).column("reason").to_pylist()
    return dg.AssetCheckResult(
        passed=accounting.balanced,
        metadata={
            "inputs": accounting.inputs,
            "articles": accounting.articles,
            "quarantined": accounting.quarantined,
            "missing": len(accounting.missing),
            "extra": len(accounting.extra),
            "missing_units": dg.MetadataValue.json([list(u) for u in accounting.missing[:_LISTED_UNITS]]),
            "extra_units": dg.MetadataValue.json([list(u) for u in accounting.extra[:_LISTED_UNITS]]),
            "quarantine_reasons": dg.MetadataValue.json(dict(Counter(reasons).most_common())),
        },
    )
