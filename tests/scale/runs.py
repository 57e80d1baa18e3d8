"""Running the pipeline for the scale tests: the sample articles in a new data folder, `dateline run` in a
new process, the published timeline, what a run materialized, compared row for row."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from pipelines.cli import TAG_BATCHES_VAR
from pipelines.distributed import CELERY_BROKER_VAR
from pipelines.instance_home import PG_URL_VAR
from tests.conftest import REPO_ROOT
from tests.scale.postgres_server import PASSWORD, PostgresServer

RUN_LINE = re.compile(r"^run ([0-9a-f-]{36}): succeeded", re.MULTILINE)


def sample_data_folder(folder: Path) -> Path:
    """A data folder holding the project's sample articles (a quarantined file among them)."""
    (folder / "raw").mkdir(parents=True)
    (folder / "processed").mkdir()
    for path in (REPO_ROOT / "data" / "raw").iterdir():
        if path.is_file() and not path.name.startswith("."):
            shutil.copy(path, folder / "raw" / path.name)
    return folder


def many_batches_data_folder(folder: Path, copies: int = 5) -> Path:
    """A data folder holding the sample articles `copies` times over, each copy in a subfolder of its
    own: about thirty raw files, in more than twenty of the store's buckets."""
    sample = sample_data_folder(folder.parent / f"{folder.name}-sample")
    (folder / "processed").mkdir(parents=True)
    for number in range(copies):
        shutil.copytree(sample / "raw", folder / "raw" / f"copy-{number}")
    shutil.rmtree(sample)
    return folder


def dateline_run(data: Path, home: Path, executor: str, pg_url: str | None, extra_env: dict | None = None,
                 timeout: float = 300) -> str:
    """`dateline run` in a new process; its standard output. No $DATELINE_PG_URL unless given."""
    env = {key: value for key, value in os.environ.items() if key != PG_URL_VAR}
    env.update(DAGSTER_HOME=str(home), **({PG_URL_VAR: pg_url} if pg_url else {}), **(extra_env or {}))
    command = [sys.executable, "-m", "pipelines.cli", "run", "--data", str(data), "--executor", executor]
    done = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stdout + done.stderr
    assert PASSWORD not in done.stdout + done.stderr  # the URL is shown without its password
    return done.stdout


def sqlite_materialized_assets(home: Path, run_id: str) -> set[str]:
    import sqlite3

    with sqlite3.connect(home / "history" / "runs" / f"{run_id}.db") as connection:
        rows = connection.execute(
            "SELECT asset_key FROM event_logs WHERE dagster_event_type = 'ASSET_MATERIALIZATION'").fetchall()
    return {row[0] for row in rows}


def published_timeline(data: Path):
    return pq.read_table(data / "processed" / "timeline")  # the published build's month files, in order


def assert_same_rows(got, want) -> None:
    assert got.schema.equals(want.schema)
    assert got.num_rows == want.num_rows > 50
    for number, (row, expected) in enumerate(zip(got.to_pylist(), want.to_pylist())):
        assert row == expected, f"row {number} differs"


def postgres_materialized_assets(postgres: PostgresServer, database: str, run_id: str) -> set[str]:
    return {row[0] for row in postgres.query(
        database, "SELECT asset_key FROM event_logs WHERE run_id = %s AND dagster_event_type = %s",
        (run_id, "ASSET_MATERIALIZATION"))}


def cluster_env(postgres: PostgresServer, database: str, redis_url: str, tmp_path: Path, data: Path,
                 batches: int) -> dict:
    """The environment of the run and the workers, with the instance's tables made once before the
    workers start, as `dagster instance migrate` does in a deployment (so they do not all create them)."""
    url = postgres.create_database(database)
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(REPO_ROOT / ".dagster" / "postgres" / "dagster.yaml", home / "dagster.yaml")
    env = {**os.environ, "DAGSTER_HOME": str(home), "DATELINE_DATA": str(data), PG_URL_VAR: url,
           CELERY_BROKER_VAR: redis_url, TAG_BATCHES_VAR: str(batches)}
    prepared = subprocess.run([sys.executable, "-c", "import dagster; dagster.DagsterInstance.get().dispose()"],
                              env=env, capture_output=True, text=True, timeout=120)
    assert prepared.returncode == 0, prepared.stderr
    return env
