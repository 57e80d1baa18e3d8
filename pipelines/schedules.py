"""Schedules."""
from __future__ import annotations

import dagster as dg

from pipelines.jobs import main_job


@dg.schedule(
    job=main_job,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    description="Rebuild the timeline every day at 06:00 UTC, in case the sensor is off.",
)
def daily_timeline() -> dg.RunRequest:
    # No execution config: the job's auto_executor measures the changed input when the run starts.
    return dg.RunRequest()
