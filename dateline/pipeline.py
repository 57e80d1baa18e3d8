"""The pipeline's work, free of any orchestrator: raw files -> article shards -> event shards -> timeline.

Each step does only what changed since the last run, judged by the manifest (see dateline.datasets):
- sync_articles reads the raw files that are new or changed (size/mtime first, then content hash),
  rewrites the articles and quarantine shards of their buckets, and drops the rows of deleted files;
- sync_events (dateline.event_shards) tags the articles of files that changed, in groups of buckets
  that separate processes can take at once;
- stage_timeline updates the sorted timeline in processed/.staging/ (reusing the rows of unchanged
  files), where the checks look, and stages the entities of its articles beside it; publish_timeline
  then puts the timeline in place atomically, and publish_entities its entities.
An article id found in several inputs is kept once: the input with the smallest (file, position)
owns it and every other copy becomes a `duplicate_article` quarantine row, so that every input unit
is counted exactly once in articles + quarantine.
"""
from __future__ import annotations

import hashlib
import os
import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dateline import datasets
from dateline.datasets import (
    ARTICLES,
    DUPLICATE_REASON,
    EVENTS,
    QUARANTINE,
    Manifest,
    ManifestEntry,
)
from dateline.event_shards import (
    EventsSyncReport,
    articles_batch_path,
    sync_events,  # noqa: F401  (part of this module's interface: ingest, tag, stage, publish)
    tag_stale_locked,
    tagged_batch,
)
from dateline.ingest.folder import scan_raw_inputs
from dateline.prereading import PreRead, load_prereads
from dateline.accounting import Accounting, account, count_input_units, recount_inputs  # noqa: F401  (interface)
from dateline.raw_files import (  # noqa: F401  (RawFolderMissing: part of this module's interface)
    FileRead,
    RawFolderMissing,
    require_raw_folder,
    code_fingerprint,
    content_hash,
    due_for_recheck,
    judged_by_clock,
    read_one_file,
)
from dateline.entities.table import build_entities
from dateline.model import Article, Quarantined
from dateline.timeline import (
    REPEATED_TEXT_COLUMNS,
    REQUIRED_COLUMNS,
    combine_and_sort,
    copy_atomically,
    schema_problems,
    write_parquet_atomically,
    write_sorted_atomically,
)


