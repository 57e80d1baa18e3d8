"""The finder's rules as data: the regex macros built from the vocabulary, the rule table, and for each
rule the anchor categories and clue words that let dateline.find run it only where it can match."""
from __future__ import annotations

from . import composite_rules, range_rules
from .lexicon import Lexicon, alternation
from .resolution import CENTURY_ORDINALS


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
        "WEEKDAY_ABBREV": alternation(weekday_abbrev),
        "MONTH_ABBREV": alternation(month_abbrev),
        "SEASON": alternation(lx.season_by_form),
        "POD": alternation(lx.part_of_day_by_form),
        "UNIT": alternation(unit_forms),
        "UNIT1": alternation([f for f in unit_forms if not f.endswith("s")] + ["centurie"]),
        "NUM": rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{tens}[\s-]{ones}|" + alternation(lx.number_by_word) + ")",
        "ORD": alternation(list(lx.ordinals) + ["5th", "6th", "7th", "8th", "9th", "10th", "11th", "12th",
                                                "13th", "14th", "15th", "16th", "17th", "18th", "19th", "20th",
                                                "21st"]),
        # centuries' ordinals in words ("the nineteenth century"), beyond the vocabulary's ordinals
        "CENTURY_ORD": alternation(list(CENTURY_ORDINALS) + ["twenty-first"]),
        "REL": alternation(lx.relative_offset),
        "MOD": alternation(lx.modifiers),
        "POP": alternation(list(lx.part_of_period) + ["mid-", "earlier", "later"]),
        "YEAR": r"(?:1[6-9]|20)\d\d",
        # a year before 1600 only where a month and day date it and no count could follow ("May 4, 1453,";
        # not "May 4, 1200 people")
        "OLD_YEAR": r"1[0-5]\d\d(?=\s*[,.;:)!?]|\s*$|\s+(?:the|a|an|and|when|as|he|she|it|they|his|her|its|their)\b)",
        "SPELLED_YEAR": r"(?:nineteen(?:\s+hundred(?:\s+and)?)?[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|two\s+thousand(?:\s+and)?(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine|ten))?)",
        "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?",
        "REFERENCE": alternation(lx.references),
        # forms that start with a digit ("2day", "2nite") are found near digits, by the rule deictic_numeral
        "DEICTIC": alternation([f for f in lx.deictic_days if f[0].isalpha()]),
        "DEICTIC_DIGIT": alternation([f for f in lx.deictic_days if not f[0].isalpha()]),
        "TONIGHT": alternation([f for f in lx.tonight_forms if f[0].isalpha()]),
        "TONIGHT_DIGIT": alternation([f for f in lx.tonight_forms if not f[0].isalpha()]),
        "FREQ": alternation(lx.frequencies),
        "HOLIDAY": alternation(lx.holiday_by_form),
        "BC": r"(?:b\.\s?c\.(?:e\.)?|b\.c\b|bce?\b)",
        # "EST", "ET", "Eastern time" (US zones by name); "local time" is left out of a clock time's span, as the
        # news gold leaves it (composite_rules' four-figure times take it, "0900 local time")
        "ZONE": r"(?:est|edt|cst|cdt|mst|mdt|pst|pdt|gmt|utc|bst|cet|cest|sgt|hkt|jst|aest|aedt|et(?!\s+(?:al|cetera)\b)|pt|ct|mt"
                r"|(?:eastern|pacific|central|mountain)(?:\s+(?:standard\s+|daylight\s+)?time)?)",
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
    # "21/03/2011": a first number over 12 is the day
    ("slash_date_day_first", "date", r"\b(?P<d>3[01]|2\d|1[3-9])/(?P<m>1[0-2]|0?[1-9])/(?P<y>{YEAR})\b", 5),
    # "21.03.2011", "27.03.15": day first, as most of the world writes it (a two-digit year only with a
    # two-digit day and month; not a version number "v2.1.15" nor an address "10.1.1.12")
    ("dotted_date", "date",
     r"(?<![\w.,/:-])(?:(?P<d>3[01]|[12]\d|0?[1-9])\.(?P<m>1[0-2]|0?[1-9])\.(?P<y>{YEAR})|(?P<d2>3[01]|[12]\d|0[1-9])\.(?P<m2>1[0-2]|0[1-9])\.(?P<yy>\d\d))(?![\w/-]|[.,:]\d)", 5),
    # "11/30", "6/15": a month and day without the year (not a fraction: "1/2", "3/4" have one digit each)
    ("slash_month_day", "month_day",
     r"(?<![\w$.,/:-])(?P<month>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0[1-9])(?![\w/%]|[.,:-]\d)", 3),
    ("month_day_year", "date",
     r"\b(?:(?P<wd>{WEEKDAY}|{WEEKDAY_ABBREV}(?=,?\s)),?\s+)?(?P<month>{MONTH_BEFORE_DAY})\s+(?P<d>{DAY})(?:,|\s+of)?\s+(?P<y>{YEAR}|{OLD_YEAR})\b", 5),
    ("day_month_year", "date", r"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<month>{MONTH_BEFORE_DAY}),?\s+(?P<y>{YEAR}|{OLD_YEAR})\b", 5),
    # a day glued to its month, as chat writes it ("26nov 2015", "5jan"): not a code ("4oct2x") nor a count
    ("day_month_glued_year", "date", r"\b(?P<d>3[01]|[12]\d|0?[1-9])(?P<month>{MONTH_FULL}|{MONTH_ABBREV})\.?,?\s*(?P<y>{YEAR})\b", 5),
    ("day_month_glued", "month_day", r"\b(?P<d>3[01]|[12]\d|0?[1-9])(?P<month>{MONTH_FULL}|{MONTH_ABBREV})\b(?![-./]?\d)", 4),
    ("month_day", "month_day",
     r"\b(?:(?P<wd>{WEEKDAY}|{WEEKDAY_ABBREV}(?=,?\s)),?\s+)?(?:(?P<pop>early|late)\s+|(?P<rel>last|this\s+past|next|this\s+coming)\s+)?(?P<month>{MONTH_BEFORE_DAY})\s+(?P<d>{DAY})\b(?![,.]?\d)", 4),
    ("week_of", "week_of", r"\bthe\s+week\s+of\s+(?P<month>{MONTH_BEFORE_DAY})\s+(?P<d>{DAY})\b(?:,?\s+(?P<y>{YEAR}))?", 5),
    ("day_month", "month_day", r"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<month>{MONTH_FULL}\b|{MONTH_ABBREV}\.?(?![\w'’-]))(?!\.?\s*\d|,\s*\d{1,4}\b(?!,\d{3}))", 3),
    ("month_year", "month_year",
     r"\b(?:(?P<pop>{POP})\s*)?(?P<month>{MONTH_BEFORE_DAY})(?:,\s*|\s+(?:of\s+)?)(?:(?P<y>{YEAR})\b(?![,.]?\d)|(?P<spelled>{SPELLED_YEAR})\b|(?P<ybc>\d{1,4})\s*{BC})", 4),
    ("month_relative_year", "month_year",
     r"\b(?:(?P<pop>{POP})\s*)?(?P<month>{MONTH})\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year\b", 4),
    ("month", "month", r"\b(?:(?:the\s+)?(?P<rel>{REL})\s+|(?P<pop>{POP})\s*|the\s+month\s+of\s+)?(?P<month>{MONTH})(?!\w)", 2),
    ("decade", "decade",
     r"(?:\bthe\s+)?(?:(?P<pop>early|mid-?|late)\s*)?(?:\b(?P<decade>(?:1[6-9]|20)\d0)|'(?P<short>\d0))'?s\b", 4),
    ("year", "year",
     r"(?<![\w$#.,/-])(?:(?P<pop>{POP})\s*|(?P<fiscal>fiscal\s+(?:year\s+)?)|the\s+year\s+)?(?P<y>{YEAR})(?![\w%]|[.,/-]\d|\s+(?:percent|per\s+cent)\b)", 1),
    ("century", "century",
     r"\b(?:the\s+)?(?:(?P<pop>early|mid-?|late)\s*)?(?P<ord>{ORD}|{CENTURY_ORD})[\s-]+century\b(?:\s+(?P<bc>{BC}))?", 3),
    # "this Sat", "on fri", "Sat-Sun": an abbreviation without its dot (find.informal decides)
    ("weekday_abbreviation", "weekday",
     r"\b(?:(?P<the>the\s+)?(?P<rel>{REL})\s+)?(?P<wd>{WEEKDAY_ABBREV})(?:\s+(?P<pod>{POD}))?(?![\w.'’])", 1),
    # "in jun", "by oct", "mid-sept" (find.informal decides)
    ("month_abbreviation", "month", r"\b(?:(?:the\s+)?(?P<rel>{REL})\s+|(?P<pop>early|late|mid-?)\s*)?(?P<month>{MONTH_ABBREV})(?![\w.'’-])", 1),
    ("weekday", "weekday",
     r"\b(?:(?P<the>the\s+)?(?P<rel>{REL})\s+|(?P<pop>early|late|earlier|later)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{POD}))?(?!\w)", 2),
    ("deictic_day", "deictic_day",
     r"\b(?:(?P<pop>early|late|earlier|later)\s+|(?P<pod_mod>mid-?|early\s+|late\s+)?(?P<pod_before>morning|afternoon|evening|night)\s+)?(?P<deictic>{DEICTIC})(?:\s+(?P<pod>{POD}))?\b", 3),
    ("year_quarter", "quarter_reference", r"\bthe\s+(?P<y>{YEAR})\s+quarter\b", 3),
    ("tonight", "deictic_day", r"\b(?:(?P<pop>earlier|later)\s+)?(?P<tonight>{TONIGHT})\b", 3),
    # "2day", "2moro night", "2nite": chat spellings that start with a digit
    ("deictic_numeral", "deictic_day",
     r"(?<![\w$.,/:-])(?:(?P<deictic>{DEICTIC_DIGIT})(?:\s+(?P<pod>{POD}))?|(?P<tonight>{TONIGHT_DIGIT}))\b(?!-)", 3),
    ("this_part_of_day", "deictic_day",
     r"\b(?:(?P<pop>earlier|later)\s+)?(?P<rel>this|last)\s+(?P<pod>morning|morn|afternoon|arvo|aft|evening|night|nite)\b", 3),
    ("relative_period", "relative_period",
     r"\b(?:(?P<pop>{POP})\s+)?(?:the\s+)?(?P<rel>{REL})\s+(?:long\s+(?=weekend))?(?P<unit>week|weekend|wknd|wkend|month|year|quarter|decade|century|wk|mth|mo|yr|qtr)\b(?:(?P<or_so>\s+or\s+so)\b|(?!\s+(?:or|and)\s+(?:more|two)))", 3),
    # "the weekend", "a long weekend", "long weekend" (informal, with no article; not "so long weekend after weekend")
    ("the_weekend", "weekend",
     r"\b(?:(?P<pop>early|late)\s+)?(?:(?:the|a(?=\s+long\b))\s+(?:long\s+)?|(?<!so\s)(?<!too\s)(?<!as\s)(?<!how\s)long\s+)weekend\b(?!s)", 2),
    # "in the morning": of the day the text is about, as "that morning" (the publication day if it named
    # none); not "in the morning of 29 April": a date follows
    ("in_the_part_of_day", "anaphoric_same",
     r"\b(?:in|during)\s+(?P<span>the\s+(?P<unit>morning|afternoon|evening))\b(?!\s+(?:of|after|before|hours)\b)", 2),
    ("relative_season", "season",
     r"\b(?:(?P<pop>early|late|mid-?)\s*)?(?:the\s+)?(?P<rel>{REL})\s+(?P<season>{SEASON})\b", 3),
    ("season", "season",
     r"\b(?:(?P<pop>early|late|mid-?)\s*|(?P<the>the|(?P<that>that)(?:\s+same)?)\s+)?(?P<season>{SEASON})(?:\s+(?:of\s+)?(?:(?P<ybc>\d{1,4})\s*{BC}|(?P<y>{YEAR})\b|(?P<spelled>{SPELLED_YEAR})\b|['\u2019](?P<yy2>\d\d)\b(?!['\u2019]?s\b)))?(?:(?<=\.)|\b)", 2),
    # "the third quarter of 2016", "the final quarter"; "last" is the fourth only before the year it ends
    # ("the last quarter of 2027"): alone, "the last quarter" is the one before this (relative_period)
    ("quarter", "quarter",
     r"\b(?:the\s+)?(?:(?P<y>{YEAR})\s+|(?P<fiscal>fiscal\s+)|(?P<yrel>this|last|next)\s+year's\s+|(?P<ago>(?:comparable\s+)?year-(?:ago|earlier)\s+))?(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th|last(?=\s+(?:quarter|qtr\.?)\s+of\s+(?:{YEAR}\b|(?:this|last|next)\s+year\b)))[\s-]+(?:quarter\b|qtr\b\.?)(?:\s+(?:of\s+)?(?P<y2>{YEAR})\b(?![,.]?\d)|\s+of\s+(?P<yrel2>this|last|next)\s+year\b)?", 3),
    ("half", "half",
     r"\b(?:the\s+)?(?:(?P<y>{YEAR})\s+)?(?P<h>first|second|last)[\s-]+half\b(?:\s+of\s+(?:the\s+year|(?P<y2>{YEAR})))?", 3),
    ("quarter_reference", "quarter_reference",
     r"\b(?:the\s+(?:(?P<which>latest|most\s+recent|current|same|corresponding|previous|prior|year-ago|year-earlier|comparable)\s+)?|(?P<last_years>last\s+year['’]s\s+))quarter\b(?![\s-]+(?:of\s+(?!last\s+year)|century|point|percent|share|mile|inch)|-to-)(?P<year_ago>\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year))?", 2),
    ("period_reference", "quarter_reference",
     r"\b(?:the\s+(?:same|corresponding|comparable)\s+period(?P<year_ago>\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year))\b"
     r"|the\s+(?P<which>latest|most\s+recent|year-ago|year-earlier|comparable)\s+period\b|(?P<last_years>last\s+year['’]s\s+)period\b)", 2),
    ("the_year", "the_year",
     r"\b(?:(?P<pop>{POP})\s+)?the\s+(?P<which>full\s+|fiscal\s+|current\s+fiscal\s+|latest\s+fiscal\s+)?year\b(?![\s-]+(?:of|old|two|earlier|ago|before|after|later))", 1),
    # "by year-end", "around year end", "by end of year" (with "the": the_year, "the end of the year")
    ("year_end", "year_end", r"\b(?P<mod>around\s+)?(?:year-end|year\s+end|year's\s+end|(?<!the\s)end\s+of\s+year)\b", 2),
    ("spelled_year", "year",
     r"\b(?:the\s+year\s+)?(?P<spelled>{SPELLED_YEAR})\b(?![\s-]+(?:\w+\s+)?(?:people|dollars|years|percent|soldiers|troops))", 2),
    ("decade_words", "decade", r"\b(?:the\s+)?(?:(?P<pop>early|mid-?|late)\s*)?(?P<tens>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", 3),
    ("year_ago_adjective", "year_ago", r"\b(?P<adj>year-earlier|year-ago)(?=\s+\w)", 2),
    ("year_period", "year", r"\bthe\s+(?P<y>{YEAR})\s+(?:period|fiscal\s+year)\b", 3),
    ("ago", "ago",
     r"\b(?:(?P<mod>{MOD})\s+)?(?P<num>{NUM})(?P<fraction>\s+1/2|\s+and\s+a\s+half)?\s+(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?\s+(?:or\s+so\s+)?(?:ago|back(?!\s+(?:to|from|into|home|in|on|at|up|down)\b))\b", 4),
    ("anaphoric_offset", "anaphoric_offset",
     r"\b(?:(?P<mod>{MOD})\s+)?(?:(?P<num>{NUM})\s+|(?<!the\s)(?=(?:hours|days|weeks|months|years|decades)\s))(?P<unit>{UNIT})\s+(?P<dir>later|earlier)\b", 4),
    ("anaphoric_next", "anaphoric_offset",
     r"\bthe\s+(?P<dir>next|following|previous|preceding)\s+(?P<unit>day|week|weekend|month|year|morning|evening|night)\b(?!\s+(?:or|and)\s+(?:two|three|so|more|a\s+half|beyond)\b)", 4),
    # "the following quarter", "the previous decade": counted from the period the text is on, not from now
    ("anaphoric_next_period", "anaphoric_offset",
     r"\bthe\s+(?P<dir>following|previous|preceding)\s+(?P<unit>quarter|decade|century)\b(?!\s+or\b)", 4),
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
    # "1/2 day": half a unit
    ("duration_half", "duration", r"(?<![\d/])(?P<num>1/2)\s+(?P<unit>{UNIT})\b(?!-|\s+old\b)", 2),
    # "9hrs", "50mins", "2weeks": a figure written against its unit
    ("duration_glued", "duration",
     r"(?<![\w$.,:/-])(?:(?P<mod>{MOD})\s+)?(?P<num>\d{1,3}(?:\.\d)?)(?P<unit>{UNIT})\b(?![-'])", 2),
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
     r"\b(?P<span>(?P<each>every|each)\s+(?:(?P<unit>day|weekend|week|month|year|quarter|morning|night|nite|summer|winter|spring|fall)|(?P<wd>{WEEKDAY}|{WEEKDAY_ABBREV}(?![\w.]))|(?P<month>{MONTH_FULL})))\b", 4),
    # "every two weeks", "every 3 days", "every other month": a set of periods of that length
    ("set_every_count", "set",
     r"\b(?P<each>every)\s+(?P<num>other|second|{NUM})\s+(?P<unit>{UNIT})\b", 5),
    # "on Mondays", "Friday nights", "Sunday mornings": every such day (or part of it)
    # "works weekends", "on weekends": every weekend (a count before it is a span: "three weekends")
    ("weekends", "set", r"(?<![\w-])(?P<unit>weekends)\b(?!-)", 2),
    ("weekday_set", "set",
     r"\b(?:(?P<wds>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)(?:\s+(?P<pods>mornings|afternoons|evenings|nights))?"
     r"|(?P<wd>{WEEKDAY})\s+(?P<pods2>mornings|afternoons|evenings|nights))\b", 4),
    # "for the past three summers": each of them
    ("set_seasons", "set",
     r"\b(?:the\s+)?(?:past|last|next|previous|coming)\s+(?P<num>{NUM})\s+(?P<unit>summer|winter|spring|autumn|fall)s\b", 4),
    ("set_times", "set",
     r"\b(?P<times>once|twice|three\s+times|four\s+times|(?:\d+)\s+times)\s+(?P<each>a|an|per|each)\s+(?P<unit>day|week|month|year)\b", 5),
    ("set_frequency", "set", r"\b(?P<freq>{FREQ})\b", 2),
    # "7:30 p.m.", "8pm", "7.30am", "730pm"; "5+am" (just after five)
    ("clock_time", "clock_time",
     r"\b(?:(?P<mod>about|around|at\s+about|approximately|abt)\s+)?(?P<h>1[0-2]|0?[1-9])(?:[:.]?(?P<min>[0-5]\d))?(?P<plus>\+)?\s*(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b)(?:\s+{ZONE}\b)?", 4),
    # "at 21:30", "9:00": hours and minutes without a.m. or p.m. (not "1:35:10", "2.30:1")
    ("clock_24h", "clock_time",
     r"(?<![\w$.,:/-])(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?:\s*hrs\b|(?![\w:]|[.,]\d|\s*(?:a\.m|p\.m|am\b|pm\b)|\s+(?:scale|ratio|odds|lead|win|victory|defeat|draw|loss)\b))(?:\s+{ZONE}\b)?", 3),
    ("clock_oclock", "clock_time",
     r"\b(?P<h>1[0-2]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*o'clock\b", 3),
    # "at 5 tonight", "tmr at 8": an hour alone, kept only beside a day (find.time_of_day)
    ("clock_at_hour", "clock_time",
     r"\bat\s+(?P<span>(?P<h>1[0-2]|0?[1-9]))(?![\w:%]|[.,]\d|\s*(?:a\.m|p\.m|am\b|pm\b|o'clock|%|percent|per\b|degrees|points?\b))", 2),
    ("clock_with_weekday", "clock_time",
     r"\b(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?)|(?P<named>noon|midnight))(?:\s+{ZONE}\b)?,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})|(?P<month>{MONTH_BEFORE_DAY})\s+(?P<d>{DAY}))(?!\w)", 5),
    ("weekday_with_clock", "clock_time",
     r"\b(?P<wd>{WEEKDAY}),?\s+at\s+(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?)|(?P<named>noon|midnight))", 5),
    ("noon", "clock_time", r"\b(?:12\s+)?(?P<named>noon|midnight|midday)\b", 2),
    *range_rules.RULES,
    *composite_rules.RULES,
]


