"""Schedules."""
from __future__ import annotations

import dagster as dg

from dateline.raw_files import changed_input_bytes
from pipelines.execution import execution_config
from pipelines.jobs import main_job
from pipelines.resources import DataPaths


@dg.schedule(
    job=main_job,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    description="Rebuild the timeline every day at 06:00 UTC, in case the sensor is off.",
)
def daily_timeline(paths: DataPaths) -> dg.RunRequest:
    return dg.RunRequest(run_config=execution_config("auto", changed_input_bytes(paths.raw(), paths.processed())))
