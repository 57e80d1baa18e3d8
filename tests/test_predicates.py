"""A copula's EVENT in TimeML reaches to its predicate's head; the row keeps the copula as its trigger."""
from __future__ import annotations

from datetime import date

import pytest

from dateline.enrich import timeline_events
from dateline.events.predicates import predicate_head
from dateline.tagger import tag
from dateline.timeml import annotate, parse_timeml

PUBLISHED = date(2025, 6, 17)


def _document(text: str):
    return parse_timeml(f'<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="{PUBLISHED}">'
                        f"{PUBLISHED}</TIMEX3></DCT><TEXT>{text}</TEXT></TimeML>")


def _written(text: str) -> list[str]:
    document = _document(text)
    return [document.text[e.trigger_start:e.trigger_end] for e in annotate(document).events]


@pytest.mark.parametrize("text, event", [
    ("Mr. Roe was finance minister until last year.", "was finance minister"),
    ("The island has been independent since 1901.", "been independent"),
    ("Her father was a U.S. Navy pilot until 1974.", "was a U.S. Navy pilot"),
    ("The harbour was not quiet on Sunday.", "was not quiet"),
])
def test_a_copulas_event_holds_its_predicate(text, event):
    assert event in _written(text)


@pytest.mark.parametrize("text, event", [
    ("On Monday there were also nurses in the convoy.", "were"),  # presence: the subject is what is there
    ("The convoy was under guard on Monday.", "was"),  # a phrase after a preposition has no head word
])
def test_a_copula_without_a_head_word_stays_alone(text, event):
    assert event in _written(text)


def test_the_row_keeps_the_copula_as_trigger():
    text = "Mr. Roe was finance minister until last year."
    rows = timeline_events(text, tag(text, PUBLISHED), PUBLISHED)
    assert [e.trigger for e in rows] == ["was"]


def test_no_head_past_a_time_a_pronoun_or_a_lone_name():
    text = "That was him. The winner was Acme. It was Friday."
    assert predicate_head(text, 5, 8, 13, []) is None
    assert predicate_head(text, 25, 28, 34, []) is None
    friday = text.index("Friday")
    assert predicate_head(text, friday - 4, friday - 1, len(text), [(friday, friday + 6)]) is None
