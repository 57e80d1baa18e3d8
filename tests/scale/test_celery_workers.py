"""The `main` job on Dagster's celery executor: PostgreSQL for the instance, Redis for the broker, two
celery workers in processes of their own, all on loopback. The real `dateline run --executor celery`:
every step runs as a task on one of the workers, both take part, and the timeline equals the SQLite
run's row for row."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.distributed import CELERY_BROKER_VAR
from pipelines.instance_home import PG_URL_VAR
from tests.conftest import REPO_ROOT
from tests.scale.celery_cluster import celery_workers
from tests.scale.postgres_server import PostgresServer
from tests.scale.runs import (
    RUN_LINE, assert_same_rows, dateline_run, postgres_materialized_assets, published_timeline, sample_data_folder,
)

pytestmark = pytest.mark.scale

WORKERS = ["one", "two"]


def test_two_celery_workers_share_a_runs_steps_and_publish_the_sqlite_runs_timeline(
        postgres: PostgresServer, redis_url: str, on_sqlite, tmp_path: Path) -> None:
    url = postgres.create_database("dateline_celery")
    home, data = tmp_path / "home", sample_data_folder(tmp_path / "data")
    home.mkdir()
    shutil.copy(REPO_ROOT / ".dagster" / "postgres" / "dagster.yaml", home / "dagster.yaml")
    env = {**os.environ, "DAGSTER_HOME": str(home), "DATELINE_DATA": str(data), PG_URL_VAR: url,
           CELERY_BROKER_VAR: redis_url}
    # the instance's tables made once before the workers start, as `dagster instance migrate` does in a
    # deployment, so the workers open a ready database rather than all create its tables at once
    prepared = subprocess.run([sys.executable, "-c", "import dagster; dagster.DagsterInstance.get().dispose()"],
                              env=env, capture_output=True, text=True, timeout=120)
    assert prepared.returncode == 0, prepared.stderr
    with celery_workers(WORKERS, env, tmp_path, REPO_ROOT):
        out = dateline_run(data, home, "celery", url, extra_env={CELERY_BROKER_VAR: redis_url})
    assert "executor=celery" in out
    [run_id] = RUN_LINE.findall(out)

    # every step that succeeded was handed to a celery worker, and both workers ran some
    def steps(event_type: str) -> set[str]:
        return {row[0] for row in postgres.query(
            "dateline_celery", "SELECT step_key FROM event_logs WHERE run_id = %s AND dagster_event_type = %s",
            (run_id, event_type))}

    succeeded = steps("STEP_SUCCESS")
    assert succeeded == steps("STEP_START")
    # the whole job ran: reading, tagging in groups, publishing and what is built on the timeline
    assert {"articles.ingest", "timeline", "clusters", "entities"} <= succeeded
    assert any(key.startswith("timeline_staging.tag_group[") for key in succeeded), succeeded
    taken = {}
    for step_key, event in postgres.query(
            "dateline_celery", "SELECT step_key, event FROM event_logs WHERE run_id = %s AND "
            "dagster_event_type = 'ENGINE_EVENT' AND event LIKE %s", (run_id, "%in celery worker%")):
        [worker] = [name for name in WORKERS if re.search(rf'"{name}@', event)]
        taken[step_key] = worker
    assert set(taken) == succeeded
    assert set(taken.values()) == set(WORKERS), taken

    sqlite_timeline, sqlite_materialized = on_sqlite
    assert postgres_materialized_assets(postgres, "dateline_celery", run_id) == sqlite_materialized
    assert_same_rows(published_timeline(data), sqlite_timeline)


def test_a_celery_run_without_its_broker_or_postgres_is_refused(tmp_path: Path, monkeypatch, capsys) -> None:
    from pipelines.cli import main

    data = sample_data_folder(tmp_path / "data")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DATELINE_DATA", str(data))
    monkeypatch.delenv(PG_URL_VAR, raising=False)
    monkeypatch.delenv(CELERY_BROKER_VAR, raising=False)
    assert main(["run", "-q", "--executor", "celery"]) == 2
    assert f"needs ${CELERY_BROKER_VAR}" in capsys.readouterr().err
    monkeypatch.setenv(CELERY_BROKER_VAR, "redis://127.0.0.1:1/0")
    assert main(["run", "-q", "--executor", "celery"]) == 2
    assert f"needs ${PG_URL_VAR}" in capsys.readouterr().err
    assert not (data / "processed" / "timeline").exists()
