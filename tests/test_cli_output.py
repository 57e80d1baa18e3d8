"""What the `dateline` command writes where: results on standard output, machine-clean when piped;
log lines and progress bars on standard error, the bars only on a terminal; -q and -v on every command."""
from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.console import QUIET, VERBOSE
from dateline.timeml import convert_folder
from pipelines.cli import build_parser
from tests.test_dagster import write_raw_folder

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"

DOCUMENT = """<?xml version="1.0" ?>
<TimeML>
<DOCID>{name}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2011-03-08" functionInDocument="CREATION_TIME">20110308</TIMEX3></DCT>
<TEXT>
The ferry company said Monday that it would add two crossings next month.
</TEXT>
</TimeML>
"""


def dateline(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipelines.cli", *args], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, **(env or {})}, **kwargs)


def timeml_folder(folder: Path, documents: int = 3) -> Path:
    folder.mkdir()
    for number in range(documents):
        (folder / f"doc{number}.tml").write_text(DOCUMENT.format(name=f"doc{number}"), encoding="utf-8")
    return folder


def leaves(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in set(action.choices.values()):
                found += leaves(child)
    return found or [parser]


def test_every_command_takes_quiet_and_verbose():
    commands = leaves(build_parser())
    assert len(commands) >= 8  # tag, timeml, eval, audit sample/score/clusters, show, run
    for command in commands:
        options = {option: action.const for action in command._actions for option in action.option_strings
                   if action.dest == "verbosity"}
        assert options == {"-q": QUIET, "--quiet": QUIET, "-v": VERBOSE, "--verbose": VERBOSE}, command.prog


def test_run_prints_one_line_per_step_on_stderr_and_only_its_summary_on_stdout(data_dir: Path, tmp_path: Path):
    write_raw_folder(data_dir / "raw")
    done = dateline("run", env={"DAGSTER_HOME": str(tmp_path / "home")})
    assert done.returncode == 0, done.stderr
    summary = done.stdout.splitlines()
    assert summary[0].startswith("run ") and "succeeded" in summary[0]
    assert all(line.startswith("  ") for line in summary[1:])  # nothing but the summary
    assert "\r" not in done.stdout + done.stderr  # no progress bar when piped
    lines = done.stderr.splitlines()  # "articles.ingest: 4 of 4 raw files read, ...": the step, then what it did
    said = {line.split(": ", 1)[0].split("[", 1)[0] for line in lines}
    assert said == {"articles.plan_reading", "articles.read_group", "articles.ingest", "timeline_staging.plan_tagging",
                    "timeline_staging.tag_group", "timeline_staging.stage_events", "timeline", "clusters", "entities",
                    "timeline_picture"}
    assert "articles.ingest: 4 of 4 raw files read, 0 removed; 4 articles, 2 quarantined" in done.stderr
    assert not any(" - INFO - " in line or "error" in line for line in lines)

    quiet = dateline("run", "-q", "--force", env={"DAGSTER_HOME": str(tmp_path / "home")})  # else nothing to do
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert quiet.stdout.startswith("run ") and "succeeded" in quiet.stdout.splitlines()[0]


def test_timeml_piped_writes_nothing_to_stdout_and_no_bar(tmp_path: Path):
    source = timeml_folder(tmp_path / "in")
    done = dateline("timeml", str(source), str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "\r" not in done.stderr and "%|" not in done.stderr
    assert done.stderr.strip() == f"dateline timeml: wrote 3 of 3 files to {tmp_path / 'out'}"


def test_timeml_on_a_terminal_shows_a_progress_bar_unless_quiet(tmp_path: Path):
    pty = pytest.importorskip("pty")
    source = timeml_folder(tmp_path / "in")

    def on_terminal(*extra: str) -> str:
        import fcntl
        import struct
        import termios

        leader, follower = pty.openpty()
        # a terminal 100 columns wide (a new pseudo-terminal has none, and tqdm draws nothing in no width)
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
        with subprocess.Popen([sys.executable, "-m", "pipelines.cli", "timeml", *extra, str(source),
                               str(tmp_path / "out")], cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=follower) as process:
            os.close(follower)
            chunks = []
            while True:
                try:
                    chunk = os.read(leader, 4096)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            process.wait(timeout=300)
        os.close(leader)
        assert process.returncode == 0
        return b"".join(chunks).decode(errors="replace")

    shown = on_terminal()
    assert "%|" in shown and "0/3 [" in shown  # tqdm's bar over the 3 files, drawn and then cleared
    assert "%|" not in on_terminal("-q")


@pytest.mark.skipif(not (SHARED / "eval" / "timex_score.py").is_file(), reason=f"no shared scorers in {SHARED}")
def test_eval_json_piped_is_json_alone():
    done = dateline("eval", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert {row["corpus"] for row in rows} >= {"seed", "timebank"}
    assert "\r" not in done.stderr


def test_the_library_logs_through_logging_and_prints_nothing(tmp_path: Path, caplog, capsys, monkeypatch):
    # as a program using the library sees it: no console handler (an earlier in-process command adds one)
    monkeypatch.setattr(logging.getLogger("dateline"), "handlers", [])
    monkeypatch.setattr(logging.getLogger("dateline"), "propagate", True)
    source = timeml_folder(tmp_path / "in", documents=1)
    (source / "broken.tml").write_text("<TimeML><TEXT>no closing tags", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="dateline"):
        failed = convert_folder(sorted(source.glob("*.tml")), tmp_path / "out")
    assert failed == 1
    [warning] = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert warning.name == "dateline.timeml" and warning.getMessage().startswith("broken.tml: failed:")
    assert capsys.readouterr() == ("", "")
