"""Entities scored against a hand-annotated gold set (`dateline eval --entities`).

The gold folder holds `documents/<name>.yaml`, one per annotated document:
    {document: X.tml, corpus: timebank, published: YYYY-MM-DD,
     entities: [{id, name, kind, mentions: [{start, end, text}]}]}
(offsets into the plain text of corpora/<corpus>/input/<document>; one id in two documents is one
entity), and `timelines.yaml`:
    {entities: [{id, name, events: [{document, trigger, start, end, earliest, latest, granularity, quote}]}]}

The system side is what the pipeline makes of each document: dateline.enrich.article_timeline on its
text and its creation date (DCT), the events and the article's entities with every mention (names,
pronouns, descriptions).

Scores:
- mention linking, within each document: each gold entity is mapped to the system entity that holds
  most of its mentions (a system mention holds a gold mention when their spans overlap; ties go to the
  entity mentioned first). A gold mention is found when a system mention overlaps it, and linked when
  that mention's entity is the one its gold entity maps to. Recall = linked gold mentions / gold
  mentions; precision = system mentions that overlap a gold mention of the gold entity mapped to their
  own entity / all system mentions of the documents.
- cross-document identity, over pairs of (document, gold entity) in two different documents: a gold
  pair shares a gold id; a system pair maps to one system id. Precision and recall of the pairs.
- entity timeline: for each entity of timelines.yaml, the system's timeline rows, in the documents that
  mention it (or date one of its events), whose participants include the system entity it maps to in
  that document. A row is right when its trigger overlaps a gold event's trigger of that document (each
  gold event matched once) and its earliest and latest days equal the gold's. Precision = right rows /
  rows, recall = matched gold events / gold events, over all annotated entities. Scored twice: over
  every row, and over the analyst's default view (confidence high or medium,
  dateline.confidence.SHOWN_BY_DEFAULT), whose rows are matched the same way against the same gold.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path

import yaml

from dateline.confidence import SHOWN_BY_DEFAULT, event_confidence
from dateline.enrich import article_timeline
from dateline.model import Event
from dateline.tagger import tag
from dateline.timeml import read_timeml

Span = tuple[int, int]


@dataclass(frozen=True)
class GoldEntity:
    id: str
    name: str
    kind: str
    mentions: tuple[Span, ...]


@dataclass(frozen=True)
class GoldDocument:
    document: str
    corpus: str
    entities: tuple[GoldEntity, ...]


@dataclass(frozen=True)
class GoldEvent:
    entity: str
    document: str
    start: int
    end: int
    earliest: date
    latest: date


@dataclass
class SystemDocument:
    """What the pipeline makes of one document: its mentions (span -> entity id) and its events."""

    mentions: list[tuple[int, int, str]]
    events: list[Event]


@dataclass
class Counts:
    right: int = 0
    found: int = 0  # system side
    expected: int = 0  # gold side
    recalled: int = 0  # gold items matched (differs from `right` where matching is not one-to-one)

    def scores(self) -> dict[str, float | int]:
        precision = self.right / self.found if self.found else 0.0
        recall = self.recalled / self.expected if self.expected else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "right": self.right, "system": self.found, "gold": self.expected}


@dataclass
class EntityScores:
    documents: int
    linking: Counts = field(default_factory=Counts)
    cross_document: Counts = field(default_factory=Counts)
    timeline: Counts = field(default_factory=Counts)
    timeline_shown: Counts = field(default_factory=Counts)  # the default view: high and medium rows

    def as_dict(self) -> dict[str, object]:
        return {"documents": self.documents, "mention_linking": self.linking.scores(),
                "cross_document_identity": self.cross_document.scores(), "entity_timeline": self.timeline.scores(),
                "entity_timeline_shown": self.timeline_shown.scores()}


def load_gold(gold_dir: Path) -> tuple[list[GoldDocument], list[GoldEvent]]:
    documents = []
    for path in sorted((gold_dir / "documents").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entities = tuple(GoldEntity(str(e["id"]), str(e["name"]), str(e["kind"]),
                                    tuple((int(m["start"]), int(m["end"])) for m in e.get("mentions") or ()))
                         for e in data.get("entities") or ())
        documents.append(GoldDocument(str(data["document"]), str(data["corpus"]), entities))
    events = []
    timelines = gold_dir / "timelines.yaml"
    if timelines.is_file():
        for entity in (yaml.safe_load(timelines.read_text(encoding="utf-8")) or {}).get("entities") or ():
            for event in entity.get("events") or ():
                events.append(GoldEvent(str(entity["id"]), str(event["document"]), int(event["start"]), int(event["end"]),
                                        _day(event["earliest"]), _day(event["latest"])))
    return documents, events


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def system_document(path: Path) -> SystemDocument:
    """The pipeline's reading of a TimeML document: the same calls as tagging an article."""
    document = read_timeml(path)
    events, entities = article_timeline(document.text, tag(document.text, document.published), document.published)
    mentions = [(m.start, m.end, m.entity_id) for m in entities.mentions]
    return SystemDocument(sorted(mentions), events)


