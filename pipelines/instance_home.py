"""Which Dagster instance a run of `dateline run` records itself in: its DAGSTER_HOME, the settings there,
and where those settings keep runs, event log and schedules (SQLite files in the home, or PostgreSQL).

$DAGSTER_HOME wins when set. Otherwise the project's own homes: .dagster/ (SQLite, the default), or
.dagster/postgres/ when $DATELINE_PG_URL names a PostgreSQL database; that home's committed dagster.yaml
reads the URL from the variable each time an instance opens (in the run, its step processes, the
webserver and the daemon alike), so the password lives in the environment, never in a file.
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from dateline.store.layout import PROJECT_ROOT

DAGSTER_HOME_VAR = "DAGSTER_HOME"
PG_URL_VAR = "DATELINE_PG_URL"
INSTANCE_SETTINGS = "dagster.yaml"
# psycopg2 is the driver dagster-postgres installs; SQLAlchemy 2.1 reads a bare postgresql:// with
# psycopg 3 instead, so the driver is named.
WORKING_URL_FORM = "postgresql+psycopg2://USER:PASSWORD@HOST:PORT/DATABASE"


class InstanceSettingsError(Exception):
    """The instance asked for cannot be used: a malformed URL, settings that disagree with the
    environment (exit 2), or a database that cannot be reached (exit 1, `exit_code`)."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


def default_dagster_home(environ: dict[str, str] | os._Environ = os.environ) -> Path:
    """The project's home for the storage the environment asks for."""
    root = PROJECT_ROOT / ".dagster"
    return root / "postgres" if environ.get(PG_URL_VAR) else root


