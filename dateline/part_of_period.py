"""The part of a period an expression names, as a narrower interval.

"late November" is not the whole month but its last third, "early next year" the first third of the
year, "mid-March" the middle third: the period's days cut in three, for START, MID and END written as
"early", "mid"/"middle" and "late". "earlier this month" and "later this year" (also START and END in
TimeML) name the part of the period before or after the anchor they are said on: June 1 to 16 when said
on June 17. The TIMEX3 value stays the period's (1999-11, mod END), as TimeML writes it; only the
calendar bounds an event row takes from the expression narrow, and the rule says so (+part_of_period,
+before_anchor, +after_anchor). Only periods of a month or longer are cut in thirds: "late last week"
stays the week.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from dateline.model import TemporalExpression

_THIRD = {"START": 0, "MID": 1, "END": 2}
# A week's third is two days: "late last week" is read as the week, which is what a reader can rely on.
_SHORTEST_CUT = 28
_PART_WORD = re.compile(r"\b(?:early|mid|middle|late)\b", re.IGNORECASE)
_BEFORE_ANCHOR = re.compile(r"\bearlier\s+this\b", re.IGNORECASE)
_AFTER_ANCHOR = re.compile(r"\blater\s+this\b", re.IGNORECASE)


def narrowed(expression: TemporalExpression) -> TemporalExpression:
    """The expression with earliest..latest cut to the part of the period it names; unchanged otherwise."""
    if expression.type != "DATE" or expression.earliest is None or expression.latest is None or not expression.mod:
        return expression
    anchor = _day(expression.anchor_value)
    if anchor and _BEFORE_ANCHOR.search(expression.text) and expression.earliest < anchor <= expression.latest:
        return replace(expression, latest=anchor - timedelta(days=1), rule=expression.rule + "+before_anchor")
    if anchor and _AFTER_ANCHOR.search(expression.text) and expression.earliest <= anchor < expression.latest:
        return replace(expression, earliest=anchor + timedelta(days=1), rule=expression.rule + "+after_anchor")
    part = _THIRD.get(expression.mod)
    days = (expression.latest - expression.earliest).days + 1
    if part is None or days < _SHORTEST_CUT or not _PART_WORD.search(expression.text):
        return expression
    third = days // 3
    start = expression.earliest + timedelta(days=part * third)
    end = expression.latest if part == 2 else start + timedelta(days=third - 1)
    return replace(expression, earliest=start, latest=end, rule=expression.rule + "+part_of_period")


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
