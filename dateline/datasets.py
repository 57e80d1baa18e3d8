"""The processed datasets on disk: bucketed Parquet shards, their manifest, and a writer lock.

Layout under the processed folder:

    articles/shard-<xx>.parquet    accepted articles of the raw files in bucket <xx>
    quarantine/shard-<xx>.parquet  rejected inputs of those files (and their cross-file duplicates)
    events/shard-<xx>.parquet      timeline rows of the articles in articles/shard-<xx>.parquet
    article_entities/shard-<xx>.parquet  the entities of each of those articles, one row each
    timeline/part-0.parquet        the published, sorted timeline
    entities/part-0.parquet        the published entities, one row per entity across the articles
    .staging/timeline.parquet      the timeline built but not yet checked and published
    .staging/entities-<build>.parquet  the entities staged with the timeline of that build
    .staging/articles_batch.parquet  the articles read by the last ingest, handed to the tagging step
    .staging/handoff/              files a step leaves for a later step of its run (raw files read
                                   ahead for the ingest, tagged rows for the events shards)
    _manifest.json                 which raw file maps to which shard, and from what it was built
    .lock                          held while writing, so two runs never write at once

A raw file's bucket is a stable hash of its path relative to the raw folder, one of SHARD_BUCKETS.
Many files share a shard, so 10,000 small files make a few hundred Parquet files rather than tens of
thousands (each write costs about a millisecond whatever its size); a changed file rewrites only its
bucket, keeping the other files' rows (every row carries its source_file). Readers of a dataset
folder (pandas.read_parquet, pyarrow.dataset) skip names starting with "." or "_", which is where
temporary files and bookkeeping live.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads

from dateline.entities.table import ARTICLE_ENTITIES_SCHEMA
from dateline.model import Article, Quarantined
from dateline.timeline import SCHEMA_VERSION, SCHEMA_VERSION_KEY, TIMELINE_SCHEMA, columns_to_table, write_parquet_atomically

ARTICLES = "articles"
QUARANTINE = "quarantine"
EVENTS = "events"
ARTICLE_ENTITIES = "article_entities"
TIMELINE = "timeline"
ENTITIES = "entities"
CLUSTERS = "clusters"
PICTURE = "picture"
STAGING = ".staging"
MANIFEST_NAME = "_manifest.json"
LOCK_NAME = ".lock"
TIMELINE_FILE = "part-0.parquet"
ENTITIES_FILE = "part-0.parquet"
STAGED_TIMELINE_FILE = "timeline.parquet"
ARTICLES_BATCH_FILE = "articles_batch.parquet"  # articles read in the last ingest, for the tagging step
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


def is_shard_file(path: Path) -> bool:
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


@dataclass
class ManifestEntry:
    """What is known about one raw file: its fingerprint, its shard, and what was built from it."""

    shard: str  # the bucket whose shard files hold this file's rows
    size: int  # of the file plus its companion files (e.g. a .meta.json sidecar)
    mtime_ns: int  # latest modification among them
    sha256: str  # of their contents
    article_ids: list[str] = field(default_factory=list)  # ids read from the file, owned or not
    articles: int = 0  # its rows in articles/<shard>.parquet
    quarantined: int = 0  # its rows in quarantine/<shard>.parquet
    inputs: int = 0  # input units of the file
    articles_digest: str = ""  # identifies its rows in articles/<shard>.parquet
    events_digest: str = ""  # the articles_digest its event rows were built from ("" = not built)
    events: int = 0
    staged_digest: str = ""  # the events_digest whose rows the staged timeline holds ("" = none)
    recheck_on: str = ""  # holds articles from the future: read again by the first run on this date or later


@dataclass
class Manifest:
    """Raw files (relative paths) to what was built from them. Saved as processed/_manifest.json."""

    code_fingerprint: str = ""
    staged_build: str = ""  # id written into the staged timeline this manifest describes
    files: dict[str, ManifestEntry] = field(default_factory=dict)

    @classmethod
    def load(cls, processed_dir: Path) -> Manifest:
        path = processed_dir / MANIFEST_NAME
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            files = {name: ManifestEntry(**entry) for name, entry in raw.get("files", {}).items()}
            return cls(
                code_fingerprint=raw.get("code_fingerprint", ""), staged_build=raw.get("staged_build", ""), files=files
            )
        except (ValueError, TypeError) as error:
            # A manifest we cannot read only costs a full re-read; say so rather than crash.
            raise ManifestError(f"{path} is unreadable ({error}); delete it to rebuild from raw/") from error

    def save(self, processed_dir: Path) -> None:
        payload = {
            "format": 1,
            "code_fingerprint": self.code_fingerprint,
            "staged_build": self.staged_build,
            "files": {name: dict(vars(entry)) for name, entry in sorted(self.files.items())},
        }
        # Compact: with an indent json uses its pure-Python encoder, five times slower on 10,000 files.
        write_text_atomically(processed_dir / MANIFEST_NAME, json.dumps(payload, sort_keys=True, separators=(",", ":")))


class ManifestError(RuntimeError):
    pass


HANDOFF = "handoff"  # under .staging/
_ABANDONED_AFTER_SECONDS = 24 * 3600  # a handoff file this old belongs to a run that died


def handoff_folder(processed_dir: Path) -> Path:
    return processed_dir / STAGING / HANDOFF


def new_handoff_path(processed_dir: Path, suffix: str) -> Path:
    """A fresh, unique file name for one step to hand data to a later one. Nothing else writes it,
    and readers open only names they were given, so a step that dies half-way leaves a file nobody
    reads (removed by remove_handoffs once abandoned)."""
    folder = handoff_folder(processed_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{uuid.uuid4().hex}{suffix}"


def remove_handoffs(processed_dir: Path, used: Sequence[Path]) -> None:
    """Delete the handoff files a step has used, and any abandoned by runs that died long ago."""
    for path in used:
        Path(path).unlink(missing_ok=True)
    folder = handoff_folder(processed_dir)
    if not folder.is_dir():
        return
    cutoff = time.time() - _ABANDONED_AFTER_SECONDS
    for path in folder.iterdir():
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()
    with contextlib.suppress(OSError):
        folder.rmdir()  # only if empty: another run's steps may be handing files over meanwhile


def write_text_atomically(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def shard_path(processed_dir: Path, dataset: str, shard: str) -> Path:
    return processed_dir / dataset / f"{shard}.parquet"


def write_shard(processed_dir: Path, dataset: str, shard: str, table: pa.Table) -> None:
    """Replace a shard; an empty table removes it, so a folder only holds shards with rows."""
    path = shard_path(processed_dir, dataset, shard)
    if table.num_rows == 0:
        path.unlink(missing_ok=True)
    else:
        # Shards are rebuilt from raw/ if lost, so skip the fsync cost; the rename keeps them whole.
        write_parquet_atomically(table, path, durable=False)


def replace_source_rows(processed_dir: Path, dataset: str, shard: str, sources: set[str], rows: pa.Table) -> None:
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


def remove_stray_shards(processed_dir: Path, dataset: str, keep: set[str]) -> list[Path]:
    """Delete shard-named files not in `keep` (buckets left empty, or files of the older layout)."""
    folder = processed_dir / dataset
    removed = []
    if folder.is_dir():
        for path in folder.iterdir():
            if is_shard_file(path) and path.stem not in keep:
                path.unlink()
                removed.append(path)
    return removed


def read_dataset(processed_dir: Path, dataset: str, columns: list[str] | None = None) -> pa.Table:
    """Every Parquet file of a dataset folder as one table (empty, with the schema, if none)."""
    schema = DATASET_SCHEMAS[dataset]
    folder = processed_dir / dataset
    files = sorted(p for p in folder.glob("*.parquet") if not p.name.startswith((".", "_"))) if folder.is_dir() else []
    if not files:
        table = schema.empty_table()
        return table.select(columns) if columns else table
    table = pads.dataset([str(p) for p in files], schema=schema, format="parquet").to_table(columns=columns)
    return table.unify_dictionaries()


def read_shard(processed_dir: Path, dataset: str, shard: str, *, dictionary_columns: Sequence[str] = ()) -> pa.Table:
    """One shard of a dataset, in the dataset's schema; `dictionary_columns` (string columns) are
    read dictionary-encoded, as Parquet stores them: far less memory where values repeat."""
    schema = DATASET_SCHEMAS[dataset]
    if dictionary_columns:
        schema = pa.schema([f.with_type(pa.dictionary(pa.int32(), f.type)) if f.name in dictionary_columns else f
                            for f in schema], metadata=schema.metadata)
    path = shard_path(processed_dir, dataset, shard)
    if not path.exists():
        return schema.empty_table()
    options = pads.ParquetReadOptions(dictionary_columns=list(dictionary_columns))
    return pads.dataset(str(path), schema=schema, format=pads.ParquetFileFormat(read_options=options)).to_table()


@contextlib.contextmanager
def writer_lock(processed_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the processed folder: a second writer waits until the first is done."""
    processed_dir.mkdir(parents=True, exist_ok=True)
    with open(processed_dir / LOCK_NAME, "a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def read_head(processed_dir: Path, dataset: str, rows: int, columns: list[str] | None = None) -> pa.Table:
    """The first `rows` rows of a dataset, reading shards (in name order) only until there are enough."""
    schema = DATASET_SCHEMAS[dataset]
    folder = processed_dir / dataset
    parts, count = [], 0
    for path in sorted(folder.glob("*.parquet")) if folder.is_dir() else []:
        if path.name.startswith((".", "_")):
            continue
        part = pads.dataset(str(path), schema=schema, format="parquet").to_table(columns=columns)
        parts.append(part)
        count += part.num_rows
        if count >= rows:
            break
    if not parts:
        empty = schema.empty_table()
        return empty.select(columns) if columns else empty
    return pa.concat_tables(parts).unify_dictionaries().slice(0, rows)
