"""The `dateline` command: the domain commands (tag, timeml, eval) and `run`, which runs the pipeline.

Dagster is imported only inside `run`, so the domain commands start quickly and work without it.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from dateline.console import NORMAL, QUIET, VERBOSE, add_verbosity_options_everywhere, configure_logging, run_command
from dateline.store.layout import DATA_ENV_VAR
from pipelines.instance_home import (  # noqa: F401  (default_dagster_home: imported from here by tests)
    PG_URL_VAR, InstanceSettingsError, default_dagster_home, ensure_dagster_home, open_instance, redacted,
)

MAIN_JOB = "main"
DAGSTER_CONSOLE_LEVELS = {QUIET: "WARNING", NORMAL: "INFO", VERBOSE: "DEBUG"}

TAG_BATCHES_VAR = "DATELINE_TAG_BATCHES"  # the default of `dateline run --batches`


def run_pipeline(args: argparse.Namespace) -> int:
    """Execute the `main` job on the persistent instance, so the run is listed in the Dagster UI.

    The job is rebuilt from its module in each step process (a reconstructable job), as the
    daemon's run launcher does, so the multiprocess executor can run the tagging steps at once.
    """
    from dateline.store.filesystem import StoreLocation, is_uri

    if args.data:
        os.environ[DATA_ENV_VAR] = args.data if is_uri(args.data) else str(Path(args.data).expanduser().resolve())
    from dateline.store.layout import data_folder, processed_folder, published_timeline_link, raw_folder

    data = data_folder()
    if isinstance(data, StoreLocation):
        # The store reads and writes a bucket (dateline.store.filesystem), but reading raw/ from one, the
        # run's mutual exclusion and its step outputs do not go through it yet (docs/object_store.md).
        print(f"dateline run: the data folder {data} is on an object store, where a whole run is not supported "
              f"yet: the timeline files, the writer lock and the steps' outputs do not go through it (docs/object_store.md)", file=sys.stderr)
        return 2
    if not raw_folder(data).is_dir():
        print(f"dateline run: no raw/ folder in the data folder {data}: put articles in {raw_folder(data)} "
              f"(or pass --data FOLDER, or set ${DATA_ENV_VAR})", file=sys.stderr)
        return 2
    from dateline.engine.raw_files import pending_work

    # raw/ listed once: what changed decides both whether to run at all and how (pipelines.execution)
    today = datetime.now(timezone.utc).date()  # the run's date, as the run takes it: the day (UTC) it is created
    pending = pending_work(raw_folder(data), processed_folder(data), reprocess_all=args.reprocess_all, today=today)
    if not (args.force or args.reprocess_all):
        from dateline.engine.freshness import pending_reason

        if not pending_reason(raw_folder(data), processed_folder(data), today, pending):
            print(f"dateline run: nothing to do: raw/ is unchanged since the last successful run, which published "
                  f"{published_timeline_link(processed_folder(data))}; no Dagster run was started (--force runs anyway)")
            return 0
    try:
        home = ensure_dagster_home()
    except InstanceSettingsError as error:
        print(f"dateline run: {error}", file=sys.stderr)
        return error.exit_code

    import dagster as dg

    from dagster._core.execution.api import execute_run

    from pipelines.console_logger import LOGGER_KEY
    from pipelines.definitions import resolved_main_job
    from pipelines.execution import execution_config
    from pipelines.workspace_origin import ui_job_origin

    changed = sum(pending[0].values())
    job = dg.reconstructable(resolved_main_job)
    if args.executor == "celery":  # steps as tasks for celery workers (pipelines.distributed)
        from pipelines.distributed import CelerySettingsError, celery_execution_config, celery_main_job

        try:
            execution = celery_execution_config()
        except CelerySettingsError as error:
            print(f"dateline run: {error}", file=sys.stderr)
            return 2
        job = dg.reconstructable(celery_main_job)
    else:
        execution = execution_config(args.executor, changed)
    ops: dict = {"articles": {"config": {"reprocess_all": bool(args.reprocess_all)}}}
    if args.batches:  # the tagging steps' count, in the run so the worker that plans them obeys it
        ops["timeline_staging"] = {"ops": {"plan_tagging": {"config": {"groups": args.batches}}}}
    run_config = {
        "ops": ops,
        # Dagster's step-by-step log goes to the instance (and the UI) either way; the console (standard
        # error) gets the steps' one-line INFO messages, only warnings and errors with -q, everything with -v.
        "loggers": {LOGGER_KEY: {"config": {"log_level": DAGSTER_CONSOLE_LEVELS[args.verbosity]}}},
        **execution,
    }
    try:
        instance = open_instance(home)
    except InstanceSettingsError as error:
        print(f"dateline run: {error}", file=sys.stderr)
        return error.exit_code
    with instance:
        # as dg.execute_job does, plus the code location the UI loads the job from (pipelines.workspace_origin),
        # so the run shows in the UI's overview and re-executes there without a warning
        run = instance.create_run_for_job(
            job_def=job.get_definition(), run_config=run_config, job_code_origin=job.get_python_origin(),
            remote_job_origin=ui_job_origin(MAIN_JOB),
        )
        result = execute_run(job, run, instance)
        if result.success:
            _record_complete_run(result, processed_folder(data))
        print(_summary(result, home, run_config), file=sys.stdout if result.success else sys.stderr)
        return 0 if result.success else 1


def _record_complete_run(result, processed: Path) -> None:
    """Record the timeline build this whole successful run published and checked, so the next
    `dateline run` over the same state knows it has nothing to do (dateline.engine.freshness)."""
    from assets.timeline import TIMELINE_VALID
    from dateline.store.publishing import record_complete_run

    for evaluation in result.get_asset_check_evaluations():
        if evaluation.check_name == TIMELINE_VALID.name and evaluation.passed and "build" in evaluation.metadata:
            record_complete_run(processed, str(evaluation.metadata["build"].value))


def _summary(result, home: Path, run_config: dict) -> str:
    chosen = run_config["execution"]["config"]
    executor = "celery" if "broker" in chosen else next(iter(chosen))
    storage = f", PostgreSQL at {redacted(os.environ[PG_URL_VAR])}" if os.environ.get(PG_URL_VAR) else ""
    lines = [f"run {result.run_id}: {'succeeded' if result.success else 'FAILED'} "
             f"(executor={executor}, DAGSTER_HOME={home}{storage})"]
    for node, keys in (
        ("articles", ("files", "reading_steps", "files_read", "files_skipped", "files_removed", "articles", "quarantined")),
        ("timeline_staging", ("tagging_steps", "files_tagged", "events")),
        ("timeline", ("dagster/row_count", "path")),
        ("entities", ("dagster/row_count", "path")),
    ):
        materializations = result.asset_materializations_for_node(node)
        if not materializations:
            lines.append(f"  {node}: not materialized")
            continue
        metadata = materializations[-1].metadata
        values = ", ".join(f"{key.removeprefix('dagster/')}={metadata[key].value}" for key in keys if key in metadata)
        lines.append(f"  {node}: {values}")
    for evaluation in result.get_asset_check_evaluations():
        outcome = "passed" if evaluation.passed else "FAILED"
        details = ", ".join(f"{k}={v.value}" for k, v in evaluation.metadata.items())
        lines.append(f"  check {evaluation.check_name}: {outcome} ({details})")
    for event in result.all_events:
        if event.is_step_failure:
            lines.append(f"  step {event.step_key} failed: {_root_cause(event.step_failure_data.error)}")
    return "\n".join(lines)


def _root_cause(error) -> str:
    """The first line of the error the step's code raised (Dagster wraps it in errors of its own)."""
    while error.cause is not None and (error.cls_name or "").startswith("Dagster"):
        error = error.cause
    lines = error.message.strip().splitlines()
    return lines[0] if lines else error.cls_name or "unknown error"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dateline", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True)

    from dateline.cli import add_domain_commands, add_version_option

    add_version_option(parser)
    add_domain_commands(subparsers)
    run = subparsers.add_parser(
        "run",
        help="run the pipeline (Dagster job `main`): ingest raw/, tag, publish processed/timeline/",
        description="Run the Dagster job `main` once, on the instance in $DAGSTER_HOME (default: <project>/.dagster, "
        f"or <project>/.dagster/postgres when ${PG_URL_VAR} names a PostgreSQL database). "
        "When nothing changed since the last successful run (no new, changed or removed raw file, every published "
        "file built from the published timeline), say so and start no run, unless --force.",
    )
    run.add_argument("--data", help=f"data folder holding raw/ and processed/ (default: ${DATA_ENV_VAR} or <project>/data)")
    run.add_argument("--reprocess-all", action="store_true", help="re-read every raw file, not only new or changed ones")
    run.add_argument("--force", action="store_true",
                     help="start a Dagster run even when nothing changed since the last successful one (which "
                          "`dateline run` otherwise skips, saying so)")
    run.add_argument(
        "--executor",
        choices=["auto", "in_process", "multiprocess", "celery"],
        default="auto",
        help="run the steps in this process, or the tagging steps in parallel processes; auto: parallel "
        "when several megabytes of raw input changed; celery: every step as a task for celery workers "
        "(needs $DATELINE_CELERY_BROKER and an instance on PostgreSQL; README, \"Deployment\")",
    )
    run.add_argument(
        "--batches", type=_batch_count, default=os.environ.get(TAG_BATCHES_VAR) or "0",
        help=f"split the tagging into this many steps (batches of raw-file buckets), so many celery workers "
        f"share it (default: ${TAG_BATCHES_VAR}, else one per CPU core)",
    )
    run.set_defaults(handler=run_pipeline)
    # -q/--quiet and -v/--verbose on every command; on `run`: one line per step (default), only warnings
    # and errors (-q), or Dagster's whole run log (-v), all on standard error
    add_verbosity_options_everywhere(parser)
    return parser


def _batch_count(text: str) -> int:
    """A count of tagging steps: a whole number, 0 meaning one per core."""
    try:
        count = int(text)
    except ValueError:
        count = -1
    if count < 0:
        raise argparse.ArgumentTypeError(f"the number of tagging batches must be a whole number (0: one per core), not {text!r} "
                                         f"(--batches or ${TAG_BATCHES_VAR})")
    return count


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(args.verbosity)
    return run_command(args.handler, args)


if __name__ == "__main__":
    sys.exit(main())
