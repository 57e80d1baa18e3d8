"""The domain library stands on its own: importing every dateline module never pulls in Dagster."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import dateline

CHECK = """
import importlib, pkgutil, sys
import dateline
for info in pkgutil.walk_packages(dateline.__path__, "dateline."):
    importlib.import_module(info.name)
loaded = sorted(name for name in sys.modules if name == "dagster" or name.startswith("dagster."))
print(len(loaded))
"""


def test_dateline_never_imports_dagster():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True,
                            cwd=Path(dateline.__file__).resolve().parents[1], check=True)
    assert result.stdout.strip() == "0", f"dateline imported dagster modules: {result.stdout}"


TAGGING_IMPORTS = """
import sys
import dateline.pipeline, dateline.event_shards, dateline.prereading
from dateline.raw_files import OUTPUT_NEUTRAL
modules = {name.removeprefix("dateline.").replace(".", "/") for name in sys.modules if name.startswith("dateline.")}
print(sorted(name for name in modules if name + ".py" in OUTPUT_NEUTRAL or name.split("/")[0] in OUTPUT_NEUTRAL))
"""


def test_what_the_fingerprint_leaves_out_is_not_used_to_tag():
    """A module left out of the code fingerprint must not shape rows: the tagging never imports it."""
    result = subprocess.run([sys.executable, "-c", TAGGING_IMPORTS], capture_output=True, text=True,
                            cwd=Path(dateline.__file__).resolve().parents[1], check=True)
    assert result.stdout.strip() == "[]", f"tagging imports modules the fingerprint leaves out: {result.stdout}"
