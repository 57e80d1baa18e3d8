"""Finding temporal expressions: text → Mentions (spans plus what the text says), nothing resolved.

Each rule is a compiled regular expression built from the vocabulary's macros. One pass finds the
anchor words (digits, month names, units...); each rule then scans only the windows around anchors of
its own kind that hold its clue words too (a linear scan: no nested quantifiers over the same
characters). Candidates that overlap are settled by length, then rule priority, and context filters
drop readings that are not temporal ("May I", "a march on the capital", "2000 soldiers", "ABC's This Week").
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from . import range_rules
from .lexicon import Lexicon, alternation, lexicon, normal
from .model import Mention
from .sentences import ascii_lowered


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str  # which resolver handles the mention
    pattern: re.Pattern
    priority: int = 0  # breaks ties between candidates of the same length
    needs: frozenset[str] = frozenset()  # anchor categories, one of which every match contains
    clue: tuple[str, ...] = ()  # words one of which every match holds (in lower case)
    clue_pattern: re.Pattern | None = None  # matches part of every match, in the lowercased text
    # The same pattern without IGNORECASE, for the lowercased text: it matches there exactly where
    # `pattern` matches in the text (as it has no capital letters), and twice as fast.
    lowered_pattern: re.Pattern | None = None


def _macros(lx: Lexicon) -> dict[str, str]:
    months_full = [f for f, n in lx.month_by_form.items() if len(f) > 4 or f in ("may", "june", "july")]
    month_abbrev = [f for f in lx.month_by_form if f not in months_full]
    weekday_full = [f for f in lx.weekday_by_form if f.endswith("day")]
    weekday_abbrev = [f for f in lx.weekday_by_form if not f.endswith("day")]
    unit_forms = list(lx.unit_by_form)
    tens = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    ones = "(?:one|two|three|four|five|six|seven|eight|nine)"
    return {
        # abbreviations need their dot ("Jan.") or a day after them ("Jan 14"); see the month_day rule
        "MONTH": "(?:" + alternation(months_full) + "|" + alternation(month_abbrev) + r"\.)",
        "MONTH_BEFORE_DAY": "(?:" + alternation(months_full) + "|" + alternation(month_abbrev) + r"\.?)",
        "MONTH_FULL": alternation(months_full),
        "WEEKDAY": "(?:" + alternation(weekday_full) + "|" + alternation(weekday_abbrev) + r"\.)",
        "SEASON": alternation(lx.season_by_form),
        "POD": alternation(lx.part_of_day_by_form),
        "UNIT": alternation(unit_forms),
        "UNIT1": alternation([f for f in unit_forms if not f.endswith("s")] + ["centurie"]),
        "NUM": rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{tens}[\s-]{ones}|" + alternation(lx.number_by_word) + ")",
        "ORD": alternation(list(lx.ordinals) + ["5th", "6th", "7th", "8th", "9th", "10th", "11th", "12th",
                                                "13th", "14th", "15th", "16th", "17th", "18th", "19th", "20th",
                                                "21st"]),
        "REL": alternation(lx.relative_offset),
        "MOD": alternation(lx.modifiers),
        "POP": alternation(list(lx.part_of_period) + ["mid-", "earlier", "later"]),
        "YEAR": r"(?:1[6-9]|20)\d\d",
        "SPELLED_YEAR": r"(?:nineteen(?:\s+hundred(?:\s+and)?)?[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|two\s+thousand(?:\s+and)?(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine|ten))?)",
        "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?",
        "REFERENCE": alternation(lx.references),
        "DEICTIC": alternation(lx.deictic_days),
        "FREQ": alternation(lx.frequencies),
        "HOLIDAY": alternation(lx.holiday_by_form),
        "BC": r"(?:b\.\s?c\.(?:e\.)?|b\.c\b|bce?\b)",
    }


# (name, kind, pattern, priority). Patterns use the macros above; the group "span" (if any) narrows the
# mention to part of the match, so context can be required without being tagged. Patterns are written
# in lower case ("[a-z]" for any letter, "est" for EST): they match regardless of case, and run
# case-sensitively over a lowercased copy of the text (see Rule.lowered_pattern).
RULE_TABLE = [
    ("dateline", "dateline",
     r"(?m)^[ \t]*[a-z][a-z.'\- ]+(?:,\s+[a-z][a-z.' ]+)?,\s+(?P<span>(?P<month>{MONTH_BEFORE_DAY})\s+(?P<d>{DAY}))(?=\s*(?:\(|--|—|–|_))", 6),
    ("holiday", "holiday",
     r"\b(?:(?P<rel>{REL})\s+)?(?P<holiday>{HOLIDAY})(?:\s+(?P<hweek>week|weekend))?(?:,?\s+(?P<y>{YEAR}))?\b", 4),
    ("iso_date", "date", r"\b(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>3[01]|[12]\d|0[1-9])\b", 5),
    ("slash_date", "date", r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>{YEAR})\b", 5),
    ("month_day_year", "date",
     r"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<month>{MONTH_BEFORE_DAY})\s+(?P<d>{DAY})(?:,|\s+of)?\s+(?P<y>{YEAR})\b", 5),
    ("day_month_year", "date", r"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<month>{MONTH_BEFORE_DAY}),?\s+(?P<y>{YEAR})\b", 5),
    ("month_day", "month_day",
     r"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<pop>early|late)\s+|(?P<rel>last|this\s+past|next|this\s+coming)\s+)?(?P<month>{MONTH_BEFORE_DAY})\s+(?P<d>{DAY})\b(?![,.]?\d)", 4),
    ("week_of", "week_of", r"\bthe\s+week\s+of\s+(?P<month>{MONTH_BEFORE_DAY})\s+(?P<d>{DAY})\b(?:,?\s+(?P<y>{YEAR}))?", 5),
    ("day_month", "month_day", r"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<month>{MONTH_FULL})\b(?!\.?\s*\d|,\s*\d{1,4}\b(?!,\d{3}))", 3),
    ("month_year", "month_year",
     r"\b(?:(?P<pop>{POP})\s*)?(?P<month>{MONTH})(?:,\s*|\s+(?:of\s+)?)(?:(?P<y>{YEAR})\b(?![,.]?\d)|(?P<spelled>{SPELLED_YEAR})\b|(?P<ybc>\d{1,4})\s*{BC})", 4),
    ("month_relative_year", "month_year",
     r"\b(?:(?P<pop>{POP})\s*)?(?P<month>{MONTH})\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year\b", 4),
    ("month", "month", r"\b(?:(?:the\s+)?(?P<rel>{REL})\s+|(?P<pop>{POP})\s*)?(?P<month>{MONTH})(?!\w)", 2),
    ("decade", "decade",
     r"(?:\bthe\s+)?(?:(?P<pop>early|mid-?|late)\s*)?(?:\b(?P<decade>(?:1[6-9]|20)\d0)|'(?P<short>\d0))'?s\b", 4),
    ("year", "year",
     r"(?<![\w$#.,/-])(?:(?P<pop>{POP})\s*|(?P<fiscal>fiscal\s+(?:year\s+)?))?(?P<y>{YEAR})(?![\w%]|[.,/-]\d|\s+(?:percent|per\s+cent)\b)", 1),
    ("century", "century", r"\b(?:the\s+)?(?P<ord>{ORD})\s+century\b(?:\s+(?P<bc>{BC}))?", 3),
    ("weekday", "weekday",
     r"\b(?:(?P<the>the\s+)?(?P<rel>{REL})\s+|(?P<pop>early|late|earlier|later)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{POD}))?(?!\w)", 2),
    ("deictic_day", "deictic_day",
     r"\b(?:(?P<pop>early|late|earlier|later)\s+|(?P<pod_mod>mid-?|early\s+|late\s+)?(?P<pod_before>morning|afternoon|evening|night)\s+)?(?P<deictic>{DEICTIC})(?:\s+(?P<pod>{POD}))?\b", 3),
    ("year_quarter", "quarter_reference", r"\bthe\s+(?P<y>{YEAR})\s+quarter\b", 3),
    ("tonight", "deictic_day", r"\b(?:(?P<pop>earlier|later)\s+)?(?P<tonight>tonight)\b", 3),
    ("this_part_of_day", "deictic_day",
     r"\b(?:(?P<pop>earlier|later)\s+)?(?P<rel>this|last)\s+(?P<pod>morning|afternoon|evening|night)\b", 3),
    ("relative_period", "relative_period",
     r"\b(?:(?P<pop>{POP})\s+)?(?:the\s+)?(?P<rel>{REL})\s+(?P<unit>week|weekend|month|year|quarter|decade|century)\b(?:(?P<or_so>\s+or\s+so)\b|(?!\s+(?:or|and)\s+(?:more|two)))", 3),
    ("the_weekend", "weekend", r"\b(?:(?P<pop>early|late)\s+)?the\s+weekend\b(?!s)", 2),
    ("relative_season", "season",
     r"\b(?:(?P<pop>early|late|mid-?)\s*)?(?:the\s+)?(?P<rel>{REL})\s+(?P<season>{SEASON})\b", 3),
    ("season", "season",
     r"\b(?:(?P<pop>early|late|mid-?)\s*|(?P<the>the|(?P<that>that)(?:\s+same)?)\s+)?(?P<season>{SEASON})(?:\s+(?:of\s+)?(?:(?P<ybc>\d{1,4})\s*{BC}|(?P<y>{YEAR})\b|(?P<spelled>{SPELLED_YEAR})\b))?(?:(?<=\.)|\b)", 2),
    ("quarter", "quarter",
     r"\b(?:the\s+)?(?:(?P<y>{YEAR})\s+|(?P<fiscal>fiscal\s+)|(?P<yrel>this|last|next)\s+year's\s+|(?P<ago>(?:comparable\s+)?year-(?:ago|earlier)\s+))?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter\b(?:\s+of\s+(?P<y2>{YEAR}))?", 3),
    ("half", "half",
     r"\b(?:the\s+)?(?:(?P<y>{YEAR})\s+)?(?P<h>first|second|last)[\s-]+half\b(?:\s+of\s+(?:the\s+year|(?P<y2>{YEAR})))?", 3),
    ("quarter_reference", "quarter_reference",
     r"\b(?:the\s+(?:(?P<which>latest|most\s+recent|current|same|corresponding|previous|prior|year-ago|year-earlier|comparable)\s+)?|(?P<last_years>last\s+year['’]s\s+))quarter\b(?![\s-]+(?:of\s+(?!last\s+year)|century|point|percent|share|mile|inch)|-to-)(?P<year_ago>\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year))?", 2),
    ("period_reference", "quarter_reference",
     r"\b(?:the\s+(?:same|corresponding|comparable)\s+period(?P<year_ago>\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year))\b"
     r"|the\s+(?P<which>latest|most\s+recent|year-ago|year-earlier|comparable)\s+period\b|(?P<last_years>last\s+year['’]s\s+)period\b)", 2),
    ("the_year", "the_year",
     r"\b(?:(?P<pop>{POP})\s+)?the\s+(?P<which>full\s+|fiscal\s+|current\s+fiscal\s+|latest\s+fiscal\s+)?year\b(?![\s-]+(?:of|old|two|earlier|ago|before|after|later))", 1),
    ("year_end", "year_end", r"\b(?P<mod>around\s+)?(?:year-end|year\s+end|year's\s+end)\b", 2),
    ("spelled_year", "year",
     r"\b(?:the\s+year\s+)?(?P<spelled>{SPELLED_YEAR})\b(?![\s-]+(?:\w+\s+)?(?:people|dollars|years|percent|soldiers|troops))", 2),
    ("decade_words", "decade", r"\b(?:the\s+)?(?:(?P<pop>early|mid-?|late)\s*)?(?P<tens>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", 3),
    ("year_ago_adjective", "year_ago", r"\b(?P<adj>year-earlier|year-ago)(?=\s+\w)", 2),
    ("year_period", "year", r"\bthe\s+(?P<y>{YEAR})\s+(?:period|fiscal\s+year)\b", 3),
    ("ago", "ago",
     r"\b(?:(?P<mod>{MOD})\s+)?(?P<num>{NUM})\s+(?P<unit>{UNIT})\s+(?:or\s+so\s+)?ago\b", 4),
    ("anaphoric_offset", "anaphoric_offset",
     r"\b(?:(?P<mod>{MOD})\s+)?(?P<num>{NUM})\s+(?P<unit>{UNIT})\s+(?P<dir>later|earlier)\b", 4),
    ("anaphoric_next", "anaphoric_offset",
     r"\bthe\s+(?P<dir>next|following|previous|preceding)\s+(?P<unit>day|week|weekend|month|year|morning|evening|night)\b(?!\s+(?:or|and)\s+(?:two|three|so|more|a\s+half|beyond)\b)", 4),
    ("anaphoric_day_before", "anaphoric_offset", r"\bthe\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after)\b(?=\s*[,.;:)]|\s+(?:that|and|but)\b)", 4),
    # "that day", "the same quarter"; "the week" alone ("For the week, the index dropped 3.8%")
    ("anaphoric_that", "anaphoric_same",
     r"\b(?:(?P<pop>earlier|later)\s+)?(?:that(?:\s+same)?|the\s+same|the(?=\s+week\b(?!-|\s+(?:of|before|after|following|earlier|later|ago|ended|ending|or|and|to)\b)))\s+(?P<unit>day|week|weekend|month|quarter|year|morning|afternoon|evening|night)\b", 3),
    ("reference", "reference", r"\b(?P<ref>{REFERENCE})\b", 2),
    # "Islam will one day be ...": some day ahead, not a day-long span
    ("someday", "someday",
     r"\b(?:will|would|could|might|may|can|shall|should|to)\s+(?P<span>one\s+day)\s+(?!of\b|after\b|before\b|later\b|earlier\b|ago\b|and\b|or\b|in\b|at\b)[a-z]", 5),
    ("duration", "duration",
     r"\b(?:(?P<mod>{MOD})\s+(?!the\b))?(?:(?P<the>the)\s+(?P<rel>past|last|next|previous|coming|first|final)\s+)?(?P<num>{NUM})(?P<fraction>\s+1/2|\s+and\s+a\s+half)?\s+(?:more\s+|full\s+|straight\s+|consecutive\s+|additional\s+|extra\s+|further\s+)?(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?\b(?!-|\s+old\b)", 2),
    ("duration_hyphen", "duration", r"\b(?P<num>{NUM})-(?P<unit>{UNIT1})(?:-long)?\b(?!-old)", 2),
    # "day-long"; "a years-old slump": a period of unsaid length (a number before "-old" is an age: "a 6-year-old")
    ("duration_long", "duration", r"\b(?:(?P<unit>{UNIT})-long|(?<![\w-])(?P<unit_old>weeks|months|years|decades|centuries)-old)\b", 2),
    ("year_bound", "year", r"\b(?P<bound>pre|post)-(?P<y>{YEAR})\b", 3),
    ("hour_of_part_of_day", "clock_time",
     r"\b(?P<h>1[0-2]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:o'clock\s+)?in\s+the\s+(?P<part>morning|afternoon|evening)\b", 4),
    ("duration_plural", "duration",
     r"\b(?:for|over|in|within|during|after)\s+(?P<span>(?:(?P<vague>recent|coming|several|many|the\s+past|the\s+last|the\s+next|the\s+coming|the(?=\s+\w+\s+ahead\b))\s+)?(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries)(?:\s+ahead)?)\b", 1),
    ("duration_while", "duration_vague", r"\bfor\s+(?P<span>a\s+(?:long\s+|little\s+|short\s+)?while)\b", 2),
    # "$800 a month", "2,000 barrels a day", "fifty thousand CDs a year", "hundreds of interviews a day":
    # a count or amount per period is a rate (SET)
    ("set_rate", "set",
     r"(?:\$\s?[\d,.]+(?:\s+(?:million|billion|thousand))?|\d[\d,.]*\s+(?:[a-z]+\s+){0,2}?"
     r"|\b(?:{NUM}|dozens|hundreds|thousands|millions)\s+(?:[a-z]+\s+){0,2}?[a-z]+s\s+)"
     r"\s*(?P<span>(?P<each>a|an|per|each)\s+(?P<unit>hour|day|week|month|year))\b", 5),
    ("set_every", "set",
     r"\b(?P<span>(?P<each>every|each)\s+(?:(?P<unit>day|week|month|year|quarter|morning|night|summer|winter|spring|fall)|(?P<wd>{WEEKDAY})|(?P<month>{MONTH_FULL})))\b", 4),
    # "for the past three summers": each of them
    ("set_seasons", "set",
     r"\b(?:the\s+)?(?:past|last|next|previous|coming)\s+(?P<num>{NUM})\s+(?P<unit>summer|winter|spring|autumn|fall)s\b", 4),
    ("set_times", "set",
     r"\b(?P<times>once|twice|three\s+times|four\s+times|(?:\d+)\s+times)\s+(?P<each>a|an|per|each)\s+(?P<unit>day|week|month|year)\b", 5),
    ("set_frequency", "set", r"\b(?P<freq>{FREQ})\b", 2),
    ("clock_time", "clock_time",
     r"\b(?:(?P<mod>about|around|at\s+about|approximately)\s+)?(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b)(?:\s+(?:est|edt|cst|cdt|pst|pdt|gmt|utc)\b)?", 4),
    ("clock_with_weekday", "clock_time",
     r"\b(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?)|(?P<named>noon|midnight))(?:\s+(?:est|edt|cst|cdt|pst|pdt|gmt|utc))?,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})|(?P<month>{MONTH_BEFORE_DAY})\s+(?P<d>{DAY}))(?!\w)", 5),
    ("weekday_with_clock", "clock_time",
     r"\b(?P<wd>{WEEKDAY}),?\s+at\s+(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?)|(?P<named>noon|midnight))", 5),
    ("noon", "clock_time", r"\b(?P<named>noon|midnight|midday)\b", 2),
    *range_rules.RULES,
]


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    macros = _macros(lexicon())
    compiled = []
    for name, kind, template, priority in RULE_TABLE:
        pattern = template
        for key in sorted(macros, key=len, reverse=True):
            pattern = pattern.replace("{" + key + "}", macros[key])
        if _capital_letters(pattern):
            raise ValueError(f"rule {name} must be written in lower case, not {_capital_letters(pattern)}")
        clue = tuple(RULE_CLUES.get(name, "").split())
        clue_pattern = re.compile(RULE_CLUE_PATTERNS[name], re.ASCII) if name in RULE_CLUE_PATTERNS else None
        compiled.append(Rule(name, kind, re.compile(pattern, re.IGNORECASE | re.ASCII), priority,
                             frozenset(RULE_NEEDS[name]), clue, clue_pattern, re.compile(pattern, re.ASCII)))
    return tuple(compiled)


def _capital_letters(pattern: str) -> list[str]:
    """The capital letters a pattern matches literally (escapes such as \\S and group names aside)."""
    return re.findall(r"[A-Z]", re.sub(r"\\.|\(\?P<\w+>", "", pattern))


# The anchor categories (see _anchor_categories) a rule's match must contain: a rule runs only in a
# region of text where one of them occurs, so most rules never scan most of the text.
_DATE_WORDS = ("month", "weekday", "season", "unit", "holiday")
RULE_NEEDS = {
    "holiday": ["holiday"], "dateline": ["month"],
    "iso_date": ["digit"], "slash_date": ["digit"], "month_day_year": ["month"], "day_month_year": ["month"],
    "month_day": ["month"], "week_of": ["month"], "day_month": ["month"], "month_year": ["month"], "month_relative_year": ["month"],
    "month": ["month"], "decade": ["digit"], "year": ["digit"], "century": ["unit"], "weekday": ["weekday"],
    "deictic_day": ["deictic"], "tonight": ["other"], "this_part_of_day": ["part_of_day"],
    "relative_period": ["unit"], "the_weekend": ["unit"], "relative_season": ["season"], "season": ["season"],
    "quarter": ["unit"], "half": ["other"], "quarter_reference": ["unit"], "period_reference": ["other"],
    "the_year": ["unit"], "year_quarter": ["unit"], "year_end": ["unit"], "spelled_year": ["other"], "decade_words": ["other"],
    "year_period": ["digit"], "year_ago_adjective": ["unit"], "ago": ["unit"], "anaphoric_offset": ["unit"],
    "anaphoric_next": ["unit", "part_of_day"], "anaphoric_day_before": ["unit"],
    "anaphoric_that": ["unit", "part_of_day"], "reference": ["reference"], "someday": ["unit"], "duration": ["unit"],
    "duration_hyphen": ["unit"], "duration_long": ["unit"], "year_bound": ["digit"],
    "duration_plural": ["unit"], "duration_while": ["while"], "set_rate": ["unit"], "set_every": list(_DATE_WORDS) + ["part_of_day"],
    "set_times": ["unit"], "set_seasons": ["season"], "set_frequency": ["frequency"], "clock_time": ["digit"],
    "hour_of_part_of_day": ["part_of_day"], "clock_with_weekday": ["digit", "other", "part_of_day"],
    "weekday_with_clock": ["weekday"], "noon": ["other", "part_of_day"],
    **range_rules.NEEDS,
}


# Clues: words (in lower case) one of which every match of the rule holds, so a rule runs in a region
# only if one of its clue words occurs there: a region without "ago" holds no "three years ago". They are
# looked for in the lowercased text, where bytes.lower() has lowered the ASCII letters only, as the
# rules' IGNORECASE with ASCII matches them.
_REL = "this next past last following previous current coming"
RULE_CLUES = {
    "iso_date": "-", "slash_date": "/", "week_of": "week", "year": "16 17 18 19 20", "decade": "0s 0's",
    "century": "century", "year_quarter": "quarter", "the_weekend": "weekend", "relative_season": _REL,
    "quarter": "quarter", "half": "half", "quarter_reference": "quarter", "year_end": "end", "year_ago_adjective": "year-",
    "year_period": "period fiscal", "ago": "ago", "anaphoric_offset": "later earlier",
    "anaphoric_next": "next following previous preceding", "anaphoric_day_before": "before after",
    "duration_hyphen": "-centur -quarter -decade -second -minute -month -year -hour -week -day",
    "duration_long": "-long s-old", "year_bound": "pre- post-",
    "duration_plural": "seconds minutes hours days weeks months years decades centuries", "set_every": "every each",
    "set_times": "once twice times", "clock_with_weekday": "a.m p.m noon midnight",
    "weekday_with_clock": "a.m p.m noon midnight",
    **range_rules.CLUES,
}
# Where the words around a space are the clue: a lowercase regex (no anchors or lookarounds) that
# matches part of every match. Kept only where it saves more scanning than it costs.
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"  # any month, full or abbreviated
_DAY_END = r"(?:\d|st|nd|rd|th)"  # the end of a day of the month ("4", "4th")
_DAY_MONTH = r"\d(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_WORD
RULE_CLUE_PATTERNS = {
    "month_day": _MONTH_WORD + r"\s+\d", "day_month": _DAY_MONTH,
    "day_month_year": _DAY_MONTH, "month_day_year": _DAY_END + r"(?:,|\s+of)?\s+(?:1[6-9]|20)\d\d",
    "month_year": _MONTH_WORD + r"(?:,\s*|\s+(?:of\s+)?)(?:1[6-9]|20|nineteen|two|\d{1,4}\s*b\.?\s?c)",
    "month_relative_year": r"(?:this|last|next)\s+year",
    "the_year": r"the\s+(?:full\s+|fiscal\s+|current\s+fiscal\s+|latest\s+fiscal\s+)?year",
    "anaphoric_that": r"(?:that|the|same)\s+(?:day|week|month|quarter|year|morning|afternoon|evening|night)",
    "set_rate": r"(?:a|an|per|each)\s+(?:hour|day|week|month|year)", "someday": r"one\s+day",
    "clock_time": r"\d\s*[ap]\.?m",
    "relative_period": r"(?:this|next|past|last|following|previous|current|coming)\s+(?:week|month|year|quarter|decade|century)",
    **range_rules.CLUE_PATTERNS,
}


# Words before a latent month name ("May", "March") that make it a month.
_MONTH_SIGNALS = frozenset(
    "in on since until till by from through to during of before after early late mid last next this "
    "between and or since, until, the".split()
)
# "2000 soldiers", "1990 tax returns": a plural noun (not a verb or function word ending in s) after the number
_QUANTITY_NOUN = re.compile(r"\s+(?:[a-z]+\s+)?(?!(?:as|is|was|has|does|goes|this|its|his|thus|plus|us|yes|whereas)\b)[a-z]+[^s\W]s\b")
# A determiner or possessive before the number makes it a year modifying the noun ("the 1992 protests",
# "its 1988 recapitalization", "the company's 1989 results")
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|its|their|his|her|our|that|this|these|those)|'s|s')\s+$", re.I)


_COUNT_AFTER = re.compile(r"\s+(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|several|few|couple)\b)", re.I)


_LAST_WORD = re.compile(r"([A-Za-z']+)[\s,]*$")
_CAPITALISED = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z]*")
_LETTER = re.compile(r"[A-Za-z]")
# "in 1816 the veterans ...", "as late as 1781 senior officials ...": after these words a number is a year
_YEAR_PREPOSITION_BEFORE = re.compile(r"\b(?:in|since|until|till|during|before|after|(?:as\s+)?(?:late|early)\s+as)\s+$", re.I)
_FALL_OF = re.compile(r"\s+of\s+(?!(?:that|the\s+same|this|last|next|each|every)\s+year\b)", re.I)
_NUMBER_NOUN_BEFORE = re.compile(r"(?:no\.|number|flight|route|room|model|boeing|airbus)\s*$")  # "flight 1990"
# "1990 levels", "1990 and 1991": words after a year that keep it a year before a plural noun
_STILL_A_YEAR_AFTER = re.compile(r"\s+(?:and|was|were|is|has|had|as|levels?|figures?|prices?)\b")


def _previous_word(text: str, start: int) -> str:
    m = _LAST_WORD.search(text[max(0, start - 30):start])
    return m.group(1).lower() if m else ""


# Words that news text writes in lower case; capitalised inside a sentence they belong to a name
# ("ABC's This Week", "60 Minutes", "VOA Today", "High Noon").
_COMMON_TEMPORAL_WORDS = frozenset(
    "second seconds minute minutes hour hours day days week weeks weekend month months quarter quarters year "
    "years decade decades century today tomorrow yesterday tonight now noon midnight morning afternoon evening "
    "night daily weekly monthly annually yearly".split())
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"'`“‘(\[_-])\s*$")


def _inside_a_name(text: str, m: re.Match) -> bool:
    """Whether a capitalised common time word inside the match makes it part of a name."""
    for word in _CAPITALISED.finditer(m.group()):
        if word.group().lower() in _COMMON_TEMPORAL_WORDS:
            at = m.start() + word.start()
            first = _LETTER.search(m.group(), 0, word.start()) is None  # the match's first word
            if (not first or not _SENTENCE_START.search(text[max(0, at - 3):at])) \
                    and not text[max(0, m.start() - 80):m.end() + 80].isupper():  # a headline in capitals
                return True
    return False


def _keep(text: str, rule: Rule, m: re.Match) -> bool:
    """Context filters: readings that look temporal but are not."""
    groups = m.groupdict()
    if rule.name == "half" and normal(groups["h"]) == "last" and not (groups.get("y") or groups.get("y2")):
        return False  # "the last half" of something that is not a year
    if rule.name == "holiday":  # holidays are proper names ("easter" in lower case is a direction)
        return groups["holiday"][:1].isupper()
    if _inside_a_name(text, m):
        return False
    if rule.name == "set_frequency" and re.match(r"\s+[A-Z]", text[m.end():m.end() + 2]):
        return False  # "the party daily Granma": a newspaper
    if rule.name == "reference" and normal(groups["ref"]) == "the past" and _COUNT_AFTER.match(text, m.end()):
        return False  # "for the past three summers": a count of something, not the past at large
    if rule.name == "deictic_day" and normal(groups.get("deictic") or "") in ("today", "tomorrow") and len(m.group()) <= 8:
        after = re.match(r"['’]s\s+([a-z]+)", text[m.end():m.end() + 30])
        if after and after.group(1).lower() in lexicon().generic_after_today:
            return False  # "today's youth", "in today's world": nowadays, not the day
        if normal(groups["deictic"]) == "tomorrow" and re.search(r"\bof\s+$", text[max(0, m.start() - 4):m.start()]):
            return False  # "the people of tomorrow": the future at large
    if rule.name == "noon" and re.search(r"\bhigh\s+$", text[max(0, m.start() - 6):m.start()].lower()):
        return False  # "high noon": a moment of decision, not a time
    month = groups.get("month")
    if month is not None:
        word = normal(month)
        capitalised = month[:1].isupper()
        if not capitalised:
            return False  # "a march on the capital", "may"
        if rule.name == "month" and word in lexicon().latent_months and not (groups.get("rel") or groups.get("pop")):
            # "May I", "March on": a bare latent month needs a signal word before it, or a year after
            if _previous_word(text, m.start()) not in _MONTH_SIGNALS:
                return False
            if word == "may" and re.match(r"\s+(?:I|we|you|he|she|it|they|be|have|not)\b", text[m.end():]):
                return False
    season = groups.get("season")
    if season is not None and rule.name == "season" and normal(season) == "fall" and not groups.get("y") \
            and _FALL_OF.match(text, m.end()):
        return False  # "the fall of Budapest": a defeat, not autumn ("the fall of 1862", "of that year" are)
    if season is not None and rule.name == "season":
        if normal(season) in lexicon().ambiguous_seasons and not (groups.get("pop") or groups.get("the") or groups.get("y")):
            if _previous_word(text, m.start()) not in ("in", "this", "last", "next", "and", "or", "since", "until", "during", "through"):
                return False
    if rule.name in ("year", "year_range"):
        if groups.get("pop") in (None, "") and not groups.get("fiscal"):
            if _QUANTITY_NOUN.match(text, m.end()) and not _DETERMINER_BEFORE.search(text, max(0, m.start() - 12), m.start()) \
                    and not _STILL_A_YEAR_AFTER.match(text, m.end()) \
                    and not _YEAR_PREPOSITION_BEFORE.search(text, max(0, m.start() - 16), m.start()):
                return False  # "2000 soldiers", "1990 returns"
            if _NUMBER_NOUN_BEFORE.search(text[max(0, m.start() - 12):m.start()].lower()):
                return False  # "flight 1990", "Boeing 2000"
    if rule.name in range_rules.RANGE_ENDS:  # "Route 1920-22": as the start goes
        start = m.start() - 5 if rule.name == "year_range_end" else m.start()  # (its match opens on the start)
        if _NUMBER_NOUN_BEFORE.search(text[max(0, start - 12):start].lower()):
            return False
    if rule.name == "weekday" and m.group("wd")[:1].islower():
        return False  # weekday names are capitalised in news text; "sun", "wed" are other words
    if rule.name == "duration":
        num = normal(groups["num"])
        unit = normal(groups["unit"])
        if num in ("a", "an", "one") and re.match(r"\s+(?:ago|later|earlier)\b", text[m.end():]):
            return False
        if "," in num or ("." in num and not num.replace(".", "").isdigit()) or re.fullmatch(r"(?:1[6-9]|20)\d\d", num):
            return False  # "1,000 years" is not a span we resolve; "the 1988 quarter" is a year
        if num in ("some", "many") and not groups.get("mod"):
            return False
        if unit in ("second", "seconds") and num in ("a",):
            return False  # "a second time"
        if num == "second":
            return False
    if rule.name == "duration_hyphen" and normal(groups["num"]) in ("a", "an", "second", "some", "many"):
        return False
    return True


@lru_cache(maxsize=1)
def _anchor_forms() -> dict[str, list[str]]:
    """The anchor words by category, in the order they are tried (digits, the category "digit", aside)."""
    lx = lexicon()
    return {
        "month": list(lx.month_by_form), "weekday": list(lx.weekday_by_form), "season": list(lx.season_by_form),
        "unit": list(lx.unit_by_form), "reference": list(lx.references), "deictic": list(lx.deictic_days),
        "frequency": list(lx.frequencies), "part_of_day": list(lx.part_of_day_by_form),
        "holiday": list(lx.holiday_by_form),
        "while": ["while"],  # a category of its own: a common word that only "for a while" needs
        "other": ["tonight", "noon", "midnight", "midday", "quarter", "quarters", "half", "century", "period",
                  "nineteen", "thousand", "twenties", "thirties", "forties", "fifties", "sixties", "seventies",
                  "eighties", "nineties"],
    }


# season names may take a plural "s" ("the past three summers") at no cost of extra alternatives
_PLURAL = {"season": "s?"}


@lru_cache(maxsize=1)
def _anchor_categories() -> re.Pattern:
    """The anchor words, each in its category (the group name): what _anchor_pattern() finds faster."""
    words = "|".join(f"(?P<{name}>{alternation(forms)}{_PLURAL.get(name, '')})" for name, forms in _anchor_forms().items())
    return re.compile(r"(?P<digit>\d)|\b(?:" + words + r")(?!\w)", re.IGNORECASE | re.ASCII)


@lru_cache(maxsize=1)
def _anchor_pattern() -> tuple[re.Pattern, dict[str, str]]:
    """One cheap pass over the lowercased text finds the anchor words; then the category of each.

    The word forms are tried category by category, longest first within one (as alternation() orders
    them), but written as one alternation per first letter: at a word start only the forms of its letter
    are tried, three times faster than a group per category. The category of a match is then that of
    the first form spelling it: any form tried before the one that matched spells something else.
    A run of digits is one anchor: its window is the union of its digits' windows.
    """
    by_letter: dict[str, list[str]] = {}
    category_of: dict[str, str] = {}
    for category, forms in _anchor_forms().items():
        suffix = _PLURAL.get(category, "")
        for form in sorted({re.escape(f).replace(r"\ ", r"\s+") for f in forms}, key=len, reverse=True):
            if not re.match("[a-z]", form):  # so no word starts where a digit run may
                raise ValueError(f"anchor form {form!r} must start with a lowercase letter")
            by_letter.setdefault(form[0], []).append(form[1:] + suffix)
        for form in forms:
            spelled = " ".join(form.split())
            category_of.setdefault(spelled, category)
            if suffix:
                category_of.setdefault(spelled + "s", category)
    words = "|".join(letter + "(?:" + "|".join(rests) + ")" for letter, rests in by_letter.items())
    return re.compile(r"(?P<digit>\d+)|\b(?:" + words + r")(?!\w)", re.ASCII), category_of


def date_word_density(text: str) -> float:
    """Date words (weekdays, months, units, relative words ...; digits not counted) per 1,000 characters.

    News prose stays under about 25 (the densest dev document: 20.5); a calendar dump or a repeated
    "June 4 June 5 ..." is several times that.
    """
    if not text:
        return 0.0
    words = sum(1 for _, _, category in _anchor_words(ascii_lowered(text)) if category != "digit")
    return 1000 * words / len(text)


def _anchor_words(lowered: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, category) of each anchor word of the lowercased text (matched case-sensitively
    there: three times faster than IGNORECASE)."""
    pattern, category_of = _anchor_pattern()
    for m in pattern.finditer(lowered):
        word = m.group()
        category = m.lastgroup or category_of.get(word) or category_of[" ".join(word.split())]
        yield m.start(), m.end(), category


