"""Scoring against the shared gold: annotate each corpus's input and run the shared scorers on it.

The scorers (timex_score.py, anchor_score.py, event_spans.py) are run as they are, as subprocesses
with --json, so the figures are exactly the ones anyone gets by running them by hand. The error
listings import them instead (scorer_module), to read the gold with the scorers' own readers.
"""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from dateline.store.layout import PROJECT_ROOT
from dateline.timeml import convert_folder

SHARED_ENV_VAR = "DATELINE_SHARED"

COLUMNS = ("corpus", "docs", "gold TIMEX3", "strict F1", "relaxed F1", "value F1", "type F1",
           "anchor F1", "dated right", "event P")


def scorer_module(scorers: Path, name: str):
    """A shared scorer imported from its file (scorers/<name>.py); those that read their neighbour
    (timex_score) put their own folder on the path themselves."""
    spec = importlib.util.spec_from_file_location(name, scorers / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def shared_folder(explicit: Path | None) -> Path:
    if explicit is not None:
        return explicit
    named = os.environ.get(SHARED_ENV_VAR)
    return Path(named) if named else PROJECT_ROOT.parent / "shared"


def evaluation_targets(shared: Path) -> list[tuple[str, Path, Path]]:
    """(name, input folder, gold folder): the seed first, then each corpus in name order."""
    candidates = [("seed", shared / "seed" / "timeml")]
    corpora = shared / "corpora"
    if corpora.is_dir():
        candidates += [(folder.name, folder) for folder in sorted(corpora.iterdir()) if folder.is_dir()]
    return [(name, folder / "input", folder / "gold") for name, folder in candidates
            if (folder / "input").is_dir() and (folder / "gold").is_dir()]


def evaluate(name: str, input_dir: Path, gold_dir: Path, scorers: Path) -> dict:
    """Annotate input_dir into a temporary folder and score it against gold_dir."""
    sources = sorted(input_dir.glob("*.tml"))
    with tempfile.TemporaryDirectory(prefix=f"dateline-eval-{name}-") as scratch:
        output = Path(scratch)
        failed = convert_folder(sources, output, desc=name)
        timex = _score(scorers / "timex_score.py", gold_dir, output)
        anchors = _score(scorers / "anchor_score.py", gold_dir, output)
        spans = _score(scorers / "event_spans.py", gold_dir, output) if (scorers / "event_spans.py").is_file() else None
    dated = round(anchors["dated_right"] * anchors["gold_anchors"])
    return {
        "corpus": name,
        "docs": timex["documents"],
        "failed": failed,
        "gold_timex": timex["gold_timex"],
        "system_timex": timex["system_timex"],
        "strict_f1": timex["strict"]["f1"],
        "relaxed_f1": timex["relaxed"]["f1"],
        "value_f1": timex["value"]["f1"],
        "type_f1": timex["type"]["f1"],
        "anchor_f1": anchors["f1"],
        "gold_anchors": anchors["gold_anchors"],
        "dated_right": dated,
        # written EVENTs overlapping a gold EVENT; None where the gold marks no events (tweets, wikiwars)
        "event_precision": spans["precision"] if spans and spans["gold_events"] else None,
        "problems": sorted(set(timex["problems"]) | set(anchors["problems"])),
    }


def _score(script: Path, gold_dir: Path, system_dir: Path) -> dict:
    finished = subprocess.run([sys.executable, str(script), str(gold_dir), str(system_dir), "--json"],
                              capture_output=True, text=True)
    if finished.returncode != 0:
        raise RuntimeError(f"{script.name} failed ({finished.returncode}): {finished.stderr.strip()}")
    return json.loads(finished.stdout)


def format_table(rows: list[dict]) -> str:
    lines = ["  ".join(f"{c:>11}" for c in COLUMNS)]
    for row in rows:
        cells = [row["corpus"], row["docs"], row["gold_timex"], *(f"{row[k]:.4f}" for k in
                 ("strict_f1", "relaxed_f1", "value_f1", "type_f1", "anchor_f1")),
                 f"{row['dated_right']}/{row['gold_anchors']}",
                 "-" if row.get("event_precision") is None else f"{row['event_precision']:.4f}"]
        lines.append("  ".join(f"{c:>11}" for c in cells))
        if row["failed"] or row["problems"]:
            lines.append(f"{'':>11}  {row['failed']} files failed; {len(row['problems'])} scorer problems")
    return "\n".join(lines)
