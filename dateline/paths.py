"""Where the data lives: the project's data/ folder unless DATELINE_DATA names another.

Resolved from the project root, never from the process's current folder.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_ENV_VAR = "DATELINE_DATA"


def data_folder() -> Path:
    """The folder holding raw/ and processed/."""
    named = os.environ.get(DATA_ENV_VAR)
    if named:
        return Path(named).expanduser().resolve()
    return PROJECT_ROOT / "data"


def raw_folder(data: Path | None = None) -> Path:
    return (data or data_folder()) / "raw"


def processed_folder(data: Path | None = None) -> Path:
    return (data or data_folder()) / "processed"
