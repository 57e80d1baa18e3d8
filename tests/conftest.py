"""Shared fixtures: a throwaway data folder (raw/ + processed/) and the shared seed article."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
SEED = SHARED / "seed"
SEED_NAME = "north-korea-workers-kursk"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder with raw/ and processed/, named by DATELINE_DATA for the test."""
    data = tmp_path / "data"
    (data / "raw").mkdir(parents=True)
    (data / "processed").mkdir()
    monkeypatch.setenv("DATELINE_DATA", str(data))
    return data


@pytest.fixture
def seed_dir() -> Path:
    if not (SEED / f"{SEED_NAME}.txt").exists():
        pytest.skip(f"the shared seed article is not at {SEED} (the shared/ folder beside the repository)")
    return SEED


@pytest.fixture
def seed_article(data_dir: Path, seed_dir: Path) -> Path:
    """The seed article (text + .meta.json sidecar) copied into the data folder's raw/."""
    for suffix in (".txt", ".meta.json"):
        shutil.copy(seed_dir / f"{SEED_NAME}{suffix}", data_dir / "raw" / f"{SEED_NAME}{suffix}")
    return data_dir / "raw" / f"{SEED_NAME}.txt"
