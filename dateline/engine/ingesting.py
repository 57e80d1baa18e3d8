"""The ingest step: raw files -> the articles and quarantine shards, reading only what changed.

sync_articles reads the raw files that are new or changed since the manifest was written (size/mtime
first, then content hash), rewrites the articles and quarantine shards of their buckets, and drops
the rows of deleted files. An article id found in several inputs is kept once: the input with the
smallest (file, position) owns it and every other copy becomes a `duplicate_article` quarantine row,
so that every input unit is counted exactly once in articles + quarantine. (How a single file is
read is dateline.ingest; this step decides which files to read and where their rows go.)
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow as pa

from dateline.engine.fingerprint import code_fingerprint
from dateline.engine.prereading import PreRead, load_prereads
from dateline.engine.raw_files import (
    FileRead,
    content_hash,
    due_for_recheck,
    judged_by_clock,
    read_one_file,
    require_raw_folder,
)
from dateline.engine.tagging import tagged_batch
from dateline.ingest.folder import scan_raw_inputs
from dateline.model import Article, Quarantined
from dateline.store import datasets
from dateline.store.atomic import remove_leftover_temporaries, writer_lock
from dateline.store.datasets import DUPLICATE_REASON
from dateline.store.handoff import remove_handoffs
from dateline.store.layout import ARTICLES, QUARANTINE, articles_batch_path
from dateline.store.manifest import Manifest, ManifestEntry
from dateline.timeline import write_parquet_atomically


@dataclass
class ArticlesSyncReport:
    files: int = 0  # raw inputs now in raw/
    files_read: int = 0  # parsed this run (new, changed, or whose duplicates changed owner)
    files_read_ahead: int = 0  # of those, how many the reading steps had parsed (dateline.engine.prereading)
    files_skipped: int = 0  # unchanged since the last run, not parsed
    files_removed: int = 0  # gone from raw/, their shards deleted
    inputs: int = 0  # input units in all raw files
    articles: int = 0  # rows in the articles dataset
    quarantined: int = 0  # rows in the quarantine dataset
    duplicates: int = 0  # of which duplicate_article rows created here (cross-file copies)
    read_files: list[str] = field(default_factory=list)


def _owned_flags(relative: str, ids: list[str], owners: dict[str, str]) -> list[bool]:
    """Which of a file's article ids it keeps: the first copy in the owning file."""
    seen: set[str] = set()
    flags = []
    for article_id in ids:
        flags.append(owners[article_id] == relative and article_id not in seen)
        seen.add(article_id)
    return flags


def _articles_digest(code: str, sha256: str, ids: list[str], flags: list[bool]) -> str:
    digest = hashlib.sha256(f"{code}\n{sha256}\n".encode())
    for article_id, owned in zip(ids, flags):
        digest.update(f"{article_id}:{int(owned)}\n".encode())
    return digest.hexdigest()[:24]


def sync_articles(
    raw_dir: Path, processed_dir: Path, *, today: date, reprocess_all: bool = False, prereads: Sequence[Path] = ()
) -> ArticlesSyncReport:
    """Bring articles/ and quarantine/ up to date with raw/, reading only new or changed files.

    `today` is the run's date (the caller's clock; nothing here reads one): articles published later
    than today plus one day are quarantined as future_published, and their files are read again by the
    first run whose date makes them plausible (ManifestEntry.recheck_on), changed or not.
    `prereads` are reads files written by dateline.engine.prereading.read_group: a file read there is not
    hashed or read again if its size and mtime are still the ones it was read with.
    """
    require_raw_folder(raw_dir)
    with writer_lock(processed_dir):
        remove_leftover_temporaries(processed_dir)
        report = _sync_articles_locked(raw_dir, processed_dir, reprocess_all, load_prereads(list(prereads)), today)
        remove_handoffs(processed_dir, list(prereads))
        return report


