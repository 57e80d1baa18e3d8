"""The published datasets' schemas in a form programs read: for each dataset, where its files are and
each column's name, Arrow type, whether it may be null, and what it holds (`dateline schema`)."""
from __future__ import annotations

import pyarrow as pa

from dateline import clusters, timeline
from dateline.entities import table as entity_table
from dateline.store import datasets, layout

# dataset -> (files under processed/, schema, column descriptions)
PUBLISHED = {
    layout.TIMELINE: (f"{layout.TIMELINE}/*.parquet", timeline.TIMELINE_SCHEMA, timeline.COLUMN_DESCRIPTIONS),
    layout.CLUSTERS: (f"{layout.CLUSTERS}/*.parquet", clusters.CLUSTER_SCHEMA, clusters.COLUMN_DESCRIPTIONS),
    layout.ENTITIES: (f"{layout.ENTITIES}/*.parquet", entity_table.ENTITIES_SCHEMA, entity_table.COLUMN_DESCRIPTIONS),
    layout.ARTICLES: (f"{layout.ARTICLES}/*.parquet", datasets.ARTICLES_SCHEMA, timeline.COLUMN_DESCRIPTIONS),
    layout.QUARANTINE: (f"{layout.QUARANTINE}/*.parquet", datasets.QUARANTINE_SCHEMA, {}),
}


def dataset_schemas() -> dict[str, dict]:
    """{dataset: {"files": glob under processed/, "schema_version": ..., "columns": [...]}}."""
    return {name: _described(files, schema, descriptions) for name, (files, schema, descriptions) in PUBLISHED.items()}


def _described(files: str, schema: pa.Schema, descriptions: dict[str, str]) -> dict:
    # the key is "dateline.schema_version", or "dateline.<dataset>_schema_version" for clusters
    version = next((value.decode() for key, value in (schema.metadata or {}).items()
                    if key.startswith(b"dateline.") and key.endswith(b"schema_version")), None)
    return {
        "files": files,
        "schema_version": version,
        "columns": [{"name": field.name, "type": str(field.type), "nullable": field.nullable,
                     "description": descriptions.get(field.name, "")} for field in schema],
    }