# The anchor categories (see dateline.text_shape.anchor_categories) a rule's match must contain: a rule runs only in a
# region of text where one of them occurs, so most rules never scan most of the text.
_DATE_WORDS = ("month", "weekday", "season", "unit", "holiday")
RULE_NEEDS = {
    "holiday": ["holiday"], "dateline": ["month"],
    "iso_date": ["digit"], "slash_date": ["digit"], "slash_date_day_first": ["digit"], "dotted_date": ["digit"],
    "slash_month_day": ["digit"], "month_day_year": ["month"], "day_month_year": ["month"],
    "day_month_glued_year": ["digit"], "day_month_glued": ["digit"],
    "month_day": ["month"], "week_of": ["month"], "day_month": ["month"], "month_year": ["month"], "month_relative_year": ["month"],
    "month": ["month"], "decade": ["digit"], "year": ["digit"], "century": ["unit"], "weekday": ["weekday"], "weekday_abbreviation": ["weekday"], "month_abbreviation": ["month"],
    "deictic_day": ["deictic"], "tonight": ["other"], "deictic_numeral": ["digit"], "this_part_of_day": ["part_of_day"],
    "relative_period": ["unit"], "the_weekend": ["unit"], "in_the_part_of_day": ["part_of_day"], "relative_season": ["season"], "season": ["season"],
    "quarter": ["unit"], "half": ["other"], "quarter_reference": ["unit"], "period_reference": ["other"],
    "the_year": ["unit"], "year_quarter": ["unit"], "year_end": ["unit"], "spelled_year": ["other"], "decade_words": ["other"],
    "year_period": ["digit"], "year_ago_adjective": ["unit"], "ago": ["unit"], "anaphoric_offset": ["unit"],
    "anaphoric_next": ["unit", "part_of_day"], "anaphoric_next_period": ["unit", "other"], "anaphoric_day_before": ["unit"],
    "anaphoric_that": ["unit", "part_of_day"], "reference": ["reference"], "someday": ["unit"], "duration": ["unit"],
    "duration_hyphen": ["unit"], "duration_glued": ["digit"], "duration_half": ["unit"], "duration_long": ["unit"], "year_bound": ["digit"],
    "duration_plural": ["unit"], "duration_while": ["while"], "set_rate": ["unit"], "set_every": list(_DATE_WORDS) + ["part_of_day"], "set_every_count": ["unit"], "weekday_set": ["other", "weekday"], "weekends": ["unit"],
    "set_times": ["unit"], "set_seasons": ["season"], "set_frequency": ["frequency"], "clock_time": ["digit"], "clock_24h": ["digit"], "clock_oclock": ["digit", "other"], "clock_at_hour": ["digit"],
    "hour_of_part_of_day": ["part_of_day"], "clock_with_weekday": ["digit", "other", "part_of_day"],
    "weekday_with_clock": ["weekday"], "noon": ["other", "part_of_day"],
    **range_rules.NEEDS,
    **composite_rules.NEEDS,
}


