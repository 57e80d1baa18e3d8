"""The `articles` asset: raw files -> per-file article and quarantine shards, and its accounting check."""
# No "from __future__ import annotations": Dagster reads the Config and resource annotations at runtime.

from collections import Counter

import dagster as dg

from assets.metadata import PREVIEW_ROWS, column_schema, markdown_preview, table_metadata
from dateline import datasets, pipeline
from pipelines.resources import DataPaths

ARTICLE_PREVIEW_COLUMNS = ["article_id", "source_file", "source_line", "published_date", "publisher", "title"]
QUARANTINE_PREVIEW_COLUMNS = ["source_file", "source_line", "reason", "detail"]
_LISTED_UNITS = 20  # how many unaccounted units to name in check metadata


class ArticlesConfig(dg.Config):
    reprocess_all: bool = False  # re-read every raw file, even unchanged ones


@dg.asset(
    group_name="ingest",
    kinds={"parquet"},
    description=(
        "Accepted articles, one Parquet shard per raw file under processed/articles/; rejected inputs "
        "go to processed/quarantine/ with a reason. Only new or changed raw files are read."
    ),
)
def articles(config: ArticlesConfig, paths: DataPaths) -> dg.MaterializeResult:
    processed = paths.processed()
    report = pipeline.sync_articles(paths.raw(), processed, reprocess_all=config.reprocess_all)
    head = datasets.read_head(processed, datasets.ARTICLES, PREVIEW_ROWS, ARTICLE_PREVIEW_COLUMNS)
    quarantine_head = datasets.read_head(processed, datasets.QUARANTINE, PREVIEW_ROWS, QUARANTINE_PREVIEW_COLUMNS)
    metadata = table_metadata(
        head, datasets.ARTICLES_SCHEMA, processed / datasets.ARTICLES, ARTICLE_PREVIEW_COLUMNS, row_count=report.articles
    )
    metadata |= {
        "files": report.files,
        "files_read": report.files_read,
        "files_skipped": report.files_skipped,
        "files_removed": report.files_removed,
        "inputs": report.inputs,
        "articles": report.articles,
        "quarantined": report.quarantined,
        "cross_file_duplicates": report.duplicates,
        "quarantine_path": dg.MetadataValue.path(str(processed / datasets.QUARANTINE)),
        "quarantine_schema": column_schema(datasets.QUARANTINE_SCHEMA),
        "quarantine_preview": dg.MetadataValue.md(markdown_preview(quarantine_head, QUARANTINE_PREVIEW_COLUMNS)),
        "read_files": dg.MetadataValue.json(report.read_files[:100]),
    }
    return dg.MaterializeResult(metadata=metadata)


@dg.asset_check(
    asset=articles,
    blocking=True,
    description="Every input unit in raw/ (recounted afresh) is exactly one article or one quarantine row.",
)
def inputs_accounted_for(paths: DataPaths) -> dg.AssetCheckResult:
    processed = paths.processed()
    accounting = pipeline.account(paths.raw(), processed)
    reasons = datasets.read_dataset(processed, datasets.QUARANTINE, ["reason"]).column("reason").to_pylist()
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
