"""One row for a speaker's statements on one day, not one per quote.

A story quotes its main speaker again and again ("..., Mr. Shoigu said." five times): each "said" is
the same act of speaking, dated by the story's day or the publication date, and five rows would say
nothing more than one. A statement row whose date comes from no time of its own (carried in the
story, a report's day, the publication date) is dropped when an earlier statement row of the article
has the same speaker and dates that overlap its own (the publication window holds the story's day). A
statement dated by a time of its own ("said in April") is always kept: it is news of its own.
"""
from __future__ import annotations

import re

from dateline.events import CARRIED_ACROSS_PARAGRAPH_RULE, CARRIED_RULE
from dateline.model import Event

# Link rules that give a statement no date of its own: one inferred from the story, a report or the publication.
_INFERRED_DATES = frozenset({CARRIED_RULE, CARRIED_ACROSS_PARAGRAPH_RULE, "report_same_day", "report_lead_day",
                             "publication_date_only"})


# Before an attributing verb: the quote or clause it closes, a comma or closing quote, then its subject in
# at most four words (", Mr. Shoigu said", "'' he added") or none (", said the minister").
_ATTRIBUTION = re.compile(r"(?:,|''|[\"”’])\s*(?:[\w.'’-]+\s+){0,4}$")

_WORD = re.compile(r"[A-Za-z]+")
_THAT = re.compile(r"\bthat\b", re.IGNORECASE)
_ATTRIBUTION_TAIL = 8  # words after an attributing verb: its subject and where it spoke (", said Gen. Ivan Petrov in Moscow.")


def is_attribution(event: Event) -> bool:
    """A reporting verb that follows the statement it attributes ("..., Mr. Shoigu said"), not one that
    opens a statement of its own ("Castro said a group of exiles was planning ...")."""
    offset = event.trigger_start - event.sentence_start
    if offset <= 0 or not _ATTRIBUTION.search(event.sentence, max(0, offset - 60), offset):
        return False
    after = event.sentence[event.trigger_end - event.sentence_start:]
    return len(_WORD.findall(after)) <= _ATTRIBUTION_TAIL and not _THAT.search(after)


def without_repeated_statements(events: list[Event]) -> list[Event]:
    """The events less the statements that repeat an earlier one of the same speaker and dates, in order."""
    spoken: dict[str, list[Event]] = {}  # each speaker's statements kept so far
    kept = []
    for event in events:
        if event.kind == "statement" and event.who:
            earlier = spoken.setdefault(event.who[0], [])
            if event.link_rule in _INFERRED_DATES and is_attribution(event) and any(
                    e.earliest <= event.latest and event.earliest <= e.latest for e in earlier):
                continue
            earlier.append(event)
        kept.append(event)
    return kept
