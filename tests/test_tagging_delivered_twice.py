"""A tagging step that runs twice for the same batch (a celery task handed out again when its worker
died, or when it outlived the broker's visibility timeout) leaves the rows of one run: the second run
either finds nothing stale, or rewrites the same files' rows in place of the first's."""
from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from dateline.engine.ingesting import sync_articles
from dateline.engine.staging import stage_timeline
from dateline.engine.tagging import by_shard, load_work, plan_tagging, stale_files, tag_bucket, tag_buckets, write_tagged
from dateline.store import datasets
from dateline.store.layout import EVENTS
from dateline.store.manifest import Manifest
from tests.clock import TODAY
from tests.test_crash_and_concurrency import run_pipeline_in_process, write_articles


def _staged_rows(processed: Path) -> list[dict]:
    staged, _, catch_up = stage_timeline(processed)
    assert catch_up.files_tagged == 0  # the tagging steps left nothing stale
    return pq.read_table(staged).to_pylist()


def test_a_batch_tagged_again_after_it_finished_changes_nothing(data_dir: Path, tmp_path: Path) -> None:
    raw, processed = data_dir / "raw", data_dir / "processed"
    write_articles(raw, 12)
    sync_articles(raw, processed, today=TODAY)
    [batch, *others] = plan_tagging(processed, 3)
    first = tag_buckets(processed, batch)
    events = datasets.read_dataset(processed, EVENTS).to_pylist()
    again = tag_buckets(processed, batch)
    assert first.files_tagged > 0 and again.files_tagged == again.shards_written == 0
    assert datasets.read_dataset(processed, EVENTS).to_pylist() == events
    for group in others:
        tag_buckets(processed, group)
    assert _staged_rows(processed) == run_pipeline_in_process(raw, tmp_path / "once").to_pylist()


def test_two_runs_of_a_batch_at_once_write_its_rows_once(data_dir: Path, tmp_path: Path) -> None:
    raw, processed = data_dir / "raw", data_dir / "processed"
    write_articles(raw, 12)
    sync_articles(raw, processed, today=TODAY)
    [batch] = plan_tagging(processed, 1)
    files = len(Manifest.load(processed).files)
    # both deliveries read the stale files before either writes, then each writes under the lock
    readings = [load_work(processed, stale_files(Manifest.load(processed), batch)) for _ in range(2)]
    for work in readings:
        manifest = Manifest.load(processed)
        report = write_tagged(processed, manifest, [tag_bucket(items).spilled(processed) for items in by_shard(work)])
        manifest.save(processed)
        assert report.files_tagged == files > 1 and report.files_overtaken == 0
    assert _staged_rows(processed) == run_pipeline_in_process(raw, tmp_path / "once").to_pylist()
