"""The processed datasets on disk: their schemas, and their bucketed Parquet shards read and written.

A raw file's bucket is a stable hash of its path relative to the raw folder, one of SHARD_BUCKETS.
Many files share a shard, so 10,000 small files make a few hundred Parquet files rather than tens of
thousands (each write costs about a millisecond whatever its size); a changed file rewrites only its
bucket, keeping the other files' rows (every row carries its source_file). Where each dataset's
folder is: dateline.store.layout.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads

from dateline.entities.table import ARTICLE_ENTITIES_SCHEMA
from dateline.model import Article, Quarantined
from dateline.store.filesystem import Location, StoreLocation, exists, parquet_files, resolve, write_parquet_object
from dateline.store.layout import ARTICLES, ARTICLE_ENTITIES, EVENTS, QUARANTINE, shard_path
from dateline.timeline import SCHEMA_VERSION, SCHEMA_VERSION_KEY, TIMELINE_SCHEMA, columns_to_table, write_parquet_atomically

DUPLICATE_REASON = "duplicate_article"

_CATEGORY = pa.dictionary(pa.int32(), pa.string())
_VERSION_METADATA = {SCHEMA_VERSION_KEY: SCHEMA_VERSION.encode()}

ARTICLES_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("source_line", pa.int32()),
        pa.field("published", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("published_date", pa.date32(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("url", pa.string()),
        pa.field("publisher", _CATEGORY),
        pa.field("byline", pa.string()),
        pa.field("language", _CATEGORY),
        pa.field("text", pa.string(), nullable=False),
    ],
    metadata=_VERSION_METADATA,
)

QUARANTINE_SCHEMA = pa.schema(
    [
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("source_line", pa.int32()),
        pa.field("reason", _CATEGORY, nullable=False),
        pa.field("detail", pa.string(), nullable=False),
    ],
    metadata=_VERSION_METADATA,
)

DATASET_SCHEMAS: dict[str, pa.Schema] = {
    ARTICLES: ARTICLES_SCHEMA,
    QUARANTINE: QUARANTINE_SCHEMA,
    EVENTS: TIMELINE_SCHEMA,
    ARTICLE_ENTITIES: ARTICLE_ENTITIES_SCHEMA,
}
# Datasets kept per bucket of raw files whose rows come from tagging (cleared with a file's events).
TAGGED_DATASETS = (EVENTS, ARTICLE_ENTITIES)


SHARD_BUCKETS = 256  # buckets of raw files; a shard holds every file of one bucket
_SHARD_FILE = re.compile(r"shard-[0-9a-f]{2}\.parquet")
_OLD_SHARD_FILE = re.compile(r"[0-9a-f]{20}\.parquet")  # one shard per raw file, before buckets


def shard_name(relative_path: str) -> str:
    """The shard (bucket) of a raw file's relative path: stable, file-system safe."""
    bucket = hashlib.sha256(relative_path.encode("utf-8")).digest()[0] % SHARD_BUCKETS
    return f"shard-{bucket:02x}"


def is_shard_file(path: Location) -> bool:
    """Shard files are named by shard_name (or by the older per-file scheme, which is cleared away);
    anything else in a dataset folder is not ours."""
    return bool(_SHARD_FILE.fullmatch(path.name) or _OLD_SHARD_FILE.fullmatch(path.name))


def articles_table(articles: Sequence[Article]) -> pa.Table:
    return columns_to_table(
        ARTICLES_SCHEMA,
        {
            "article_id": [a.article_id for a in articles],
            "source_file": [a.source_file for a in articles],
            "source_line": [a.source_line for a in articles],
            "published": [a.published_utc for a in articles],
            "published_date": [a.published_local_date for a in articles],
            "title": [a.title for a in articles],
            "url": [a.url for a in articles],
            "publisher": [a.publisher for a in articles],
            "byline": [a.byline for a in articles],
            "language": [a.language for a in articles],
            "text": [a.text for a in articles],
        },
    )


def articles_from_table(table: pa.Table) -> list[Article]:
    """Articles back from an articles shard (the inverse of articles_table)."""
    return [
        Article(
            article_id=row["article_id"],
            source_file=row["source_file"],
            source_line=row["source_line"],
            text=row["text"],
            published_utc=row["published"],
            published_local_date=row["published_date"],
            title=row["title"],
            url=row["url"],
            publisher=row["publisher"],
            byline=row["byline"],
            language=row["language"],
        )
        for row in table.to_pylist()
    ]


