"""How a run of `main` executes: its steps in several processes when there is much to tag, else in one.

The job uses Dagster's multi_or_in_process executor; every run request (the CLI, the sensor, the
schedule) says which. The multiprocess executor runs the tagging steps at once, one per CPU core;
its step processes are forked from a server that has already imported Dagster, this code location
and the instance's storage (pipelines.preload), so a step starts in a fraction of a second instead
of the seconds a fresh interpreter takes. Each step still costs some bookkeeping, so a small change
(one new article) runs faster in the run's own process. On a cluster, the same steps go to a
distributed executor (Celery, Docker, Kubernetes) chosen in the deployment, not here.
"""
from __future__ import annotations

from typing import Any

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
