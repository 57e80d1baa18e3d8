"""A period named by its last day: "the quarter ended Sept. 29", "the fiscal year ended Jan. 31", "its
fourth quarter ended June 30". Companies' fiscal periods need not be calendar ones: the day the text
gives ends the period, and the period reaches back its length from there (a quarter three months, a
half six, a year twelve, "nine months" nine), from the first day of its first month. An event dated by
the period's words or by its last day, or by the same period named again later ("the quarter"), is
dated by that whole period instead (and "the 1988 period" by the same months of 1988); its link rule gains
"+period_ended" and its times the end day.

Applied to the timeline's rows (dateline.enrich); TimeML output keeps the link to the expression itself.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from dateline.model import Event, TemporalExpression

RULE = "period_ended"
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
            "eleven": 11, "twelve": 12}
_UNIT_MONTHS = {"quarter": 3, "half": 6, "year": 12, "month": 1, "months": 1}
# The period's words right before "ended"/"ending" and its end day: "quarter", "fiscal year", "nine months".
_PERIOD_BEFORE_END = re.compile(
    r"\b(?:(?P<count>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[\s-]+)?"
    r"(?P<unit>quarter|half|year|months?)\s+(?:that\s+)?(?:ended|ending|ends)\s+$", re.IGNORECASE)


_YEAR_PERIOD = re.compile(r"the\s+(\d{4})\s+(?:period|quarter)", re.IGNORECASE)  # "the 1988 period"
_NAMED_AGAIN = re.compile(r"(?:the|that)\s+(quarter|half)", re.IGNORECASE)  # "the quarter": the one just named


def with_periods_ended(text: str, events: list[Event], expressions: list[TemporalExpression]) -> list[Event]:
    """The events, those dated by a period its last day names dated by the whole period."""
    ends = _period_ends(text, expressions)
    if not ends:
        return events
    result = []
    for event in events:
        found = next((ends[t.start] for t in event.times if t.start in ends), None)
        if found is None or len(event.times) > 1 and not all(t.start in ends for t in event.times):
            result.append(event)
            continue
        earliest, latest, granularity, end_day = found
        result.append(replace(event, earliest=earliest, latest=latest, granularity=granularity,
                              times=tuple(dict.fromkeys((*event.times, end_day))),
                              link_rule=f"{event.link_rule}+{RULE}"))
    return result


def _period_ends(text: str, expressions: list[TemporalExpression]
                 ) -> dict[int, tuple[date, date, str, TemporalExpression]]:
    """For the start of each end day, and of each period expression just before it ("fourth quarter"),
    the period: (first day, last day, granularity, the end day's expression)."""
    days = [e for e in expressions if e.type == "DATE" and e.granularity == "day" and e.latest is not None]
    found = {}
    named: list[tuple[int, str, tuple[date, date, str, TemporalExpression]]] = []  # (end, unit, period), in order
    for end_day in days:
        words = _PERIOD_BEFORE_END.search(text, max(0, end_day.start - 40), end_day.start)
        if not words:
            continue
        count = words.group("count")
        months = _UNIT_MONTHS[words.group("unit").lower()] * (
            (int(count) if count.isdigit() else _NUMBERS[count.lower()]) if count else 1)
        if not 1 <= months <= 24:
            continue
        last = end_day.latest
        first_month = last.year * 12 + last.month - months  # months since year 0 of the first month, 0-based
        first = date(first_month // 12, first_month % 12 + 1, 1)
        granularity = {3: "quarter", 6: "half", 12: "year"}.get(months, "month")
        period = (first, last, granularity, end_day)
        found[end_day.start] = period
        for expression in expressions:  # the period's own words, when they are an expression ("fourth quarter")
            if expression.end <= words.end() and expression.end >= words.start("unit"):
                found[expression.start] = period
        named.append((end_day.end, words.group("unit").lower(), period))
    for expression in expressions:  # the period named again later ("Sun shipped 28,000 systems in the quarter")
        again = _NAMED_AGAIN.fullmatch(expression.text)
        if expression.start in found or not again:
            continue
        earlier = [p for end, unit, p in named if end <= expression.start and unit == again.group(1).lower()]
        if earlier:
            found[expression.start] = earlier[-1]
    for expression in expressions:  # the same period of another year ("In the 1988 period, the company earned")
        other_year = _YEAR_PERIOD.fullmatch(expression.text)
        earlier = [p for end, _, p in named if end <= expression.start]
        if expression.start in found or not other_year or not earlier:
            continue
        first, last, granularity, end_day = earlier[-1]
        shift = last.year - int(other_year.group(1))
        if shift > 0:  # its months, that year, whole: the day the earlier period ended is not known
            found[expression.start] = (date(first.year - shift, first.month, 1),
                                       _month_end(last.year - shift, last.month), granularity, end_day)
    return found


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
