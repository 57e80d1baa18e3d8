"""Servers for the scale tests, started once per test session on loopback and stopped at its end."""
from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.scale.postgres_server import REQUIRE_VAR, PostgresServer, missing_postgres, start_postgres, stop_postgres


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
