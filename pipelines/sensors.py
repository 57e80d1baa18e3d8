"""The raw-folder sensor: start the `main` job when files appear in, change in, or vanish from raw/.

Its cursor stays the same size however many files raw/ holds: the number of runs it requested and a
digest of raw/'s listing (names, sizes, mtimes) at the last request. What changed is worked out against
the manifest of the processed folder, the record of what the pipeline has already read, so the cursor
never carries the listing itself (at 10,000 files that was 1.6 MB written per tick).
"""

import json

import dagster as dg

from assets.resources import DataPaths
from dateline.engine.raw_files import pending_work
from dateline.engine.snapshot import raw_snapshot, snapshot_digest
from pipelines.execution import execution_config
from pipelines.jobs import main_job


def _load_cursor(cursor: str | None) -> tuple[int, str | None]:
    if not cursor:
        return 0, None
    state = json.loads(cursor)
    return state["runs"], state.get("digest")  # cursors of older releases held the listing: one new run


def _cursor(runs: int, digest: str) -> str:
    return json.dumps({"runs": runs, "digest": digest}, separators=(",", ":"))


@dg.sensor(job=main_job, minimum_interval_seconds=30, description=__doc__.splitlines()[0])
def raw_files_sensor(context: dg.SensorEvaluationContext, paths: DataPaths):
    runs, previous_digest = _load_cursor(context.cursor)
    current = raw_snapshot(paths.raw())
    digest = snapshot_digest(current)
    if digest == previous_digest:
        return dg.SkipReason(f"raw/ unchanged since the last request ({len(current)} files)")
    changed, deleted = pending_work(paths.raw(), paths.processed())
    if not changed and not deleted:
        return dg.SensorResult(skip_reason=f"raw/ holds nothing the timeline lacks ({len(current)} files)",
                               cursor=_cursor(runs, digest))
    # The run count makes a key unique per request even when raw/ comes back to a listing it had
    # before (a file removed, then dropped again as it was); re-evaluating an uncommitted tick gives
    # the same key, so Dagster does not start a second run for it.
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                run_key=f"raw-{runs + 1}-{digest[:16]}",
                run_config=execution_config("auto", sum(changed.values())),
                tags={"dateline/changed_files": str(len(changed)), "dateline/deleted_files": str(len(deleted))},
            )
        ],
        cursor=_cursor(runs + 1, digest),
    )
