"""Tagging: the events shards kept up to date with the articles shards, in groups that can run at once.

A raw file's event rows are stale when its articles changed since they were tagged (its manifest
entry's events_digest differs from its articles_digest). The work is planned by bucket
(`plan_tagging`), so that independent groups of buckets can be tagged by separate processes, each a
step of the orchestrator's run (`tag_buckets`). A group holds the writer lock only to read its
articles and, at the end, to write its rows: tagging itself, the long part, runs unlocked and in
parallel. Rows are only written for articles that are still the ones in the manifest when the group
finishes, so a group overtaken by a newer ingest leaves those files stale rather than wrong.
"""
from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dateline.engine.work_groups import deal
from dateline.enrich import article_timeline
from dateline.entities import Entity
from dateline.entities.table import ARTICLE_ENTITIES_SCHEMA, article_entity_columns
from dateline.headlines import headline_events
from dateline.model import Article
from dateline.store import datasets
from dateline.store.atomic import writer_lock
from dateline.store.filesystem import Location
from dateline.store.handoff import new_handoff_path, open_handoff_input, open_handoff_output, remove_handoffs
from dateline.store.layout import ARTICLES, ARTICLE_ENTITIES, EVENTS, articles_batch_path
from dateline.store.manifest import Manifest, ManifestEntry, stale_files
from dateline.tagger import tag
from dateline.timeline import columns_to_table, event_rows, rows_to_table

BATCH_SHARD = "_shard"
BATCH_DIGEST = "_articles_digest"


@dataclass
class EventsSyncReport:
    files_tagged: int = 0  # raw files whose event rows were rebuilt
    shards_written: int = 0  # events shards rewritten
    articles_tagged: int = 0
    files_overtaken: int = 0  # tagged, but changed again meanwhile: left stale for the next run

    def add(self, other: EventsSyncReport) -> EventsSyncReport:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self


@dataclass
class TagWork:
    """One stale raw file: what to tag, and which version of its articles that is."""

    relative: str
    shard: str
    articles_digest: str
    articles: list[Article]


def tagged_batch(table: pa.Table, shard: str | None, digests: list[str]) -> pa.Table:
    """An articles table marked with its shard and each row's articles digest, for the ingest's batch file."""
    table = table.append_column(BATCH_SHARD, pa.array([shard] * table.num_rows, pa.string()))
    return table.append_column(BATCH_DIGEST, pa.array(digests, pa.string()))


def events_for_article(article: Article) -> list[dict]:
    """Timeline rows for one article: tag its text, extract the events, one row per event."""
    return tag_article(article)[0]


def tag_article(article: Article) -> tuple[list[dict], list[Entity]]:
    """Timeline rows for one article (one per event), and the article's entities."""
    try:
        expressions = tag(article.text, article.published_local_date)
        events, entities = article_timeline(article.text, expressions, article.published_local_date)
        from_title = headline_events(article.title, article.text, events, article.published_local_date)
        return event_rows(article, events) + event_rows(article, from_title, from_title=True), entities.entities
    except Exception as error:
        where = article.source_file if article.source_line is None else f"{article.source_file} line {article.source_line}"
        raise RuntimeError(f"tagging article {article.article_id} from {where} failed: {error}") from error


def warm_up() -> None:
    """Load what tagging loads at its first article (vocabularies, gazetteer, compiled patterns) now:
    a process that forks workers does it once for all of them."""
    published = datetime(2025, 6, 17, 12, tzinfo=timezone.utc)
    text = "A Russian official said Tuesday that North Korean troops fought in Kursk this past winter."
    events_for_article(Article("warm-up", "warm-up.txt", None, text, published, published.date()))


def plan_tagging(processed_dir: Location, groups: int) -> list[list[str]]:
    """The buckets with stale files, dealt into at most `groups` groups of about equal work,
    counted in articles to tag; always at least one group, empty when nothing is stale."""
    with writer_lock(processed_dir):
        manifest = Manifest.load(processed_dir)
    work: dict[str, int] = defaultdict(int)
    for entry in stale_files(manifest).values():
        work[entry.shard] += max(entry.articles, 1)
    return deal(work, groups)