# How far a rule's match can reach around an anchor word: (characters before its start, after its end,
# lookaheads included). By default as far as "at least the past twenty four" + unit + " ago", or a
# dateline's city before its month. The rules that need the categories below reach less far (with room
# left for extra spaces), and digits are the most frequent anchors: narrower windows, less scanning.
# A figure or a month further on is an anchor of its own and brings its own reach.
_DEFAULT_REACH = (60, 40)
_REACH = {
    "digit": (30, 25),  # "the beginning of 1990"; "1990 per cent" (not a year), "the 1988 fiscal year"
    "weekday": (25, 10),  # "the this coming Tuesday", "Wed."
    "deictic": (15, 10),  # "earlier today"
    "reference": (0, 0),  # the words themselves: "the near future"
}
_REST_OF_WORD = re.compile(r"(?:(?<=\w)\w+)?")  # nothing, unless the window ends inside a word


def _regions(lowered: str) -> list[tuple[int, int, set[str]]]:
    """Merged windows of text around anchor words, with the anchor categories each holds. A window
    ends at the end of a word: cut inside one, a rule's "(?!\\w)" would hold where it does not."""
    length = len(lowered)
    windows = []
    for word_start, word_end, category in _anchor_words(lowered):
        before, after = _REACH.get(category, _DEFAULT_REACH)
        windows.append((max(0, word_start - before), min(length, word_end + after), category))
    windows.sort()  # a wide window may start before the narrow ones of the anchors just before its own
    regions: list[list] = []
    for start, end, category in windows:
        if regions and start > regions[-1][1]:  # the last region is complete: end it at a word's end
            regions[-1][1] = _REST_OF_WORD.match(lowered, regions[-1][1]).end()
        if regions and start <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], end)
            regions[-1][2].add(category)
        else:
            regions.append([start, end, {category}])
    if regions:
        regions[-1][1] = _REST_OF_WORD.match(lowered, regions[-1][1]).end()
    return [(start, end, found) for start, end, found in regions]


