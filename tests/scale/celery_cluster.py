"""A throwaway Redis server (the celery broker) on a free loopback port, and celery workers started with
dagster-celery's own command, each in a process group of its own, stopped by the test that started them.

The Redis server is Debian's (redis-server). Without it the tests skip, or fail when
DATELINE_REQUIRE_REDIS=1 (CI sets it)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.scale.postgres_server import free_loopback_port

REQUIRE_VAR = "DATELINE_REQUIRE_REDIS"
START_SECONDS = 60
STOP_SECONDS = 15


def redis_server_binary() -> str | None:
    return shutil.which("redis-server") or ("/usr/bin/redis-server" if os.access("/usr/bin/redis-server", os.X_OK) else None)


def missing_redis() -> str | None:
    if redis_server_binary() is None:
        return "Redis's server is not installed (Debian: apt-get install redis-server)"
    try:
        import dagster_celery  # noqa: F401
        import redis  # noqa: F401
    except ImportError as error:
        return f"{error.name} is not installed (pip install -e '.[test]')"
    return None


def _stop_group(process: subprocess.Popen, seconds: float = STOP_SECONDS) -> None:
    """SIGTERM to the process group this test started (a warm shutdown), SIGKILL if it lingers."""
    for sig, wait in ((signal.SIGTERM, seconds), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue
    try:  # children of the group that outlived its leader
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@contextmanager
def redis_server(folder: Path) -> Iterator[str]:
    """redis-server on 127.0.0.1 at a free port, nothing saved to disk; yields its broker URL."""
    import redis

    folder.mkdir(parents=True, exist_ok=True)
    port = free_loopback_port()
    log = folder / "redis.log"
    with open(log, "wb") as output:
        server = subprocess.Popen(
            [redis_server_binary(), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(folder)],
            stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        client = redis.Redis(host="127.0.0.1", port=port)
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                client.ping()
                break
            except redis.exceptions.ConnectionError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start: {log.read_text(errors='replace')[-2000:]}")
                time.sleep(0.1)
        client.close()
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        _stop_group(server)


@contextmanager
def celery_workers(names: list[str], env: dict[str, str], folder: Path, project: Path,
                   settings: Path | None = None) -> Iterator[dict[str, subprocess.Popen]]:
    """One `dagster-celery worker start` per name, from the project folder with `env` and the settings file
    (the project's .dagster/celery.yaml unless given), one task at a time each (so parallel steps spread
    over the workers); waits until every one is ready. Yields each worker's process, the leader of its
    process group (celery runs as its child)."""
    bin_dir = Path(sys.executable).parent
    env = {**env, "PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"}  # dagster-celery runs `celery`
    workers: dict[str, tuple[subprocess.Popen, Path]] = {}
    try:
        for name in names:
            log = folder / f"worker-{name}.log"
            command = [str(bin_dir / "dagster-celery"), "worker", "start", "-A", "dagster_celery.app",
                       "-y", str(settings or project / ".dagster" / "celery.yaml"), "-n", name, "-l", "INFO",
                       "--", "--concurrency=1", "--pool=solo", "--without-gossip", "--without-mingle"]
            with open(log, "wb") as output:  # the worker keeps its own copy of the descriptor
                workers[name] = (subprocess.Popen(command, cwd=project, env=env, stdin=subprocess.DEVNULL,
                                                  stdout=output, stderr=subprocess.STDOUT,
                                                  start_new_session=True), log)
        deadline = time.monotonic() + START_SECONDS
        for name, (process, log) in workers.items():
            while f"{name}@" not in log.read_text(errors="replace") or " ready." not in log.read_text(errors="replace"):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"celery worker {name} did not start:\n{log.read_text(errors='replace')[-3000:]}")
                time.sleep(0.2)
        yield {name: process for name, (process, _) in workers.items()}
    finally:
        for process, _ in workers.values():
            _stop_group(process)


def stop_worker_now(process: subprocess.Popen) -> None:
    """SIGKILL to a worker's whole process group, as a machine that dies: nothing is acknowledged or
    handed back."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=STOP_SECONDS)
