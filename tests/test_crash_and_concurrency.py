"""Crashes, reruns and concurrent runs, with real subprocesses, real files and a real Dagster instance.

- kill -9 while the timeline is being written: the previous timeline stays readable and whole, the
  next run completes, and no temporary file is left behind;
- a rerun on the same inputs gives identical rows, ids and order;
- a sensor-style run and a manual `dateline run` at once, on one Dagster instance (SQLite, the
  project's dagster.yaml): both succeed, nothing says "database is locked", and the published timeline
  is exactly the one of a single state of raw/, never a mix.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dateline.engine.accounting import account
from dateline.engine.ingesting import sync_articles
from dateline.engine.staging import stage_timeline
from dateline.engine.tagging import sync_events
from dateline.store import datasets
import dateline
from dateline.store.layout import (
    ARTICLES,
    CLUSTERS,
    ENTITIES,
    PICTURE,
    TIMELINE,
    TIMELINE_BUILDS,
    staged_timeline_path,
    timeline_pointer_path,
)
from dateline.store.publishing import StagedTimelineInvalid, publish_timeline, timeline_build
from dateline.store.timeline_builds import published_timeline
from tests.clock import TODAY

REPO_ROOT = Path(__file__).resolve().parents[1]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def write_articles(raw: Path, count: int, prefix: str = "story") -> None:
    """`count` distinct dated articles, spread over .json files and one .jsonl."""
    lines = []
    for i in range(count):
        article = {
            "published": f"2024-{1 + i % 12:02d}-{1 + i % 27:02d}T09:00:00Z",
            "title": f"{prefix} {i}",
            "language": "en",
            "text": (
                f"The council of district {prefix} {i} voted on {WEEKDAYS[i % 5]} to extend the pilot program. "
                f"The mayor said the budget would be reviewed next month, {i + 2} weeks after the vote. "
                f"Officials met in Geneva last week and will meet again on {WEEKDAYS[(i + 2) % 5]}."
            ),
        }
        if i % 2:
            (raw / f"{prefix}-{i:04d}.json").write_text(json.dumps(article), encoding="utf-8")
        else:
            lines.append(json.dumps(article))
    (raw / f"{prefix}-batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_pipeline_in_process(raw: Path, processed: Path) -> pa.Table:
    sync_articles(raw, processed, today=TODAY)
    sync_events(processed)
    stage_timeline(processed)
    return publish_timeline(processed).read()


def temporaries(processed: Path) -> list[Path]:
    return [p for p in processed.rglob("*.tmp")]


# The child runs the real pipeline; only publishing is stopped at one moment (after the first month
# file of the new build, after the whole build but before the pointer, after the pointer but before the
# link), so the kill lands there deterministically.
CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from datetime import date
    import pyarrow.parquet as pq
    from dateline.engine.ingesting import sync_articles
    from dateline.engine.staging import stage_timeline
    from dateline.engine.tagging import sync_events
    from dateline.store import publishing, timeline_builds
    from dateline.store.publishing import publish_timeline

    raw, processed, marker, mode = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]

    def stop(where):
        marker.write_text(str(where))
        time.sleep(600)

    class StopAfterFirstFile(pq.ParquetWriter):
        def close(self):
            super().close()
            stop(self.where)

    sync_articles(raw, processed, today=date.fromisoformat(sys.argv[5]))
    sync_events(processed)
    stage_timeline(processed)
    if mode == "mid_build":  # patched after staging, which writes with ParquetWriter too
        pq.ParquetWriter = StopAfterFirstFile
        timeline_builds.FILE_ROWS = 1  # a file per month: the kill lands with one written, others not
    elif mode == "before_pointer":
        publishing.write_pointer = lambda processed_dir, build, *rest: stop(build)
    else:
        publishing.link_published = lambda processed_dir, build: stop(build)
    publish_timeline(processed)
    """
)


def wait_for(path: Path, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"child ended early: {process.communicate()}")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError("the child never reached the timeline write")
        time.sleep(0.05)


