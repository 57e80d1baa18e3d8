"""The `main` job on Dagster's celery executor: PostgreSQL for the instance, Redis for the broker, two
celery workers in processes of their own, all on loopback. The real `dateline run --executor celery`:
every step runs as a task on one of the workers, both take part, and the timeline equals the SQLite
run's row for row."""
from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from pipelines.cli import TAG_BATCHES_VAR
from pipelines.distributed import CELERY_BROKER_VAR, CELERY_CONFIG_VAR, CelerySettingsError, celery_execution_config
from pipelines.instance_home import PG_URL_VAR
from tests.conftest import REPO_ROOT
from tests.scale.celery_cluster import celery_workers, stop_worker_now
from tests.scale.postgres_server import PostgresServer
from tests.scale.runs import (
    RUN_LINE, assert_same_rows, cluster_env, dateline_run, many_batches_data_folder, postgres_materialized_assets,
    published_timeline, sample_data_folder,
)

pytestmark = pytest.mark.scale

WORKERS = ["one", "two"]
BATCHES = 24
# the test's short visibility timeout: a step a killed worker took is handed to the other after about
# this many seconds (plus the restore interval); every step here takes far less
VISIBILITY_SECONDS = 10
RESTORE_SECONDS = 1


def _celery_run(data: Path, env: dict) -> str:
    return dateline_run(data, Path(env["DAGSTER_HOME"]), "celery", env[PG_URL_VAR],
                        extra_env={key: env[key] for key in (CELERY_BROKER_VAR, TAG_BATCHES_VAR, CELERY_CONFIG_VAR)
                                   if key in env})


def _steps(postgres: PostgresServer, database: str, run_id: str, event_type: str) -> set[str]:
    return {row[0] for row in postgres.query(
        database, "SELECT step_key FROM event_logs WHERE run_id = %s AND dagster_event_type = %s",
        (run_id, event_type))}


def _workers_of_steps(postgres: PostgresServer, database: str, run_id: str | None = None) -> list[tuple[str, str]]:
    """(step, worker) for each time a celery worker started a step, in the order they did."""
    taken = []
    for step_key, event in postgres.query(
            database, "SELECT step_key, event FROM event_logs WHERE dagster_event_type = 'ENGINE_EVENT' "
            "AND event LIKE %s" + (" AND run_id = %s" if run_id else "") + " ORDER BY id",
            ("%in celery worker%",) + ((run_id,) if run_id else ())):
        [worker] = [name for name in WORKERS if re.search(rf'"{name}@', event)]
        taken.append((step_key, worker))
    return taken


def test_two_celery_workers_share_many_batches_and_publish_the_single_machine_timeline(
        postgres: PostgresServer, redis_url: str, many_batches_on_sqlite, tmp_path: Path) -> None:
    data = many_batches_data_folder(tmp_path / "data")
    env = cluster_env(postgres, "dateline_celery", redis_url, tmp_path, data, BATCHES)
    with celery_workers(WORKERS, env, tmp_path, REPO_ROOT):
        out = _celery_run(data, env)
    assert "executor=celery" in out
    [run_id] = RUN_LINE.findall(out)

    # every step that succeeded was handed to a celery worker, and both workers ran some
    succeeded = _steps(postgres, "dateline_celery", run_id, "STEP_SUCCESS")
    assert succeeded == _steps(postgres, "dateline_celery", run_id, "STEP_START")
    # the whole job ran: reading, tagging in at least 20 batches, publishing and what is built on it
    assert {"articles.ingest", "timeline", "clusters", "entities"} <= succeeded
    batches = {key for key in succeeded if key.startswith("timeline_staging.tag_group[")}
    assert len(batches) >= 20, sorted(succeeded)
    taken = dict(_workers_of_steps(postgres, "dateline_celery", run_id))
    assert set(taken) == succeeded
    assert set(taken.values()) == set(WORKERS), taken
    assert {taken[key] for key in batches} == set(WORKERS), taken

    sqlite_timeline, sqlite_materialized = many_batches_on_sqlite
    assert postgres_materialized_assets(postgres, "dateline_celery", run_id) == sqlite_materialized
    assert_same_rows(published_timeline(data), sqlite_timeline)


