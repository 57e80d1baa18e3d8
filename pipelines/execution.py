"""How a run of `main` executes: its steps in several processes when there is much to tag, else in one.

The job's executor, `auto_executor`, is Dagster's multi_or_in_process executor with a third choice,
`auto`, its default: at the start of a run it measures how much raw input changed and takes
multiprocess or in_process accordingly. So a run launched from the UI with no config ("Materialize
all") or by the schedule is as quick as the CLI's when there is little to do; the CLI and the sensor,
which have measured the change already, say which explicitly, and the UI's launchpad can too. The
multiprocess executor runs the tagging steps at once, one per CPU core;
its step processes are forked from a server that has already imported Dagster, this code location
and the instance's storage (pipelines.preload), so a step starts in a fraction of a second instead
of the seconds a fresh interpreter takes. Each step still costs some bookkeeping, so a small change
(one new article) runs faster in the run's own process. On a cluster, the same steps go to a
distributed executor (Celery, Docker, Kubernetes) chosen in the deployment, not here.
"""
from __future__ import annotations

from typing import Any

import dagster as dg
from dagster._config import process_config
from dagster._core.definitions import executor_definition as dagster_executors

from assets.resources import WHOLE_TIMELINE_READER_TAG

# Below this much changed raw input (about a thousand news articles), starting step processes
# costs more than tagging everything on one core.
PARALLEL_FROM_BYTES = 4_000_000

EXECUTORS = ("auto", "in_process", "multiprocess")


def multiprocess_executor_config(max_concurrent: int = 0) -> dict[str, Any]:
    """Multiprocess execution: at most `max_concurrent` steps at once (0: one per CPU core)."""
    return {
        "multiprocess": {
            "max_concurrent": max_concurrent,
            "start_method": {"forkserver": {"preload_modules": ["pipelines.preload"]}},
            # the steps that read the whole published timeline run one after another (their peaks added up)
            "tag_concurrency_limits": [{"key": key, "value": value, "limit": 1}
                                       for key, value in WHOLE_TIMELINE_READER_TAG.items()],
        }
    }


def execution_config(executor: str, changed_bytes: int = 0) -> dict[str, Any]:
    """The run config's "execution" part; "auto" decides by how much raw input changed."""
    if executor not in EXECUTORS:
        raise ValueError(f"unknown executor {executor!r}; expected one of {', '.join(EXECUTORS)}")
    if executor == "auto":
        executor = "multiprocess" if changed_bytes >= PARALLEL_FROM_BYTES else "in_process"
    chosen = multiprocess_executor_config() if executor == "multiprocess" else {"in_process": {}}
    return {"execution": {"config": chosen}}


@dg.executor(
    name="auto_executor",
    config_schema=dg.Field(
        dg.Selector({
            "auto": dg.Field(dg.Shape({}), default_value={},
                             description="multiprocess when much raw input changed, else in_process"),
            "multiprocess": dagster_executors.MULTI_PROC_CONFIG,
            "in_process": dagster_executors.IN_PROC_CONFIG,
        }),
        default_value={"auto": {}},
    ),
    # What multiprocess needs (a reconstructable job, a persistent instance) whenever it may be chosen.
    requirements=lambda config: ([] if "in_process" in config
                                 else dagster_executors.multiple_process_executor_requirements()),
)
def auto_executor(init_context: dg.InitExecutorContext):
    """Dagster's multi_or_in_process executor, choosing by itself when the config says `auto`."""
    config = dict(init_context.executor_config)
    if "auto" in config:
        from dateline.engine.raw_files import changed_input_bytes
        from dateline.store.layout import data_folder, processed_folder, raw_folder

        data = data_folder()
        chosen = execution_config("auto", changed_input_bytes(raw_folder(data), processed_folder(data)))
        (mode, settings), = chosen["execution"]["config"].items()
        schema = dagster_executors.MULTI_PROC_CONFIG if mode == "multiprocess" else dagster_executors.IN_PROC_CONFIG
        config = {mode: process_config(schema.config_type, settings).value}
    creation = dagster_executors.multi_or_in_process_executor.executor_creation_fn
    return creation(dg.InitExecutorContext(job=init_context.job, executor_def=init_context.executor_def,
                                           executor_config=config, instance=init_context.instance))
