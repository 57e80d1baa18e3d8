"""Confidence of a row's date, and one row per speaker's statements of a day."""
from __future__ import annotations

import dataclasses
from datetime import date

import pytest
import yaml

from dateline.confidence import Confidence, at_least, event_confidence, rated_link_rules
from dateline.enrich import timeline_events
from dateline.model import Event
from dateline.repeated_statements import without_repeated_statements
from dateline.tagger import tag
from dateline.timeml import read_timeml
from tests.conftest import SEED, SEED_NAME, SHARED


def _event(**fields) -> Event:
    base = dict(trigger="met", trigger_start=0, trigger_end=3, sentence="", sentence_start=0, sentence_end=0,
                times=(), relation="on", earliest=date(2025, 6, 17), latest=date(2025, 6, 17), granularity="day",
                link_rule="nearest_before_in_clause")
    return Event(**(base | fields))


def test_the_best_link_of_a_row_sets_its_confidence_and_a_measure_is_low_whatever_its_link():
    assert event_confidence(_event()).level == "high"
    assert event_confidence(_event(link_rule="nearest_in_clause+nearest_before_in_clause")).level == "high"
    assert event_confidence(_event(link_rule="nearest_in_sentence")).level == "low"
    assert event_confidence(_event(link_rule="carried_from_previous_sentence")).level == "medium"
    assert event_confidence(_event(link_rule="carried_from_previous_sentence", trigger_kind="noun")) \
        .reason == "carried_noun"
    assert event_confidence(_event(trigger_kind="measure")).level == "low"


def test_what_did_not_happen_or_only_might_and_beliefs_are_low_but_plans_keep_their_date_confidence():
    assert event_confidence(_event(polarity="negative")) == Confidence("low", "negated")
    assert event_confidence(_event(modality="possible")) == Confidence("low", "hypothetical")
    assert event_confidence(_event(modality="hoped")).level == "low"
    assert event_confidence(_event(modality="planned")).level == "high"
    assert event_confidence(_event(trigger="think")) == Confidence("low", "belief")
    assert event_confidence(_event(trigger="Believe")).level == "low"
    sentence = "Ford, which holds a stake, says it bid."
    start = sentence.index("holds")
    holds = _event(trigger="holds", sentence=sentence, trigger_start=start, trigger_end=start + 5,
                   link_rule="carried_from_previous_sentence")
    assert event_confidence(holds) == Confidence("low", "generic_present")
    start = sentence.index("says")
    says = dataclasses.replace(holds, trigger="says", trigger_start=start, trigger_end=start + 4)
    assert event_confidence(says).level == "medium"  # a statement, not a state


def test_an_unrated_link_rule_is_an_error_not_a_guess():
    with pytest.raises(ValueError, match="no confidence"):
        event_confidence(_event(link_rule="made_up"))


def test_levels_at_least():
    assert at_least("medium") == ("high", "medium")
    assert at_least("low") == ("high", "medium", "low")
    with pytest.raises(ValueError, match="one of high, medium, low"):
        at_least("certain")


def test_every_link_rule_the_linker_writes_on_the_dev_corpora_is_rated():
    documents = sorted((SHARED / "corpora").glob("*/input/*.tml"))[::5]
    if not documents:
        pytest.skip(f"the shared dev corpora are absent (looked in {SHARED / 'corpora'})")
    seen = set()
    for path in documents:
        document = read_timeml(path)
        for event in timeline_events(document.text, tag(document.text, document.published), document.published):
            seen.update(event.link_rule.split("+"))
            event_confidence(event)
    assert seen <= rated_link_rules()
    assert {"nearest_before_in_clause", "carried_from_previous_sentence", "nearest_in_clause"} <= seen


def test_a_speakers_repeated_statements_of_a_day_make_one_row_but_a_dated_one_stays():
    said = _event(trigger="said", kind="statement", who=("Sergei K. Shoigu",), link_rule="report_same_day")
    again = dataclasses.replace(said, trigger_start=50, trigger_end=54)
    in_april = dataclasses.replace(said, trigger_start=90, trigger_end=94, link_rule="nearest_before_in_clause",
                                   earliest=date(2025, 4, 1), latest=date(2025, 4, 30))
    window = dataclasses.replace(said, trigger_start=120, trigger_end=124, link_rule="publication_date_only",
                                 earliest=date(2025, 6, 16))
    other = dataclasses.replace(again, trigger_start=150, trigger_end=154, who=("Kim Jong-un",))
    kept = without_repeated_statements([said, again, in_april, window, other])
    assert [e.trigger_start for e in kept] == [0, 90, 150]


def test_the_seed_shows_its_twelve_events_and_few_more():
    """The analyst's default view (high and medium) of the seed: its twelve events, and at most six more."""
    text_path = SEED / f"{SEED_NAME}.txt"
    if not text_path.is_file():
        pytest.skip(f"the shared seed is absent (looked in {SEED})")
    text = text_path.read_text(encoding="utf-8")
    expected = yaml.safe_load((SEED / f"{SEED_NAME}.expected-events.yaml").read_text(encoding="utf-8"))["events"]
    published = date(2025, 6, 17)
    shown = [e for e in timeline_events(text, tag(text, published), published)
             if event_confidence(e).level in at_least("medium")]
    for wanted in expected:
        assert any(e.trigger == wanted["trigger"] and e.earliest == wanted["earliest"]
                   and e.latest == wanted["latest"] for e in shown), wanted
    assert len(shown) <= len(expected) + 6, [e.trigger for e in shown]
