"""What every linking pass makes: a Link of a trigger to a time, named by its rule; and which times can
date events, or are vague references."""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from dateline.events.triggers import Trigger
from dateline.model import TemporalExpression
from dateline.sentences import Span


@dataclass(frozen=True, slots=True)
class Link:
    trigger: Trigger
    expression: TemporalExpression
    relation: str
    rule: str
    clause: Span  # the trigger's clause


def dates_events(expression: TemporalExpression) -> bool:
    """Whether an expression can date an event: a DATE or TIME with known calendar bounds.

    Durations ("for months"), sets ("a month") and vague references ("now") date nothing.
    """
    return (
        expression.type in ("DATE", "TIME")
        and expression.earliest is not None
        and expression.latest is not None
        and not expression.value.endswith("_REF")
    )


def is_vague_reference(expression: TemporalExpression) -> bool:
    return expression.type in ("DATE", "TIME") and expression.value.endswith("_REF")


def times_by_sentence(sentences: list[Span], expressions: list[TemporalExpression]) -> list[list[TemporalExpression]]:
    """For each sentence, its expressions that date events or are vague references, in one pass."""
    starts = [s[0] for s in sentences]
    grouped: list[list[TemporalExpression]] = [[] for _ in sentences]
    for expression in expressions:
        index = bisect.bisect_right(starts, expression.start) - 1
        if index >= 0 and expression.start < sentences[index][1] and (
                dates_events(expression) or is_vague_reference(expression)):
            grouped[index].append(expression)
    return grouped