@pytest.mark.parametrize("mode", ["mid_build", "before_pointer", "before_link"])
def test_kill_9_while_publishing_keeps_a_whole_timeline_and_the_next_run_cleans_up(data_dir: Path, tmp_path: Path,
                                                                                  mode: str) -> None:
    raw, processed = data_dir / "raw", data_dir / "processed"
    write_articles(raw, 12)
    run_pipeline_in_process(raw, processed)
    write_articles(raw, 6, prefix="between")
    previous = run_pipeline_in_process(raw, processed)  # a second build: the first is now the one kept before it
    pointer = Path(timeline_pointer_path(processed))
    previous_bytes, previous_build = pointer.read_bytes(), published_timeline(processed).build
    builds = processed / TIMELINE_BUILDS
    assert len(list(builds.iterdir())) == 2

    write_articles(raw, 4, prefix="late")  # the killed run would have published more rows
    marker = tmp_path / "writing"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(raw), str(processed), str(marker), mode, TODAY.isoformat()],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        wait_for(marker, child)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    staged_build = timeline_build(staged_timeline_path(processed))
    half = builds / staged_build
    assert half.is_dir() and len(list(builds.iterdir())) == 3  # the kill did land with the new build on disk
    if mode == "mid_build":
        assert len(list(half.iterdir())) == 1 and Path(marker.read_text()).parent == half

    if mode == "before_link":
        # the pointer names the new build: readers following it get the new timeline whole, while the
        # link still shows analysts the previous one, whole, until the next publish repairs it
        assert published_timeline(processed).build == staged_build != previous_build
        newest = published_timeline(processed).read(["event_id"]).column("event_id").to_pylist()
        assert sorted(dateline.read_timeline(processed, min_confidence="low")["event_id"]) == sorted(newest)
        assert len(newest) > previous.num_rows
    else:
        # the previous timeline is still the published one: the pointer untouched, readable and whole
        assert pointer.read_bytes() == previous_bytes
        assert published_timeline(processed).read().equals(previous)
    assert pq.read_table(processed / TIMELINE).equals(previous)

    # The next run completes, publishes the new rows, points the link at them, removes the half build
    # (or the build now two publishes old) and leaves no temporary file behind.
    after = run_pipeline_in_process(raw, processed)
    assert after.num_rows > previous.num_rows
    assert set(after.column("article_id").to_pylist()) > set(previous.column("article_id").to_pylist())
    assert pq.read_table(processed / TIMELINE).equals(after)
    current = published_timeline(processed)
    assert {path.name for path in builds.iterdir()} == {current.build, current.previous} and current.previous
    # the half build was removed and this build (the same staged file's) written whole in its place
    assert sorted(path.name for path in (builds / current.build).iterdir()) == sorted(p.name for p in current.parts)
    assert current.rows == after.num_rows
    assert temporaries(processed) == []
    assert account(raw, processed).balanced


def test_what_a_killed_writer_left_in_any_written_folder_is_removed_by_the_next_run(data_dir: Path) -> None:
    raw, processed = data_dir / "raw", data_dir / "processed"
    write_articles(raw, 3)
    run_pipeline_in_process(raw, processed)
    left = [processed / folder / f".{name}.4242.tmp" for folder, name in
            [(CLUSTERS, "part-0.parquet"), (PICTURE, "timeline.png"),
             (TIMELINE, "part-0.parquet"), (ENTITIES, "part-0.parquet")]]
    for path in left:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half a file")
    sync_articles(raw, processed, today=TODAY)
    assert [path for path in left if path.exists()] == []


