"""The row-precision audit: sampling the dev rows into a review sheet, and scoring a judged sheet."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dateline.audit.dev_rows import dev_documents
from dateline.audit.score import Totals, judgements, shown_by_default, totals
from dateline.audit.sheet import SheetError, read_sheet
from dateline.cli import main
from dateline.timeml import read_timeml

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
AUDIT_SHEETS = Path(__file__).resolve().parent / "audit"
JUDGED_EXAMPLE = AUDIT_SHEETS / "judged-example.yaml"
BASELINE = AUDIT_SHEETS / "baseline-seed1501.yaml"

needs_dev_documents = pytest.mark.skipif(
    not dev_documents(SHARED), reason=f"the dev corpora (timebank, aquaint) are absent (looked in {SHARED})")


def sample(tmp_path: Path, name: str, rows: int, seed: int) -> Path:
    sheet = tmp_path / name
    assert main(["audit", "sample", "--rows", str(rows), "--seed", str(seed), "--out", str(sheet),
                 "--shared", str(SHARED)]) == 0
    return sheet


@needs_dev_documents
def test_the_same_seed_draws_the_same_rows_and_another_seed_others(tmp_path: Path):
    first = sample(tmp_path, "first.yaml", 25, 7)
    again = sample(tmp_path, "again.yaml", 25, 7)
    other = sample(tmp_path, "other.yaml", 25, 8)
    assert first.read_text(encoding="utf-8") == again.read_text(encoding="utf-8")
    assert read_sheet(first) != read_sheet(other)


@needs_dev_documents
def test_sampled_rows_are_rows_of_the_dev_documents_with_empty_judgements(tmp_path: Path):
    entries = read_sheet(sample(tmp_path, "sheet.yaml", 30, 1501))
    assert len(entries) == 30
    for entry in entries:
        corpus, name = entry["document"].split("/")
        document = read_timeml(SHARED / "corpora" / corpus / "input" / name)
        assert document.text[entry["trigger_start"]:entry["trigger_end"]] == entry["trigger"]
        assert entry["published"] == document.published
        assert f"**{entry['trigger']}**" in entry["quote"]
        assert entry["earliest"] <= entry["latest"]
        assert entry["link_rule"] and entry["granularity"]
        assert isinstance(entry["who"], list) and isinstance(entry["where"], list)
        assert [entry[name] for name in ("real_event", "date_right", "participant_right", "note")] == [None] * 4
    # judging starts from a sheet the scorer refuses as unjudged
    assert main(["audit", "score", str(tmp_path / "sheet.yaml")]) == 2


def test_scoring_a_judged_sheet_gives_the_totals_worked_out_by_hand():
    judged, unjudged = judgements(read_sheet(JUDGED_EXAMPLE))
    assert unjudged == 0
    assert totals(judged) == Totals(judged=6, real_events=4, date_right=3, participant_named=2,
                                    participant_right=1, fully_right=2)
    assert totals(shown_by_default(judged)) == Totals(judged=4, real_events=3, date_right=2, participant_named=1,
                                                      participant_right=1, fully_right=2)


def test_the_score_command_prints_all_rows_and_those_shown_by_default(capsys: pytest.CaptureFixture):
    assert main(["audit", "score", str(JUDGED_EXAMPLE)]) == 0
    printed = " ".join(capsys.readouterr().out.split())
    assert "real events 66.7% 4/6 of rows" in printed
    assert "date right 75.0% 3/4 of real events" in printed
    assert "participant right 50.0% 1/2" in printed
    assert "fully right 33.3% 2/6" in printed
    shown = printed.split("shown by default (confidence high or medium)")[1]
    assert "real events 75.0% 3/4" in shown and "fully right 50.0% 2/4" in shown


def test_without_confidence_every_row_counts_as_shown(tmp_path: Path, capsys: pytest.CaptureFixture):
    entries = read_sheet(JUDGED_EXAMPLE)
    for entry in entries:
        del entry["confidence"]
    sheet = tmp_path / "no-confidence.yaml"
    sheet.write_text(yaml.safe_dump(entries, sort_keys=False), encoding="utf-8")
    assert shown_by_default(judgements(entries)[0]) is None
    assert main(["audit", "score", str(sheet)]) == 0
    assert "every row is shown" in capsys.readouterr().out


def unjudged_copy(tmp_path: Path) -> Path:
    text = JUDGED_EXAMPLE.read_text(encoding="utf-8")
    sheet = tmp_path / "half-judged.yaml"
    sheet.write_text(text.replace("  date_right: no\n", "  date_right:\n", 1), encoding="utf-8")
    return sheet


def test_a_sheet_with_unjudged_rows_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture):
    assert main(["audit", "score", str(unjudged_copy(tmp_path))]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().count("\n") == 0
    assert "1 of 6 entries are not judged (first: entry 2)" in captured.err


def test_partial_scores_the_judged_rows_only(tmp_path: Path, capsys: pytest.CaptureFixture):
    assert main(["audit", "score", "--partial", str(unjudged_copy(tmp_path))]) == 0
    printed = " ".join(capsys.readouterr().out.split())
    assert "(left out, not judged: 1 of 6)" in printed
    assert "rows judged 5" in printed


@pytest.mark.parametrize("field, value, message", [
    ("real_event", "maybe", "real_event must be yes or no"),
    ("date_right", "yes", "must be na"),  # entry 6 is not a real event
])
def test_answers_that_are_not_answers_are_refused(tmp_path: Path, field: str, value: str, message: str):
    entries = read_sheet(JUDGED_EXAMPLE)
    entries[-1][field] = value
    with pytest.raises(SheetError, match=message):
        judgements(entries, partial=True)


def test_a_file_that_is_not_a_sheet_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture):
    sheet = tmp_path / "notes.yaml"
    sheet.write_text("just: a mapping\n", encoding="utf-8")
    assert main(["audit", "score", str(sheet)]) == 2
    assert "holds no entries" in capsys.readouterr().err


def test_the_baseline_sheet_is_fully_judged():
    judged, unjudged = judgements(read_sheet(BASELINE))
    assert unjudged == 0 and len(judged) == 120


@needs_dev_documents
def test_a_shown_sample_draws_only_rows_of_the_default_view(tmp_path: Path):
    sheet = tmp_path / "shown.yaml"
    assert main(["audit", "sample", "--rows", "40", "--seed", "11", "--shown", "--out", str(sheet),
                 "--shared", str(SHARED)]) == 0
    entries = read_sheet(sheet)
    assert len(entries) == 40
    assert {entry["confidence"] for entry in entries} <= {"high", "medium"}
    assert "--shown" in sheet.read_text(encoding="utf-8").splitlines()[0]
