"""A throwaway PostgreSQL server for the tests: initdb into a new temporary folder, pg_ctl start on a free
loopback port (its unix socket in the same folder), one role with a password and one database; stop
and remove everything at the end.

The binaries are Debian's (/usr/lib/postgresql/<version>/bin) or any initdb/pg_ctl on PATH. PostgreSQL
refuses to run as root: under root (CI) the server runs as the unprivileged `postgres` user that
Debian's package creates, through runuser, in a folder that user owns. Without the binaries the tests
skip, or fail when DATELINE_REQUIRE_POSTGRES=1 (CI sets it)."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

REQUIRE_VAR = "DATELINE_REQUIRE_POSTGRES"
SERVER_USER = "postgres"
ROLE = "dateline"
# Characters a URL must percent-encode, so the documented URL form is tried with them.
PASSWORD = "loop/back@pw:1"
START_SECONDS = 30


def postgres_bin_dir() -> Path | None:
    """The folder of initdb and pg_ctl: Debian's newest version, else the ones on PATH."""
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                    key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0)
    if debian:
        return Path(debian[-1]).parent
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    return Path(initdb).parent if initdb and pg_ctl and Path(initdb).parent == Path(pg_ctl).parent else None


def missing_postgres() -> str | None:
    """Why no server can be started here, or None."""
    if postgres_bin_dir() is None:
        return "PostgreSQL's initdb and pg_ctl are not installed (Debian: apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return f"running as root and there is no unprivileged user {SERVER_USER!r} to run PostgreSQL as"
        if shutil.which("runuser") is None:
            return "running as root and runuser (util-linux) is missing"
    return None


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class PostgresServer:
    folder: Path
    port: int
    bin_dir: Path

    def url(self, database: str, scheme: str = "postgresql+psycopg2") -> str:
        """The URL form documented in the README: TCP on loopback, the password percent-encoded."""
        return f"{scheme}://{ROLE}:{quote(PASSWORD, safe='')}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg2

        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user=ROLE, password=PASSWORD, dbname="postgres")
        try:
            connection.autocommit = True  # CREATE DATABASE runs outside a transaction
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}"')
        finally:
            connection.close()
        return self.url(name)

    def query(self, database: str, sql: str, parameters: tuple = ()) -> list[tuple]:
        import psycopg2

        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user=ROLE, password=PASSWORD, dbname=database)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, parameters)
                return cursor.fetchall()
        finally:
            connection.close()

    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", SERVER_USER, "--", *command] if os.geteuid() == 0 else command


def start_postgres() -> PostgresServer:
    """initdb + pg_ctl start on a free loopback port; the caller stops it with stop_postgres."""
    bin_dir = postgres_bin_dir()
    assert bin_dir is not None, missing_postgres()
    # Not pytest's tmp_path: its parents are private to root, and the server user must reach the folder.
    folder = Path(tempfile.mkdtemp(prefix="dateline-pg-"))
    if os.geteuid() == 0:
        account = pwd.getpwnam(SERVER_USER)
        os.chown(folder, account.pw_uid, account.pw_gid)
    password_file = folder / "password"
    password_file.write_text(PASSWORD + "\n")
    if os.geteuid() == 0:
        os.chown(password_file, account.pw_uid, account.pw_gid)
    password_file.chmod(0o600)
    run = dict(check=True, capture_output=True, text=True, timeout=120)
    subprocess.run(_as_server_user([
        str(bin_dir / "initdb"), "-D", str(folder / "data"), "-U", ROLE, f"--pwfile={password_file}",
        "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync",
    ]), **run)
    password_file.unlink()
    last_error = ""
    for _ in range(3):  # another process may take the free port between the probe and the start
        port = free_loopback_port()
        # A throwaway server: no fsync, no durability waits.
        options = (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        started = subprocess.run(_as_server_user([
            str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "server.log"), "-w",
            "-t", str(START_SECONDS), "-o", options, "start",
        ]), capture_output=True, text=True, timeout=START_SECONDS + 30)
        if started.returncode == 0:
            return PostgresServer(folder, port, bin_dir)
        last_error = started.stdout + started.stderr + (folder / "server.log").read_text(errors="replace")
        time.sleep(0.2)
    shutil.rmtree(folder, ignore_errors=True)
    raise RuntimeError(f"PostgreSQL did not start: {last_error}")


def stop_postgres(server: PostgresServer) -> None:
    """pg_ctl stop (fast: open sessions are ended); if that fails, the postmaster this server started is
    told to quit at once, by the pid in its own pid file. Then the folder goes."""
    pid_file = server.folder / "data" / "postmaster.pid"
    pid = int(pid_file.read_text().split()[0]) if pid_file.exists() else None
    try:
        stopped = subprocess.run(_as_server_user([str(server.bin_dir / "pg_ctl"), "-D", str(server.folder / "data"),
                                                  "-m", "fast", "-w", "stop"]), capture_output=True, timeout=60)
        if stopped.returncode != 0 and pid is not None:
            os.kill(pid, signal.SIGQUIT)
    except (subprocess.TimeoutExpired, ProcessLookupError):
        if pid is not None:
            try:
                os.kill(pid, signal.SIGQUIT)
            except ProcessLookupError:
                pass
    finally:
        shutil.rmtree(server.folder, ignore_errors=True)