# Clues: words (in lower case) one of which every match of the rule holds, so a rule runs in a region
# only if one of its clue words occurs there: a region without "ago" holds no "three years ago". They are
# looked for in the lowercased text, where bytes.lower() has lowered the ASCII letters only, as the
# rules' IGNORECASE with ASCII matches them.
_REL = "this next nxt past last following previous current coming"
RULE_CLUES = {
    "iso_date": "-", "slash_date": "/", "slash_date_day_first": "/", "slash_month_day": "/", "week_of": "week", "year": "16 17 18 19 20", "decade": "0s 0's",
    "century": "century", "year_quarter": "quarter", "the_weekend": "weekend", "relative_season": _REL,
    "quarter": "quarter qtr", "half": "half", "quarter_reference": "quarter", "year_end": "end", "year_ago_adjective": "year-",
    "year_period": "period fiscal", "ago": "ago back", "anaphoric_offset": "later earlier",
    "anaphoric_next": "next following previous preceding", "anaphoric_next_period": "following previous preceding", "anaphoric_day_before": "before after",
    "duration_hyphen": "-centur -quarter -decade -second -minute -month -year -hour -week -day",
    "duration_long": "-long s-old", "year_bound": "pre- post-",
    "duration_plural": "seconds minutes hours days weeks months years decades centuries", "set_every": "every each", "set_every_count": "every",
    "weekday_set": "days mornings afternoons evenings nights", "weekends": "weekends", "duration_half": "1/2",
    "set_times": "once twice times", "clock_with_weekday": "a.m p.m noon midnight",
    "weekday_with_clock": "a.m p.m noon midnight",
    **range_rules.CLUES,
    **composite_rules.CLUES,
}
# Where the words around a space are the clue: a lowercase regex (no anchors or lookarounds) that
# matches part of every match. Kept only where it saves more scanning than it costs.
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"  # any month, full or abbreviated
_DAY_END = r"(?:\d|st|nd|rd|th)"  # the end of a day of the month ("4", "4th")
_DAY_MONTH = r"\d(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_WORD
RULE_CLUE_PATTERNS = {
    "month_day": _MONTH_WORD + r"\s+\d", "day_month": _DAY_MONTH,
    "day_month_year": _DAY_MONTH, "month_day_year": _DAY_END + r"(?:,|\s+of)?\s+1[0-9]\d\d|" + _DAY_END + r"(?:,|\s+of)?\s+20\d\d",
    "month_year": _MONTH_WORD + r"(?:,\s*|\s+(?:of\s+)?)(?:1[6-9]|20|nineteen|two|\d{1,4}\s*b\.?\s?c)",
    "month_relative_year": r"(?:this|last|next)\s+year",
    "the_year": r"the\s+(?:full\s+|fiscal\s+|current\s+fiscal\s+|latest\s+fiscal\s+)?year",
    "anaphoric_that": r"(?:that|the|same)\s+(?:day|week|month|quarter|year|morning|afternoon|evening|night)",
    "set_rate": r"(?:a|an|per|each)\s+(?:hour|day|week|month|year)", "someday": r"one\s+day",
    "clock_time": r"\d\+?\s*[ap]\.?m", "duration_glued": r"\d(?:se|mi|h|da|de|w|mo|mt|q|y|ce)",
    "dotted_date": r"\d\.\d\d?\.\d",
    "day_month_glued": r"\d" + _MONTH_WORD, "day_month_glued_year": r"\d" + _MONTH_WORD,  # "12march"
    "dateline": r",\s+" + _MONTH_WORD + r"\s+\d",  # "PARIS, March 4 ("
    # an abbreviation ending its word ("sat", not "saturday"; a region ends at the end of a word)
    "weekday_abbreviation": r"(?:mon|tues?|wed|thu|thurs?|fri|sat|sun)(?:[^a-z.]|$)",
    "month_abbreviation": r"(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?:[^a-z.]|$)",
    "in_the_part_of_day": r"the\s+(?:morning|afternoon|evening)", "deictic_numeral": r"2(?:d|m|n)", "clock_24h": r"\d:[0-5]\d",
    "clock_oclock": r"o'clock", "clock_at_hour": r"at\s+\d",
    "relative_period": r"(?:this|next|nxt|past|last|following|previous|current|coming)\s+(?:long\s+)?(?:week|wknd|wkend|month|year|quarter|decade|century|wk|mth|mo|yr|qtr)",
    **range_rules.CLUE_PATTERNS,
    **composite_rules.CLUE_PATTERNS,
}
