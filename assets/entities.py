"""Entities: the people, organisations, places and products of the published timeline's articles, one row each."""

import dagster as dg
import pyarrow.parquet as pq

from assets.metadata import table_metadata
from assets.resources import DataPaths, WHOLE_TIMELINE_READER_TAG
from assets.timeline import timeline
from dateline.entities import table as entity_table
from dateline.store import publishing
from dateline.store.timeline_builds import published_timeline

ENTITIES_PREVIEW_COLUMNS = ["name", "kind", "aliases", "mentions", "articles", "entity_id"]


ENTITIES_WELL_FORMED = dg.AssetCheckSpec(
    "entities_well_formed", asset="entities", blocking=True,
    description=(
        "Entity ids are unique, every entity lists the articles it counts and has at least as many mentions, "
        "the schema is the documented one, and every participant's entity_id in the published timeline is an entity."
    ),
)


@dg.asset(
    deps=[timeline],
    op_tags=WHOLE_TIMELINE_READER_TAG,
    check_specs=[ENTITIES_WELL_FORMED],  # evaluated by this step: a step of its own costs more than the check
    group_name="timeline",
    kinds={"parquet"},
    description=(
        "processed/entities/part-0.parquet: one row per entity (person, organization, place, product) of "
        "the published timeline's articles, with its stable id (the participants' entity_id), canonical "
        "name, aliases, mentions and the articles that name it. Staged with the timeline, replaced atomically."
    ),
)
def entities(context: dg.AssetExecutionContext, paths: DataPaths) -> dg.MaterializeResult:
    path = publishing.publish_entities(paths.processed())
    table = pq.read_table(path)
    context.log.info(f"{table.num_rows} entities in {path}")
    metadata = table_metadata(table, entity_table.ENTITIES_SCHEMA, path, ENTITIES_PREVIEW_COLUMNS,
                              descriptions=entity_table.COLUMN_DESCRIPTIONS)
    return dg.MaterializeResult(metadata=metadata, check_results=[entities_well_formed(paths, table)])


def entities_well_formed(paths: DataPaths, table) -> dg.AssetCheckResult:
    """The check of the published entities, `table` as read from their file."""
    processed = paths.processed()
    used = published_timeline(processed).read(["entity_ids"]).column("entity_ids")
    problems = entity_table.entities_problems(table, used)
    passed = not any(problems.values())
    return dg.AssetCheckResult(check_name=ENTITIES_WELL_FORMED.name, passed=passed, metadata={
        "entities": table.num_rows,
        **{name: dg.MetadataValue.json(value) if isinstance(value, list) else value for name, value in problems.items()},
    })
