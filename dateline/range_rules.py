"""Finder rules for the parts of a date a history writes that news seldom does: ranges of days and of
years, years before Christ, a year in two digits, a 24-hour clock, a month "of that year".

Rows of the finder's rule table (dateline.find.RULE_TABLE: name, resolver kind, pattern over the
vocabulary's macros, priority), with the anchor categories each needs and the clue words each match
holds; kept apart from find.py, which reads them in. Every end of a range is an expression of its own
("1914-1918" is two years), as the TimeML corpora annotate them.
"""
from __future__ import annotations

RULES = [
    # "August of that year", "July 25 of the same year": in the year the text is on
    ("month_that_year", "month", r"\b(?P<month>{MONTH_FULL})\s+of\s+(?P<that_year>that|the\s+same)\s+year\b", 5),
    ("month_day_that_year", "month_day",
     r"\b(?P<month>{MONTH_BEFORE_DAY})\s+(?P<d>{DAY})\s+of\s+(?P<that_year>that|the\s+same)\s+year\b", 5),
    # Ranges of days ("19-22 April", "from 15 to 22 February 1984", "April 13-15", "March 5-9, 1918"): the
    # first day takes the month (and year) of the second; the second the month of the first.
    ("day_range_start_year", "date",
     r"\b(?P<span>(?P<d>{DAY}))\s*(?:[-\u2013]|to)\s*{DAY}\s+(?:of\s+)?(?P<month>{MONTH_BEFORE_DAY}),?\s+(?P<y>{YEAR})\b", 4),
    ("day_range_start", "month_day",
     r"\b(?P<span>(?P<d>{DAY}))\s*(?:[-\u2013]|to)\s*{DAY}\s+(?:of\s+)?(?P<month>{MONTH_FULL})\b", 3),
    ("day_range_end_year", "date",
     r"\b(?P<month>{MONTH_BEFORE_DAY})\s+{DAY}\s*(?:[-\u2013]|to)\s*(?P<span>(?P<d>{DAY}),?\s+(?P<y>{YEAR}))\b", 4),
    ("day_range_end", "month_day",
     r"\b(?P<month>{MONTH_BEFORE_DAY})\s+{DAY}\s*(?:[-\u2013]|to)\s*(?P<span>(?P<d>{DAY}))\b(?![,.]?\s*\d|[-\u2013:/%]|\s*(?:percent|[ap]\.?m\b))", 3),
    # Ranges of years ("1914-1918", "1915-17", "(1789-1791)"): each end is a year of its own.
    ("year_range", "year", r"(?<![\w$#.,/-])(?P<y>{YEAR})(?=[-\u2013](?:{YEAR}|\d\d)\b(?![-\u2013/.,]?\d))", 3),
    ("year_range_end", "year", r"(?<=[^\w$#.,/-]\d\d\d\d[-\u2013])(?P<y>{YEAR})\b(?![\w%]|[-\u2013/.,]\d)", 3),
    ("year_range_short_end", "year",
     r"(?<![\w$#.,/-])(?P<y1>(?:1[6-9]|20)\d\d)[-\u2013](?P<span>(?P<yy>\d\d))\b(?![\w%]|[-\u2013/.,]\d)", 3),
    # Years before Christ ("490 BC", "146 B.C.", "499-493 BC", "from 499 to 493 BC")
    ("year_bc", "year", r"\b(?P<y>\d{1,4})\s*(?P<bc>{BC})", 5),
    ("year_bc_range", "year", r"\b(?P<span>(?P<y>\d{1,4}))\s*(?:[-\u2013]|to)\s*\d{1,4}\s*(?P<bc>{BC})", 4),
    # "the Club of '89", "the '99 Boys": a year in two digits after an apostrophe
    ("short_year", "year", r"(?<![\w'])['\u2019](?P<yy2>\d\d)\b(?!['\u2019]?s\b|\s+[a-z]|\s*%|[.,]\d)", 2),
    # "at month's end": the end of the month the text is on
    ("month_end", "anaphoric_same", r"\b(?P<unit>month)['\u2019]s\s+(?P<pop>end)\b", 3),
]

# The ends of ranges of years, kept or dropped as their start is.
RANGE_ENDS = frozenset({"year_range_end", "year_range_short_end"})

# The anchor categories a match contains (see dateline.find.RULE_NEEDS).
NEEDS = {
    "month_that_year": ["month"], "month_day_that_year": ["month"],
    "day_range_start_year": ["month"], "day_range_start": ["month"], "day_range_end_year": ["month"], "day_range_end": ["month"],
    "year_range": ["digit"], "year_range_end": ["digit"], "year_range_short_end": ["digit"], "year_bc": ["digit"],
    "year_bc_range": ["digit"], "short_year": ["digit"], "month_end": ["unit"],
}

# Words one of which every match holds (see dateline.find.RULE_CLUES).
CLUES = {
    "year_range": "16 17 18 19 20", "year_range_end": "16 17 18 19 20", "year_bc": "bc b.c",
    "month_end": "end", "year_range_short_end": "16 17 18 19 20", "year_bc_range": "bc b.c",
    "short_year": "' \u2019",
}

# Where the words around a space are the clue (see dateline.find.RULE_CLUE_PATTERNS): two numbers joined
# by a dash or "to"; two years joined by a dash.
_DAY_TO_DAY = r"\d\s*(?:-|\u2013|to)\s*\d"
_THAT_YEAR = r"of\s+(?:that|the\s+same)\s+year"  # "in May of that year"
_YEAR_DASH_YEAR = r"\d[-\u2013]\d"  # "1991-92"
CLUE_PATTERNS = {"day_range_start_year": _DAY_TO_DAY, "day_range_start": _DAY_TO_DAY,
                 "day_range_end_year": _DAY_TO_DAY, "day_range_end": _DAY_TO_DAY,
                 "year_range_short_end": _YEAR_DASH_YEAR,  # (the other two year ranges read the dash in a lookaround)
                 "month_that_year": _THAT_YEAR, "month_day_that_year": _THAT_YEAR}
