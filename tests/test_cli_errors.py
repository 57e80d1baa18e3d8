"""The `dateline` command's answers to a user's mistakes: one clear line and a non-zero exit, no traceback."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.engine.work_groups import usable_cores
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


# --- every command with a user's mistakes: one line on standard error, a non-zero exit, no traceback -----

def _timeline_folder(root: Path) -> Path:
    """A data folder whose timeline is a real, empty timeline file (the schema the pipeline writes)."""
    import pyarrow.parquet as pq

    from dateline.timeline import TIMELINE_SCHEMA

    folder = root / "data" / "processed" / "timeline"
    folder.mkdir(parents=True)
    pq.write_table(TIMELINE_SCHEMA.empty_table(), folder / "part-0.parquet")
    return root / "data"


def _broken_yaml_gold(root: Path, documents: bool) -> Path:
    gold = root / "gold"
    (gold / "documents" if documents else gold).mkdir(parents=True)
    ((gold / "documents") if documents else gold).joinpath("a.yaml").write_text("who: [\n", encoding="utf-8")
    return gold


def _corrupt_timeline(root: Path) -> Path:
    folder = root / "bad" / "processed" / "timeline"
    folder.mkdir(parents=True)
    (folder / "part-0.parquet").write_bytes(b"not a parquet file")
    return root / "bad"


def _not_utf8(root: Path) -> Path:
    path = root / "latin1.txt"
    path.write_bytes("Caf\xe9 opened on Monday.".encode("latin-1"))
    return path


def _a_file(root: Path) -> Path:
    path = root / "a-file.txt"
    path.write_text("text\n", encoding="utf-8")
    return path


def _tml_folder(root: Path) -> Path:
    folder = root / "tml"
    folder.mkdir()
    (folder / "doc.tml").write_text(
        '<TimeML><DOCID>doc</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="2011-03-08" '
        'functionInDocument="CREATION_TIME">20110308</TIMEX3></DCT><TEXT>It rained on Monday.</TEXT></TimeML>',
        encoding="utf-8")
    return folder


# (arguments made from the test's folder, expected exit code, words the one line holds)
MISTAKES = {
    "tag_missing_file": (lambda t: ["tag", "--published", "2025-06-17", str(t / "missing.txt")], 2, "cannot read"),
    "tag_a_folder": (lambda t: ["tag", "--published", "2025-06-17", str(t)], 2, "cannot read"),
    "tag_not_utf8": (lambda t: ["tag", "--published", "2025-06-17", str(_not_utf8(t))], 2, "cannot read"),
    "tag_relative_published": (lambda t: ["tag", "--published", "yesterday", str(_a_file(t))], 2, "YYYY-MM-DD"),
    "timeml_missing_input": (lambda t: ["timeml", str(t / "none"), str(t / "out")], 2, "is not a folder"),
    "timeml_no_tml_files": (lambda t: ["timeml", str(t), str(t / "out")], 2, "no *.tml files"),
    "timeml_output_under_a_file": (lambda t: ["timeml", str(_tml_folder(t)), str(_a_file(t) / "out")], 2,
                                   "cannot create the output folder"),
    "eval_unknown_corpus": (lambda t: ["eval", "--errors", "no-such-corpus"], 2, "dateline eval:"),
    "eval_missing_shared": (lambda t: ["eval", "--shared", str(t / "none")], 2, "no scorers"),
    "eval_broken_entity_gold": (lambda t: ["eval", "--entities", str(_broken_yaml_gold(t, True))], 1, "entity gold"),
    "eval_broken_participant_gold": (lambda t: ["eval", "--participants", str(_broken_yaml_gold(t, False))], 1,
                                     "participant gold"),
    "show_month_13": (lambda t: ["show", str(_timeline_folder(t)), "--between", "2025-13-01", "2025-12-31"], 2,
                      "not a date"),
    "show_words_for_dates": (lambda t: ["show", str(_timeline_folder(t)), "--between", "tomorrow", "yesterday"], 2,
                             "not a date"),
    "show_range_backwards": (lambda t: ["show", str(_timeline_folder(t)), "--between", "2025-03-01", "2025-02-01"],
                             2, "starts after it ends"),
    "show_empty_who": (lambda t: ["show", str(_timeline_folder(t)), "--who", " "], 2, "no name to look for"),
    "show_no_timeline": (lambda t: ["show", str(t / "none")], 2, "no timeline"),
    "show_corrupt_timeline": (lambda t: ["show", str(_corrupt_timeline(t))], 2, "cannot read the timeline"),
    "run_missing_data": (lambda t: ["run", "--data", str(t / "none")], 2, "no raw/ folder"),
    "run_data_is_a_file": (lambda t: ["run", "--data", str(_a_file(t))], 2, "no raw/ folder"),
    "audit_score_missing_sheet": (lambda t: ["audit", "score", str(t / "none.yaml")], 2, "cannot read"),
    "audit_score_broken_sheet": (lambda t: ["audit", "score", str(_broken_yaml_gold(t, False) / "a.yaml")], 2,
                                 "cannot read"),
}
# argparse's own refusals: its usage, then one line "dateline X: error: ..." and exit 2
USAGE_MISTAKES = {
    "unknown_command": ["frobnicate"],
    "show_one_bound": ["show", "--between", "2025-01-01"],
    "show_negative_limit": ["show", "--limit", "-3"],
    "show_unknown_confidence": ["show", "--min-confidence", "bogus"],
    "tag_without_published": ["tag", "file.txt"],
    "run_unknown_executor": ["run", "--executor", "threads"],
    "quiet_and_verbose": ["eval", "-q", "-v"],
}


@pytest.mark.parametrize("case", sorted(MISTAKES))
def test_a_user_mistake_is_one_line_and_a_non_zero_exit(case: str, tmp_path: Path, capsys, monkeypatch):
    make_arguments, code, words = MISTAKES[case]
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    arguments = make_arguments(tmp_path)
    assert main(arguments) == code
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and lines[0].startswith("dateline "), err
    assert "Traceback" not in err


@pytest.mark.parametrize("case", sorted(USAGE_MISTAKES))
def test_a_usage_mistake_is_argparse_s_one_error_line(case: str, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(USAGE_MISTAKES[case])
    assert stopped.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("dateline") and ": error: " in err.strip().splitlines()[-1]


def test_a_reader_that_closes_the_pipe_ends_the_command_quietly(tmp_path: Path):
    text = tmp_path / "long.txt"
    text.write_text("The talks resumed on Monday after a pause last week. " * 3000, encoding="utf-8")
    command = [sys.executable, "-m", "pipelines.cli", "tag", "--published", "2025-06-17", str(text)]
    with subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.readline()  # the first expression, then the reader goes away, as `| head -1` does
        process.stdout.close()
        err = process.stderr.read().decode()
        process.wait(timeout=120)
    assert process.returncode == 141 and err == ""


def test_verbose_keeps_the_traceback_of_a_system_error(tmp_path: Path):
    """-v is for finding out why: an OSError the command did not expect is raised whole."""
    from dateline.console import VERBOSE, run_command

    def failing(args):
        raise PermissionError(13, "Permission denied", str(tmp_path / "x"))

    import argparse

    quiet = argparse.Namespace(command="tag", verbosity=0)
    assert run_command(failing, quiet) == 1
    with pytest.raises(PermissionError):
        run_command(failing, argparse.Namespace(command="tag", verbosity=VERBOSE))


def test_a_run_that_fails_on_the_user_s_data_says_why_in_one_line(tmp_path: Path):
    """A broken manifest (edited by hand) fails the ingest step: the summary names the error the code
    raised, not Dagster's wrapper, and no stack trace reaches the console (the UI keeps it)."""
    data = tmp_path / "data"
    (data / "raw").mkdir(parents=True)
    (data / "raw" / "a.json").write_text('{"published": "2025-06-17", "text": "It rained on Monday."}',
                                         encoding="utf-8")
    (data / "processed").mkdir()
    (data / "processed" / "_manifest.json").write_text("{broken", encoding="utf-8")
    finished = subprocess.run([sys.executable, "-m", "pipelines.cli", "run", "--data", str(data)], cwd=REPO_ROOT,
                              capture_output=True, text=True, timeout=300,
                              env={**os.environ, "DAGSTER_HOME": str(tmp_path / "home")})
    assert finished.returncode == 1 and finished.stdout == ""
    assert "Traceback" not in finished.stderr and 'File "' not in finished.stderr
    [failure] = [line for line in finished.stderr.splitlines() if line.startswith("  step ")]
    assert failure.startswith("  step articles.ingest failed: dateline.store.manifest.ManifestError: ")
    assert "delete it to rebuild from raw/" in failure
