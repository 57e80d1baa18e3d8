"""`dateline eval --errors`: every TIMEX3 error against the gold, grouped by cause."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dateline.cli import main

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCORERS = SHARED / "eval"
needs_scorers = pytest.mark.skipif(not (SCORERS / "timex_score.py").is_file(),
                                   reason=f"the shared scorers are absent (looked in {SCORERS})")

HEAD = '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>d1</DOCID>\n<DCT><TIMEX3 tid="t0" type="DATE" value="2025-06-17">2025-06-17</TIMEX3></DCT>\n'
TEXT = "He said Tuesday that the talks were held in the spring of that era, up from the recent level."
# The gold disagrees with dateline three ways: "Tuesday" valued a week early, "recent" tagged (dateline
# does not tag it), and no TIMEX3 on "the spring" (dateline tags it).
GOLD = (HEAD + '<TEXT>He said <TIMEX3 tid="t1" type="DATE" value="2025-06-10">Tuesday</TIMEX3> that the talks '
        'were held in the spring of that era, up from the <TIMEX3 tid="t2" type="DATE" value="PAST_REF">'
        'recent</TIMEX3> level.</TEXT>\n</TimeML>\n')


def tiny_corpus(shared: Path, gold: str, text: str) -> None:
    """A shared folder holding the scorers and one corpus "tiny" of one document: its gold and input."""
    shutil.copytree(SCORERS, shared / "eval")
    corpus = shared / "corpora" / "tiny"
    (corpus / "gold").mkdir(parents=True)
    (corpus / "input").mkdir()
    (corpus / "gold" / "d1.tml").write_text(gold, encoding="utf-8")
    (corpus / "input" / "d1.tml").write_text(HEAD + f"<TEXT>{text}</TEXT>\n</TimeML>\n", encoding="utf-8")


@needs_scorers
def test_errors_are_listed_by_kind_and_cause(tmp_path, capsys):
    tiny_corpus(tmp_path, GOLD, TEXT)
    assert main(["eval", "--shared", str(tmp_path), "--errors", "tiny"]) == 0
    out = capsys.readouterr().out
    assert "== tiny: misaligned 0, missed 1, spurious 1, span 0, type 0, value 1" in out
    assert "DATE recent" in out  # the missed one, grouped by the shape of its text
    assert "weekday/weekday_past" in out  # the wrongly valued one, grouped by the rule that fired
    assert "gold 'Tuesday' DATE 2025-06-10 | system 'Tuesday' DATE 2025-06-17" in out


@needs_scorers
def test_an_unknown_corpus_is_refused(tmp_path, capsys):
    shutil.copytree(SCORERS, tmp_path / "eval")
    shutil.copytree(SHARED / "seed" / "timeml", tmp_path / "seed" / "timeml")
    assert main(["eval", "--shared", str(tmp_path), "--errors", "nosuch"]) == 2
    assert "no corpus named nosuch" in capsys.readouterr().err


@needs_scorers
def test_written_events_no_gold_event_overlaps_are_listed_by_kind_and_rule(tmp_path, capsys):
    # the gold marks "said" and "met" as events, not "sales" nor "higher"
    gold = (HEAD + '<TEXT>Acme <EVENT eid="e1" class="REPORTING">said</EVENT> Tuesday that sales were higher. '
            'Workers <EVENT eid="e2" class="OCCURRENCE">met</EVENT> on Monday.</TEXT>\n</TimeML>\n')
    tiny_corpus(tmp_path, gold, "Acme said Tuesday that sales were higher. Workers met on Monday.")
    assert main(["eval", "--shared", str(tmp_path), "--event-span-errors", "tiny"]) == 0
    out = capsys.readouterr().out
    # "sales" is an amount that changes, no row (dateline.events.non_events); "higher" is said of it
    assert "== tiny: 1 of 3 written EVENTs overlap no gold EVENT (precision 0.667)" in out
    assert "1  measure / nearest_in_sentence: higher 1" in out
    assert "d1.tml: Acme said Tuesday that sales were [higher]." in out
