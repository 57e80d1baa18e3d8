"""The participant gold scorer (`dateline eval --participants`): name matching, the three figures,
missing rows, and the gold files themselves."""
from __future__ import annotations

from pathlib import Path

from dateline.audit.participant_gold import GoldEntry, read_gold, same_name, score_participants

GOLD = Path(__file__).resolve().parent / "participant_gold"


def test_names_match_by_their_words():
    assert same_name("officials", "a Russian official")
    assert same_name("King Hussein", "Hussein")
    assert same_name("Fournier", "Mr. Marc Fournier")
    assert not same_name("Iraq", "Iraqi troops")
    assert not same_name("Lazaro Gonzalez", "Juan Miguel Gonzalez")


def _entry(start: int, agent=(), also=(), wrong=()) -> GoldEntry:
    return GoldEntry("corpus/doc.tml", start, "said", tuple(agent), tuple(also), tuple(wrong))


def test_scores_count_first_agent_wrong_names_and_missing_rows():
    gold = [_entry(1, agent=["Ana Ruiz"]),                      # right
            _entry(2, agent=["Ana Ruiz"], wrong=["Lisbon"]),    # agent second, a wrong place
            _entry(3, agent=[], also=["the boy"]),              # no agent named, nothing wrong
            _entry(4, agent=["Acme"])]                          # row missing
    rows = {("corpus/doc.tml", 1): {"who": ["Ana Ruiz"], "quote": "q"},
            ("corpus/doc.tml", 2): {"who": ["Lisbon", "Ana Ruiz"], "quote": "q"},
            ("corpus/doc.tml", 3): {"who": ["the boy"], "quote": "q"}}
    scores = score_participants(gold, rows)
    assert (scores.rows, scores.with_agent, scores.missing) == (4, 3, 1)
    assert (scores.agent_first, scores.no_wrong, scores.exact) == (1, 2, 2)
    assert len(scores.failures) == 2 and "missing row" in scores.failures[-1]


def test_gold_files_read():
    gold = read_gold(GOLD)
    assert len(gold) >= 90
    assert all(entry.document.endswith(".tml") and entry.start >= 0 for entry in gold)
    assert len({(entry.document, entry.start) for entry in gold}) == len(gold)
