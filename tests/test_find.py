"""The finder's shortcut (rules run only near their own anchor words) must find exactly what running
every rule over the whole text finds."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml

from dateline import find, text_shape
from dateline.sentences import ascii_lowered
from dateline.timeml import read_timeml

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


def _dev_texts() -> list[str]:
    """The TempEval dev documents' texts, where the shared folder is beside the project."""
    return [read_timeml(path).text for path in sorted((SEED_TEXT.parents[1] / "corpora").glob("*/input/*.tml"))]


def _full_search(monkeypatch, texts: list[str]) -> list[list]:
    """The mentions of each text found by every rule over the whole of it: one region holding every
    category the anchor pass knows."""
    everything = set(text_shape.anchor_categories().groupindex)
    monkeypatch.setattr(find, "_regions", lambda text: [(0, len(text), everything)])
    return [find.find_mentions(text) for text in texts]


def test_anchored_search_finds_what_a_full_search_finds(monkeypatch):
    texts = _texts() + _dev_texts()
    anchored = [find.find_mentions(text) for text in texts]
    assert _full_search(monkeypatch, texts) == anchored


# The farthest the rules reach around the anchor categories with a narrow window (find._REACH), each
# phrase alone among words that are no anchors, so its window meets no other.
_WIDEST_PHRASES = {
    "digit": ["the beginning of 1990", "the 1988 fiscal year", "at about 10:30 a.m. EDT", "the early 1990s",
              "10:30 a.m. EDT, on Wednesday"],
    "weekday": ["the this coming Tuesday overnight", "Wed.", "Wednesday, this coming September 30",
                "Tuesday, at 9 a.m."],
    "deictic": ["earlier today", "mid-afternoon today", "today overnight"],
    "reference": ["the near future"],
}
_FILLER = " The committee weighed the proposal with great care and spoke about it with its members. "


def test_narrow_windows_hold_the_widest_phrases(monkeypatch):
    assert set(_WIDEST_PHRASES) == set(find._REACH)
    phrases = [phrase for group in _WIDEST_PHRASES.values() for phrase in group]
    text = _FILLER + _FILLER.join(f"It happened {phrase} there." for phrase in phrases) + _FILLER
    anchored = find.find_mentions(text)
    for phrase in phrases:
        start = text.index(phrase)
        assert any(m.start <= start and start + len(phrase) <= m.end for m in anchored), phrase
    assert _full_search(monkeypatch, [text]) == [anchored]


def test_a_wide_window_takes_in_the_narrow_windows_it_reaches_back_over(monkeypatch):
    """"current" (a narrow window) then "year" (a wide one reaching back past it): one region, in which
    "the current fiscal year" is found whole."""
    text = _FILLER + "It will grow in the current fiscal year and at present." + _FILLER
    anchored = find.find_mentions(text)
    assert [m.text for m in anchored] == ["the current fiscal year", "at present"]
    assert _full_search(monkeypatch, [text]) == [anchored]


def test_a_year_before_per_cent_is_no_year_in_a_narrow_window():
    """The year rule looks past the figure for "per cent": the window after a digit must hold it."""
    assert not [m for m in find.find_mentions(_FILLER + "Prices rose 1995   per cent." + _FILLER) if m.rule == "year"]


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
        for m in text_shape.anchor_categories().finditer(text):
            if m.lastgroup == "digit" and expected and expected[-1][2] == "digit" and expected[-1][1] == m.start():
                expected[-1] = (expected[-1][0], m.end(), "digit")
            else:
                expected.append((m.start(), m.end(), m.lastgroup))
        assert list(text_shape.anchor_words(lowered)) == expected