def test_a_worker_killed_during_a_tagging_step_leaves_it_to_the_other_and_the_timeline_is_the_same(
        postgres: PostgresServer, redis_url: str, on_sqlite, tmp_path: Path) -> None:
    settings = yaml.safe_load((REPO_ROOT / ".dagster" / "celery.yaml").read_text())
    options = settings["execution"]["config"]["config_source"]["broker_transport_options"]
    options.update(visibility_timeout=VISIBILITY_SECONDS, unacked_restore_interval=RESTORE_SECONDS)
    (tmp_path / "celery.yaml").write_text(yaml.safe_dump(settings))
    data = sample_data_folder(tmp_path / "data")  # a few batches: the run goes on with one worker
    env = {**cluster_env(postgres, "dateline_celery_kill", redis_url, tmp_path, data, len(WORKERS) * 2),
           CELERY_CONFIG_VAR: str(tmp_path / "celery.yaml")}
    with celery_workers(WORKERS, env, tmp_path, REPO_ROOT, settings=tmp_path / "celery.yaml") as workers:
        with ThreadPoolExecutor(1) as pool:
            run = pool.submit(_celery_run, data, env)
            killed = _kill_during_a_tagging_step(postgres, "dateline_celery_kill", workers["one"], run)
            out = run.result()
    [run_id] = RUN_LINE.findall(out)

    # the step the killed worker had started was run again, by the other worker, and the run went on
    taken = _workers_of_steps(postgres, "dateline_celery_kill", run_id)
    assert (killed, "one") in taken and (killed, "two") in taken, taken
    assert killed in _steps(postgres, "dateline_celery_kill", run_id, "STEP_SUCCESS")
    assert_same_rows(published_timeline(data), on_sqlite[0])


def _kill_during_a_tagging_step(postgres: PostgresServer, database: str, worker, run) -> str:
    """SIGKILL to the worker "one"'s process group as soon as it has started a tagging step that has not
    ended; that step's key."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not run.done():
        ended = {row[0] for row in postgres.query(
            database, "SELECT step_key FROM event_logs WHERE dagster_event_type IN ('STEP_SUCCESS', 'STEP_FAILURE')")}
        running = [step for step, name in _workers_of_steps(postgres, database)
                   if name == "one" and step.startswith("timeline_staging.tag_group[") and step not in ended]
        if running:
            stop_worker_now(worker)
            return running[0]
        time.sleep(0.05)
    raise AssertionError(f"worker one started no tagging step that was still running: {run.result()}")


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


def test_the_run_takes_the_workers_late_acknowledgement_and_visibility_timeout(tmp_path: Path) -> None:
    environ = {CELERY_BROKER_VAR: "redis://127.0.0.1:1/0", PG_URL_VAR: "postgresql+psycopg2://u@h/d"}
    source = celery_execution_config(environ)["execution"]["config"]["config_source"]
    assert source["task_acks_late"] and source["task_reject_on_worker_lost"]
    # the options replace dagster-celery's dict, so its retry settings are repeated beside the timeout
    assert source["broker_transport_options"]["visibility_timeout"] >= 3600
    assert {"max_retries", "interval_start", "interval_step", "interval_max"} <= set(source["broker_transport_options"])
    (tmp_path / "celery.yaml").write_text("execution:\n  config:\n    config_source:\n      task_acks_late: false\n")
    source = celery_execution_config({**environ, CELERY_CONFIG_VAR: str(tmp_path / "celery.yaml")})
    assert source["execution"]["config"]["config_source"] == {"task_acks_late": False}
    with pytest.raises(CelerySettingsError, match="cannot read the celery workers' settings"):
        celery_execution_config({**environ, CELERY_CONFIG_VAR: str(tmp_path / "missing.yaml")})
