"""Dagster instance storage on PostgreSQL, chosen by $DATELINE_PG_URL, against a real server on loopback.

The real `dateline run` in a new process on a fresh PostgreSQL database (multiprocess: every step process
writes its events there), and `dagster dev` (webserver, daemon, run worker) on the committed
.dagster/postgres settings running a job launched through its GraphQL API: the runs, the event log and
the asset materializations are in PostgreSQL (read back with SQL), nothing went to SQLite files, and
the timeline equals, row for row, that of a run on the default SQLite instance. Then what a wrong
setting gives: one line and an exit code, never a run quietly on SQLite.
"""
from __future__ import annotations

import json
import re
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from pipelines.cli import main
from pipelines.instance_home import PG_URL_VAR, default_dagster_home, ensure_dagster_home
from tests.browser_support import dagster_dev
from tests.conftest import REPO_ROOT
from tests.scale.postgres_server import PostgresServer, free_loopback_port
from tests.scale.runs import (
    RUN_LINE, assert_same_rows, dateline_run, postgres_materialized_assets, published_timeline, sample_data_folder,
)

pytestmark = pytest.mark.scale

RUN_SECONDS = 180
def test_a_run_on_postgres_keeps_its_runs_and_events_there_and_publishes_the_sqlite_runs_timeline(
        postgres: PostgresServer, on_sqlite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = postgres.create_database("dateline_run")
    home, data = tmp_path / "home", sample_data_folder(tmp_path / "data")

    out = dateline_run(data, home, "multiprocess", url)
    assert "executor=multiprocess" in out
    assert f"PostgreSQL at postgresql+psycopg2://dateline:***@127.0.0.1:{postgres.port}/dateline_run" in out
    [run_id] = RUN_LINE.findall(out)
    # the home got the PostgreSQL settings, and no SQLite storage was made beside them
    assert yaml.safe_load((home / "dagster.yaml").read_text())["storage"] == {"postgres": {"postgres_url": {"env": PG_URL_VAR}}}
    assert not list(home.rglob("*.db")), sorted(map(str, home.rglob("*.db")))

    # the run, its events (written by the run and by each step process) and its materializations, in SQL
    assert postgres.query("dateline_run", "SELECT run_id, pipeline_name, status FROM runs") == [(run_id, "main", "SUCCESS")]
    counts = dict(postgres.query("dateline_run", "SELECT dagster_event_type, count(*) FROM event_logs "
                                 "WHERE run_id = %s GROUP BY dagster_event_type", (run_id,)))
    assert counts["PIPELINE_SUCCESS"] == 1 and counts["ASSET_CHECK_EVALUATION"] >= 5
    assert counts["STEP_WORKER_STARTED"] >= 5  # steps ran in processes of their own, each writing here
    materialized = postgres_materialized_assets(postgres, "dateline_run", run_id)
    assert '["timeline"]' in materialized and '["entities"]' in materialized
    assert {row[0] for row in postgres.query("dateline_run", "SELECT asset_key FROM asset_keys")} >= materialized

    # what the UI and the daemon read: an instance opened from that home
    import dagster as dg

    monkeypatch.setenv(PG_URL_VAR, url)
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert type(instance.run_storage).__name__ == "PostgresRunStorage"
        assert [run.run_id for run in instance.get_runs()] == [run_id]
        latest = instance.get_latest_materialization_event(dg.AssetKey("timeline"))
        assert latest is not None and latest.run_id == run_id
        assert latest.asset_materialization.metadata["dagster/row_count"].value > 50

    # the same input on the default SQLite instance: the same materializations, the same rows
    sqlite_timeline, sqlite_materialized = on_sqlite
    assert materialized == sqlite_materialized
    assert_same_rows(published_timeline(data), sqlite_timeline)


LAUNCH = """mutation($params: ExecutionParams!) { launchRun(executionParams: $params) {
  __typename ... on LaunchRunSuccess { run { runId } } ... on PythonError { message } } }"""
RUN_STATUS = "query($id: ID!) { runOrError(runId: $id) { ... on Run { status } } }"


def graphql(base_url: str, query: str, variables: dict) -> dict:
    request = urllib.request.Request(f"{base_url}/graphql", data=json.dumps({"query": query, "variables": variables}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["data"]


def test_dagster_dev_on_the_postgres_home_queues_and_runs_the_job_there(
        postgres: PostgresServer, on_sqlite, tmp_path: Path) -> None:
    """Webserver, daemon and run worker on the committed .dagster/postgres settings: a run launched
    through the webserver waits in the queue in PostgreSQL, the daemon starts it, and it publishes
    the SQLite run's timeline."""
    url = postgres.create_database("dateline_dev")
    settings = REPO_ROOT / ".dagster" / "postgres" / "dagster.yaml"
    with dagster_dev(REPO_ROOT, tmp_path, settings=settings, extra_env={PG_URL_VAR: url}) as (base_url, data, log):
        params = {"selector": {"repositoryLocationName": "dateline", "repositoryName": "__repository__",
                               "jobName": "main"}, "runConfigData": {}}
        launched = graphql(base_url, LAUNCH, {"params": params})["launchRun"]
        assert launched["__typename"] == "LaunchRunSuccess", launched
        run_id = launched["run"]["runId"]
        deadline, status = time.monotonic() + RUN_SECONDS, None
        while time.monotonic() < deadline and status not in ("SUCCESS", "FAILURE", "CANCELED"):
            time.sleep(1)
            status = graphql(base_url, RUN_STATUS, {"id": run_id})["runOrError"].get("status")
        assert status == "SUCCESS", log.read_text()[-3000:]
    assert not list((tmp_path / "dagster_home").rglob("*.db"))
    assert postgres.query("dateline_dev", "SELECT run_id, status FROM runs") == [(run_id, "SUCCESS")]
    # the queue, in PostgreSQL: the run was enqueued, then the daemon's run coordinator started it
    events = [row[0] for row in postgres.query(
        "dateline_dev", "SELECT dagster_event_type FROM event_logs WHERE run_id = %s ORDER BY id", (run_id,))]
    assert events.index("PIPELINE_ENQUEUED") < events.index("PIPELINE_STARTING") < events.index("PIPELINE_START")
    sqlite_timeline, sqlite_materialized = on_sqlite
    assert postgres_materialized_assets(postgres, "dateline_dev", run_id) == sqlite_materialized
    assert_same_rows(published_timeline(data), sqlite_timeline)


def test_the_postgres_home_is_taken_when_the_url_is_set_and_gets_its_settings(tmp_path: Path) -> None:
    url = "postgresql+psycopg2://someone:secret@db.example:5432/dagster"
    assert default_dagster_home({}) == REPO_ROOT / ".dagster"
    assert default_dagster_home({PG_URL_VAR: url}) == REPO_ROOT / ".dagster" / "postgres"
    environ = {PG_URL_VAR: url, "DAGSTER_HOME": str(tmp_path / "home")}
    assert ensure_dagster_home(environ) == tmp_path / "home"
    copied = (tmp_path / "home" / "dagster.yaml").read_text()
    assert copied == (REPO_ROOT / ".dagster" / "postgres" / "dagster.yaml").read_text()


def test_the_postgres_settings_are_the_default_ones_but_for_the_storage() -> None:
    default = yaml.safe_load((REPO_ROOT / ".dagster" / "dagster.yaml").read_text())
    on_postgres = yaml.safe_load((REPO_ROOT / ".dagster" / "postgres" / "dagster.yaml").read_text())
    assert on_postgres.pop("storage") == {"postgres": {"postgres_url": {"env": PG_URL_VAR}}}
    assert "storage" not in default and on_postgres == default


def run_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, pg_url: str | None,
                home_settings: str | None = None) -> tuple[int, str]:
    """`dateline run` in this process on the sample articles; its exit code and standard error."""
    data = sample_data_folder(tmp_path / "data")
    home = tmp_path / "home"
    if home_settings is not None:
        home.mkdir()
        (home / "dagster.yaml").write_text(home_settings)
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    monkeypatch.setenv("DATELINE_DATA", str(data))
    if pg_url:
        monkeypatch.setenv(PG_URL_VAR, pg_url)
    else:
        monkeypatch.delenv(PG_URL_VAR, raising=False)
    code = main(["run", "-q"])
    error = capsys.readouterr().err
    assert not (data / "processed" / "timeline").exists()  # nothing ran
    return code, error


@pytest.mark.parametrize("url, says", [
    # SQLAlchemy 2.1 reads a bare postgresql:// with psycopg 3, which dagster-postgres does not install
    ("postgresql://dateline:secret@127.0.0.1:5432/dagster", "needs the Python driver psycopg for postgresql://"),
    ("postgres://dateline:secret@127.0.0.1:5432/dagster", "(write postgresql+psycopg2://)"),
    ("mysql://dateline:secret@127.0.0.1/dagster", "is not a PostgreSQL URL"),
    ("postgresql+psycopg2://dateline:secret@127.0.0.1:5432", "names no database"),
    ("postgresql+psycopg2://dateline:secret@127.0.0.1:port/dagster", "cannot be read"),
])
def test_a_url_the_driver_cannot_use_is_refused_before_the_run(tmp_path, monkeypatch, capsys, url, says) -> None:
    code, error = run_command(tmp_path, monkeypatch, capsys, url)
    assert code == 2 and says in error and error.count("\n") == 1
    assert "secret" not in error and "dateline:***@" in error


def test_a_url_with_a_home_whose_settings_are_sqlite_is_refused(tmp_path, monkeypatch, capsys) -> None:
    url = "postgresql+psycopg2://dateline:secret@127.0.0.1:5432/dagster"
    code, error = run_command(tmp_path, monkeypatch, capsys, url, home_settings="telemetry:\n  enabled: false\n")
    assert code == 2 and "keep runs in SQLite" in error and "secret" not in error


def test_postgres_settings_without_the_url_are_refused(tmp_path, monkeypatch, capsys) -> None:
    settings = (REPO_ROOT / ".dagster" / "postgres" / "dagster.yaml").read_text()
    code, error = run_command(tmp_path, monkeypatch, capsys, None, home_settings=settings)
    assert code == 2 and f"${PG_URL_VAR}, which is not set" in error


def test_a_server_that_does_not_answer_is_one_line_naming_it(tmp_path, monkeypatch, capsys) -> None:
    port = free_loopback_port()  # nothing listens there
    url = f"postgresql+psycopg2://dateline:secret@127.0.0.1:{port}/dagster"
    code, error = run_command(tmp_path, monkeypatch, capsys, url)
    assert code == 1, error
    [line] = error.strip().splitlines()
    assert f"PostgreSQL at postgresql+psycopg2://dateline:***@127.0.0.1:{port}/dagster" in line
    assert "refused" in line and "secret" not in line


def test_a_wrong_password_is_one_line_naming_the_server(postgres, tmp_path, monkeypatch, capsys) -> None:
    postgres.create_database("dateline_password")
    url = re.sub(r"dateline:[^@]*@", "dateline:wrong@", postgres.url("dateline_password"))
    code, error = run_command(tmp_path, monkeypatch, capsys, url)
    assert code == 1 and "password authentication failed" in error and "wrong" not in error


def test_the_documented_url_forms_reach_the_server(postgres) -> None:
    from pipelines.instance_home import check_postgres_server, check_postgres_url

    postgres.create_database("dateline_forms")
    by_tcp = postgres.url("dateline_forms")  # the password percent-encoded: it holds / @ :
    by_socket = f"postgresql+psycopg2://dateline@/dateline_forms?host={postgres.folder}&port={postgres.port}"
    for url in (by_tcp, by_socket):
        check_postgres_url(url)
        check_postgres_server(url)
