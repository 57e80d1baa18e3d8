"""The `main` job on Dagster's celery executor (dagster-celery): each step is a task on a broker (Redis),
run by whichever celery worker takes it, on this machine or another.

Workers start from the project folder with the same environment as the run ($DAGSTER_HOME's settings,
$DATELINE_PG_URL, $DATELINE_DATA, $DATELINE_CELERY_BROKER):

    dagster-celery worker start -A dagster_celery.app -y .dagster/celery.yaml

They rebuild the job from this module, open the instance from the run's instance reference and write
their events there, so the instance must be one every worker reaches: PostgreSQL, not SQLite files.

The run takes the workers' celery settings from the same file (or the one $DATELINE_CELERY_CONFIG names):
tasks acknowledged when their step ends, and the broker's visibility timeout, after which a step whose
worker died is handed to another.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import dagster as dg

CELERY_BROKER_VAR = "DATELINE_CELERY_BROKER"
CELERY_CONFIG_VAR = "DATELINE_CELERY_CONFIG"  # the workers' settings file, if not .dagster/celery.yaml


class CelerySettingsError(Exception):
    """A celery run asked for without what it needs."""


def celery_main_job() -> dg.JobDefinition:
    """What `dagster.reconstructable` rebuilds in each worker (a module-level function)."""
    return _celery_main_job()


@functools.cache
def _celery_main_job() -> dg.JobDefinition:
    from dagster_celery import celery_executor

    from pipelines.definitions import resolved_main_job

    return resolved_main_job().with_executor_def(celery_executor)


def celery_execution_config(environ: dict[str, str] | os._Environ = os.environ) -> dict[str, Any]:
    """The run config's "execution" part: broker and result backend read from the environment in the
    run (as the workers read theirs from .dagster/celery.yaml), so no address is written in a run."""
    from pipelines.instance_home import PG_URL_VAR

    if not environ.get(CELERY_BROKER_VAR):
        raise CelerySettingsError(f"--executor celery needs ${CELERY_BROKER_VAR}, the broker the workers "
                                  "listen on (redis://HOST:PORT/0)")
    if not environ.get(PG_URL_VAR):
        raise CelerySettingsError(f"--executor celery needs ${PG_URL_VAR}: the workers write their events to "
                                  "the instance, which must be one they all reach")
    source = {"env": CELERY_BROKER_VAR}
    config = {"broker": source, "backend": source}
    settings = workers_celery_settings(environ).get("config_source")
    if settings:
        config["config_source"] = settings
    return {"execution": {"config": config}}


def workers_celery_settings(environ: dict[str, str] | os._Environ = os.environ) -> dict[str, Any]:
    """The executor settings of the workers' file (.dagster/celery.yaml, or $DATELINE_CELERY_CONFIG), so the
    run's celery app is set up as theirs (late acknowledgement, the broker's visibility timeout)."""
    import yaml

    path = Path(environ.get(CELERY_CONFIG_VAR) or Path(__file__).resolve().parent.parent / ".dagster" / "celery.yaml")
    try:
        parsed = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise CelerySettingsError(f"cannot read the celery workers' settings {path}: {error}") from error
    config = (parsed.get("execution") or {}).get("config") if isinstance(parsed, dict) else None
    if not isinstance(config, dict):
        raise CelerySettingsError(f"{path} has no execution: config: section (see .dagster/celery.yaml)")
    return config
