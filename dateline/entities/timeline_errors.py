"""Why the entity timeline misses gold events and keeps wrong rows (`dateline eval --entities --errors`).

Read against the same gold and the same matching as the score (dateline.entities.scoring): every gold
timeline event no row matched, and every row of a timeline entity that matched no gold event, each with
its entity, document, sentence, trigger, gold and system dates, and one cause:

missed gold events
- rated_low (with --shown only): a row matches the event, rated low, so the default view leaves it out;
- entity_not_found: no system entity holds the entity's mentions in this document;
- no_row_repeated_statement_merged: the row was there, and merged into the speaker's earlier statement
  of the day (dateline.repeated_statements);
- no_row_trigger_not_dated: the event word is a trigger, but no time dated it (dateline.events);
- no_row_trigger_not_found: the event word is no trigger (dateline.events);
- date_wrong: a row naming the entity has the trigger, with other earliest/latest days;
- entity_linked_wrongly: the trigger's row has a participant on one of the entity's gold mentions,
  tied to another entity;
- mention_not_linked: the trigger's row does not name the entity, and no mention in the sentence is
  tied to it (the mention is not found, or linked elsewhere);
- not_a_participant: the sentence's mention is tied to the entity, but the row's participants leave it
  out (who-finding inside the sentence).

rows matching no gold event
- date_wrong: the trigger is a gold event of the entity, the days differ;
- duplicate: the trigger's gold event is already matched by another row;
- entity_linked_wrongly: the participant that names the entity lies on no gold mention of it (the gold
  entity it lies on, if any, is given);
- not_an_event: the trigger overlaps no EVENT of the corpus's TimeML gold;
- undated_statement: a statement only the publication date bounds, or one in the perfect ("has said") on or
  before it (the gold leaves undated statements out);
- not_actual: a possible, hoped or negated event (the gold leaves those out);
- not_a_participant: the trigger is a gold event of another timeline entity in the sentence, not of this
  one: the participant should not have been named;
- low_confidence_not_in_gold: none of the above, and the row's date is a low-confidence guess (the
  nearest time of a sentence that does not govern the trigger, a new paragraph, a measure): the gold
  does not date this event for the entity, mostly because the text does not date it at all;
- not_in_gold_timeline: none of the above, a row of high or medium confidence: an event the gold does
  not date for this entity (read the sentence: the entity is not an argument, or the gold reads the
  event as undated or not counted).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dateline.confidence import event_confidence
from dateline.enrich import article_timeline
from dateline.events import find_triggers
from dateline.entities.scoring import GoldEvent, GoldReading, read_against_gold, timeline_documents
from dateline.evaluate import scorer_module
from dateline.model import Event
from dateline.sentences import sentence_spans
from dateline.tagger import tag
from dateline.timeml import read_timeml
from dateline.undated import LINK_RULE as PUBLICATION_DATE_ONLY, PERFECT_RULE as PERFECT_STATEMENT

Span = tuple[int, int]


@dataclass(frozen=True)
class TimelineError:
    side: str  # "missed" (a gold event) or "wrong" (a system row)
    cause: str
    entity: str
    document: str
    trigger: str
    sentence: str
    gold: tuple[date, date] | None
    system: tuple[date, date] | None
    detail: str = ""  # the participants, the link rule, the gold entity a wrong link lies on


def timeline_errors(gold_dir: Path, corpora_dir: Path, scorers: Path | None = None,
                    reading: GoldReading | None = None, shown_only: bool = False) -> list[TimelineError]:
    """Every missed gold event and every unmatched row of the entity timeline, each with its cause.
    `scorers` is the shared scorers' folder (its event_spans reader tells real events; without it no row
    is called not_an_event). With `shown_only`, of the analyst's default view (high and medium rows), as
    its score is: a gold event a low row matches is missed as `rated_low`."""
    reading = reading or read_against_gold(gold_dir, corpora_dir)
    gold_mentions: dict[tuple[str, str], list[Span]] = {}
    corpus_of = {}
    for gold in reading.documents:
        corpus_of[gold.document] = gold.corpus
        for entity in gold.entities:
            gold_mentions[(gold.document, entity.id)] = list(entity.mentions)
    spans_reader = scorer_module(scorers, "event_spans").spans if scorers else None
    event_spans: dict[str, list[Span]] = {}
    texts: dict[str, str] = {}
    unmerged: dict[str, _Unmerged] = {}
    errors: list[TimelineError] = []
    every_row = {(f.entity, f.document): f for f in timeline_documents(
        reading.documents, reading.gold_events, reading.systems, reading.mapped)} if shown_only else {}
    for found in timeline_documents(reading.documents, reading.gold_events, reading.systems, reading.mapped,
                                    shown_only):
        document = found.document
        if document not in texts:
            timeml = read_timeml(corpora_dir / corpus_of[document] / "input" / document)
            texts[document] = timeml.text
            unmerged[document] = _Unmerged(timeml.text, timeml.published)
            gold_file = corpora_dir / corpus_of[document] / "gold" / document
            event_spans[document] = spans_reader(gold_file) if spans_reader and gold_file.is_file() else []
        text = texts[document]
        mine = gold_mentions.get((document, found.entity), [])
        system = reading.systems[document]
        matched_events = set(found.matches.values())
        for index, event in enumerate(found.events):
            if index in matched_events:
                continue
            every = every_row.get((found.entity, document))
            low = _matched_low_row(every, index)
            if low is not None:
                cause, detail, row = "rated_low", _row_detail(low), low
            else:  # why no row, of all rows, matched it
                cause, detail, row = _missed_cause(found.target, event, system.events, every.rows if every else found.rows,
                                                   mine, system.mentions, unmerged[document])
            errors.append(TimelineError("missed", cause, found.entity, document, text[event.start:event.end],
                                        _sentence(text, event.start, event.end, row), (event.earliest, event.latest),
                                        (row.earliest, row.latest) if row else None, detail))
        for index, row in enumerate(found.rows):
            if index in found.matches:
                continue
            cause, detail, event = _wrong_cause(found.target, row, found.events, matched_events, mine, reading,
                                                document, found.entity, event_spans[document])
            errors.append(TimelineError("wrong", cause, found.entity, document, row.trigger, " ".join(row.sentence.split()),
                                        (event.earliest, event.latest) if event else None, (row.earliest, row.latest),
                                        detail))
    return errors


def _matched_low_row(every_row, event_index: int) -> Event | None:
    """The row of all rows (not only those shown) that matched the gold event, if any: a right row the
    default view leaves out because it is rated low."""
    if every_row is None:
        return None
    return next((every_row.rows[r] for r, e in every_row.matches.items() if e == event_index), None)


def _missed_cause(target: str | None, event: GoldEvent, events: list[Event], rows: list[Event], mine: list[Span],
                  mentions: list[tuple[int, int, str]], unmerged: _Unmerged) -> tuple[str, str, Event | None]:
    if target is None:
        return "entity_not_found", "", None
    row = next((r for r in rows if _overlaps((r.trigger_start, r.trigger_end), (event.start, event.end))), None)
    if row is not None:
        return "date_wrong", _row_detail(row), row
    row = next((r for r in events if _overlaps((r.trigger_start, r.trigger_end), (event.start, event.end))), None)
    if row is None:
        return _no_row_cause(event, unmerged), "", None
    for participant in row.participants:
        if any(_overlaps((participant.start, participant.end), span) for span in mine):
            return "entity_linked_wrongly", _row_detail(row), row
    linked = any(row.sentence_start <= start < row.sentence_end and entity == target for start, _, entity in mentions)
    return ("not_a_participant" if linked else "mention_not_linked"), _row_detail(row), row


def _no_row_cause(event: GoldEvent, unmerged: _Unmerged) -> str:
    """Why no row holds the event's trigger: merged into a speaker's earlier statement of the day, a
    trigger word left undated, or no trigger found at all."""
    span = (event.start, event.end)
    if any(_overlaps((r.trigger_start, r.trigger_end), span) for r in unmerged.rows()):
        return "no_row_repeated_statement_merged"
    if any(_overlaps((t.start, t.end), span) for t in unmerged.triggers(event.start)):
        return "no_row_trigger_not_dated"
    return "no_row_trigger_not_found"


class _Unmerged:
    """One document's rows before a speaker's repeated statements are merged, and its trigger words,
    read when first asked for."""

    def __init__(self, text: str, published: date) -> None:
        self.text, self.published = text, published
        self._rows: list[Event] | None = None
        self._sentences = sentence_spans(text)

    def rows(self) -> list[Event]:
        if self._rows is None:
            self._rows = article_timeline(self.text, tag(self.text, self.published), self.published,
                                          merge_repeated=False)[0]
        return self._rows

    def triggers(self, offset: int) -> list:
        sentence = next(((s, e) for s, e in self._sentences if s <= offset < e), (offset, offset + 1))
        return find_triggers(self.text, *sentence)


def _wrong_cause(target: str, row: Event, events: list[GoldEvent], matched: set[int], mine: list[Span],
                 reading: GoldReading, document: str, entity: str,
                 corpus_events: list[Span]) -> tuple[str, str, GoldEvent | None]:
    trigger = (row.trigger_start, row.trigger_end)
    detail = _row_detail(row)
    for index, event in enumerate(events):
        if _overlaps(trigger, (event.start, event.end)):
            return ("duplicate" if index in matched else "date_wrong"), detail, event
    naming = [p for p in row.participants if p.entity_id == target]
    if not any(_overlaps((p.start, p.end), span) for p in naming for span in mine):
        lies_on = _gold_entity_at(reading, document, naming)
        return "entity_linked_wrongly", f"{detail}; gold there: {lies_on or 'no entity'}", None
    if corpus_events and not any(_overlaps(trigger, span) for span in corpus_events):
        return "not_an_event", detail, None
    if row.link_rule in (PUBLICATION_DATE_ONLY, PERFECT_STATEMENT):
        return "undated_statement", detail, None
    if row.modality in ("possible", "hoped", "expected") or row.polarity == "negative":
        return "not_actual", detail, None
    others = [e for e in reading.gold_events if e.document == document and e.entity != entity
              and _overlaps(trigger, (e.start, e.end))]
    if others:
        return "not_a_participant", f"{detail}; gold event of {others[0].entity}", None
    if event_confidence(row).level == "low":
        return "low_confidence_not_in_gold", detail, None
    return "not_in_gold_timeline", detail, None


def _gold_entity_at(reading: GoldReading, document: str, participants) -> str | None:
    for gold in reading.documents:
        if gold.document != document:
            continue
        for entity in gold.entities:
            if any(_overlaps((p.start, p.end), span) for p in participants for span in entity.mentions):
                return entity.id
    return None


def _row_detail(row: Event) -> str:
    who = ", ".join(f"{p.text}={p.method}" for p in row.participants)
    return (f"{row.link_rule} ({event_confidence(row).level}), {row.modality}/{row.polarity}; "
            f"participants: {who or 'none'}")


def _overlaps(a: Span, b: Span) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _sentence(text: str, start: int, end: int, row: Event | None) -> str:
    if row is not None:
        return " ".join(row.sentence.split())
    span = next(((s, e) for s, e in sentence_spans(text) if s <= start < e), (start, end))
    return " ".join(text[span[0]:span[1]].split())


def format_timeline_errors(errors: list[TimelineError], examples: int | None = None) -> str:
    """Totals per side and cause, then each error (all of them, or the first `examples` of a cause)."""
    lines = []
    for side, title in (("missed", "gold timeline events missed"), ("wrong", "system rows matching no gold event")):
        members = [e for e in errors if e.side == side]
        causes = Counter(e.cause for e in members)
        lines.append(f"== {title}: {len(members)}")
        for cause, count in sorted(causes.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {count:4d}  {cause}")
        for cause, _ in sorted(causes.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"-- {side} / {cause}")
            listed = [e for e in members if e.cause == cause]
            for error in listed[:examples] if examples is not None else listed:
                lines.append(f"  {error.entity} | {error.document} | [{error.trigger}] "
                             f"gold {_days(error.gold)} system {_days(error.system)}")
                lines.append(f"      {error.sentence[:300]}")
                if error.detail:
                    lines.append(f"      {error.detail}")
    return "\n".join(lines)


def _days(days: tuple[date, date] | None) -> str:
    if days is None:
        return "-"
    return days[0].isoformat() if days[0] == days[1] else f"{days[0].isoformat()}..{days[1].isoformat()}"