def _sync_articles_locked(
    raw_dir: Path, processed_dir: Path, reprocess_all: bool, prereads: dict[str, PreRead], today: date
) -> ArticlesSyncReport:
    manifest = Manifest.load(processed_dir)
    code = code_fingerprint()
    rebuild_everything = reprocess_all or manifest.code_fingerprint != code
    report = ArticlesSyncReport()

    scanned = scan_raw_inputs(raw_dir)
    paths = {found.relative: found.path for found in scanned}
    signatures = {found.relative: found.signature for found in scanned}
    report.files = len(paths)
    hashes: dict[str, str] = {}
    changed: list[str] = []
    ready: dict[str, FileRead] = {}  # read ahead, and unchanged since
    for relative, path in sorted(paths.items()):
        known = manifest.files.get(relative)
        due = known is not None and due_for_recheck(known, today)
        if not rebuild_everything and known and not due and (known.size, known.mtime_ns) == signatures[relative]:
            continue
        ahead = prereads.get(relative)
        if ahead and ahead.signature == signatures[relative]:
            hashes[relative], ready[relative] = ahead.sha256, ahead.read
        else:
            hashes[relative] = content_hash(path, raw_dir)
        if not rebuild_everything and known and not due and known.sha256 == hashes[relative]:
            continue  # touched but not changed: refresh the stat below, no re-read
        changed.append(relative)

    # Read the changed files, each keeping the first copy of each of its articles; cross-file
    # duplicates are settled below, once every file's ids are known.
    written: dict[str, FileShards] = {}
    for relative in changed:
        read, recheck_on = judged_by_clock(ready.get(relative) or read_one_file(paths[relative], raw_dir), today)
        own = {a.article_id: relative for a in read.articles}
        written[relative] = _file_shards(read, own, code, hashes[relative], signatures[relative], recheck_on)

    ids_by_file = {
        relative: written[relative].entry.article_ids if relative in written else manifest.files[relative].article_ids
        for relative in paths
    }
    owners: dict[str, str] = {}
    for relative in sorted(ids_by_file):
        for article_id in ids_by_file[relative]:
            owners.setdefault(article_id, relative)

    # Files where the whole folder's view of ownership differs from the file's own are read (again)
    # and rebuilt: a copy that another file owns becomes a duplicate_article row, and an unchanged
    # file's quarantined copy becomes the article when the owning file has gone.
    for relative in sorted(paths):
        ids = ids_by_file[relative]
        flags = _owned_flags(relative, ids, owners)
        if relative in written:
            needs_rewrite = flags != _owned_flags(relative, ids, {i: relative for i in ids})
            sha256 = hashes[relative]
        else:
            entry = manifest.files[relative]
            needs_rewrite = _articles_digest(code, entry.sha256, ids, flags) != entry.articles_digest
            sha256 = entry.sha256
        if needs_rewrite:
            read, recheck_on = judged_by_clock(ready.get(relative) or read_one_file(paths[relative], raw_dir), today)
            written[relative] = _file_shards(read, owners, code, sha256, signatures[relative], recheck_on)
            report.duplicates += sum(1 for _ in _duplicates_of(read, owners))

    removed = sorted(set(manifest.files) - set(paths))
    batch = _write_buckets(processed_dir, written, {relative: manifest.files[relative].shard for relative in removed})
    for relative in removed:
        del manifest.files[relative]
    report.files_removed = len(removed)

    for relative, shards in sorted(written.items()):
        entry = shards.entry
        previous = manifest.files.get(relative)
        if previous and previous.articles_digest == entry.articles_digest and not reprocess_all:
            entry.events_digest, entry.events = previous.events_digest, previous.events
            entry.staged_digest = previous.staged_digest
        manifest.files[relative] = entry
    for relative, signature in signatures.items():
        entry = manifest.files[relative]
        entry.size, entry.mtime_ns = signature

    keep = {entry.shard for entry in manifest.files.values()}
    for dataset in (ARTICLES, QUARANTINE, *datasets.TAGGED_DATASETS):
        datasets.remove_stray_shards(processed_dir, dataset, keep)
    manifest.code_fingerprint = code
    if reprocess_all:
        manifest.staged_build = ""  # rebuild the staged timeline from the event shards too
    # One file with every article just read, so tagging need not open thousands of shards again.
    write_parquet_atomically(
        pa.concat_tables(batch).unify_dictionaries() if batch else tagged_batch(datasets.ARTICLES_SCHEMA.empty_table(), None, []),
        articles_batch_path(processed_dir),
        durable=False,
    )
    manifest.save(processed_dir)

    report.files_read = len(written)
    report.files_read_ahead = sum(1 for relative in written if relative in ready)
    report.files_skipped = report.files - report.files_read
    report.read_files = sorted(written)
    report.inputs = sum(e.inputs for e in manifest.files.values())
    report.articles = sum(e.articles for e in manifest.files.values())
    report.quarantined = sum(e.quarantined for e in manifest.files.values())
    return report


