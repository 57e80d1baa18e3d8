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
    assert event_confidence(_event(link_rule="carried_from_previous_sentence")).level == "low"
    assert event_confidence(_event(link_rule="carried_from_previous_sentence", trigger_kind="noun")) \
        .reason == "carried_noun"
    assert event_confidence(_event(trigger_kind="measure")).level == "low"


@pytest.mark.parametrize("sentence, level", [
    ("Afterward, he told reporters the talks went well.", "medium"),
    ("Later the convoy turned back.", "medium"),
    ("\u201cThey then drove to the border.", "medium"),
    ("After that, the ministers signed a joint statement.", "medium"),
    ("She declined to comment.", "medium"),
    ("The port has been busy for years.", "low"),  # background, not the story going on
    ("Thereafter prices rose.", "low"),  # not a listed opener
    ("Hence the delay.", "low"),  # "He" only as a whole word
    ("Theyre late.", "low"),
])
def test_the_storys_time_carried_is_shown_only_where_the_sentence_says_it_goes_on(sentence: str, level: str):
    carried = _event(link_rule="carried_from_previous_sentence", sentence=sentence)
    assert event_confidence(carried).level == level
    assert event_confidence(dataclasses.replace(carried, trigger_kind="noun")).reason == "carried_noun"


def test_a_measure_is_low_whatever_its_link():
    assert event_confidence(_event(trigger_kind="measure", link_rule="time_after_in_clause")).level == "low"


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
                   link_rule="publication_date_only")
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


def _statement(sentence: str, start: int, **fields) -> Event:
    """A "said" of Mr. Shoigu, the sentence's first, in a sentence starting at `start`."""
    offset = sentence.index("said")
    return _event(**({"trigger": "said", "kind": "statement", "who": ("Sergei K. Shoigu",), "link_rule": "report_same_day",
                      "sentence": sentence, "sentence_start": start, "sentence_end": start + len(sentence),
                      "trigger_start": start + offset, "trigger_end": start + offset + 4} | fields))


def test_a_speakers_repeated_statements_of_a_day_make_one_row_but_a_dated_one_stays():
    said = _statement("'We will help,' Mr. Shoigu said.", 0)
    again = _statement("'The workers will come soon,' Mr. Shoigu said.", 100)
    in_april = _statement("'We agreed in April,' Mr. Shoigu said.", 200, link_rule="nearest_before_in_clause",
                          earliest=date(2025, 4, 1), latest=date(2025, 4, 30))
    window = _statement("'It is settled,' he said.", 300, link_rule="publication_date_only", earliest=date(2025, 6, 16))
    other = _statement("'We thank our friends,' Kim said.", 400, who=("Kim Jong-un",))
    kept = without_repeated_statements([said, again, in_april, window, other])
    assert [e.trigger_start for e in kept] == [said.trigger_start, in_april.trigger_start, other.trigger_start]


def test_a_statement_its_verb_opens_is_news_of_its_own_and_stays():
    said = _statement("'We will help,' Mr. Shoigu said.", 0)
    opens = _statement("Mr. Shoigu said the workers would rebuild the bridges of the region.", 100)
    tells_that = _statement("On television, Mr. Shoigu said that the roads were cleared.", 200)
    quoted_again = _statement("'Nothing will stop us,' said Mr. Shoigu.", 300)
    kept = without_repeated_statements([said, opens, tells_that, quoted_again])
    assert [e.trigger_start for e in kept] == [said.trigger_start, opens.trigger_start, tells_that.trigger_start]


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
