"""Bucketed shards, reading and tagging in parallel groups: same rows as one process, fewer files,
safe overlaps.

With real files and, for the multiprocess run, a real `dateline run` on a real Dagster instance.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from dateline.engine import tagging
from dateline.engine.accounting import account
from dateline.engine.ingesting import sync_articles
from dateline.engine.prereading import plan_reading, read_group
from dateline.engine.staging import build_timeline, stage_timeline
from dateline.engine.tagging import (
    TagWork,
    by_shard,
    events_for_article,
    load_work,
    plan_tagging,
    stale_files,
    sync_events,
    tag_bucket,
    tag_buckets,
    write_tagged,
)
from dateline.engine.work_groups import usable_cores
from dateline.store import datasets
from dateline.store.layout import ARTICLES, EVENTS, handoff_folder
from dateline.store.timeline_builds import published_timeline
from dateline.store.manifest import Manifest
from pipelines.execution import PARALLEL_FROM_BYTES, execution_config
from tests.clock import TODAY
from tests.test_crash_and_concurrency import REPO_ROOT, run_pipeline_in_process, write_articles


def names_in_one_bucket(count: int) -> list[str]:
    """`count` raw file names that hash to the same shard."""
    names: dict[str, list[str]] = {}
    number = 0
    while True:
        name = f"same-{number:04d}.json"
        bucket = names.setdefault(datasets.shard_name(name), [])
        bucket.append(name)
        if len(bucket) == count:
            return bucket
        number += 1


def article_json(title: str, weekday: str) -> str:
    return (
        '{"published": "2024-03-08T09:00:00Z", "title": "%s", "text": "The port of %s reopened on %s '
        'after the storm, officials said. Ferries will resume next week."}' % (title, title, weekday)
    )


def test_many_files_share_a_few_shards(data_dir: Path) -> None:
    raw, processed = data_dir / "raw", data_dir / "processed"
    write_articles(raw, 600)  # 300 .json files and one .jsonl
    run_pipeline_in_process(raw, processed)
    shards = sorted(p.name for p in (processed / EVENTS).iterdir())
    assert len(shards) <= datasets.SHARD_BUCKETS < 301
    assert all(datasets.is_shard_file(processed / EVENTS / name) for name in shards)


def test_a_changed_file_keeps_its_bucket_neighbours_rows(data_dir: Path) -> None:
    raw, processed = data_dir / "raw", data_dir / "processed"
    first, second, third = names_in_one_bucket(3)
    (raw / first).write_text(article_json("Alder", "Monday"), encoding="utf-8")
    (raw / second).write_text(article_json("Birch", "Tuesday"), encoding="utf-8")
    (raw / third).write_text(article_json("Cedar", "Friday"), encoding="utf-8")
    run_pipeline_in_process(raw, processed)
    assert len(list((processed / ARTICLES).iterdir())) == 1

    (raw / second).write_text(article_json("Birch", "Wednesday"), encoding="utf-8")  # changed
    (raw / third).unlink()  # gone
    report = sync_articles(raw, processed, today=TODAY)
    assert (report.files_read, report.files_removed) == (1, 1)
    tagged = sync_events(processed)
    assert (tagged.files_tagged, tagged.shards_written) == (1, 1)
    published = run_pipeline_in_process(raw, processed)
    articles = datasets.read_dataset(processed, ARTICLES)
    assert sorted(articles.column("source_file").to_pylist()) == [first, second]
    assert set(published.column("source_file").to_pylist()) == {first, second}
    assert published.to_pylist() == build_timeline(processed).to_pylist()
    assert published.to_pylist() == run_pipeline_in_process(raw, data_dir / "clean").to_pylist()


def test_groups_split_the_work_and_give_the_rows_of_one_process(data_dir: Path, tmp_path: Path) -> None:
    raw, processed = data_dir / "raw", data_dir / "processed"
    write_articles(raw, 60)
    sync_articles(raw, processed, today=TODAY)
    groups = plan_tagging(processed, 3)
    assert len(groups) == 3 and all(groups)
    assert sorted(shard for group in groups for shard in group) == sorted(
        {entry.shard for entry in Manifest.load(processed).files.values()}
    )
    reports = [tag_buckets(processed, group) for group in groups]
    assert sum(report.files_tagged for report in reports) == 31  # 30 .json files and the .jsonl
    assert plan_tagging(processed, 3) == [[]]  # nothing stale: one empty group
    staged, _, catch_up = stage_timeline(processed)
    table = pq.read_table(staged)
    assert catch_up.files_tagged == 0
    assert table.to_pylist() == run_pipeline_in_process(raw, tmp_path / "one").to_pylist()


def test_a_group_overtaken_by_a_newer_ingest_leaves_the_file_stale_not_wrong(data_dir: Path, tmp_path: Path) -> None:
    raw, processed = data_dir / "raw", data_dir / "processed"
    (raw / "port.json").write_text(article_json("Alder", "Monday"), encoding="utf-8")
    sync_articles(raw, processed, today=TODAY)
    manifest = Manifest.load(processed)
    work = load_work(processed, stale_files(manifest))  # a group reads ...
    (raw / "port.json").write_text(article_json("Alder", "Thursday"), encoding="utf-8")
    sync_articles(raw, processed, today=TODAY)  # ... another run ingests a newer version ...
    manifest = Manifest.load(processed)
    tagged = [tag_bucket(items).spilled(processed) for items in by_shard(work)]
    report = write_tagged(processed, manifest, tagged)
    assert (report.files_overtaken, report.files_tagged) == (1, 0)  # ... and the group's rows are dropped
    assert not handoff_folder(processed).exists()
    manifest.save(processed)
    staged, _, catch_up = stage_timeline(processed)
    table = pq.read_table(staged)
    assert catch_up.files_tagged == 1
    assert table.to_pylist() == run_pipeline_in_process(raw, tmp_path / "clean").to_pylist()


def test_shards_of_the_per_file_layout_are_cleared_away(data_dir: Path) -> None:
    raw, processed = data_dir / "raw", data_dir / "processed"
    write_articles(raw, 4)
    run_pipeline_in_process(raw, processed)
    old = processed / ARTICLES / "0123456789abcdef0123.parquet"
    old.write_bytes((next((processed / ARTICLES).glob("shard-*.parquet"))).read_bytes())
    sync_articles(raw, processed, today=TODAY, reprocess_all=True)
    assert not old.exists()


def test_auto_execution_is_parallel_only_for_large_changes() -> None:
    assert execution_config("auto", PARALLEL_FROM_BYTES - 1)["execution"]["config"] == {"in_process": {}}
    assert "multiprocess" in execution_config("auto", PARALLEL_FROM_BYTES)["execution"]["config"]
    assert "multiprocess" in execution_config("multiprocess")["execution"]["config"]


def test_a_multiprocess_run_publishes_what_one_process_does(data_dir: Path, tmp_path: Path) -> None:
    """`dateline run --executor multiprocess`: tagging steps in separate processes on a real instance."""
    raw, processed = data_dir / "raw", data_dir / "processed"
    write_articles(raw, 40)
    env = dict(os.environ, DAGSTER_HOME=str(tmp_path / "dagster_home"))
    command = [sys.executable, "-m", "pipelines.cli", "run", "--data", str(data_dir), "--executor", "multiprocess"]
    done = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "executor=multiprocess" in done.stdout
    cores = usable_cores()  # one step per core: 21 raw files, more than the cores
    assert f"reading_steps={cores}," in done.stdout and f"tagging_steps={cores}," in done.stdout
    published = published_timeline(processed).read()
    assert published.num_rows > 0
    assert published.to_pylist() == run_pipeline_in_process(raw, tmp_path / "one").to_pylist()
    assert account(raw, processed).balanced
    # the steps that read the whole published timeline ran one after another (pipelines.execution)
    from benchmarks.run_steps import step_spans

    [run_id] = re.findall(r"run ([0-9a-f-]{36}): succeeded", done.stdout)
    readers = sorted((span for span in step_spans(tmp_path / "dagster_home", run_id)
                      if span.key in ("clusters", "entities", "timeline_picture")), key=lambda span: span.start)
    assert [span.key for span in readers] and len(readers) == 3, readers
    assert all(earlier.end <= later.start for earlier, later in zip(readers, readers[1:])), readers


def test_files_read_ahead_in_groups_are_taken_unless_they_changed_since(data_dir: Path, tmp_path: Path) -> None:
    raw, processed = data_dir / "raw", data_dir / "processed"
    write_articles(raw, 30)
    groups = plan_reading(raw, processed, 2)
    assert len(groups) == 2 and sorted(sum(groups, [])) == sorted(p.name for p in raw.iterdir())
    reads = [read_group(raw, processed, group) for group in groups]
    edited = raw / "story-0003.json"  # changes after it was read ahead: the ingest reads it itself
    edited.write_text(edited.read_text().replace("the pilot program", "the ferry service"), encoding="utf-8")
    report = sync_articles(raw, processed, today=TODAY, prereads=reads)
    assert (report.files_read, report.files_read_ahead) == (16, 15)
    assert not handoff_folder(processed).exists()  # used handoff files are removed
    assert "the ferry service" in " ".join(datasets.read_dataset(processed, ARTICLES).column("text").to_pylist())
    sync_events(processed)
    staged = pq.read_table(stage_timeline(processed)[0])
    assert staged.to_pylist() == run_pipeline_in_process(raw, tmp_path / "clean").to_pylist()
    assert plan_reading(raw, processed, 2) == [[]]  # nothing left to read


def test_an_overtaken_file_leaves_its_bucket_neighbours_rows_written(data_dir: Path, tmp_path: Path) -> None:
    raw, processed = data_dir / "raw", data_dir / "processed"
    kept, overtaken = names_in_one_bucket(2)
    (raw / kept).write_text(article_json("Alder", "Monday"), encoding="utf-8")
    (raw / overtaken).write_text(article_json("Birch", "Tuesday"), encoding="utf-8")
    sync_articles(raw, processed, today=TODAY)
    work = load_work(processed, stale_files(Manifest.load(processed)))
    (raw / overtaken).write_text(article_json("Birch", "Friday"), encoding="utf-8")
    sync_articles(raw, processed, today=TODAY)
    manifest = Manifest.load(processed)
    [bucket] = [tag_bucket(items).spilled(processed) for items in by_shard(work)]
    report = write_tagged(processed, manifest, [bucket])
    assert (report.files_tagged, report.files_overtaken, report.shards_written) == (1, 1, 1)
    manifest.save(processed)
    events = datasets.read_dataset(processed, EVENTS)
    assert set(events.column("source_file").to_pylist()) == {kept}
    staged, _, catch_up = stage_timeline(processed)
    table = pq.read_table(staged)
    assert catch_up.files_tagged == 1
    assert table.to_pylist() == run_pipeline_in_process(raw, tmp_path / "clean").to_pylist()


def test_a_bucket_tagged_in_batches_holds_the_rows_of_one_pass(tmp_path: Path, monkeypatch) -> None:
    """A bucket's rows become Arrow every ROWS_PER_BATCH rows (a .jsonl bucket can hold thousands of
    articles); the table, and the handoff file it is spilled to, hold the same rows as one pass."""
    from datetime import datetime, timezone

    from dateline.model import Article
    from dateline.timeline import rows_to_table

    published = datetime(2024, 3, 8, 9, tzinfo=timezone.utc)
    weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday"]
    articles = [Article(f"id-{n}", f"feed-{n % 2}.jsonl", n + 1,
                        f"The port of Ellery reopened on {weekdays[n % 4]} after the storm, officials said. "
                        f"Ferries will resume next week, and the mayor met traders in March.", published, published.date())
                for n in range(12)]
    items = [TagWork(name, "shard-00", "digest", [a for a in articles if a.source_file == name])
             for name in ("feed-0.jsonl", "feed-1.jsonl")]
    one_pass = rows_to_table([row for item in items for a in item.articles for row in events_for_article(a)])
    monkeypatch.setattr(tagging, "ROWS_PER_BATCH", 5)
    bucket = tag_bucket(items)
    assert bucket.table.column("trigger").num_chunks > 1
    assert bucket.table.to_pylist() == one_pass.to_pylist()
    assert sum(count for _, count in bucket.files) == one_pass.num_rows
    assert bucket.spilled(tmp_path).rows().to_pylist() == one_pass.to_pylist()