def _duplicates_of(read: FileRead, owners: dict[str, str]) -> Iterable[Quarantined]:
    ids = [a.article_id for a in read.articles]
    for article, owned in zip(read.articles, _owned_flags(read.relative, ids, owners)):
        if not owned:
            owner = owners[article.article_id]
            where = "earlier in the same file" if owner == read.relative else f"in {owner}"
            yield Quarantined(
                source_file=article.source_file,
                source_line=article.source_line,
                reason=DUPLICATE_REASON,
                detail=f"article {article.article_id} was already read {where}",
            )


@dataclass
class FileShards:
    """One raw file's manifest entry and its rows for the articles and quarantine shards."""

    entry: ManifestEntry
    articles: list[Article]
    quarantine: list[Quarantined]


def _file_shards(
    read: FileRead,
    owners: dict[str, str],
    code: str,
    sha256: str,
    signature: tuple[int, int],
    recheck_on: str = "",
) -> FileShards:
    ids = [a.article_id for a in read.articles]
    flags = _owned_flags(read.relative, ids, owners)
    kept = [a for a, owned in zip(read.articles, flags) if owned]
    rejected = read.quarantined + list(_duplicates_of(read, owners))
    entry = ManifestEntry(
        shard=datasets.shard_name(read.relative),
        size=signature[0],
        mtime_ns=signature[1],
        sha256=sha256,
        article_ids=ids,
        articles=len(kept),
        quarantined=len(rejected),
        inputs=len(read.units),
        articles_digest=_articles_digest(code, sha256, ids, flags),
        recheck_on=recheck_on,
    )
    return FileShards(entry, kept, rejected)


def _write_buckets(processed_dir: Path, written: dict[str, FileShards], removed: dict[str, str]) -> list[pa.Table]:
    """Rewrite each bucket touched by the files read (`written`) or gone (`removed`: file -> shard)
    once, with one table per bucket rather than one per file (a small table costs about as much to
    build as a large one). Returns the articles written, marked for the tagging step's batch.

    The rows of removed files also leave the events and article_entities shards here; a changed file keeps its old event
    rows until it is tagged again, its manifest entry marking them stale meanwhile.
    """
    touched: dict[str, set[str]] = {}
    for relative, shards in written.items():
        touched.setdefault(shards.entry.shard, set()).add(relative)
    for relative, shard in removed.items():
        touched.setdefault(shard, set()).add(relative)
    batch = []
    for shard, sources in sorted(touched.items()):
        files = [written[relative] for relative in sorted(sources & written.keys())]
        articles = datasets.articles_table([article for file in files for article in file.articles])
        quarantine = datasets.quarantine_table([row for file in files for row in file.quarantine])
        datasets.replace_source_rows(processed_dir, ARTICLES, shard, sources, articles)
        datasets.replace_source_rows(processed_dir, QUARANTINE, shard, sources, quarantine)
        gone = sources - written.keys()
        for dataset in datasets.TAGGED_DATASETS if gone else ():
            datasets.replace_source_rows(processed_dir, dataset, shard, gone, datasets.DATASET_SCHEMAS[dataset].empty_table())
        if articles.num_rows:
            digests = [file.entry.articles_digest for file in files for _ in file.articles]
            batch.append(tagged_batch(articles, shard, digests))
    return batch
