"""The finder's shortcut (rules run only near their own anchor words) must find exactly what running
every rule over the whole text finds."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml

from dateline import find
from dateline.sentences import ascii_lowered

SEED_TEXT = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "north-korea-workers-kursk.txt"


def _texts() -> list[str]:
    texts = []
    for entry in resources.files("dateline").joinpath("examples").iterdir():
        if entry.name.endswith(".yaml"):
            texts += [case["text"] for case in yaml.safe_load(entry.read_text("utf-8"))]
    if SEED_TEXT.is_file():
        texts.append(SEED_TEXT.read_text("utf-8"))
    return texts


def test_every_rule_declares_its_anchors():
    assert {rule.name for rule in find.rules()} == set(find.RULE_NEEDS)
    assert all(rule.needs for rule in find.rules())


def test_anchored_search_finds_what_a_full_search_finds(monkeypatch):
    texts = _texts()
    anchored = [find.find_mentions(text) for text in texts]
    everything = set(find._anchor_categories().groupindex)  # every category the anchor pass knows
    monkeypatch.setattr(find, "_regions", lambda text: [(0, len(text), everything)])
    assert [find.find_mentions(text) for text in texts] == anchored


def test_every_rule_match_holds_its_clues():
    """A rule is skipped where its clues are missing, so each clue must occur in every match it makes."""
    assert set(find.RULE_CLUES) | set(find.RULE_CLUE_PATTERNS) <= set(find.RULE_NEEDS)
    for text in _texts():
        text = text if text.isascii() else text.translate(find._UNICODE_SPACES)
        for rule in find.rules():
            for m in rule.pattern.finditer(text):
                assert find._holds_clues(ascii_lowered(m.group()), rule), (rule.name, m.group())


def test_lowered_patterns_match_where_the_rules_match():
    """Rules run case-sensitively over a lowercased copy: the matches must be those of the rules themselves."""
    texts = _texts() + ["WASHINGTON, MAY 4 -- At 9 A.M. EST, Three Years Ago, $5 A DAY, In The 1990S"]
    for text in texts:
        text = text if text.isascii() else text.translate(find._UNICODE_SPACES)
        lowered = ascii_lowered(text)
        for rule in find.rules():
            assert [m.regs for m in rule.lowered_pattern.finditer(lowered)] \
                == [m.regs for m in rule.pattern.finditer(text)], rule.name


def test_rules_are_written_in_lower_case():
    assert find._capital_letters(r"(?P<month>may)\s+\S[a-z]") == []
    assert find._capital_letters(r"[A-Z]\d+EST") == ["A", "Z", "E", "S", "T"]


def test_anchor_words_are_those_of_the_category_pattern():
    """The fast anchor pass finds the words, and their categories, of the one-group-per-category pattern
    (a run of digits as one anchor)."""
    texts = _texts() + ["Summers and FALLS, labor\n day, 1990s the past\tweek; mid-1990 tonight's 4-day"]
    for text in texts:
        lowered = ascii_lowered(text)
        expected: list[tuple[int, int, str]] = []
        for m in find._anchor_categories().finditer(text):
            if m.lastgroup == "digit" and expected and expected[-1][2] == "digit" and expected[-1][1] == m.start():
                expected[-1] = (expected[-1][0], m.end(), "digit")
            else:
                expected.append((m.start(), m.end(), m.lastgroup))
        assert list(find._anchor_words(lowered)) == expected
