"""`dateline run`'s runs carry the code location the UI loads the job from (workspace.yaml's `dateline`),
with the same job snapshot: the UI lists them in its overview and re-executes them without the
"loaded from a different code location" warning (its test: origin and snapshot both match)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
from dagster._core.definitions.selector import JobSubsetSelector
from dagster._core.workspace.context import WorkspaceProcessContext
from dagster._core.workspace.load_target import WorkspaceFileTarget

from pipelines.workspace_origin import WORKSPACE_FILE, ui_job_origin
from tests.test_dagster import write_raw_folder

REPO_ROOT = Path(__file__).resolve().parents[1]


def test_the_origin_comes_from_the_workspace_file(tmp_path: Path):
    origin = ui_job_origin("main")
    assert origin.location_name == "dateline" and origin.job_name == "main"
    assert origin.repository_origin.repository_name == "__repository__"
    assert ui_job_origin("main", tmp_path / "no-workspace.yaml") is None


def test_a_cli_run_matches_the_job_the_ui_loads(data_dir: Path, tmp_path: Path, monkeypatch):
    write_raw_folder(data_dir / "raw")
    home = tmp_path / "home"
    done = subprocess.run([sys.executable, "-m", "pipelines.cli", "run", "-q"], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "DAGSTER_HOME": str(home)})
    assert done.returncode == 0, done.stderr
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    with dg.DagsterInstance.get() as instance:
        [run] = instance.get_runs()
        # what the webserver does with `-w workspace.yaml`: start the location's code server, load the job
        with WorkspaceProcessContext(instance, WorkspaceFileTarget(paths=[str(WORKSPACE_FILE)])) as context:
            location = context.create_request_context().get_code_location("dateline")
            job = location.get_job(JobSubsetSelector(location_name="dateline", repository_name="__repository__",
                                                     job_name="main", op_selection=None))
            assert run.remote_job_origin == job.get_remote_origin()
            assert run.job_snapshot_id == job.identifying_job_snapshot_id
