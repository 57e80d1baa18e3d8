"""Finder rules for composite and counted expressions, and for dates written as numbers: a count of units
from now ("4 days from now", "two weeks hence", "2 Mondays from now", "a fortnight ago"), a count from
yesterday or tomorrow ("the day after tomorrow"), a day or week inside a named period ("the second
Friday of March", "Thursday of next week", "the 15th of next month", "the last week of May"), and
numeric months, quarters and days ("2016-09", "2017Q2", "11/30/83", "0900 GMT"). dateline.resolve_composites
resolves them. The tables have the shape of dateline.find_rules's.
"""
from __future__ import annotations

import re

_FROM_NOW = r"(?:from\s+(?:now|today)|hence)"
_WEEKDAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days"
_NTH = r"(?:first|second|third|fourth|fifth|last|final|1st|2nd|3rd|4th|5th)"

RULES = [
    # "4 days from now", "two weeks hence"; "a fortnight ago", "2 Mondays from now"
    ("counted_from_now", "counted_offset",
     r"\b(?:(?P<mod>{MOD})\s+)?(?P<num>{NUM})\s+(?:(?P<unit>{UNIT})\s+(?P<dir>" + _FROM_NOW + r")"
     r"|(?P<fortnight>fortnights?)\s+(?P<dir2>" + _FROM_NOW + r"|ago)"
     r"|(?P<wds>" + _WEEKDAYS + r")\s+(?P<dir3>" + _FROM_NOW + r"|ago))\b", 5),
    # "the week before last", "the month after next"
    ("before_last", "before_last",
     r"\bthe\s+(?P<unit>week|weekend|month|year)\s+(?:(?P<before>before\s+last)|after\s+next)\b", 5),
    # "a week from Friday", "two days from tomorrow": counted from a coming day
    ("counted_from_day", "counted_from_day",
     r"\b(?P<num>{NUM})\s+(?P<unit>days|weeks?)\s+from\s+(?:(?P<wd>{WEEKDAY})|(?P<deictic>{DEICTIC}))(?!\w)", 5),
    # "the end of the month", "by end of the week", "by end of month": the part of the period the text is on
    ("end_of_the_period", "part_of_the_period",
     r"\b(?P<pop>(?:the\s+)?(?:end|beginning|start|middle)\s+of)\s+(?:the\s+)?(?P<unit>week|month|quarter)\b(?!-)", 4),
    # "months ago", "years ago": some time back, how long unsaid
    ("units_ago", "counted_offset",
     r"\b(?P<unit>minutes|hours|days|weeks|months|years|decades|centuries)\s+(?P<dir>ago)\b", 3),
    # "the day after tomorrow", "three days before yesterday"
    ("counted_from_deictic", "deictic_offset",
     r"\b(?:the\s+(?P<the_day>day)|(?:(?P<mod>{MOD})\s+)?(?P<num>{NUM})\s+(?P<unit>{UNIT}))\s+(?P<dir>before|after)\s+"
     r"(?P<deictic>{DEICTIC})\b", 5),
    # "the second Friday of March 2019", "the last Monday in May"
    ("nth_weekday_of_month", "nth_weekday",
     r"\bthe\s+(?P<nth>" + _NTH + r")\s+(?P<wd>{WEEKDAY})\s+(?:of|in)\s+(?P<month>{MONTH_BEFORE_DAY})(?![\w'-])"
     r"(?:,?\s+(?P<y>{YEAR})\b(?![,.]?\d))?", 5),
    # "the first Sunday of each month", "the last Friday of every month": a day recurring once in each
    # period, a SET (not the coming Sunday)
    ("nth_weekday_of_each", "set",
     r"\bthe\s+(?P<nth>" + _NTH + r")\s+(?P<nth_wd>{WEEKDAY})\s+(?:of|in)\s+(?P<each>each|every)\s+(?P<unit>month|year|quarter)\b", 6),
    # "the first week of June", "the last week of May 2026", "the first weekend of March"
    ("week_of_month", "week_of_month",
     r"\bthe\s+(?P<nth>" + _NTH + r")\s+(?P<unit>week|weekend)\s+(?:of|in)\s+(?P<month>{MONTH_BEFORE_DAY})(?![\w'-])"
     r"(?:,?\s+(?P<y>{YEAR})\b(?![,.]?\d))?", 5),
    # "Thursday of next week", "the 15th of next month"
    ("day_of_relative_period", "day_of_period",
     r"\b(?:(?P<wd>{WEEKDAY})|the\s+(?P<d>{DAY}))\s+of\s+(?P<rel>this|next|last|the\s+following|the\s+previous)\s+"
     r"(?P<unit>week|month)\b", 5),
    # "Friday the 13th", "Tuesday, the 17th of March": a weekday and the day of the month it falls on
    ("weekday_the_day", "weekday_day",
     r"\b(?P<wd>{WEEKDAY}),?\s+the\s+(?P<d>(?:3[01]|[12]\d|[1-9])(?:st|nd|rd|th))\b(?:\s+of\s+(?P<month>{MONTH_FULL})\b)?"
     r"(?!\s+(?:century|anniversary|time|floor|amendment|birthday|day|week|month|year|hour|minute|place|round|game|lap)\b)", 5),
    # "the last day of the month", "the first day of next year", "the last day of May 2027"
    ("edge_day_of_period", "edge_day",
     r"\bthe\s+(?P<edge>first|last|final)\s+day\s+of\s+(?:(?:(?P<the>the)|(?P<rel>this|next|last|the\s+following|the\s+previous))\s+"
     r"(?P<unit>week|month|quarter|year)\b|(?P<month>{MONTH_FULL})\b(?:,?\s+(?P<y>{YEAR})\b(?![,.]?\d))?)", 5),
    # "on the 20th", "by the 3rd,": a day of the month the text is on (not "the 20th century", "the 25th anniversary")
    ("day_of_month_alone", "day_of_month",
     r"\b(?P<prep>on|by|until|till|from|since|before|after)\s+(?P<span>the\s+(?P<d>3[01]|[12]\d|[1-9])(?:st|nd|rd|th))\b"
     r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:and|or|to|at|in|when|with|was|were|is|will)\b)", 4),
    # Dates written as numbers, one rule (one scan of the regions with digits), resolved by the groups found:
    # "2016-09", a year and a month (not "2011-12", "1702-05": two years, see may_be_two_years);
    # "2017Q2", "2017-Q2", "Q2 2017", "3Q 2015"; "11/30/83", month, day and a two-digit year as US text
    # writes them (not "1/2/3": the year has two digits)
    ("numeric_date", "numeric_date",
     r"(?<![\w$#.,/-])(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])(?![\w/]|[-.,:]\d)"
     r"|\b(?:(?P<qy>{YEAR})[\s-]?q(?P<q>[1-4])|q(?P<q2>[1-4])[\s-]?(?P<qy2>{YEAR})|(?P<q3>[1-4])q[\s-]?(?P<qy3>{YEAR}))\b"
     r"|(?<![\w$.,/:-])(?P<m2>1[0-2]|0?[1-9])/(?P<d2>3[01]|[12]\d|0?[1-9])/(?P<yy>\d\d)(?![\w/]|[.,:]\d)", 5),
    # Codes of periods, resolved as numeric_date is (a rule of their own, so the commoner forms above are not
    # slowed by them): "H1 2025", "2025 H2", a half year; "FY2024", "FY 2025", a fiscal year, written as its
    # year; "in Q3", "by Q4", a quarter without its year, read as "the third quarter" is (after a preposition
    # only: "the Audi Q3" is a car)
    ("period_code", "numeric_date",
     r"\b(?:h(?P<h>[12])[\s-]?(?P<hy>{YEAR})|(?P<hy2>{YEAR})[\s-]?h(?P<h2>[12]))\b|\bfy[\s-]?(?P<fy>{YEAR})\b"
     r"|\b(?:in|during|for|by|since|until|through|of|from)\s+(?P<span>q(?P<qn>[1-4]))\b(?![\w-]|\s*(?:1[6-9]|20)\d\d)", 5),
    # "0900 GMT", "1430 local time", "0600 hrs": a 24-hour time in four figures, said to be one
    # "left at 1015 and ...", "at 0600, troops ...": a bare 24-hour time after "at", where what follows ends
    # the phrase or dates it; not an hour that could be a year ("at 1945"), nor a level ("closed at 1015")
    ("clock_bare_four_figures", "clock_time",
     r"\bat\s+(?P<span>(?P<h>0\d|1[0-5]|2[1-3])(?P<min>[0-5]\d))(?=\s*(?:[,;!?)]|\.(?!\d)|$)|\s+(?:and|on|local|hours|hrs|today|tonight|tomorrow|yesterday|this|that|when|as|after|before|{ZONE})\b)", 4),
    ("clock_four_figures", "clock_time",
     r"(?<![\w$.,:/-])(?P<h>[01]\d|2[0-3])(?P<min>[0-5]\d)\s*(?:{ZONE}\b(?:\s+local\s+time\b)?|local\s+time\b|hrs\b|hours\b(?=\s+(?:on|today|tomorrow|yesterday|local|{ZONE})\b))", 5),
]

