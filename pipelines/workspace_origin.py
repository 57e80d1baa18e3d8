"""Where the UI finds the `main` job: the code location that workspace.yaml names (`dateline`).

`dateline run` executes the job in its own process, as `dagster.execute_job` does, but a run made that
way records no code location: the UI then leaves it out of the overview's timeline (which lists runs by
code location and repository) and warns, when it is re-executed, that the original run loaded the job
"from a different code location". So the CLI records on its runs the origin the UI's workspace gives
the job: the location read from workspace.yaml (the same file `dagster dev -w workspace.yaml` reads),
the implicit repository of a `Definitions` object, and the job's name. Nothing is started to get it: the
origin is read from the file, not from a running code server.

This uses two functions Dagster does not export (location_origins_from_yaml_paths and the origin
classes); the project pins Dagster to one release, and tests/test_dagster.py checks the result.
"""
from __future__ import annotations

from pathlib import Path

from dateline.store.layout import PROJECT_ROOT

WORKSPACE_FILE = PROJECT_ROOT / "workspace.yaml"
DEFINITIONS_MODULE = "pipelines.definitions"


def ui_job_origin(job_name: str, workspace: Path = WORKSPACE_FILE):
    """The RemoteJobOrigin the UI gives `job_name` (in the workspace's location that loads this
    project's definitions), or None when there is no such workspace file or location."""
    from dagster._core.definitions.repository_definition.valid_definitions import SINGLETON_REPOSITORY_NAME
    from dagster._core.remote_origin import RemoteJobOrigin, RemoteRepositoryOrigin
    from dagster._core.workspace.load import location_origins_from_yaml_paths

    if not workspace.is_file():
        return None
    for origin in location_origins_from_yaml_paths([str(workspace)]):
        target = getattr(origin, "loadable_target_origin", None)
        if target is not None and target.module_name == DEFINITIONS_MODULE:
            return RemoteJobOrigin(RemoteRepositoryOrigin(origin, SINGLETON_REPOSITORY_NAME), job_name)
    return None