def score_entities(gold_dir: Path, corpora_dir: Path) -> EntityScores:
    reading = read_against_gold(gold_dir, corpora_dir)
    scores = EntityScores(documents=len(reading.documents), linking=reading.linking)
    _score_identity(reading.mapped, scores.cross_document)
    _score_timeline(reading.documents, reading.gold_events, reading.systems, reading.mapped, scores.timeline)
    _score_timeline(reading.documents, reading.gold_events, reading.systems, reading.mapped, scores.timeline_shown,
                    shown_only=True)
    return scores


@dataclass
class GoldReading:
    """The gold, the system's reading of each gold document, and each gold entity's system entity."""

    documents: list[GoldDocument]
    gold_events: list[GoldEvent]
    systems: dict[str, SystemDocument]  # document -> the system's reading
    mapped: dict[tuple[str, str], str | None]  # (document, gold id) -> system entity id
    linking: Counts


def read_against_gold(gold_dir: Path, corpora_dir: Path) -> GoldReading:
    documents, gold_events = load_gold(gold_dir)
    reading = GoldReading(documents, gold_events, {}, {}, Counts())
    for gold in documents:
        system = reading.systems[gold.document] = system_document(corpora_dir / gold.corpus / "input" / gold.document)
        _score_linking(gold, system, reading.mapped, reading.linking)
    return reading


def _overlapping(mentions: list[tuple[int, int, str]], span: Span) -> tuple[int, int, str] | None:
    """The system mention overlapping `span` most (the first of equals)."""
    best, best_overlap = None, 0
    for start, end, entity in mentions:
        overlap = min(end, span[1]) - max(start, span[0])
        if overlap > best_overlap:
            best, best_overlap = (start, end, entity), overlap
    return best


def _score_linking(gold: GoldDocument, system: SystemDocument, mapped: dict, counts: Counts) -> None:
    first_mention = {}
    for start, _, entity in system.mentions:
        first_mention.setdefault(entity, start)
    holders: dict[str, dict[Span, tuple[int, int, str] | None]] = {}
    for entity in gold.entities:
        holders[entity.id] = {span: _overlapping(system.mentions, span) for span in entity.mentions}
        votes = Counter(m[2] for m in holders[entity.id].values() if m)
        mapped[(gold.document, entity.id)] = min(votes, key=lambda e: (-votes[e], first_mention[e])) if votes else None
    rightly_held: set[tuple[int, int, str]] = set()
    for entity in gold.entities:
        target = mapped[(gold.document, entity.id)]
        for span, holder in holders[entity.id].items():
            counts.expected += 1
            if holder and holder[2] == target:
                counts.recalled += 1
        for mention in system.mentions:
            if mention[2] == target and any(min(mention[1], e) > max(mention[0], s) for s, e in entity.mentions):
                rightly_held.add(mention)
    counts.found += len(system.mentions)
    counts.right += len(rightly_held)


