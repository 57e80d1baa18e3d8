"""Jobs."""
from __future__ import annotations

import dagster as dg

from pipelines.execution import auto_executor

# One unpartitioned run over the whole asset graph; the assets themselves skip unchanged raw files,
# and the tagging fans out into one step per group of changed buckets. Whether steps run in one
# process or several is chosen per run (pipelines.execution).
main_job = dg.define_asset_job(
    name="main",
    selection=dg.AssetSelection.all(),
    executor_def=auto_executor,
    description="Ingest new or changed raw files, update the events, and publish the timeline if its checks pass.",
)