def test_kill_9_of_dateline_run_at_random_moments(data_dir: Path, tmp_path: Path) -> None:
    """Unpatched `dateline run` killed at several moments; after each, the next run repairs everything."""
    raw, processed = data_dir / "raw", data_dir / "processed"
    write_articles(raw, 60)
    env = os.environ | {"DATELINE_DATA": str(data_dir), "DAGSTER_HOME": str(tmp_path / "dagster_home")}
    command = [sys.executable, "-m", "pipelines.cli", "run"]
    for round_number, delay in enumerate((4.0, 7.0)):
        write_articles(raw, 5, prefix=f"round{round_number}")
        child = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        published = published_timeline(processed)
        if published is not None:
            published.read()  # whatever was published before is readable
    done = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert temporaries(processed) == []
    assert account(raw, processed).balanced
    # What the repaired folder publishes equals a clean build of the same raw files.
    clean = tmp_path / "clean"
    assert published_timeline(processed).read().to_pylist() == run_pipeline_in_process(raw, clean).to_pylist()


def test_staging_after_another_runs_ingest_is_one_state_of_raw_not_a_mix(data_dir: Path, tmp_path: Path) -> None:
    """Run A tags state X; run B ingests state Y before A stages: A must stage Y whole, not X's events
    for the changed files beside nothing for the new ones."""
    raw, processed = data_dir / "raw", data_dir / "processed"
    write_articles(raw, 10)
    sync_articles(raw, processed, today=TODAY)
    a_events = sync_events(processed)  # run A, state X
    (raw / "story-0001.json").unlink()
    write_articles(raw, 3, prefix="new")
    edited = raw / "story-0003.json"
    edited.write_text(edited.read_text().replace("the pilot program", "the ferry service"), encoding="utf-8")
    sync_articles(raw, processed, today=TODAY)  # run B ingests state Y ...
    staged = pq.read_table(stage_timeline(processed)[0])  # ... before run A stages
    assert staged.to_pylist() == run_pipeline_in_process(raw, tmp_path / "clean").to_pylist()


def test_publishing_rechecks_the_staged_timeline(data_dir: Path) -> None:
    raw, processed = data_dir / "raw", data_dir / "processed"
    write_articles(raw, 4)
    before = run_pipeline_in_process(raw, processed)
    staged = staged_timeline_path(processed)
    table = pq.read_table(staged)
    pq.write_table(table.drop_columns(["earliest"]), staged)  # as if another run staged something broken
    with pytest.raises(StagedTimelineInvalid, match="not published"):
        publish_timeline(processed)
    assert published_timeline(processed).read().equals(before)


def test_rerun_gives_identical_rows_ids_and_order(data_dir: Path, tmp_path: Path) -> None:
    raw, processed = data_dir / "raw", data_dir / "processed"
    write_articles(raw, 20)
    first = run_pipeline_in_process(raw, processed)
    first_articles = datasets.read_dataset(processed, ARTICLES).sort_by("article_id").to_pylist()
    again = run_pipeline_in_process(raw, processed)  # nothing changed
    sync_articles(raw, processed, today=TODAY, reprocess_all=True)  # everything re-read and re-tagged
    sync_events(processed)
    stage_timeline(processed)
    rebuilt = publish_timeline(processed).read()
    elsewhere = run_pipeline_in_process(raw, tmp_path / "elsewhere")  # a fresh folder
    assert first.num_rows > 0
    for other in (again, rebuilt, elsewhere):
        assert other.to_pylist() == first.to_pylist()  # same rows, same ids, same order
    assert datasets.read_dataset(processed, ARTICLES).sort_by("article_id").to_pylist() == first_articles


# A "sensor-style" run: the raw-folder sensor is evaluated on the instance, and the run it requests
# is executed with the request's tags and run key, as the daemon would launch it.
SENSOR_RUN = textwrap.dedent(
    """
    import dagster as dg
    from pipelines.cli import ensure_dagster_home, open_instance
    from pipelines.definitions import build_definitions
    from pipelines.sensors import raw_files_sensor

    defs = build_definitions()
    with open_instance(ensure_dagster_home()) as instance:
        context = dg.build_sensor_context(instance=instance, resources={"paths": defs.resources["paths"]})
        [request] = raw_files_sensor(context).run_requests
        print("requested", flush=True)
        tags = {**request.tags, "dagster/sensor_name": "raw_files_sensor", "dagster/run_key": request.run_key}
        result = defs.resolve_job_def("main").execute_in_process(instance=instance, tags=tags, raise_on_error=False)
        print("sensor-style run", result.run_id, "succeeded" if result.success else "FAILED")
        raise SystemExit(0 if result.success else 1)
    """
)


