"""The `dateline` command's answers to a user's mistakes: one clear line and a non-zero exit, no traceback."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.work_groups import usable_cores
from pipelines.cli import main

REPO_ROOT = Path(__file__).resolve().parents[1]


def test_version_names_the_package_and_python(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    printed = capsys.readouterr().out.strip()
    assert printed.startswith("dateline ") and f"Python {sys.version.split()[0]}" in printed


def test_run_without_a_raw_folder_says_where_it_looked(tmp_path: Path):
    finished = subprocess.run([sys.executable, "-m", "pipelines.cli", "run", "--data", str(tmp_path / "nothing")],
                              cwd=REPO_ROOT, capture_output=True, text=True,
                              env={**os.environ, "DAGSTER_HOME": str(tmp_path / "home")}, timeout=120)
    assert finished.returncode == 2
    assert finished.stdout == ""
    lines = finished.stderr.strip().splitlines()
    assert len(lines) == 1 and "no raw/ folder" in lines[0] and str(tmp_path / "nothing" / "raw") in lines[0]
    assert not (tmp_path / "home").exists()  # nothing was started


def test_tag_says_it_reads_standard_input_only_when_a_person_is_typing(tmp_path: Path):
    piped = subprocess.run([sys.executable, "-m", "pipelines.cli", "tag", "--published", "2025-06-17"],
                           cwd=REPO_ROOT, input="He left on Tuesday.", capture_output=True, text=True, timeout=120)
    assert piped.returncode == 0 and "standard input" not in piped.stderr
    assert '"value": "2025-06-17"' in piped.stdout


def test_usable_cores_counts_at_least_one_and_no_more_than_the_machine_has():
    assert 1 <= usable_cores() <= (os.cpu_count() or 1)


def test_tag_from_a_terminal_says_how_to_end_the_text(tmp_path: Path):
    pty = pytest.importorskip("pty")  # POSIX terminals only
    leader, follower = pty.openpty()
    with subprocess.Popen([sys.executable, "-m", "pipelines.cli", "tag", "--published", "2025-06-17"],
                          cwd=REPO_ROOT, stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as process:
        os.close(follower)
        os.write(leader, b"He left on Tuesday.\n\x04")
        out, err = process.communicate(timeout=120)
    os.close(leader)
    assert process.returncode == 0
    assert "reading the text from standard input" in err and "Ctrl-D" in err
    assert '"value": "2025-06-17"' in out