@dataclass
class ArticlesSyncReport:
    files: int = 0  # raw inputs now in raw/
    files_read: int = 0  # parsed this run (new, changed, or whose duplicates changed owner)
    files_read_ahead: int = 0  # of those, how many the reading steps had parsed (dateline.prereading)
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
    `prereads` are reads files written by dateline.prereading.read_group: a file read there is not
    hashed or read again if its size and mtime are still the ones it was read with.
    """
    require_raw_folder(raw_dir)
    with datasets.writer_lock(processed_dir):
        remove_leftover_temporaries(processed_dir)
        report = _sync_articles_locked(raw_dir, processed_dir, reprocess_all, load_prereads(list(prereads)), today)
        datasets.remove_handoffs(processed_dir, list(prereads))
        return report


# Atomic writes go through ".<target name>.<pid>.tmp" beside the target (dateline.timeline, datasets).
_TEMPORARY_NAME = re.compile(r"\..+\.\d+\.tmp")
_WRITTEN_FOLDERS = ("", ARTICLES, QUARANTINE, *datasets.TAGGED_DATASETS, datasets.TIMELINE, datasets.ENTITIES,
                    datasets.CLUSTERS, datasets.PICTURE, datasets.STAGING)


def remove_leftover_temporaries(processed_dir: Path) -> list[Path]:
    """Delete temporary files left by a writer that was killed mid-write (kill -9, power loss).

    Call only while holding the writer lock: every writer holds it, so any temporary file found then
    belongs to a process that died before it could rename or remove it.
    """
    removed = []
    for name in _WRITTEN_FOLDERS:
        folder = processed_dir / name
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if _TEMPORARY_NAME.fullmatch(path.name) and path.is_file():
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


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


def staged_timeline_path(processed_dir: Path) -> Path:
    return processed_dir / datasets.STAGING / datasets.STAGED_TIMELINE_FILE


def published_timeline_path(processed_dir: Path) -> Path:
    return processed_dir / datasets.TIMELINE / datasets.TIMELINE_FILE


def build_timeline(processed_dir: Path) -> pa.Table:
    """All event shards as one timeline table, sorted by when the events happened (a full rebuild)."""
    return combine_and_sort([datasets.read_dataset(processed_dir, EVENTS)])


def stage_timeline(processed_dir: Path) -> tuple[Path, int, EventsSyncReport]:
    """Update the staged timeline, where checks look before publishing; return its path, its
    number of rows, and what the catch-up below tagged.

    The previous staged timeline is reused for every raw file whose events did not change since it
    was built; only the other files' rows are read again, from their events shards. The manifest
    records which build of the staged file it describes, so after a crash between the two writes
    everything is rebuilt.

    Files still stale (another run ingested new files after this run's tagging steps, or a tagging
    step's work was overtaken) are tagged first, under the same lock, so the staged timeline always
    belongs to one state of raw/ and never mixes old events of one file with new ones of another.
    """
    with datasets.writer_lock(processed_dir):
        manifest = Manifest.load(processed_dir)
        catch_up = tag_stale_locked(processed_dir, manifest)
        staged = staged_timeline_path(processed_dir)
        reusable = timeline_build(staged) == manifest.staged_build != ""
        trusted = {
            relative
            for relative, entry in manifest.files.items()
            if reusable and entry.events_digest and entry.staged_digest == entry.events_digest
        }
        wanted: dict[str, list[str]] = {}
        for relative, entry in manifest.files.items():
            if relative not in trusted and entry.events:
                wanted.setdefault(entry.shard, []).append(relative)
        kept, keep_all = None, True
        if trusted:
            sources = pq.read_table(staged, columns=["source_file"]).column("source_file")
            kept = pc.is_in(sources, pa.array(sorted(trusted), pa.string()))
            keep_all = pc.all(kept).as_py() is not False  # all kept: files were only added, or nothing changed
            if not wanted and keep_all:
                _stage_entities(processed_dir, manifest.staged_build)  # kept too, unless an older version left none
                return staged, len(sources), catch_up  # nothing changed since it was staged: keep it

        def parts() -> Iterator[pa.Table]:
            """The rows to stage, read when the writer asks (and freed once it has combined them), the
            repeated text dictionary-encoded."""
            if kept is not None:
                previous = pq.read_table(staged, read_dictionary=REPEATED_TEXT_COLUMNS)
                yield previous if keep_all else previous.filter(kept)
            for shard, files in sorted(wanted.items()):
                rows = datasets.read_shard(processed_dir, EVENTS, shard, dictionary_columns=REPEATED_TEXT_COLUMNS)
                yield rows.filter(pc.is_in(rows.column("source_file"), pa.array(sorted(files), pa.string())))

        build = uuid.uuid4().hex
        count = write_sorted_atomically(parts(), staged, {BUILD_KEY: build.encode()})
        for entry in manifest.files.values():
            entry.staged_digest = entry.events_digest
        manifest.staged_build = build
        for dataset in datasets.TAGGED_DATASETS:
            datasets.remove_stray_shards(processed_dir, dataset, {e.shard for e in manifest.files.values()})
        _stage_entities(processed_dir, build)
        manifest.save(processed_dir)
        return staged, count, catch_up


def staged_entities_path(processed_dir: Path, build: str) -> Path:
    """The entities staged with the timeline of `build`: one file per build, so that the timeline a
    run published keeps its entities while another run stages newer ones."""
    return processed_dir / datasets.STAGING / f"entities-{build}.parquet"


def published_entities_path(processed_dir: Path) -> Path:
    return processed_dir / datasets.ENTITIES / datasets.ENTITIES_FILE


def _stage_entities(processed_dir: Path, build: str) -> None:
    """Stage the entities of the article_entities shards for the timeline of `build` (the caller holds
    the lock, and the shards are those that timeline was built from), and remove the staged entities
    of builds that are neither this one nor the published timeline's."""
    target = staged_entities_path(processed_dir, build)
    if not target.exists():
        table = build_entities(datasets.read_dataset(processed_dir, datasets.ARTICLE_ENTITIES))
        write_parquet_atomically(table.replace_schema_metadata((table.schema.metadata or {}) | {BUILD_KEY: build.encode()}),
                                 target)
    keep = {target.name, staged_entities_path(processed_dir, timeline_build(published_timeline_path(processed_dir))).name}
    for path in (processed_dir / datasets.STAGING).glob("entities-*.parquet"):
        if path.name not in keep:
            path.unlink(missing_ok=True)


def publish_entities(processed_dir: Path) -> Path:
    """Put the entities staged with the published timeline in place atomically (nothing to do when
    they are already there): the published entities always describe the published timeline."""
    with datasets.writer_lock(processed_dir):
        remove_leftover_temporaries(processed_dir)
        build = timeline_build(published_timeline_path(processed_dir))
        published = published_entities_path(processed_dir)
        if not build:
            raise FileNotFoundError("no published timeline: publish it before its entities")
        if timeline_build(published) == build:
            return published
        staged = staged_entities_path(processed_dir, build)
        if not staged.exists():
            raise FileNotFoundError(f"no entities were staged with the published timeline (build {build})")
        return copy_atomically(staged, published)


BUILD_KEY = b"dateline.build"


def timeline_build(path: Path, key: bytes = BUILD_KEY) -> str:
    """The timeline build id written into a Parquet file's schema metadata under `key`: a staged (and
    so published) timeline's own, or that of the timeline a derived file was made from; "" if none
    or unreadable."""
    if not path.exists():
        return ""
    try:
        return (pq.read_schema(path).metadata or {}).get(key, b"").decode()
    except (OSError, ValueError):  # pyarrow.ArrowInvalid is a ValueError; so is an undecodable id
        return ""  # unreadable: rebuild it


def publish_timeline(processed_dir: Path) -> Path:
    """Put the staged timeline in place atomically: readers see the old file or the new one, whole.

    The staged file is checked again here, under the writer lock: with two runs at once, the file
    staged now may be the other run's, staged after this run's checks looked. Publishing only what
    passes keeps "checked before published" true whatever the interleaving.
    """
    with datasets.writer_lock(processed_dir):
        remove_leftover_temporaries(processed_dir)
        staged = staged_timeline_path(processed_dir)
        if not staged.exists():
            raise FileNotFoundError(f"no staged timeline at {staged}; build it before publishing")
        problems, _ = timeline_file_problems(staged)
        if problems["schema"] or problems["nulls"] or problems["earliest_after_latest"]:
            raise StagedTimelineInvalid(f"the staged timeline {staged} is not published: {problems}")
        published = published_timeline_path(processed_dir)
        build = timeline_build(staged)
        if build and timeline_build(published) == build:
            return published  # this very build is already published (a run with nothing new)
        return copy_atomically(staged, published)


class StagedTimelineInvalid(RuntimeError):
    pass


def timeline_problems(table: pa.Table, schema: pa.Schema | None = None) -> dict[str, object]:
    """What is wrong with a timeline table: schema drift, nulls where values are required, inverted
    ranges. `table` may hold only the columns these need when `schema` gives the whole file's."""
    nulls = {name: table.column(name).null_count for name in REQUIRED_COLUMNS if name in table.column_names}
    inverted = 0
    if {"earliest", "latest"} <= set(table.column_names) and table.num_rows:
        inverted = pc.sum(pc.greater(table.column("earliest"), table.column("latest"))).as_py() or 0
    return {
        "schema": schema_problems((schema or table.schema).empty_table()),
        "nulls": {name: count for name, count in nulls.items() if count},
        "earliest_after_latest": inverted,
    }


def timeline_file_problems(path: Path) -> tuple[dict[str, object], int]:
    """timeline_problems of a timeline file, reading only the columns the checks need; and its rows."""
    schema = pq.read_schema(path)
    needed = [name for name in (*REQUIRED_COLUMNS, "earliest", "latest") if name in schema.names]
    table = pq.read_table(path, columns=list(dict.fromkeys(needed)))
    return timeline_problems(table, schema), table.num_rows


def raw_snapshot(raw_dir: Path) -> dict[str, list[int]]:
    """{relative path: [size, mtime_ns]} of every non-hidden file under raw/, from stat alone.

    Cheap enough to run every few seconds on many thousands of files: nothing is opened or parsed.
    Sidecars are included, so editing a .meta.json counts as a change.
    """
    require_raw_folder(raw_dir)
    snapshot: dict[str, list[int]] = {}
    pending = [raw_dir]
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue  # hidden: half-copied uploads, editor swap files
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                elif entry.is_file():
                    stat = entry.stat()
                    snapshot[Path(entry.path).relative_to(raw_dir).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return snapshot


def snapshot_digest(snapshot: dict[str, list[int]]) -> str:
    """A short fingerprint of a raw_snapshot: equal digests, same files with the same sizes and mtimes."""
    digest = hashlib.sha256()
    for name in sorted(snapshot):
        size, mtime_ns = snapshot[name]
        digest.update(f"{name}\0{size}\0{mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def snapshot_changes(previous: dict[str, list[int]], current: dict[str, list[int]]) -> dict[str, list[int] | None]:
    """Files that are new or changed (with their new [size, mtime_ns]) or deleted (None)."""
    changes: dict[str, list[int] | None] = {
        name: signature for name, signature in current.items() if previous.get(name) != signature
    }
    changes.update({name: None for name in previous.keys() - current.keys()})
    return changes
