"""What an analyst needs beyond the date: each event's clause, kind, participants, place and factuality.

Runs after the events are linked to their times (dateline.events), on the same text: finding the
article's names once, then for each event its clause (the description), its kind, who and where
(dateline.participants) and whether it happened (dateline.factuality).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from dateline.event_kinds import event_kind
from dateline.events import extract_events
from dateline.events import vocabulary as event_vocabulary
from dateline.factuality import factuality
from dateline.model import Event, TemporalExpression
from dateline.participants import ArticleNames, participants_and_places
from dateline.sentences import Span, clause_spans
from dateline.undated import publication_dated_statements

DESCRIPTION_LIMIT = 300  # characters: a clause, not a paragraph


def timeline_events(text: str, expressions: list[TemporalExpression], published: date) -> list[Event]:
    """Every event of an article for the timeline: those its time expressions date, the statements
    only the publication date bounds (marked so), each enriched; in text order."""
    dated = extract_events(text, expressions)
    events = sorted(dated + publication_dated_statements(text, dated, published), key=lambda e: e.trigger_start)
    return enrich_events(text, events, published)


def enrich_events(text: str, events: list[Event], published: date) -> list[Event]:
    """The events with description, kind, participants, places, polarity and modality filled in."""
    if not events:
        return events
    names = ArticleNames(text)
    vocab = event_vocabulary()
    enriched = []
    for event in events:
        clauses = clause_spans(text, event.sentence_start, event.sentence_end, vocab.clause_openers,
                               vocab.clause_openers_after_comma, keep_before={t.start for t in event.times})
        clause = next((c for c in clauses if c[0] <= event.trigger_start < c[1]),
                      (event.sentence_start, event.sentence_end))
        kind = event_kind(event.trigger)
        participants, places = participants_and_places(names, event, clauses, clause, kind)
        enriched.append(replace(
            event,
            description=describe(text, clause),
            kind=kind,
            participants=participants,
            places=places,
            who=tuple(dict.fromkeys(p.name for p in participants)),
            where=tuple(dict.fromkeys(p.name for p in places)),
            **factuality(text, event, published, clause),
        ))
    return enriched


def describe(text: str, clause: Span) -> str:
    """The clause as a one-line description, shortened at a word boundary when very long."""
    description = " ".join(text[clause[0]:clause[1]].split()).strip(" ,;:—–-")
    if len(description) <= DESCRIPTION_LIMIT:
        return description
    cut = description.rfind(" ", 0, DESCRIPTION_LIMIT)
    return description[:cut if cut > 0 else DESCRIPTION_LIMIT] + " …"