def _matches(text: str):
    """(rule, match) for every rule match inside the regions holding its anchors and clues (offsets into the text)."""
    lowered = ascii_lowered(text)
    for start, end, found in _regions(lowered):
        region = lowered[start:end]
        for rule in _rules_for(frozenset(found)):
            if (rule.clue or rule.clue_pattern is not None) and not _holds_clues(region, rule):
                continue
            # found in the lowercased copy; matched again in the text for the groups as written
            for m in rule.lowered_pattern.finditer(lowered, start, end):
                yield rule, rule.pattern.match(text, m.start(), end)


@lru_cache(maxsize=1)
def _rules_needing() -> dict[str, tuple[int, ...]]:
    """For each anchor category, the positions in rules() of the rules that need it (rule order kept)."""
    needing: dict[str, list[int]] = {}
    for index, rule in enumerate(rules()):
        for category in rule.needs:
            needing.setdefault(category, []).append(index)
    return {category: tuple(indexes) for category, indexes in needing.items()}


@lru_cache(maxsize=4096)
def _rules_for(categories: frozenset[str]) -> tuple[Rule, ...]:
    """The rules a region holding anchors of these categories may match, in rule order (regions
    repeat a few combinations of categories)."""
    needing, all_rules = _rules_needing(), rules()
    return tuple(all_rules[index] for index in sorted({i for category in categories for i in needing.get(category, ())}))