NEEDS = {
    "counted_from_now": ["unit", "other"], "counted_from_deictic": ["unit"], "units_ago": ["unit"],
    "nth_weekday_of_month": ["month"], "nth_weekday_of_each": ["weekday"], "week_of_month": ["month"], "day_of_relative_period": ["unit"],
    "before_last": ["unit"], "counted_from_day": ["unit"], "end_of_the_period": ["unit"],
    "day_of_month_alone": ["digit"], "numeric_date": ["digit"], "edge_day_of_period": ["unit"],
    "weekday_the_day": ["weekday"], "period_code": ["digit"],
    "clock_four_figures": ["digit"], "clock_bare_four_figures": ["digit"],
}

CLUES = {
    "counted_from_now": "now today hence ago", "counted_from_deictic": "before after", "units_ago": "ago",
    "week_of_month": "week", "day_of_relative_period": " of ", "nth_weekday_of_each": "each every",
    "before_last": "last next", "counted_from_day": "from", "edge_day_of_period": "first last final",
    "period_code": "q1 q2 q3 q4 h1 h2 fy", "weekday_the_day": "1st 2nd 3rd 0th 1th 2th 3th 4th 5th 6th 7th 8th 9th", "end_of_the_period": "end beginning start middle",
}

CLUE_PATTERNS = {
    "day_of_month_alone": r"the\s+\d\d?(?:st|nd|rd|th)\b",
    "nth_weekday_of_month": r"(?:day|\.)\s+(?:of|in)\s",  # "the second Friday of", "the 3rd Sat. in"
    "clock_four_figures": r"[0-2]\d[0-5]\d\s*(?:gmt|utc|loc|hrs|hou|[ecmp][sd]?t|bst|ces?t|sgt|hkt|jst|aes|aed|eas|pac|cen|mou)",
    "numeric_date": r"\d-[01]\d|\dq|q[1-4]|\d/\d\d?/\d", "counted_from_now": r"(?:from\s+(?:now|today)|hence|ago)\b",
    "counted_from_deictic": r"(?:before|after)\s+[ty]",
    "before_last": r"(?:before\s+last|after\s+next)", "counted_from_day": r"from\s+[a-z]",
    "day_of_relative_period": r"of\s+(?:this|next|last|the\s+following|the\s+previous)\s+(?:week|month)",
    "week_of_month": r"week(?:end)?\s+(?:of|in)\s", "edge_day_of_period": r"day\s+of\s", "clock_bare_four_figures": r"at\s+[0-2]\d[0-5]\d",
}


def may_be_two_years(groups: dict) -> bool:
    """"2011-12", "1702-05" may name two years (a season, a range): the second number is past the first's
    last two digits. "2016-09" cannot: it is September 2016."""
    return int(groups["m"]) > int(groups["y"]) % 100


# "10:35 a.m. (0735 GMT)": a time in brackets right after a clock time says it again in another zone
RESTATED_AFTER = re.compile(r"(?:\d\s*[ap]\.?m\.?|\d:[0-5]\d)\s*\($", re.I)