def tag_buckets(processed_dir: Location, shards: Iterable[str]) -> EventsSyncReport:
    """Bring the event rows of the stale files in `shards` up to date (safe beside other groups).

    Each bucket's rows go to a handoff file as soon as they are tagged, so a group holds one
    bucket's rows in memory at a time, not its whole share of the timeline.
    """
    with writer_lock(processed_dir):
        work = load_work(processed_dir, stale_files(Manifest.load(processed_dir), shards))
    if not work:
        return EventsSyncReport()
    with _collector_skipping_what_exists():
        tagged = [tag_bucket(items).spilled(processed_dir) for items in by_shard(work)]  # unlocked
    with writer_lock(processed_dir):
        manifest = Manifest.load(processed_dir)
        report = write_tagged(processed_dir, manifest, tagged)
        manifest.save(processed_dir)
    return report


@contextmanager
def _collector_skipping_what_exists() -> Iterator[None]:
    """Tagging allocates many small objects, which start many garbage collections; the articles to
    tag, the vocabularies and the rest of the process live through all of them, so they are set
    aside (gc.freeze) rather than walked again by each full collection."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def sync_events(processed_dir: Location) -> EventsSyncReport:
    """Bring every stale file's event rows up to date in this process (one group of everything)."""
    with writer_lock(processed_dir):
        manifest = Manifest.load(processed_dir)
        report = tag_stale_locked(processed_dir, manifest)
        manifest.save(processed_dir)
    return report


def tag_stale_locked(processed_dir: Location, manifest: Manifest) -> EventsSyncReport:
    """Tag every stale file of `manifest` and write its rows; the caller holds the lock and saves."""
    work = load_work(processed_dir, stale_files(manifest))
    report = EventsSyncReport()
    for items in by_shard(work):  # one bucket at a time: written before the next is tagged
        report.add(write_tagged(processed_dir, manifest, [tag_bucket(items)]))
    return report


def load_work(processed_dir: Location, stale: dict[str, ManifestEntry]) -> list[TagWork]:
    """The articles of each stale file, from the last ingest's batch file where it holds them (one
    read of only the buckets wanted), else from the articles shard on disk (say, after a run that
    failed while tagging). Call with the lock held, so the articles match the manifest."""
    if not stale:
        return []
    shards = sorted({entry.shard for entry in stale.values()})
    batched = _batched_articles(processed_dir, shards)
    work = []
    from_disk: dict[str, dict[str, list[Article]]] = {}
    for relative, entry in sorted(stale.items()):
        articles = batched.get((relative, entry.articles_digest)) if entry.articles else []
        if articles is None:
            if entry.shard not in from_disk:
                from_disk[entry.shard] = _articles_by_file(datasets.read_shard(processed_dir, ARTICLES, entry.shard))
            articles = from_disk[entry.shard].get(relative, [])
        work.append(TagWork(relative, entry.shard, entry.articles_digest, articles))
    return work


def by_shard(work: list[TagWork]) -> list[list[TagWork]]:
    grouped: dict[str, list[TagWork]] = defaultdict(list)
    for item in work:
        grouped[item.shard].append(item)
    return [grouped[shard] for shard in sorted(grouped)]


@dataclass
class TaggedBucket:
    """The event rows and article entities tagged for some files of one bucket, in memory or handed
    off to files."""

    shard: str
    files: list[tuple[TagWork, int]]  # each file tagged, with its number of rows
    table: pa.Table | None
    entities: pa.Table | None
    handoff: Location | None = None
    entities_handoff: Location | None = None

    def spilled(self, processed_dir: Location) -> TaggedBucket:
        return TaggedBucket(self.shard, self.files, None, None, _spill(processed_dir, self.table),
                            _spill(processed_dir, self.entities))

    def rows(self) -> pa.Table:
        return self.table if self.table is not None else _unspill(self.handoff)

    def entity_rows(self) -> pa.Table:
        return self.entities if self.entities is not None else _unspill(self.entities_handoff)


def _spill(processed_dir: Location, table: pa.Table) -> Location:
    # Arrow's own file format, uncompressed: read back within the run by the same code, it needs
    # no encoding, and is mapped rather than decoded when read (a third of Parquet's cost here)
    path = new_handoff_path(processed_dir, ".arrow")
    with open_handoff_output(path) as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return path