def _holds_clues(region: str, rule: Rule) -> bool:
    """Whether the (lowercased) region holds the rule's clues, as every match of the rule does."""
    if rule.clue and not any(map(region.__contains__, rule.clue)):
        return False
    return rule.clue_pattern is None or rule.clue_pattern.search(region) is not None


# The rules are compiled ASCII-only (Unicode-aware \b, \w and \s make every pattern about a third
# slower). Other spaces, such as the no-break space of "June&nbsp;4", are read as plain spaces: one
# character for one, so every offset stays the same.
_UNICODE_SPACES = {ord(c): " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                   "\u2008\u2009\u200a\u202f\u205f\u3000"} | {ord(c): "\n" for c in "\u2028\u2029\x85"}


def find_mentions(text: str) -> list[Mention]:
    """All temporal expressions in the text, as found (not resolved), sorted by start offset."""
    original, text = text, text if text.isascii() else text.translate(_UNICODE_SPACES)
    candidates = []
    for rule, m in _matches(text):
        start, end = m.span("span") if "span" in rule.pattern.groupindex and m.group("span") else m.span()
        end = start + len(text[start:end].rstrip())
        if end <= start:
            continue
        candidates.append((start, end, rule, m))
    # longest first, then priority, then leftmost; accept what does not overlap what was accepted and
    # passes the context filters (checked last: only for the candidates that could be accepted)
    candidates.sort(key=lambda c: (-(c[1] - c[0]), -c[2].priority, c[0]))
    # Accepted spans never overlap, so kept sorted by start only the two neighbours of a new span can
    # clash with it: a bisect per candidate keeps this linear-ish on texts with thousands of mentions.
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    chosen = []
    for start, end, rule, m in candidates:
        index = bisect.bisect_left(taken_starts, start)
        if (index and taken_ends[index - 1] > start) or (index < len(taken_starts) and taken_starts[index] < end):
            continue
        if not _keep(text, rule, m):
            continue
        fields = {k: v for k, v in m.groupdict().items() if v is not None and k != "span"}
        taken_starts.insert(index, start)
        taken_ends.insert(index, end)
        chosen.append(Mention(start, end, original[start:end], rule.kind, rule.name, fields))
    chosen.sort(key=lambda mention: mention.start)
    return _coordinated(text, chosen)


_COORDINATED = re.compile(r"\s+(?:and|or|to|through|into)\s+")
_SECOND_DAY = re.compile(r"\s+(?:and|or|to|through)\s+(3[01]|[12]\d|0?[1-9])\b(?![,.]?\d|\s*(?:%|percent))")


def _coordinated(text: str, mentions: list[Mention]) -> list[Mention]:
    """Coordination shares what the first member says: "this past winter and spring" (the modifier),
    "April 24 and 25" (the month)."""
    out = list(mentions)
    for i in range(1, len(out)):
        previous, current = out[i - 1], out[i]
        if current.kind == previous.kind == "season" and "rel" in previous.fields \
                and "rel" not in current.fields and "y" not in current.fields \
                and _COORDINATED.fullmatch(text, previous.end, current.start):
            fields = dict(current.fields, rel=previous.fields["rel"], coordinated="1")
            out[i] = Mention(current.start, current.end, current.text, current.kind, current.rule + "+coordinated", fields)
    additions = []
    for mention in out:
        if mention.kind == "month_day":
            m = _SECOND_DAY.match(text, mention.end)
            if m and not any(o.start < m.end(1) and m.start(1) < o.end for o in out):
                fields = {"month": mention.fields["month"], "d": m.group(1)}
                additions.append(Mention(m.start(1), m.end(1), m.group(1), "month_day", "month_day+second_day", fields))
    return sorted(out + additions, key=lambda mention: mention.start)
