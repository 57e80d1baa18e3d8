"""What an analyst needs beyond the date: each event's clause, kind, participants, place and factuality.

Runs after the events are linked to their times (dateline.events), on the same text: finding the
article's names and entities once (dateline.entities), then for each event its clause (the description), its kind, who and where
(dateline.participants) and whether it happened (dateline.factuality).
"""
from __future__ import annotations

from datetime import date

from dateline.event_kinds import event_kind
from dateline.events import extract_events
from dateline.events.period_ends import with_periods_ended
from dateline.events import vocabulary as event_vocabulary
from dateline.factuality import factuality
from dateline.model import Event, TemporalExpression
from dateline.entities import ArticleEntities
from dateline.participants import ArticleNames, participants_and_places
from dateline.repeated_statements import without_repeated_statements
from dateline.sentences import Span, clause_spans, sentence_spans
from dateline.current_states import current_states
from dateline.undated import publication_dated_statements

DESCRIPTION_LIMIT = 300  # characters: a clause, not a paragraph


def timeline_events(text: str, expressions: list[TemporalExpression], published: date) -> list[Event]:
    """Every event of an article for the timeline: those its time expressions date (a period its last day
    names, "the quarter ended Sept. 29", as that whole period: dateline.events.period_ends), the statements
    only the publication date bounds and the states said to hold now (dated at publication, marked so),
    each enriched, a speaker's repeated statements on one
    day once (dateline.repeated_statements); in text order."""
    return article_timeline(text, expressions, published)[0]


def article_timeline(text: str, expressions: list[TemporalExpression],
                     published: date, merge_repeated: bool = True) -> tuple[list[Event], ArticleEntities]:
    """timeline_events, and the article's entities its participants are drawn from. `merge_repeated`
    False keeps a speaker's repeated statements (the error listings ask which rows the merge took)."""
    sentences = sentence_spans(text)
    dated = with_periods_ended(text, extract_events(text, expressions, sentences), expressions)
    undated = publication_dated_statements(text, dated, published, sentences)
    undated += current_states(text, dated, published, sentences)
    names = ArticleNames(text, sentences=sentences, times=[(e.start, e.end) for e in expressions])
    events = enrich_events(text, sorted(dated + undated, key=lambda e: e.trigger_start), published, sentences,
                           names=names)
    return without_repeated_statements(events) if merge_repeated else events, names.entities


def enrich_events(text: str, events: list[Event], published: date, sentences: list[Span] | None = None,
                  times: list[Span] | None = None, names: ArticleNames | None = None) -> list[Event]:
    """The events with description, kind, participants, places, polarity and modality filled in.
    `times` are the spans of the article's time expressions (default: those of the events); `names`
    the article's names, if already found (with those times)."""
    if not events:
        return events
    if names is None:
        if times is None:
            times = list({(t.start, t.end) for e in events for t in e.times})
        names = ArticleNames(text, sentences=sentences, times=times)
    vocab = event_vocabulary()
    # A sentence's clauses are cut once for all its events; a time phrase of any of them keeps its
    # signal word ("until last year") from opening a clause.
    times_by_sentence: dict[Span, set[int]] = {}
    for event in events:
        times_by_sentence.setdefault((event.sentence_start, event.sentence_end), set()).update(t.start for t in event.times)
    clauses_of = {sentence: clause_spans(text, *sentence, vocab.clause_openers, vocab.clause_openers_after_comma,
                                         keep_before=times) for sentence, times in times_by_sentence.items()}
    enriched = []
    for event in events:
        clauses = clauses_of[(event.sentence_start, event.sentence_end)]
        clause = next((c for c in clauses if c[0] <= event.trigger_start < c[1]),
                      (event.sentence_start, event.sentence_end))
        kind = event_kind(event.trigger)
        participants, places, agents = participants_and_places(names, event, clauses, clause, kind)
        enriched.append(_with_enrichment(
            event,
            description=describe(text, clause),
            kind=kind,
            participants=participants,
            places=places,
            who=tuple(dict.fromkeys(p.name for p in participants)),
            agents=agents,
            where=tuple(dict.fromkeys(p.name for p in places)),
            **factuality(text, event, published, clause),
        ))
    return enriched


def _with_enrichment(event: Event, **enrichment: object) -> Event:
    """The event with its enrichment fields set: dataclasses.replace, built directly (three times faster,
    and done for every event)."""
    return Event(
        trigger=event.trigger, trigger_start=event.trigger_start, trigger_end=event.trigger_end,
        sentence=event.sentence, sentence_start=event.sentence_start, sentence_end=event.sentence_end,
        times=event.times, relation=event.relation, earliest=event.earliest, latest=event.latest,
        granularity=event.granularity, link_rule=event.link_rule, trigger_kind=event.trigger_kind, **enrichment)


def describe(text: str, clause: Span) -> str:
    """The clause as a one-line description, shortened at a word boundary when very long."""
    description = " ".join(text[clause[0]:clause[1]].split()).strip(" ,;:—–-")
    if len(description) <= DESCRIPTION_LIMIT:
        return description
    cut = description.rfind(" ", 0, DESCRIPTION_LIMIT)
    return description[:cut if cut > 0 else DESCRIPTION_LIMIT] + " …"
