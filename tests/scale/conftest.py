"""Servers for the scale tests (PostgreSQL, Redis), started once per test session on loopback and
stopped at its end."""
from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.scale.postgres_server import REQUIRE_VAR, PostgresServer, missing_postgres, start_postgres, stop_postgres
from tests.scale.runs import (
    RUN_LINE, dateline_run, many_batches_data_folder, published_timeline, sample_data_folder, sqlite_materialized_assets,
)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    reason = missing_postgres()
    if reason and os.environ.get(REQUIRE_VAR) == "1":
        pytest.fail(f"{REQUIRE_VAR}=1 but {reason}")
    if reason:
        pytest.skip(reason)
    server = start_postgres()
    try:
        yield server
    finally:
        stop_postgres(server)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory) -> Iterator[str]:
    """A Redis server for celery's broker and results; its URL."""
    from tests.scale.celery_cluster import REQUIRE_VAR as REQUIRE_REDIS, missing_redis, redis_server

    reason = missing_redis()
    if reason and os.environ.get(REQUIRE_REDIS) == "1":
        pytest.fail(f"{REQUIRE_REDIS}=1 but {reason}")
    if reason:
        pytest.skip(reason)
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(scope="session")
def on_sqlite(tmp_path_factory) -> tuple[object, set[str]]:
    """The sample articles run on the default SQLite instance: the timeline and the assets materialized."""
    work = tmp_path_factory.mktemp("sqlite_run")
    data, home = sample_data_folder(work / "data"), work / "home"
    out = dateline_run(data, home, "in_process", None)
    [run_id] = RUN_LINE.findall(out)
    assert "PostgreSQL" not in out and (home / "history" / "runs.db").is_file()
    return published_timeline(data), sqlite_materialized_assets(home, run_id)


@pytest.fixture(scope="session")
def many_batches_on_sqlite(tmp_path_factory) -> tuple[object, set[str]]:
    """The many-batches data folder (tests.scale.runs.many_batches_data_folder) run on the default SQLite
    instance in one process: the timeline and the assets materialized."""
    work = tmp_path_factory.mktemp("sqlite_many_batches")
    data, home = many_batches_data_folder(work / "data"), work / "home"
    out = dateline_run(data, home, "in_process", None)
    [run_id] = RUN_LINE.findall(out)
    return published_timeline(data), sqlite_materialized_assets(home, run_id)


@pytest.fixture(scope="session")
def s3() -> Iterator[object]:
    """An S3-compatible server (moto) on loopback; the credentials its clients sign with are set in
    the environment for the whole session."""
    from tests.scale.s3_server import CREDENTIALS, REQUIRE_VAR as REQUIRE_S3, missing_moto, s3_server

    reason = missing_moto()
    if reason and os.environ.get(REQUIRE_S3) == "1":
        pytest.fail(f"{REQUIRE_S3}=1 but {reason}")
    if reason:
        pytest.skip(reason)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in CREDENTIALS.items():
            patch.setenv(name, value)
        with s3_server() as server:
            yield server
