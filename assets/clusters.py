"""Event clusters: the published timeline's rows that report the same event, merged across articles."""

import dagster as dg
import pyarrow.compute as pc
import pyarrow.parquet as pq

from assets.metadata import table_metadata
from assets.resources import DataPaths, WHOLE_TIMELINE_READER_TAG
from assets.timeline import timeline
from dateline import clusters as event_clusters
from dateline.store import layout, publishing
from dateline.store.atomic import writer_lock
from dateline.store.timeline_builds import PublishedTimeline, published_timeline

CLUSTERS_PREVIEW_COLUMNS = ["earliest", "latest", "event_kind", "trigger", "who", "where", "articles", "date_conflict"]


def clusters_path(paths: DataPaths):
    return layout.published_clusters_path(paths.processed())


# The build id of the published timeline a clusters file was made from (dateline.store.publishing.timeline_build).
SOURCE_BUILD_KEY = publishing.CLUSTERS_SOURCE_KEY


CLUSTERS_WELL_FORMED = dg.AssetCheckSpec(
    "clusters_well_formed", asset="clusters", blocking=True,
    description=(
        "Every cluster has members, earliest <= latest, the schema is the documented one, and every "
        "timeline row is a member of exactly one cluster."
    ),
)


@dg.asset(
    deps=[timeline],
    op_tags=WHOLE_TIMELINE_READER_TAG,
    check_specs=[CLUSTERS_WELL_FORMED],  # evaluated by this step: a step of its own costs more than the check
    group_name="timeline",
    kinds={"parquet"},
    description=(
        "processed/clusters/part-0.parquet: one row per event, merging the timeline rows (from any "
        "article) that report it, with the intersection of their intervals and every source url. "
        "Rebuilt whenever the published timeline changed; ids are stable for the same input."
    ),
)
def clusters(context: dg.AssetExecutionContext, paths: DataPaths) -> dg.MaterializeResult:
    published = published_timeline(paths.processed())
    if published is None:
        raise FileNotFoundError(f"no published timeline in {paths.processed()}: publish it before its clusters")
    build, path = published.build, clusters_path(paths)
    if build and publishing.timeline_build(path, SOURCE_BUILD_KEY) == build:
        table = pq.read_table(path)  # built from this very timeline by an earlier run
    else:
        table = event_clusters.build_clusters_from_file(published.location())
        table = table.replace_schema_metadata((table.schema.metadata or {}) | {SOURCE_BUILD_KEY: build.encode()})
        with writer_lock(paths.processed()):  # so a writer's cleanup may remove what a killed one left
            path = event_clusters.write_clusters(table, path)
    context.log.info(f"{table.num_rows} clusters in {path}")
    metadata = table_metadata(table, event_clusters.CLUSTER_SCHEMA, path, CLUSTERS_PREVIEW_COLUMNS,
                              descriptions=event_clusters.COLUMN_DESCRIPTIONS)
    metadata |= {
        "clusters_reported_by_several_articles": pc.sum(pc.greater(table.column("articles"), 1)).as_py() or 0,
        "clusters_with_date_conflict": pc.sum(table.column("date_conflict")).as_py() or 0,
    }
    del table  # the check reads the file back: not two copies at once (this step is a run's memory peak)
    return dg.MaterializeResult(metadata=metadata, check_results=[clusters_well_formed(paths, published)])


def clusters_well_formed(paths: DataPaths, published: PublishedTimeline) -> dg.AssetCheckResult:
    """The check of the published clusters file, as readers get it, against the timeline it was built from."""
    problems, clusters = event_clusters.clusters_file_problems(clusters_path(paths), published.location())
    passed = not problems["schema"] and not any(v for k, v in problems.items() if k != "schema")
    return dg.AssetCheckResult(check_name=CLUSTERS_WELL_FORMED.name, passed=passed, metadata={
        "clusters": clusters,
        **{name: dg.MetadataValue.json(value) if isinstance(value, list) else value for name, value in problems.items()},
    })
