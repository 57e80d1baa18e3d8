"""One row for a speaker's statements on one day, not one per quote.

A story quotes its main speaker again and again ("..., Mr. Shoigu said." five times): each "said" is
the same act of speaking, dated by the story's day or the publication date, and five rows would say
nothing more than one. A statement row whose date comes from no time of its own (carried in the
story, a report's day, the publication date) is dropped when an earlier statement row of the article
has the same speaker and dates that overlap its own (the publication window holds the story's day). A
statement dated by a time of its own ("said in April") is always kept: it is news of its own.
"""
from __future__ import annotations

from dateline.events import CARRIED_ACROSS_PARAGRAPH_RULE, CARRIED_RULE
from dateline.model import Event

# Link rules that give a statement no date of its own: one inferred from the story, a report or the publication.
_INFERRED_DATES = frozenset({CARRIED_RULE, CARRIED_ACROSS_PARAGRAPH_RULE, "report_same_day", "report_lead_day",
                             "publication_date_only"})


def without_repeated_statements(events: list[Event]) -> list[Event]:
    """The events less the statements that repeat an earlier one of the same speaker and dates, in order."""
    spoken: dict[str, list[Event]] = {}  # each speaker's statements kept so far
    kept = []
    for event in events:
        if event.kind == "statement" and event.who:
            earlier = spoken.setdefault(event.who[0], [])
            if event.link_rule in _INFERRED_DATES and any(
                    e.earliest <= event.latest and event.earliest <= e.latest for e in earlier):
                continue
            earlier.append(event)
        kept.append(event)
    return kept
