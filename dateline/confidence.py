"""How far an event row's date can be trusted: high, medium or low, and why.

Decided from how the trigger was tied to its time (Event.link_rule) and what kind of word it is
(Event.trigger_kind), by the table in dateline/vocabulary/confidence.yaml: a time that governs the
trigger's clause is high, a statement bounded by the publication date or the story's time carried into
a sentence that goes on with the story ("Afterward, he told reporters") is medium, the nearest time of a sentence that does not govern the trigger is low, and so is a measure
("income", "closed at") whatever its link. An event that did not happen or only might ("refused to
order", "would have met", "hopes to visit", "expects to report": Event.polarity and Event.modality, set by
dateline.factuality), a belief ("I think") and a present state in a relative clause ("a card that
converts", "Ford, which holds a stake") and a row whose time only bounds it ("extended its offer until
Nov. 9": relation until) are low too: rows kept, out of the default view.
docs/confidence.md gives the examples.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dateline.events import CARRIED_RULE, vocabulary
from dateline.model import Event
from dateline.vocabulary_files import VOCABULARY_DIR, load_vocabulary

LEVELS = ("high", "medium", "low")  # best first
SHOWN_BY_DEFAULT = ("high", "medium")
_RANK = {level: rank for rank, level in enumerate(LEVELS)}


@dataclass(frozen=True, slots=True)
class Confidence:
    level: str  # high, medium or low
    reason: str  # e.g. time_governs_clause, story_time, publication_date, nearest_time, measure


@dataclass(frozen=True, slots=True)
class _Table:
    by_link_rule: dict[str, Confidence]
    by_trigger_kind: dict[str, Confidence]
    carried_noun: Confidence
    carried_continuing: Confidence
    pronoun_opening: re.Pattern
    by_polarity: dict[str, Confidence]
    by_modality: dict[str, Confidence]
    by_relation: dict[str, Confidence]
    relations_kept_for: frozenset[str]
    belief: Confidence
    belief_words: frozenset[str]
    generic_present: Confidence
    generic_present_after: frozenset[str]


@cache
def _table(path: Path = VOCABULARY_DIR / "confidence.yaml") -> _Table:
    data = load_vocabulary(path)

    def entry(value: dict) -> Confidence:
        if value["confidence"] not in _RANK:
            raise ValueError(f"{path.name}: unknown confidence {value['confidence']!r}")
        return Confidence(value["confidence"], value["reason"])

    return _Table(
        by_link_rule={rule: entry(value) for rule, value in data["link_rules"].items()},
        by_trigger_kind={kind: entry(value) for kind, value in data["trigger_kinds"].items()},
        carried_noun=entry(data["carried_nouns"]),
        carried_continuing=entry(data["carried_continuing"]),
        pronoun_opening=_opener_pattern(data["carried_continuing"]["pronoun_subjects"]),
        by_polarity={value: entry(rating) for value, rating in data["polarity"].items()},
        by_modality={value: entry(rating) for value, rating in data["modality"].items()},
        by_relation={value: entry(rating) for value, rating in data["relations"].items()},
        relations_kept_for=frozenset(str(kind) for kind in data["relations_kept_for"]),
        belief=entry(data["beliefs"]),
        belief_words=frozenset(str(word).lower() for word in data["beliefs"]["words"]),
        generic_present=entry(data["generic_present"]),
        generic_present_after=frozenset(str(word).lower() for word in data["generic_present"]["after"]),
    )


def event_confidence(event: Event) -> Confidence:
    """The confidence of an event's date. A link rule the table does not know is an error: every rule
    the linker writes must be rated."""
    table = _table()
    if event.trigger_kind in table.by_trigger_kind:
        return table.by_trigger_kind[event.trigger_kind]
    # what did not happen, or only might: a row to keep, not one to show by default
    if event.polarity in table.by_polarity:
        return table.by_polarity[event.polarity]
    if event.modality in table.by_modality:
        return table.by_modality[event.modality]
    if event.relation in table.by_relation and event.trigger_kind not in table.relations_kept_for:
        # "extended its offer until Nov. 9": a deadline or an end, not the day of the happening
        return table.by_relation[event.relation]
    if event.trigger.lower() in table.belief_words:
        return table.belief
    if _generic_present(event, table.generic_present_after):
        return table.generic_present
    rules = event.link_rule.split("+")
    try:
        best = min((table.by_link_rule[rule] for rule in rules), key=lambda c: _RANK[c.level])
    except KeyError as missing:
        raise ValueError(f"link rule {missing} has no confidence in confidence.yaml") from None
    if rules == [CARRIED_RULE]:
        if event.trigger_kind == "noun":
            return table.carried_noun
        if vocabulary().narrative_continuation.match(event.sentence) or table.pronoun_opening.match(event.sentence):
            return table.carried_continuing
    return best


def _opener_pattern(words: list[str]) -> re.Pattern:
    """The sentence opens with one of `words` (any case, after quotation marks), as a whole word."""
    return re.compile(r"[\s\"'‘“(]*(?:" + "|".join(re.escape(str(word)) for word in words) + r")\b", re.IGNORECASE)


_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")


def _generic_present(event: Event, after: frozenset[str]) -> bool:
    """A verb in the present -s form opening a relative clause: what something does or is, not a
    happening ("a card that converts", "Ford, which holds a stake")."""
    low = event.trigger.lower()
    if event.trigger_kind != "verb" or not low.endswith("s") or low.endswith(("ss", "us", "is")) \
            or low in vocabulary().present_verbs:
        return False  # "says", "reports": statements
    offset = event.trigger_start - event.sentence_start
    before = _WORD_BEFORE.search(event.sentence, max(0, offset - 20), offset)
    return bool(before) and before.group(1).lower() in after


def rated_link_rules() -> frozenset[str]:
    return frozenset(_table().by_link_rule)


def at_least(level: str) -> tuple[str, ...]:
    """The levels as good as `level` or better: at_least("medium") is ("high", "medium")."""
    if level not in _RANK:
        raise ValueError(f"confidence must be one of {', '.join(LEVELS)}, not {level!r}")
    return LEVELS[:_RANK[level] + 1]