def redacted(url: str) -> str:
    """The URL without its password, to be shown in messages and summaries."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def check_postgres_url(url: str) -> None:
    """Refuse, with the reason, a URL that dagster-postgres could not open: not PostgreSQL, malformed,
    or naming a driver that is not installed. SQLAlchemy itself reads the URL and loads the driver, so
    the check follows whatever it and the installed drivers accept."""
    from sqlalchemy.engine import make_url

    shown = redacted(url)
    if not url.startswith("postgres"):
        raise InstanceSettingsError(f"${PG_URL_VAR} is not a PostgreSQL URL ({WORKING_URL_FORM}): {shown}")
    try:
        parsed = make_url(url)
        dialect = parsed.get_dialect()
    except Exception as error:  # SQLAlchemy's ArgumentError or NoSuchModuleError, a port not a number
        hint = " (write postgresql+psycopg2://)" if url.startswith("postgres:") else ""
        raise InstanceSettingsError(f"${PG_URL_VAR} cannot be read ({error}){hint}: {shown}") from None
    try:
        dialect.import_dbapi()
    except ImportError as error:
        # SQLAlchemy 2.1 reads a bare postgresql:// with psycopg 3; dagster-postgres installs psycopg2
        raise InstanceSettingsError(
            f"${PG_URL_VAR} needs the Python driver {error.name or error} for {parsed.drivername}://, which is "
            f"not installed: write {WORKING_URL_FORM}: {shown}") from None
    if not parsed.database:
        raise InstanceSettingsError(f"${PG_URL_VAR} names no database ({WORKING_URL_FORM}): {shown}")
    if not parsed.host and "host" not in parsed.query:
        raise InstanceSettingsError(
            f"${PG_URL_VAR} names no server: give HOST[:PORT], or ?host=SOCKET_FOLDER for a unix socket: {shown}")


def settings_storage(settings: Path) -> str:
    """"postgres" if the instance settings keep runs and events in PostgreSQL, else "sqlite"."""
    data = (yaml.safe_load(settings.read_text(encoding="utf-8")) or {}) if settings.is_file() else {}
    if not isinstance(data, dict):
        raise InstanceSettingsError(f"{settings} is not a mapping of instance settings")
    storage = data.get("storage")
    if isinstance(storage, dict) and "postgres" in storage:
        return "postgres"
    for key in ("run_storage", "event_log_storage"):  # the older, one-storage-at-a-time form
        section = data.get(key)
        if isinstance(section, dict) and "postgres" in str(section.get("module", "")):
            return "postgres"
    return "sqlite"


def _reads_variable(node, name: str) -> bool:
    if isinstance(node, dict):
        return node.get("env") == name or any(_reads_variable(value, name) for value in node.values())
    if isinstance(node, list):
        return any(_reads_variable(value, name) for value in node)
    return False


def ensure_dagster_home(environ: dict[str, str] | os._Environ = os.environ) -> Path:
    """Use $DAGSTER_HOME if set, else the project's home for the storage asked (absolute, as Dagster
    requires), and export it so step processes, webserver and daemon open the same instance.

    A home without a dagster.yaml gets a copy of the project's for that storage (telemetry off, one
    queued run at a time, run monitoring, tick retention): without one Dagster warns on every command
    and prints its telemetry notice, and the UI on that home would run queued runs at once. A home's
    own settings are kept, but must agree with $DATELINE_PG_URL: a run meant for PostgreSQL never goes
    quietly to SQLite."""
    url = environ.get(PG_URL_VAR)
    if url:
        check_postgres_url(url)
    configured = environ.get(DAGSTER_HOME_VAR)
    home = Path(configured).expanduser().resolve() if configured else default_dagster_home(environ)
    home.mkdir(parents=True, exist_ok=True)
    settings = home / INSTANCE_SETTINGS
    project_settings = default_dagster_home(environ) / INSTANCE_SETTINGS
    if not settings.exists() and project_settings.is_file():
        settings.write_bytes(project_settings.read_bytes())
    storage = settings_storage(settings)
    if url and storage != "postgres":
        raise InstanceSettingsError(
            f"${PG_URL_VAR} is set but the instance settings {settings} keep runs in SQLite: unset "
            f"${DAGSTER_HOME_VAR} (the project's .dagster/postgres/ is then used), or point it at a home "
            f"whose dagster.yaml has storage: postgres")
    if not url and storage == "postgres" and settings.is_file() and \
            _reads_variable(yaml.safe_load(settings.read_text(encoding="utf-8")), PG_URL_VAR):
        raise InstanceSettingsError(
            f"the instance settings {settings} keep runs in PostgreSQL at ${PG_URL_VAR}, which is not set")
    environ[DAGSTER_HOME_VAR] = str(home)
    return home


def open_instance(home: Path):
    """The Dagster instance in `home`. Opening is serialised by a lock file: two processes opening a
    fresh home at once would both try to create its SQLite tables, and one would fail ("table runs
    already exists"). On PostgreSQL the server is asked once first, so a wrong address or password is
    one line naming the server (exit 1) at once, not after dagster-postgres's retries (about ten seconds)."""
    import fcntl

    import dagster as dg

    url = os.environ.get(PG_URL_VAR)
    if url and settings_storage(home / INSTANCE_SETTINGS) == "postgres":
        check_postgres_server(url)
    with open(home / ".instance.lock", "a+") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            return dg.DagsterInstance.get()
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def check_postgres_server(url: str, timeout_seconds: int = 10) -> None:
    """Connect once to the database the URL names, or say why not."""
    import sqlalchemy
    from sqlalchemy.pool import NullPool

    engine = sqlalchemy.create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": timeout_seconds})
    try:
        engine.connect().close()
    except sqlalchemy.exc.SQLAlchemyError as error:
        raise InstanceSettingsError(
            f"cannot open the Dagster instance in PostgreSQL at {redacted(url)}: {_first_cause(error)}",
            exit_code=1) from error
    finally:
        engine.dispose()


def _first_cause(error: BaseException) -> str:
    """The innermost error's first line (psycopg2's, under SQLAlchemy's and dagster-postgres's)."""
    seen = {id(error)}
    while (inner := error.__cause__ or error.__context__) is not None and id(inner) not in seen:
        seen.add(id(inner))
        error = inner
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
