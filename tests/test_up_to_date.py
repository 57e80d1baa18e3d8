"""`dateline run` over unchanged input: it says there is nothing to do and starts no Dagster run; what
counts as "nothing to do" (dateline.engine.freshness); and --force, which runs anyway."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pyarrow.parquet as pq

from dateline.engine.freshness import pending_reason
from dateline.store.layout import picture_paths, published_clusters_path, published_timeline_link, timeline_pointer_path
from dateline.store.publishing import complete_run_build, published_build, record_complete_run
from tests.clock import TODAY
from tests.test_dagster import run_main, write_raw_folder

REPO_ROOT = Path(__file__).resolve().parents[1]


def dateline_run(data: Path, home: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipelines.cli", "run", "-q", "--data", str(data), *extra],
                          cwd=REPO_ROOT, env=os.environ | {"DAGSTER_HOME": str(home)}, capture_output=True, text=True,
                          timeout=300)


def runs_on(home: Path) -> list:
    with dg.DagsterInstance.from_config(str(home)) as instance:
        return instance.get_runs()


def test_a_second_run_over_unchanged_input_does_nothing_and_says_so_and_force_runs_anyway(data_dir, tmp_path):
    write_raw_folder(data_dir / "raw")
    home = tmp_path / "home"
    first = dateline_run(data_dir, home)
    assert first.returncode == 0 and "succeeded" in first.stdout, first.stdout + first.stderr
    published = published_timeline_link(data_dir / "processed")
    pointer = Path(timeline_pointer_path(data_dir / "processed"))
    build, written = published_build(data_dir / "processed"), pointer.stat().st_mtime_ns
    assert build and complete_run_build(data_dir / "processed") == build

    again = dateline_run(data_dir, home)
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.startswith("dateline run: nothing to do") and str(published) in again.stdout
    assert again.stdout.count("\n") == 1 and again.stderr == ""
    assert len(runs_on(home)) == 1  # no Dagster run was started
    assert pointer.stat().st_mtime_ns == written

    forced = dateline_run(data_dir, home, "--force")
    assert forced.returncode == 0 and "succeeded" in forced.stdout, forced.stdout + forced.stderr
    assert "files_read=0" in forced.stdout  # a real run, which finds every file unchanged
    assert len(runs_on(home)) == 2 and all(run.is_success for run in runs_on(home))

    (data_dir / "raw" / "late.txt").write_text("The ferry sailed on Friday.\n", encoding="utf-8")
    (data_dir / "raw" / "late.meta.json").write_text('{"published": "2025-06-20"}', encoding="utf-8")
    changed = dateline_run(data_dir, home)
    assert changed.returncode == 0 and "succeeded" in changed.stdout, changed.stdout + changed.stderr
    assert "files_read=1" in changed.stdout and "Friday" in pq.read_table(published).column("time_text").to_pylist()
    assert len(runs_on(home)) == 3


def test_what_leaves_a_run_something_to_do(data_dir, tmp_path):
    raw, processed = data_dir / "raw", data_dir / "processed"
    assert pending_reason(raw, processed, TODAY) == "nothing has been built yet"
    write_raw_folder(raw)
    with dg.instance_for_test() as instance:
        assert run_main(data_dir, instance).success
    build = published_build(processed)
    # every file is built from the published timeline, but no whole run was recorded on it (a run from
    # the UI, or one that failed after publishing): run
    assert "no whole successful run" in pending_reason(raw, processed, TODAY)
    record_complete_run(processed, build)
    assert pending_reason(raw, processed, TODAY) == ""

    png, _ = picture_paths(processed)
    kept = png.read_bytes()
    png.unlink()
    assert "picture" in pending_reason(raw, processed, TODAY)
    png.write_bytes(kept)
    clusters = published_clusters_path(processed)
    kept = clusters.read_bytes()
    clusters.write_bytes(b"not parquet")
    assert "clusters" in pending_reason(raw, processed, TODAY)
    clusters.write_bytes(kept)
    assert pending_reason(raw, processed, TODAY) == ""

    touched = raw / "harbour.txt"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 1_000_000_000))
    assert pending_reason(raw, processed, TODAY) == "1 raw file new, changed or due for a recheck"
    touched.unlink()
    (raw / "harbour.meta.json").unlink()
    assert pending_reason(raw, processed, TODAY) == "1 raw file removed"
    assert pending_reason(tmp_path / "nowhere", processed, TODAY).startswith("no raw folder")
