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
