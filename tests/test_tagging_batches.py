"""`dateline run --batches N` (default $DATELINE_TAG_BATCHES): the tagging in N steps, so that many
workers of a distributed executor can share it; a count that is no whole number is refused."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.cli import TAG_BATCHES_VAR, build_parser
from tests.conftest import REPO_ROOT
from tests.scale.runs import sample_data_folder


def test_the_batch_count_comes_from_the_option_else_the_environment(monkeypatch) -> None:
    monkeypatch.delenv(TAG_BATCHES_VAR, raising=False)
    assert build_parser().parse_args(["run"]).batches == 0  # one per core
    assert build_parser().parse_args(["run", "--batches", "7"]).batches == 7
    monkeypatch.setenv(TAG_BATCHES_VAR, "24")
    assert build_parser().parse_args(["run"]).batches == 24
    assert build_parser().parse_args(["run", "--batches", "3"]).batches == 3


@pytest.mark.parametrize("text", ["many", "-2", "2.5"])
def test_a_batch_count_that_is_no_whole_number_is_refused(text: str, monkeypatch, capsys) -> None:
    monkeypatch.delenv(TAG_BATCHES_VAR, raising=False)
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["run", "--batches", text])
    assert exit_.value.code == 2 and f"not {text!r}" in capsys.readouterr().err
    monkeypatch.setenv(TAG_BATCHES_VAR, text)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["run"])
    assert TAG_BATCHES_VAR in capsys.readouterr().err


def test_a_run_tags_in_the_batches_asked_for(tmp_path: Path) -> None:
    data = sample_data_folder(tmp_path / "data")
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path / "home"), TAG_BATCHES_VAR: "3"}
    done = subprocess.run([sys.executable, "-m", "pipelines.cli", "run", "--data", str(data), "--executor",
                           "in_process"], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "in 3 tagging steps" in done.stderr, done.stderr
