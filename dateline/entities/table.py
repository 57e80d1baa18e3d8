"""The entities dataset: one row per entity across all articles, with its names and where it is mentioned.

Tagging writes one row per entity of each article to the `article_entities` shards (beside the events
shards, by the same buckets of raw files); staging combines them into one table, keyed by entity id
(dateline.entities.ids): the id is computed per article, so combining needs no article to see another.
An entity's name is the canonical name most articles give it (then the longer, then the first in
alphabetical order), its kind that of its id.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import pyarrow as pa
import pyarrow.compute as pc

from dateline.entities.article import Entity
from dateline.model import Article
from dateline.timeline import SCHEMA_VERSION, SCHEMA_VERSION_KEY, columns_to_table

_CATEGORY = pa.dictionary(pa.int32(), pa.string())
_STRINGS = pa.list_(pa.field("element", pa.string()))
_VERSION_METADATA = {SCHEMA_VERSION_KEY: SCHEMA_VERSION.encode()}

ARTICLE_ENTITIES_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("entity_id", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("kind", _CATEGORY, nullable=False),
        pa.field("aliases", _STRINGS),
        pa.field("mentions", pa.int32(), nullable=False),
    ],
    metadata=_VERSION_METADATA,
)

ENTITIES_SCHEMA = pa.schema(
    [
        pa.field("entity_id", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("kind", _CATEGORY, nullable=False),
        pa.field("aliases", _STRINGS),
        pa.field("mentions", pa.int64(), nullable=False),
        pa.field("articles", pa.int32(), nullable=False),
        pa.field("article_ids", _STRINGS),
    ],
    metadata=_VERSION_METADATA,
)

COLUMN_DESCRIPTIONS: dict[str, str] = {
    "entity_id": "Stable id: kind and normalised canonical name, hashed (per, org, plc, prd prefix); the participants' entity_id in the timeline.",
    "name": "Canonical name: the fullest name an article gives it, the one most articles give.",
    "kind": "person, organization, place or product.",
    "aliases": "Every name it is written as (canonical names, short forms, acronyms, surnames), most frequent first.",
    "mentions": "Mentions in all articles: by name, short form, pronoun ('it', 'he') or description ('the company').",
    "articles": "Number of articles that mention it.",
    "article_ids": "The ids of those articles, sorted.",
}


def article_entities_table(article: Article, entities: Sequence[Entity]) -> pa.Table:
    """The rows of one article's entities for its article_entities shard."""
    return columns_to_table(ARTICLE_ENTITIES_SCHEMA, article_entity_columns(article, entities))


def article_entity_columns(article: Article, entities: Sequence[Entity]) -> dict[str, list]:
    return {
        "article_id": [article.article_id] * len(entities),
        "source_file": [article.source_file] * len(entities),
        "entity_id": [e.entity_id for e in entities],
        "name": [e.name for e in entities],
        "kind": [e.kind for e in entities],
        "aliases": [list(e.aliases) for e in entities],
        "mentions": [e.mentions for e in entities],
    }


def build_entities(rows: pa.Table) -> pa.Table:
    """The entities dataset from article_entities rows (any number of articles), sorted by id."""
    if rows.num_rows == 0:
        return ENTITIES_SCHEMA.empty_table()
    rows = rows.select(["entity_id", "name", "kind", "aliases", "mentions", "article_id"])
    totals = rows.group_by("entity_id").aggregate([("mentions", "sum"), ("article_id", "distinct")])
    names: dict[str, Counter] = defaultdict(Counter)
    naming = rows.group_by(["entity_id", "name"]).aggregate([("article_id", "count")])
    for entity, name, count in zip(*(naming.column(c).to_pylist() for c in ("entity_id", "name", "article_id_count"))):
        names[entity][name] = count
    kinds = dict(zip(rows.column("entity_id").to_pylist(), pc.cast(rows.column("kind"), pa.string()).to_pylist()))
    flat = pa.table({
        "entity_id": pc.take(rows.column("entity_id"), pc.list_parent_indices(rows.column("aliases"))),
        "alias": pc.list_flatten(rows.column("aliases")),
    })
    aliases: dict[str, Counter] = defaultdict(Counter)
    if flat.num_rows:
        counted = flat.group_by(["entity_id", "alias"]).aggregate([("alias", "count")])
        for entity, alias, count in zip(*(counted.column(c).to_pylist() for c in ("entity_id", "alias", "alias_count"))):
            aliases[entity][alias] = count
    ids = totals.column("entity_id").to_pylist()
    article_ids = [sorted(ids_) for ids_ in totals.column("article_id_distinct").to_pylist()]
    order = sorted(range(len(ids)), key=ids.__getitem__)
    columns = {
        "entity_id": [ids[i] for i in order],
        "name": [_most_given(names[ids[i]]) for i in order],
        "kind": [kinds[ids[i]] for i in order],
        "aliases": [[a for a, _ in sorted(aliases[ids[i]].items(), key=lambda item: (-item[1], item[0]))] for i in order],
        "mentions": [totals.column("mentions_sum")[i].as_py() for i in order],
        "articles": [len(article_ids[i]) for i in order],
        "article_ids": [article_ids[i] for i in order],
    }
    return columns_to_table(ENTITIES_SCHEMA, columns)


def _most_given(counts: Counter) -> str:
    return min(counts, key=lambda name: (-counts[name], -len(name), name))


def entities_problems(table: pa.Table, timeline_entity_ids: pa.ChunkedArray | None = None) -> dict[str, object]:
    """What is wrong with an entities table: schema drift, repeated ids, counts that disagree, and
    (given the timeline's `entity_ids` column) participants whose entity is missing."""
    expected = {f.name: f.type for f in ENTITIES_SCHEMA}
    actual = {f.name: f.type for f in table.schema}
    schema = [f"column {n}: {actual.get(n)} expected {t}" for n, t in expected.items() if actual.get(n) != t]
    schema += [f"unexpected column {n}" for n in actual if n not in expected]
    if schema:
        return {"schema": schema}
    ids = table.column("entity_id")
    listed = pc.list_value_length(table.column("article_ids"))
    missing: list[str] = []
    if timeline_entity_ids is not None:
        used = pc.unique(pc.list_flatten(timeline_entity_ids))
        missing = pc.filter(used, pc.invert(pc.is_in(used, ids))).to_pylist()[:20]
    return {
        "schema": [],
        "repeated_ids": table.num_rows - len(pc.unique(ids)),
        "articles_not_listed": pc.sum(pc.not_equal(listed, pc.cast(table.column("articles"), listed.type))).as_py() or 0,
        "fewer_mentions_than_articles": pc.sum(pc.less(table.column("mentions"), pc.cast(table.column("articles"), pa.int64()))).as_py() or 0,
        "timeline_ids_missing": missing,
    }
