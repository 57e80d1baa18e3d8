"""A sentence's triggers and clauses, each found once and only when first asked for, and the clause an
offset is in."""
from __future__ import annotations

import bisect
import math

from dateline.events.trigger_vocabulary import Vocabulary
from dateline.events.triggers import Trigger, find_triggers, lowered_for_words
from dateline.model import TemporalExpression
from dateline.sentences import Span, clause_spans


class SentenceParts:
    """A sentence's triggers (those not inside a time expression) and its clauses, each found once, when
    first asked for: many sentences read for their triggers never need their clauses."""

    def __init__(self, text: str, expressions: list[TemporalExpression], vocab: Vocabulary) -> None:
        self.text, self.vocab = text, vocab
        self.lowered = lowered_for_words(text)
        self.expression_starts = {e.start for e in expressions}
        self.taken = sorted((e.start, e.end) for e in expressions)
        self.triggers_of: dict[Span, list[Trigger]] = {}
        self.clauses_of: dict[Span, list[Span]] = {}

    def __call__(self, sentence: Span) -> tuple[list[Trigger], list[Span]]:
        return self.triggers(sentence), self.clauses(sentence)

    def triggers(self, sentence: Span) -> list[Trigger]:
        if sentence not in self.triggers_of:
            self.triggers_of[sentence] = [t for t in find_triggers(self.text, *sentence, self.vocab,
                                                                   lowered_text=self.lowered)
                                          if not _overlaps((t.start, t.end), self.taken)]
        return self.triggers_of[sentence]

    def clauses(self, sentence: Span) -> list[Span]:
        if sentence not in self.clauses_of:
            vocab = self.vocab
            self.clauses_of[sentence] = clause_spans(
                self.text, *sentence, vocab.clause_openers, vocab.clause_openers_after_comma,
                keep_before=self.expression_starts, reporting_verbs=vocab.reporting_verbs)
        return self.clauses_of[sentence]


def clause_of(clauses: list[Span], offset: int) -> Span:
    index = bisect.bisect_right(clauses, (offset, math.inf)) - 1
    if index >= 0 and clauses[index][0] <= offset < clauses[index][1]:
        return clauses[index]
    return next(c for c in clauses if c[0] <= offset < c[1])  # not ordered: look through them all


def _overlaps(span: Span, others: list[Span]) -> bool:
    """Whether span overlaps one of `others`, which are sorted and do not overlap each other."""
    index = bisect.bisect_right(others, (span[0], math.inf)) - 1
    return (index >= 0 and others[index][1] > span[0]) or (index + 1 < len(others) and others[index + 1][0] < span[1])
