"""Jobs."""
from __future__ import annotations

import dagster as dg

# One unpartitioned run over the whole asset graph; the assets themselves skip unchanged raw files.
# In-process: three cheap steps, so per-step process start-up (seconds each) would dominate the run.
main_job = dg.define_asset_job(
    name="main",
    selection=dg.AssetSelection.all(),
    executor_def=dg.in_process_executor,
    description="Ingest new or changed raw files, update the events, and publish the timeline if its checks pass.",
)
