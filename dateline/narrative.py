"""Narratives: texts that tell of a time far from the day they were published.

A history of a war published in 2009 dates its events in 1917 or in 480 BC. There "in March",
"that autumn", "on 12 September", "by the end of the year" count from the time the story has reached
(the story time: the last date it mentioned, of a year or finer), not from the publication date, and
keep their own granularity ("in March" after "1917" is 1917-03, not 1917).

Whether a document is a narrative is read from the years it names explicitly ("1917", "June 1941",
"12 March 1918", "490 BC"), never from its name or source: news names the current year and its
neighbours; a narrative names mostly years well before its publication.

News that is no narrative can still tell a passage of a past year ("In 1862 the regiment marched south.
In October it reached the river"): passage_reaches says how far such a date sets the time.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from .model import Mention

# A year this many years or more before the publication year is far from it.
FAR_BEFORE = 2
# A narrative names at least this many far years, and far years are more than this share of its
# explicit years (news looks back to an earlier year now and then, not most of the time).
MIN_FAR_YEARS = 5
MIN_FAR_SHARE = 0.6
# News looking back at history still speaks of its own day ("today", "on Friday", "this week"); a
# history does so seldom: at most once for every this many far years it names.
FAR_YEARS_PER_PRESENT_WORD = 8
_OF_THE_PRESENT = frozenset({"deictic_day", "weekday", "relative_period"})


def explicit_years(mentions: Iterable[Mention]) -> list[int]:
    """The years the text writes out in digits (BC years as negative astronomical years: 490 BC is -489)."""
    years = []
    for mention in mentions:
        fields = mention.fields
        for name in ("y", "y2"):
            value = fields.get(name)
            if value and value.isdigit():
                years.append(1 - int(value) if fields.get("bc") else int(value))
    return years


def is_narrative(mentions: list[Mention], published: date) -> bool:
    """Whether most of the text's explicit years lie well before its publication, and it seldom speaks of
    its own present."""
    years = explicit_years(mentions)
    far = sum(1 for year in years if year <= published.year - FAR_BEFORE)
    if far < MIN_FAR_YEARS or far <= MIN_FAR_SHARE * len(years):
        return False
    return sum(1 for m in mentions if _of_the_present(m)) * FAR_YEARS_PER_PRESENT_WORD < far


def _of_the_present(mention: Mention) -> bool:
    """"today", "Friday", "this week", "last year": words that count from the day of writing (not "the
    following Monday", "the next decade", which count from the story)."""
    return mention.kind in _OF_THE_PRESENT and not mention.text[:4].lower() == "the "


def year_of(granularity: str, key) -> int:
    """The (astronomical) year a period starts in: a day's or a month's year, a year itself."""
    if granularity == "day":
        return key.year
    if granularity in ("week", "weekend", "month", "quarter", "half", "season"):
        return key[0]
    return key  # year


def month_of(granularity: str, key) -> int | None:
    """The month a period of a month or finer lies in; None for coarser periods."""
    if granularity == "day":
        return key.month
    if granularity == "month":
        return key[1]
    return None


def month_in_story(granularity: str, key, month: int) -> tuple[int, int]:
    """A month named without its year, in the story's year ("in February" after "1941": 1941-02)."""
    return year_of(granularity, key), month


def season_in_story(granularity: str, key, code: str) -> tuple[int, str]:
    """A season named without its year, in the story's year (winter: the one starting in December)."""
    return year_of(granularity, key), code


def month_next_to(granularity: str, key, month: int, offset: int) -> tuple[int, int]:
    """"the previous April" (offset < 0), "the following March" (offset > 0): the nearest such month
    before or after the story's month (before or after its year when the story time is a year)."""
    year, current = year_of(granularity, key), month_of(granularity, key)
    if current is None:
        return (year - 1 if offset < 0 else year + 1), month
    if offset < 0:
        return (year if month < current else year - 1), month
    return (year if month > current else year + 1), month


# The start of a sentence (or a heading) and at most OPENING_WORDS words before an expression.
OPENING_WORDS = 5
_SENTENCE_START = re.compile(r"(?:[.!?:;]\s+|\n\s*|^\s*)(?:\S+\s+){0,%d}$" % OPENING_WORDS)


def inside_a_sentence(text: str, start: int) -> bool:
    """Whether more than OPENING_WORDS words of its sentence come before an expression ("In the spring of 1976,"
    opens one)."""
    return _SENTENCE_START.search(text, max(0, start - 80), start) is None


# Between a passage's date and a later mention: what ends the passage's reach
_REPORTING = re.compile(r"\b(?:said|says|say|told|tells|reported|reports|announced|announces)\b", re.I)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?][\"')\u201d]?\s+(?=[\"'(\u201c]?[A-Z])")


def passage_reaches(text: str, end: int, start: int, sets_the_sentence: bool) -> bool:
    """Whether a date a passage of news named (ending at `end`) still sets the time at `start`: in the
    same paragraph, in the sentence after it, or later in its own sentence when it sets that sentence's
    time; not across a report's verb ("..., said profit fell in March" speaks from the day of writing)."""
    between = text[end:start]
    sentence_ends = len(_SENTENCE_END.findall(between))
    if _PARAGRAPH_BREAK.search(between) or sentence_ends > 1 or _REPORTING.search(between):
        return False
    return sentence_ends == 1 or sets_the_sentence