def _unspill(path: Location) -> pa.Table:
    with open_handoff_input(path) as source:
        return pa.ipc.open_file(source).read_all()


# Rows held as Python dicts before they are turned into Arrow, ten times more compact: a bucket may be
# one .jsonl or feed file of thousands of articles.
ROWS_PER_BATCH = 5_000


def tag_bucket(items: list[TagWork]) -> TaggedBucket:
    """Tag the articles of some files of one bucket into one table (one table per bucket, not per
    file: a small table costs about as much to build as a large one)."""
    batches: list[pa.Table] = []
    entity_batches: list[pa.Table] = []
    rows: list[dict] = []
    entity_columns: dict[str, list] = {name: [] for name in ARTICLE_ENTITIES_SCHEMA.names}
    files = []
    for item in items:
        count = 0
        for article in item.articles:
            article_rows, entities = tag_article(article)
            rows.extend(article_rows)
            for name, values in article_entity_columns(article, entities).items():
                entity_columns[name].extend(values)
            count += len(article_rows)
            if len(rows) >= ROWS_PER_BATCH:
                batches.append(rows_to_table(rows))
                rows = []
            if len(entity_columns["entity_id"]) >= ROWS_PER_BATCH:
                entity_batches.append(columns_to_table(ARTICLE_ENTITIES_SCHEMA, entity_columns))
                entity_columns = {name: [] for name in ARTICLE_ENTITIES_SCHEMA.names}
        files.append((item, count))
    batches.append(rows_to_table(rows))
    entity_batches.append(columns_to_table(ARTICLE_ENTITIES_SCHEMA, entity_columns))
    return TaggedBucket(items[0].shard, files, _concatenated(batches), _concatenated(entity_batches))


def _concatenated(batches: list[pa.Table]) -> pa.Table:
    return batches[0] if len(batches) == 1 else pa.concat_tables(batches).unify_dictionaries()


def write_tagged(processed_dir: Location, manifest: Manifest, tagged: list[TaggedBucket]) -> EventsSyncReport:
    """Write the rows tagged for files whose articles are still those in `manifest`, one rewrite per
    events shard, and record them in the manifest (the caller holds the lock)."""
    report = EventsSyncReport()
    for bucket in tagged:
        current = [
            (item, count)
            for item, count in bucket.files
            if item.relative in manifest.files and manifest.files[item.relative].articles_digest == item.articles_digest
        ]
        report.files_overtaken += len(bucket.files) - len(current)
        if current:
            sources = {item.relative for item, _ in current}
            for dataset, rows in ((EVENTS, bucket.rows()), (ARTICLE_ENTITIES, bucket.entity_rows())):
                if len(current) < len(bucket.files):
                    rows = rows.filter(pc.is_in(rows.column("source_file"), pa.array(sorted(sources), pa.string())))
                datasets.replace_source_rows(processed_dir, dataset, bucket.shard, sources, rows)
            report.shards_written += 1
        for item, count in current:
            entry = manifest.files[item.relative]
            entry.events_digest, entry.events = item.articles_digest, count
            report.files_tagged += 1
            report.articles_tagged += len(item.articles)
        if bucket.handoff:
            remove_handoffs(processed_dir, [bucket.handoff, bucket.entities_handoff])
    return report


def _batched_articles(processed_dir: Location, shards: list[str]) -> dict[tuple[str, str], list[Article]]:
    """Articles of `shards` from the last ingest's batch file, by (source file, articles_digest)."""
    path = articles_batch_path(processed_dir)
    if not path.exists():
        return {}
    table = pq.read_table(path, filters=[(BATCH_SHARD, "in", shards)])
    keys = zip(table.column("source_file").to_pylist(), table.column(BATCH_DIGEST).to_pylist())
    grouped: dict[tuple[str, str], list[Article]] = {}
    for key, article in zip(keys, datasets.articles_from_table(table.drop_columns([BATCH_SHARD, BATCH_DIGEST]))):
        grouped.setdefault(key, []).append(article)
    return grouped


def _articles_by_file(table: pa.Table) -> dict[str, list[Article]]:
    grouped: dict[str, list[Article]] = {}
    for article in datasets.articles_from_table(table):
        grouped.setdefault(article.source_file, []).append(article)
    return grouped
