"""Imported once by the multiprocess executor's fork server, so each step process forked from it
starts with this work done: Dagster, the code location, the job, and the instance's SQLite storage
modules (about half a second a step otherwise)."""

import alembic.command  # noqa: F401  (the storage's schema checks)
import dagster._core.storage.event_log.sqlite  # noqa: F401
import dagster._core.storage.runs.sqlite  # noqa: F401
import dagster._core.storage.schedules.sqlite  # noqa: F401

from pipelines.definitions import resolved_main_job

resolved_main_job()
