"""Reading the vocabulary files (dateline/vocabulary/*.yaml).

Parsed with libyaml where PyYAML was built with it (its wheels are): the pure-Python parser took a
quarter of a second to read them, paid again by every process a run starts.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

VOCABULARY_DIR = Path(__file__).resolve().parent / "vocabulary"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_vocabulary(path: Path) -> Any:
    """The parsed content of a vocabulary file (safe YAML: plain data only)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
