"""The console logger of `dateline run`: one short line per message on standard error, named by its step.

Dagster's default console logger writes the job, the run id and the step before every message, and a
failed step's whole stack trace. `dateline run` configures this one instead (the UI's runs, which
configure no logger, keep Dagster's default): `articles.ingest: 5 of 5 raw files read, ...`. An error's
first line only, unless the level is DEBUG (`dateline run -v`), which keeps everything; the run's
summary names what failed, and the whole trace stays in the run's log in the UI.
"""
from __future__ import annotations

import logging
import sys

import dagster as dg

LOGGER_KEY = "dateline_cli"
_META = "dagster_meta"


class StepLineFormatter(logging.Formatter):
    def __init__(self, whole: bool) -> None:
        super().__init__()
        self.whole = whole

    def format(self, record: logging.LogRecord) -> str:
        meta = getattr(record, _META, None) or {}
        message = str(meta.get("orig_message") or record.getMessage())
        if not self.whole:
            message = message.strip().splitlines()[0] if message.strip() else ""
        where = meta.get("step_key") or "run"
        level = "" if record.levelno == logging.INFO else f"{record.levelname.lower()}: "
        return f"{where}: {level}{message}"


@dg.logger(
    config_schema={"log_level": dg.Field(str, default_value="INFO", description="DEBUG, INFO, WARNING or ERROR")},
    description="One line per message on standard error, named by its step (what `dateline run` prints).",
)
def step_line_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    level = logging.getLevelName(str(init_context.logger_config["log_level"]).upper())
    logger = logging.Logger(f"dateline.run.{init_context.run_id}", level=level)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(StepLineFormatter(whole=level <= logging.DEBUG))
    logger.addHandler(handler)
    return logger
