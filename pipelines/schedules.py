"""Schedules."""
from __future__ import annotations

import dagster as dg

from pipelines.jobs import main_job

daily_timeline = dg.ScheduleDefinition(
    name="daily_timeline",
    job=main_job,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    description="Rebuild the timeline every day at 06:00 UTC, in case the sensor is off.",
)
