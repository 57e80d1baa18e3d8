"""Vague references ("now", "in the past", "recently") tied to a trigger as a date would be: TimeML
output writes these links, but with no calendar bounds they make no Event."""
from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.events.governing import choose_trigger, relation_of
from dateline.events.links import is_vague_reference
from dateline.events.sentence_parts import SentenceParts
from dateline.events.trigger_vocabulary import vocabulary
from dateline.events.triggers import Trigger
from dateline.model import TemporalExpression
from dateline.sentences import sentence_at, sentence_spans


@dataclass(frozen=True, slots=True)
class VagueLink:
    """A trigger tied to a vague reference ("now", "in the past", "recently"): TimeML relates them, but
    with no calendar bounds the pair makes no timeline event."""
    trigger: Trigger
    expression: TemporalExpression
    relation: str
    rule: str


# Between an adverbial time word and the verb it modifies: nothing but spaces, or a helper verb.
_ADVERB_GAP = re.compile(r"\s+(?:(?:has|have|had|is|are|was|were|will|would|be|been|being)\s+){0,2}")


def vague_reference_links(text: str, expressions: list[TemporalExpression]) -> list[VagueLink]:
    """Each vague reference tied to the trigger its clause gives it, as a DATE expression would be."""
    vocab = vocabulary()
    sentences = sentence_spans(text)
    parts = SentenceParts(text, expressions, vocab)
    links = []
    for expression in expressions:
        sentence = sentence_at(sentences, expression.start) if is_vague_reference(expression) else None
        if sentence is None:
            continue
        triggers, clauses = parts(sentence)
        following = next((t for t in triggers if t.start >= expression.end), None)
        if following and _ADVERB_GAP.fullmatch(text, expression.end, following.start):
            chosen = following, "adverb_before_verb"  # "now serves", "recently took"
        else:
            chosen = choose_trigger(expression, triggers, clauses, text)
        if chosen and chosen[0].row:
            relation = "on" if chosen[1] == "time_modifies_noun" else relation_of(text, sentence[0], expression, vocab)
            links.append(VagueLink(chosen[0], expression, relation, chosen[1]))
    return links