def _score_identity(mapped: dict[tuple[str, str], str | None], counts: Counts) -> None:
    items = sorted(mapped.items())
    for ((doc_a, gold_a), sys_a), ((doc_b, gold_b), sys_b) in combinations(items, 2):
        if doc_a == doc_b:
            continue
        same_gold = gold_a == gold_b
        same_system = sys_a is not None and sys_a == sys_b
        counts.expected += same_gold
        counts.found += same_system
        counts.right += same_gold and same_system
        counts.recalled += same_gold and same_system


def _score_timeline(documents: list[GoldDocument], gold_events: list[GoldEvent], systems: dict[str, SystemDocument],
                    mapped: dict, counts: Counts, shown_only: bool = False) -> None:
    counts.expected += len(gold_events)
    for document in timeline_documents(documents, gold_events, systems, mapped, shown_only):
        counts.found += len(document.rows)
        counts.right += len(document.matches)
        counts.recalled += len(document.matches)


@dataclass
class TimelineDocument:
    """One timeline entity in one document: the system entity it maps to, the rows naming it, its gold
    events there, and which row matched which event (row index -> event index)."""

    entity: str
    document: str
    target: str | None
    rows: list[Event]
    events: list[GoldEvent]
    matches: dict[int, int]


def timeline_documents(documents: list[GoldDocument], gold_events: list[GoldEvent],
                       systems: dict[str, SystemDocument], mapped: dict,
                       shown_only: bool = False) -> list[TimelineDocument]:
    """Each timeline entity in each document that mentions it or dates one of its events, with its rows
    matched to its gold events: a row matches the first unmatched event whose trigger it overlaps and
    whose earliest and latest days it equals."""
    mentioned_in: dict[str, set[str]] = {}
    for gold in documents:
        for entity in gold.entities:
            mentioned_in.setdefault(entity.id, set()).add(gold.document)
    by_entity: dict[str, list[GoldEvent]] = {}
    for event in gold_events:
        by_entity.setdefault(event.entity, []).append(event)
    result = []
    for entity, events in by_entity.items():
        for document in sorted(mentioned_in.get(entity, set()) | {e.document for e in events}):
            target = mapped.get((document, entity))
            system = systems.get(document)
            here = [e for e in events if e.document == document]
            if target is None or system is None:
                result.append(TimelineDocument(entity, document, target, [], here, {}))
                continue
            rows = [e for e in system.events if any(p.entity_id == target for p in e.participants)
                    and (not shown_only or event_confidence(e).level in SHOWN_BY_DEFAULT)]
            unmatched = list(range(len(here)))
            matches = {}
            for index, row in enumerate(rows):
                match = next((g for g in unmatched if _overlap(row, here[g])
                              and (row.earliest, row.latest) == (here[g].earliest, here[g].latest)), None)
                if match is not None:
                    unmatched.remove(match)
                    matches[index] = match
            result.append(TimelineDocument(entity, document, target, rows, here, matches))
    return result


def _overlap(row: Event, event: GoldEvent) -> bool:
    return min(row.trigger_end, event.end) > max(row.trigger_start, event.start)


def format_scores(scores: EntityScores) -> str:
    lines = [f"entities: {scores.documents} documents",
             f"{'':26}{'precision':>10}{'recall':>10}{'F1':>10}{'right':>8}{'system':>8}{'gold':>8}"]
    for label, key in (("mention linking", "mention_linking"), ("cross-document identity", "cross_document_identity"),
                       ("entity timeline", "entity_timeline"),
                       ("  default view", "entity_timeline_shown")):
        row = scores.as_dict()[key]
        lines.append(f"{label:26}{row['precision']:>10.4f}{row['recall']:>10.4f}{row['f1']:>10.4f}"
                     f"{row['right']:>8}{row['system']:>8}{row['gold']:>8}")
    return "\n".join(lines)