def test_sensor_style_and_manual_runs_at_once(data_dir: Path, tmp_path: Path) -> None:
    raw = data_dir / "raw"
    write_articles(raw, 80)
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(REPO_ROOT / ".dagster" / "dagster.yaml", home / "dagster.yaml")  # the project's instance settings
    env = os.environ | {"DATELINE_DATA": str(data_dir), "DAGSTER_HOME": str(home)}

    sensor_style = subprocess.Popen([sys.executable, "-c", SENSOR_RUN], cwd=REPO_ROOT, env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # The sensor must see raw/ before the manual run reads it; else it rightly finds nothing to do.
    assert sensor_style.stdout.readline().strip() == "requested", sensor_style.communicate(timeout=60)
    write_articles(raw, 30, prefix="second")  # raw/ changes while the first run is under way
    manual = subprocess.Popen([sys.executable, "-m", "pipelines.cli", "run"], cwd=REPO_ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    outputs = [process.communicate(timeout=600) for process in (sensor_style, manual)]
    for process, (out, err) in zip((sensor_style, manual), outputs):
        assert process.returncode == 0, out + err
        assert "database is locked" not in (out + err).lower()

    # The published timeline is the complete timeline of one state of raw/: here the final one, since
    # the later run read it (the earlier one may have too); compare with a clean build of raw/ as it is
    # now, and check it is not the first state's (which lacks the 'second' articles) mixed with it.
    processed = data_dir / "processed"
    published = published_timeline(processed).read().to_pylist()
    assert published == run_pipeline_in_process(raw, tmp_path / "clean").to_pylist()
    assert account(raw, processed).balanced
    assert temporaries(processed) == []

    import dagster as dg

    os.environ["DAGSTER_HOME"] = str(home)
    try:
        with dg.DagsterInstance.get() as instance:
            runs = instance.get_runs()
            assert len(runs) == 2 and all(run.is_success for run in runs)
            assert {run.tags.get("dagster/sensor_name") for run in runs} == {"raw_files_sensor", None}
            first, second = sorted((instance.get_run_stats(run.run_id) for run in runs), key=lambda s: s.start_time)
            print(f"runs: {first.start_time:.1f}-{first.end_time:.1f} and {second.start_time:.1f}-{second.end_time:.1f}")
            assert second.start_time < first.end_time, "the two runs did not overlap; the test proved nothing"
    finally:
        del os.environ["DAGSTER_HOME"]


def test_only_code_and_vocabulary_that_shape_rows_force_a_full_retag(tmp_path: Path) -> None:
    """An example, an evaluation helper or the command line changes no row: the fingerprint stays."""
    from dateline.engine.fingerprint import package_fingerprint

    package = tmp_path / "dateline"
    source = Path(package_fingerprint.__code__.co_filename).parents[1]  # dateline/
    shutil.copytree(source, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = package_fingerprint(package)
    for neutral in ["examples/weekdays.yaml", "evaluate.py", "cli.py", "audit/sheet.py", "entities/scoring.py",
                    "store/dataset_schemas.py", "engine/accounting.py", "engine/snapshot.py"]:
        path = package / neutral
        path.write_text(path.read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")
    assert package_fingerprint(package) == before
    for shaping in ["find.py", "vocabulary/temporal.yaml", "events/triggers.py", "engine/tagging.py", "engine/ingesting.py",
                    "store/datasets.py", "store/layout.py"]:
        path = package / shaping
        original = path.read_text(encoding="utf-8")
        path.write_text(original + "\n# touched\n", encoding="utf-8")
        assert package_fingerprint(package) != before, shaping
        path.write_text(original, encoding="utf-8")
