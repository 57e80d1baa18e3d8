"""The Dagster code location: `dagster dev -w workspace.yaml` and `dateline run` load `defs` from here."""
from __future__ import annotations

import functools

import dagster as dg

from assets import articles, clusters, entities, picture, timeline
from assets.resources import DataPaths
from dateline.store.layout import data_folder
from pipelines.console_logger import LOGGER_KEY, step_line_logger
from pipelines.jobs import main_job
from pipelines.schedules import daily_timeline
from pipelines.sensors import raw_files_sensor

ASSET_MODULES = [articles, timeline, clusters, entities, picture]


def build_definitions(data_dir: str | None = None) -> dg.Definitions:
    """The definitions over a data folder (default: DATELINE_DATA, else the project's data/)."""
    return dg.Definitions(
        assets=dg.load_assets_from_modules(ASSET_MODULES),
        asset_checks=dg.load_asset_checks_from_modules(ASSET_MODULES),
        jobs=[main_job],
        schedules=[daily_timeline],
        sensors=[raw_files_sensor],
        resources={"paths": DataPaths(data_dir=data_dir or str(data_folder()))},
        # Dagster's console logger for runs that configure none (the UI's); `dateline run` picks its own
        loggers={"console": dg.colored_console_logger, LOGGER_KEY: step_line_logger},
    )


def resolved_main_job() -> dg.JobDefinition:
    """The `main` job over the data folder in the environment: what each step process of a
    multiprocess run rebuilds (`dagster.reconstructable` needs a module-level function)."""
    return _main_job_over_environment_data()


@functools.cache
def _main_job_over_environment_data() -> dg.JobDefinition:
    return build_definitions().resolve_job_def("main")


defs = build_definitions()
