"""The raw-folder sensor: start the `main` job when files appear in, change in, or vanish from raw/."""

import hashlib
import json

import dagster as dg

from dateline.pipeline import raw_snapshot, snapshot_changes
from dateline.raw_files import changed_input_bytes
from pipelines.execution import execution_config
from pipelines.jobs import main_job
from pipelines.resources import DataPaths


def _load_cursor(cursor: str | None) -> tuple[int, dict[str, list[int]]]:
    if not cursor:
        return 0, {}
    state = json.loads(cursor)
    return state["runs"], state["files"]


@dg.sensor(job=main_job, minimum_interval_seconds=30, description=__doc__)
def raw_files_sensor(context: dg.SensorEvaluationContext, paths: DataPaths):
    runs, previous = _load_cursor(context.cursor)
    current = raw_snapshot(paths.raw())
    changes = snapshot_changes(previous, current)
    if not changes:
        return dg.SkipReason(f"raw/ unchanged ({len(current)} files)")
    signature = hashlib.sha256(json.dumps(changes, sort_keys=True).encode()).hexdigest()[:16]
    # The run count makes a key unique per request even when a later change looks the same as an
    # earlier one (a file removed, then dropped again as it was); re-evaluating an uncommitted tick
    # gives the same key, so Dagster does not start a second run for it.
    run_key = f"raw-{runs + 1}-{signature}"
    deleted = sum(1 for signature in changes.values() if signature is None)
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                run_key=run_key,
                run_config=execution_config("auto", changed_input_bytes(paths.raw(), paths.processed())),
                tags={"dateline/changed_files": str(len(changes) - deleted), "dateline/deleted_files": str(deleted)},
            )
        ],
        cursor=json.dumps({"runs": runs + 1, "files": current}, separators=(",", ":")),
    )