def quarantine_table(rows: Sequence[Quarantined]) -> pa.Table:
    return columns_to_table(
        QUARANTINE_SCHEMA,
        {
            "source_file": [q.source_file for q in rows],
            "source_line": [q.source_line for q in rows],
            "reason": [q.reason for q in rows],
            "detail": [q.detail for q in rows],
        },
    )


def write_shard(processed_dir: Location, dataset: str, shard: str, table: pa.Table) -> None:
    """Replace a shard; an empty table removes it, so a folder only holds shards with rows."""
    path = shard_path(processed_dir, dataset, shard)
    if table.num_rows == 0:
        path.unlink(missing_ok=True)
    elif isinstance(path, StoreLocation):
        write_parquet_object(table, path)
    else:
        # Shards are rebuilt from raw/ if lost, so skip the fsync cost; the rename keeps them whole.
        write_parquet_atomically(table, path, durable=False)


def replace_source_rows(processed_dir: Location, dataset: str, shard: str, sources: set[str], rows: pa.Table) -> None:
    """Rewrite a shard with the rows of the raw files `sources` replaced by `rows`.

    The other files' rows are kept as they are. Rows are ordered by source file (stably, so a file's
    own order stays), which makes a shard's bytes depend only on its contents, not on the order in
    which its files were last updated.
    """
    kept = read_shard(processed_dir, dataset, shard)
    if kept.num_rows and sources:
        kept = kept.filter(pc.invert(pc.is_in(kept.column("source_file"), pa.array(sorted(sources), pa.string()))))
    table = pa.concat_tables([kept, rows.cast(kept.schema)]).unify_dictionaries() if rows.num_rows else kept
    if table.num_rows:
        table = table.take(pc.sort_indices(table.column("source_file")))  # sort_indices is stable
    write_shard(processed_dir, dataset, shard, table)


def remove_stray_shards(processed_dir: Location, dataset: str, keep: set[str]) -> list[Location]:
    """Delete shard-named files not in `keep` (buckets left empty, or files of the older layout)."""
    folder = processed_dir / dataset
    removed = []
    if folder.is_dir():
        for path in folder.iterdir():
            if is_shard_file(path) and path.stem not in keep:
                path.unlink()
                removed.append(path)
    return removed


def read_dataset(processed_dir: Location | str, dataset: str, columns: list[str] | None = None) -> pa.Table:
    """Every Parquet file of a dataset folder as one table (empty, with the schema, if none).
    `processed_dir` may be a URI (dateline.store.filesystem)."""
    schema = DATASET_SCHEMAS[dataset]
    filesystem, processed = resolve(processed_dir)
    files = parquet_files(filesystem, f"{processed}/{dataset}")
    if not files:
        table = schema.empty_table()
        return table.select(columns) if columns else table
    table = pads.dataset(files, schema=schema, format="parquet", filesystem=filesystem).to_table(columns=columns)
    return table.unify_dictionaries()


def read_shard(processed_dir: Location | str, dataset: str, shard: str, *, dictionary_columns: Sequence[str] = ()) -> pa.Table:
    """One shard of a dataset, in the dataset's schema; `dictionary_columns` (string columns) are
    read dictionary-encoded, as Parquet stores them: far less memory where values repeat.
    `processed_dir` may be a URI (dateline.store.filesystem)."""
    schema = DATASET_SCHEMAS[dataset]
    if dictionary_columns:
        schema = pa.schema([f.with_type(pa.dictionary(pa.int32(), f.type)) if f.name in dictionary_columns else f
                            for f in schema], metadata=schema.metadata)
    filesystem, path = resolve(shard_path(processed_dir, dataset, shard))
    if not exists(filesystem, path):
        return schema.empty_table()
    options = pads.ParquetReadOptions(dictionary_columns=list(dictionary_columns))
    return pads.dataset(path, schema=schema, format=pads.ParquetFileFormat(read_options=options),
                        filesystem=filesystem).to_table()


def read_head(processed_dir: Location | str, dataset: str, rows: int, columns: list[str] | None = None) -> pa.Table:
    """The first `rows` rows of a dataset, reading shards (in name order) only until there are enough.
    `processed_dir` may be a URI (dateline.store.filesystem)."""
    schema = DATASET_SCHEMAS[dataset]
    filesystem, processed = resolve(processed_dir)
    parts, count = [], 0
    for path in parquet_files(filesystem, f"{processed}/{dataset}"):
        part = pads.dataset(path, schema=schema, format="parquet", filesystem=filesystem).to_table(columns=columns)
        parts.append(part)
        count += part.num_rows
        if count >= rows:
            break
    if not parts:
        empty = schema.empty_table()
        return empty.select(columns) if columns else empty
    return pa.concat_tables(parts).unify_dictionaries().slice(0, rows)
