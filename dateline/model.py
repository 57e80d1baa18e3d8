"""The domain's records: articles, what was rejected and why, temporal expressions, events.

Plain dataclasses, no Dagster and no I/O. Every stage of the pipeline hands these to the next.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Article:
    """One accepted news article."""

    article_id: str  # stable, derived from the content (see dateline.ingest.ids)
    source_file: str  # path relative to the raw folder, "/"-separated
    source_line: int | None  # 1-based line of a .jsonl, or entry of a feed; None for one-article files
    text: str
    published_utc: datetime  # timezone-aware, UTC
    published_local_date: date  # the publisher's calendar date: what relative expressions resolve against
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    byline: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Quarantined:
    """A raw input (a file, or one line of a line-oriented file) that did not become an article."""

    source_file: str
    source_line: int | None
    reason: str  # a short stable code, e.g. "missing_published", "bad_json", "empty_text"
    detail: str  # a human-readable explanation


@dataclass(frozen=True, slots=True)
class Mention:
    """A temporal expression as found in the text, before any resolution.

    `fields` holds what the text itself says (e.g. {"month": 6, "day": 4}); nothing is guessed here.
    """

    start: int
    end: int
    text: str
    kind: str  # which resolver handles it, e.g. "weekday", "month_day", "relative_unit"
    rule: str  # the finding rule that matched
    fields: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TemporalExpression:
    """A resolved temporal expression with the reasons for its value."""

    start: int
    end: int
    text: str
    type: str  # TIMEX3 type: DATE, TIME, DURATION or SET
    value: str  # TIMEX3 value, e.g. 2025-06-17, 2024-WI, P30Y, PRESENT_REF, XXXX-06-04
    earliest: date | None  # first calendar day the expression can denote (None for durations/sets)
    latest: date | None  # last calendar day
    granularity: str | None  # day, week, month, season, quarter, half, year, decade, century, ...
    anchor: str  # "publication_date", "previous_expression" or "none"
    direction: str  # "past", "future", "same" or "none": where the value lies relative to the anchor
    direction_source: str  # "explicit_word", "tense", "default" or "none"
    rule: str  # finding rule + resolving rule, e.g. "weekday/weekday_by_tense"
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, MORE_THAN, LESS_THAN, BEFORE, AFTER...
    quant: str | None = None  # TIMEX3 quant for sets: EACH, EVERY
    freq: str | None = None  # TIMEX3 freq for sets, e.g. 2X
    anchor_value: str | None = None  # the value of the anchor actually used


@dataclass(frozen=True, slots=True)
class Participant:
    """Someone taking part in an event: a person, an organisation, a country, a product or an unnamed group."""

    text: str  # as written at this mention ("Mr. Shoigu", "he", "a Russian official")
    name: str  # the article's fullest name for it ("Sergei K. Shoigu"); the text itself for groups
    kind: str  # person, organization, country, product, group
    country: str | None  # ISO 3166-1 alpha-3: the country itself, or the nationality named
    start: int
    end: int
    method: str  # how it was found and resolved, e.g. "subject", "pronoun", "passive_agent"
    entity_id: str | None = None  # the entity it is (dateline.entities.ids); None for an unnamed group


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happened, with its gazetteer entry where one is known."""

    text: str  # as written ("the North Korean capital", "Russia's Kursk region")
    name: str  # resolved name ("Pyongyang", "Kursk region")
    kind: str  # city, country, us_state, region
    country: str | None  # ISO 3166-1 alpha-3
    geonames_id: int | None
    latitude: float | None  # WGS84; a city's point, never a made-up centroid
    longitude: float | None
    start: int
    end: int
    method: str  # how it was found, e.g. "preposition_in_clause", "capital_named_in_text"


@dataclass(frozen=True, slots=True)
class Event:
    """An event in the text dated by one or more temporal expressions."""

    trigger: str
    trigger_start: int
    trigger_end: int
    sentence: str  # the quote: the sentence holding the trigger
    sentence_start: int
    sentence_end: int
    times: tuple[TemporalExpression, ...]  # the expressions that date it ("this past winter and spring": two)
    relation: str  # on, since, until, during, before, after
    earliest: date
    latest: date
    granularity: str
    link_rule: str  # how the trigger was tied to its time
    trigger_kind: str = "verb"  # verb, noun, copula, state, infinitive or measure (dateline.events.triggers._trigger_kind)
    who: tuple[str, ...] = ()
    where: tuple[str, ...] = ()
    agents: tuple[str, ...] = ()  # the names of who did it or said it, a part of `who` (dateline.participants.agents)
    participants: tuple[Participant, ...] = ()
    places: tuple[Place, ...] = ()
    description: str = ""  # the clause holding the trigger: what happened, in the article's words
    kind: str = "other"  # coarse kind of event (statement, meeting, visit, conflict, ...): see vocabulary/event_kinds.yaml
    polarity: str = "positive"  # positive, or negative where the event is denied or did not happen
    modality: str = "actual"  # actual, planned, expected, possible, hoped: only "actual" events are past facts
    factuality_rule: str = ""  # the cue that set polarity and modality
