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

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.parquet as pq

from pathlib import Path

from dateline import datasets
from dateline.datasets import ARTICLES, EVENTS, Manifest, ManifestEntry
from dateline.enrich import timeline_events
from dateline.model import Article
from dateline.tagger import tag
from dateline.timeline import event_row, rows_to_table

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


def articles_batch_path(processed_dir: Path) -> Path:
    return processed_dir / datasets.STAGING / datasets.ARTICLES_BATCH_FILE


def tagged_batch(table: pa.Table, entry: ManifestEntry | None) -> pa.Table:
    """An articles table marked with its shard and articles digest, for the ingest's batch file."""
    shard = entry.shard if entry else None
    digest = entry.articles_digest if entry else None
    table = table.append_column(BATCH_SHARD, pa.array([shard] * table.num_rows, pa.string()))
    return table.append_column(BATCH_DIGEST, pa.array([digest] * table.num_rows, pa.string()))


def events_for_article(article: Article) -> list[dict]:
    """Timeline rows for one article: tag its text, extract the events, one row per event."""
    try:
        expressions = tag(article.text, article.published_local_date)
        return [event_row(article, event) for event in timeline_events(article.text, expressions, article.published_local_date)]
    except Exception as error:
        where = article.source_file if article.source_line is None else f"{article.source_file} line {article.source_line}"
        raise RuntimeError(f"tagging article {article.article_id} from {where} failed: {error}") from error


def stale_files(manifest: Manifest, shards: Iterable[str] | None = None) -> dict[str, ManifestEntry]:
    """Raw files whose event rows are out of date, optionally only those in `shards`."""
    wanted = None if shards is None else set(shards)
    return {
        relative: entry
        for relative, entry in manifest.files.items()
        if entry.events_digest != entry.articles_digest and (wanted is None or entry.shard in wanted)
    }


def plan_tagging(processed_dir: Path, groups: int) -> list[list[str]]:
    """The buckets with stale files, dealt into at most `groups` groups of about equal work.

    Work is counted in articles to tag; the largest buckets are dealt first, each to the group with
    the least so far. There is always at least one group (empty when nothing is stale), so a run's
    later steps always have something to wait for.
    """
    with datasets.writer_lock(processed_dir):
        manifest = Manifest.load(processed_dir)
    work: dict[str, int] = defaultdict(int)
    for entry in stale_files(manifest).values():
        work[entry.shard] += max(entry.articles, 1)
    buckets = sorted(work, key=lambda shard: (-work[shard], shard))
    planned: list[list[str]] = [[] for _ in range(max(1, min(groups, len(buckets))))]
    loads = [0] * len(planned)
    for shard in buckets:
        lightest = loads.index(min(loads))
        planned[lightest].append(shard)
        loads[lightest] += work[shard]
    return [sorted(group) for group in planned]


def tag_buckets(processed_dir: Path, shards: Iterable[str]) -> EventsSyncReport:
    """Bring the event rows of the stale files in `shards` up to date (safe beside other groups)."""
    with datasets.writer_lock(processed_dir):
        work = load_work(processed_dir, stale_files(Manifest.load(processed_dir), shards))
    tagged = [(item, tag_work(item)) for item in work]  # unlocked: other groups tag meanwhile
    with datasets.writer_lock(processed_dir):
        manifest = Manifest.load(processed_dir)
        report = write_tagged(processed_dir, manifest, tagged)
        manifest.save(processed_dir)
    return report


def sync_events(processed_dir: Path) -> EventsSyncReport:
    """Bring every stale file's event rows up to date in this process (one group of everything)."""
    with datasets.writer_lock(processed_dir):
        manifest = Manifest.load(processed_dir)
        report = tag_stale_locked(processed_dir, manifest)
        manifest.save(processed_dir)
    return report


def tag_stale_locked(processed_dir: Path, manifest: Manifest) -> EventsSyncReport:
    """Tag every stale file of `manifest` and write its rows; the caller holds the lock and saves."""
    work = load_work(processed_dir, stale_files(manifest))
    return write_tagged(processed_dir, manifest, [(item, tag_work(item)) for item in work])


def load_work(processed_dir: Path, stale: dict[str, ManifestEntry]) -> list[TagWork]:
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


def tag_work(item: TagWork) -> pa.Table:
    return rows_to_table([row for article in item.articles for row in events_for_article(article)])


def write_tagged(processed_dir: Path, manifest: Manifest, tagged: list[tuple[TagWork, pa.Table]]) -> EventsSyncReport:
    """Write the rows tagged for files whose articles are still those in `manifest`, one rewrite per
    events shard, and record them in the manifest (the caller holds the lock)."""
    report = EventsSyncReport()
    by_shard: dict[str, list[tuple[TagWork, pa.Table]]] = defaultdict(list)
    for item, table in tagged:
        entry = manifest.files.get(item.relative)
        if entry is None or entry.articles_digest != item.articles_digest:
            report.files_overtaken += 1
            continue
        by_shard[item.shard].append((item, table))
    for shard, done in sorted(by_shard.items()):
        rows = pa.concat_tables([table for _, table in done])
        datasets.replace_source_rows(processed_dir, EVENTS, shard, {item.relative for item, _ in done}, rows)
        for item, table in done:
            entry = manifest.files[item.relative]
            entry.events_digest, entry.events = item.articles_digest, table.num_rows
            report.files_tagged += 1
            report.articles_tagged += len(item.articles)
        report.shards_written += 1
    return report


def _batched_articles(processed_dir: Path, shards: list[str]) -> dict[tuple[str, str], list[Article]]:
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
