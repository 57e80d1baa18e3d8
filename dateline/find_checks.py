"""The finder's filter: named checks that drop a rule's match when its context says it is not a time.

A candidate match (dateline.find) becomes an expression only if no check that applies to its rule says
"not a time". Each check is a small function `(text, rule_name, match, groups) -> bool` (True: drop the
match) with the reason in its docstring; CHECKS lists them in the order they are applied, each with the
rules it applies to (None: every rule) and the rules it leaves alone.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from . import range_rules
from .composite_rules import RESTATED_AFTER, may_be_two_years
from .informal import lower_case_month_allowed, weekday_abbreviation_is_a_day, weekday_case_allowed
from .lexicon import lexicon, normal
from .time_of_day import hour_beside_a_day

Check = Callable[[str, str, re.Match, dict], bool]

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
# "flight 1990", "page 2000": a number in a name or a reference
_NUMBER_NOUN_BEFORE = re.compile(r"(?:no\.|number|flight|route|room|model|boeing|airbus|page|pages|p\.|pp\.|section|chapter|"
                                 r"article|volume|vol\.|issue|version)\s*$")
# "2000 meters", "a 2000-page report": a number of units of measure, whatever comes before it
_MEASURE_AFTER = re.compile(r"(?:\s+|-)(?:meters?|metres?|feet|foot|miles?|kilometers?|kilometres?|km|yards?|tons?|tonnes?|"
                            r"pounds?|dollars|euros|barrels|acres?|hectares?|calories|points|votes|seats|pages?|words?)\b", re.I)
# "1600 Main Street", "2000 Pennsylvania Ave.": a house number before a street's name
_STREET_AFTER = re.compile(r"(?:\s+[A-Z][A-Za-z'-]*\.?){1,3}\s+(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|"
                           r"Way|Place|Pl|Court|Ct|Highway|Hwy|Parkway|Pkwy|Terrace|Square)\b")
# "1990 levels", "1990 and 1991": words after a year that keep it a year before a plural noun
_STILL_A_YEAR_AFTER = re.compile(r"\s+(?:and|was|were|is|has|had|as|levels?|figures?|prices?)\b")
# Words before an ambiguous season word ("fall", "spring") that make it a season
_SEASON_SIGNALS = ("in", "this", "last", "next", "and", "or", "since", "until", "during", "through")


def previous_word(text: str, start: int) -> str:
    m = _LAST_WORD.search(text[max(0, start - 30):start])
    return m.group(1).lower() if m else ""


# Words that news text writes in lower case; capitalised inside a sentence they belong to a name
# ("ABC's This Week", "60 Minutes", "VOA Today", "High Noon").
_COMMON_TEMPORAL_WORDS = frozenset(
    "second seconds minute minutes hour hours day days week weeks weekend month months quarter quarters year "
    "years decade decades century today tomorrow yesterday tonight now noon midnight morning afternoon evening "
    "night daily weekly monthly annually yearly min mins hr hrs wk wks yr yrs mth mths nite tonite".split())
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"'`“‘(\[_-])\s*$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# Short words a title leaves in lower case ("Now Available in Singapore")
_TITLE_SMALL_WORDS = frozenset("a an the of in on at to for and or but with by from as is are vs".split())


_BRACKETED = re.compile(r"\(\w+\)")


def _capitals_say_nothing(text: str, m: re.Match, word: str, first: bool) -> bool:
    """Whether the words around the match are capitalised as it is, so its capital marks no name: shouted
    in capitals ("VOTE NOW!", the word and a neighbour all capitals; "Vote NOW for", a word in capitals
    for emphasis), or a title in which every word
    is capitalised ("Soundbar Now Available in Singapore": two words each side, small words aside). A
    capital inside the match still marks a name in a title ('"This Week With David Brinkley"')."""
    before = [w for w in _WORD.findall(text, max(0, m.start() - 60), m.start()) if w.lower() not in _TITLE_SMALL_WORDS][-2:]
    after = [w for w in _WORD.findall(text, m.end(), m.end() + 60) if w.lower() not in _TITLE_SMALL_WORDS][:2]
    if word.isupper() and len(word) > 1 and any(w.isupper() and len(w) > 1 for w in before[-1:] + after[:1]):
        return True
    if word.isupper() and len(word) > 2 and not _BRACKETED.match(text, m.start() - 1):
        return True  # "Vote NOW for ...", "delivery to my house NOW": capitals for emphasis (not "(NOW)", an acronym)
    return first and len(before) == 2 and len(after) == 2 and all(w[0].isupper() for w in before + after)


# -- the checks, in the order CHECKS applies them ---------------------------------------------------------

def two_years_not_a_month(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"the 2011-12 season": two years (dateline.range_rules), not December 2011."""
    return bool(groups.get("m")) and may_be_two_years(groups)


def restated_clock_time(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"10:35 a.m. (0735 GMT)": the same time again, in another zone."""
    return RESTATED_AFTER.search(text, max(0, m.start() - 12), m.start()) is not None


def last_half_of_no_year(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"the last half" of something that is not a year (a match, a film)."""
    return normal(groups["h"]) == "last" and not (groups.get("y") or groups.get("y2"))


def hashtag(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"Happy #Friday", "#Christmas season": a hashtag labels a topic, it does not date the post."""
    return bool(m.start()) and text[m.start() - 1] == "#" and m.group()[:1].isalpha()


def lower_case_holiday(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"easter" in lower case is a direction; "christmas", "xmas" are the day however written."""
    return not groups["holiday"][:1].isupper() and normal(groups["holiday"]) in lexicon().holidays_need_capitals


# Things named after a holiday ("a Christmas tree", "Easter eggs", "Halloween costumes"): objects, not days
_HOLIDAY_THING_AFTER = re.compile(r"\s+(?:trees?|cards?|carols?|lights|decorations?|ornaments?|stockings?|sweaters?|jumpers?|"
                                  r"puddings?|crackers?|wreaths?|spirit|songs?|movies?|films?|music|eggs?|bunny|bunnies|"
                                  r"costumes?|candy|candies|pumpkins?|lanterns?)\b", re.I)


def holiday_thing(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"a Christmas tree", "Easter eggs", "Halloween costumes": a thing named after the holiday, not its day."""
    return not groups.get("hweek") and _HOLIDAY_THING_AFTER.match(text, m.end()) is not None


def inside_a_name(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"ABC's This Week", "60 Minutes", "VOA Today": a common time word capitalised inside a sentence
    belongs to a name (not when the sentence starts there, the text is shouted, or a title
    capitalises every word). Holidays are names of their own and are left to lower_case_holiday."""
    for word in _CAPITALISED.finditer(m.group()):
        if word.group().lower() in _COMMON_TEMPORAL_WORDS:
            at = m.start() + word.start()
            first = _LETTER.search(m.group(), 0, word.start()) is None  # the match's first word
            if (not first or not _SENTENCE_START.search(text[max(0, at - 3):at])) \
                    and not text[max(0, m.start() - 80):m.end() + 80].isupper() \
                    and not _capitals_say_nothing(text, m, word.group(), first):
                return True
    return False


def newspaper_title(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"the party daily Granma": a frequency word before a capitalised name is a newspaper."""
    return re.match(r"\s+[A-Z]", text[m.end():m.end() + 2]) is not None


def the_past_of_a_count(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"for the past three summers": "the past" counts something, it is not the past at large."""
    return normal(groups["ref"]) == "the past" and _COUNT_AFTER.match(text, m.end()) is not None


def generic_today_or_tomorrow(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"today's youth", "in today's world": nowadays, not the day; "the people of tomorrow": the future
    at large."""
    deictic = normal(groups.get("deictic") or "")
    if deictic not in ("today", "tomorrow") or len(m.group()) > 8:
        return False
    after = re.match(r"['’]s\s+([a-z]+)", text[m.end():m.end() + 30])
    if after and after.group(1).lower() in lexicon().generic_after_today:
        return True
    return deictic == "tomorrow" and re.search(r"\bof\s+$", text[max(0, m.start() - 4):m.start()]) is not None


_LEVEL_BEFORE = re.compile(r"(?:\b(?:clos\w*|stood|ended|finish\w*|index|points?|levels?|rates?|prices?|average|"
                           r"traded|altitude|feet|metres|meters|miles|number|rank\w*|room|page|row)\b|[$#])[^.;]{0,40}$", re.I)


def level_not_a_time(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"the index closed at 1015", "ranked at 1200": a bare four-figure number after "at" is a level or a
    count where the words before speak of one."""
    return _LEVEL_BEFORE.search(text, max(0, m.start() - 60), m.start()) is not None


_NAME_WORD_BEFORE = re.compile(r"(?<![.!?:;\"'(\n]\s)(?<![.!?:;\"'(\n])\b[A-Z][A-Za-z]*\s+$")


_COUNT_BEFORE = re.compile(r"\b(?:\d+|several|few|many|some|both|these|those|two|three|four|five|six|seven|eight|nine|ten)\s+$", re.I)


def plural_weekday_not_a_set(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"3 Mondays", "several Tuesdays": counted days, not every such day; "TGI Fridays", "Ruby Tuesdays":
    a plural weekday after a capitalised word inside a sentence ends a name."""
    if not groups.get("wds"):
        return False
    if _COUNT_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return True
    before = _NAME_WORD_BEFORE.search(text, max(0, m.start() - 20), m.start())
    return before is not None and before.group().strip().lower() not in _TITLE_SMALL_WORDS and \
        _SENTENCE_START.search(text[max(0, before.start() - 3):before.start()]) is None


_SCORE_BEFORE = re.compile(r"\b(?:rated|rating|scored|score|scores|grade|graded|marks|ranked)\s+$", re.I)


def score_not_a_day(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"rated 10/10", "scored 9/10": a score, not a month and day."""
    return _SCORE_BEFORE.search(text, max(0, m.start() - 12), m.start()) is not None


_POSSESSIVE_BEFORE = re.compile(r"\b(?:his|her|their|my|your|our|its)\s+(?:(?:early|mid|late)[\s-]+)?$", re.I)


def an_age(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"in their twenties", "in his late '60s": an age, not a decade ("their 1990s hits" is the decade)."""
    return not groups.get("decade") and _POSSESSIVE_BEFORE.search(text, max(0, m.start() - 16), m.start()) is not None


def hour_alone(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"at 5" alone: five of anything; an hour is a time only beside a day ("at 5 tonight")."""
    return not hour_beside_a_day(text, m)


def high_noon(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"high noon": a moment of decision, not a time."""
    return re.search(r"\bhigh\s+$", text[max(0, m.start() - 6):m.start()].lower()) is not None


def month_word_not_a_month(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"a march on the capital", "May I", "march on": a month name in lower case or abbreviated without a
    dot needs what dateline.informal asks of it; a bare capitalised latent month ("May", "March") needs
    a signal word before it ("in May") and is not the verb ("May I")."""
    month = groups.get("month")
    if month is None:
        return False
    if not month[:1].isupper() or name == "month_abbreviation":
        return not lower_case_month_allowed(text, name, m, previous_word(text, m.start()))
    if name == "month" and normal(month) in lexicon().latent_months and not (groups.get("rel") or groups.get("pop")):
        if previous_word(text, m.start()) not in _MONTH_SIGNALS:
            return True
        if normal(month) == "may" and re.match(r"\s+(?:I|we|you|he|she|it|they|be|have|not)\b", text[m.end():]):
            return True
    return False


def fall_of_a_place(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"the fall of Budapest": a defeat, not autumn ("the fall of 1862", "of that year" are autumn)."""
    return normal(groups["season"]) == "fall" and not groups.get("y") and _FALL_OF.match(text, m.end()) is not None


def season_word_not_a_season(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"a fall in prices", "the spring of a trap": an ambiguous season word is a season with a modifier,
    "the", a year, or a signal word before it ("in spring")."""
    if normal(groups["season"]) not in lexicon().ambiguous_seasons or groups.get("pop") or groups.get("the") or groups.get("y"):
        return False
    return previous_word(text, m.start()) not in _SEASON_SIGNALS


def number_of_things(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"2000 soldiers", "1990 returns": a number before a plural noun counts it (not "the 1992 protests",
    "1990 levels", "in 1816 the veterans"); "in 2000 meters of water", "a 2000-page report": a measure;
    "flight 1990", "Boeing 2000", "page 2000": a number in a name or a reference; "1600 Main Street": an
    address."""
    if groups.get("pop") not in (None, "") or groups.get("fiscal"):
        return False
    if _MEASURE_AFTER.match(text, m.end()):
        return True
    if _STREET_AFTER.match(text, m.end()) and not _YEAR_PREPOSITION_BEFORE.search(text, max(0, m.start() - 16), m.start()):
        return True
    if _QUANTITY_NOUN.match(text, m.end()) and not _DETERMINER_BEFORE.search(text, max(0, m.start() - 12), m.start()) \
            and not _STILL_A_YEAR_AFTER.match(text, m.end()) \
            and not _YEAR_PREPOSITION_BEFORE.search(text, max(0, m.start() - 16), m.start()):
        return True
    return _NUMBER_NOUN_BEFORE.search(text[max(0, m.start() - 12):m.start()].lower()) is not None


def range_in_a_name(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"Route 1920-22": the end of a range goes as its start, a number in a name."""
    start = m.start() - 5 if name == "year_range_end" else m.start()  # (its match opens on the start)
    return _NUMBER_NOUN_BEFORE.search(text[max(0, start - 12):start].lower()) is not None


def weekday_word_not_a_day(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"monday" is a weekday however written; "sun.", "wed." in lower case are other words, unless
    dateline.informal finds a day in their context ("on wed.")."""
    return not weekday_case_allowed(m.group("wd")) and not weekday_abbreviation_is_a_day(text, m, previous_word(text, m.start()))


def weekday_abbreviation_not_a_day(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"I sat down", "the sun rose": an abbreviation without its dot needs a day's context ("this Sat")."""
    return not weekday_abbreviation_is_a_day(text, m, previous_word(text, m.start()))


def count_not_a_duration(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """Counts that are not a span we resolve: "a year ago" (a point, the rule ago), "1,000 years",
    "the 1988 quarter" (a year), "many years" without a modifier, "a second time", "second day", "a mo" (a moment),
    "3/4 hour" (not four hours)."""
    num, unit = normal(groups["num"]), normal(groups["unit"])
    if m.start() > 1 and text[m.start() - 1] == "/" and text[m.start() - 2].isdigit():
        return True  # "3/4 hour": the count is a fraction's, not 4
    if num in ("a", "an", "one") and re.match(r"\s+(?:ago|later|earlier)\b", text[m.end():]):
        return True
    if "," in num or ("." in num and not num.replace(".", "").isdigit()) or re.fullmatch(r"(?:1[6-9]|20)\d\d", num):
        return True
    if num in ("some", "many") and not groups.get("mod"):
        return True
    if unit == "mo" and num in ("a", "an"):
        return True  # "wait a mo": a moment
    return (unit in ("second", "seconds") and num == "a") or num == "second"


def hyphen_count_not_a_duration(text: str, name: str, m: re.Match, groups: dict) -> bool:
    """"a-year", "second-quarter", "some-month": no count before the hyphen."""
    return normal(groups["num"]) in ("a", "an", "second", "some", "many")


@dataclass(frozen=True)
class Applied:
    """A check and the rules it applies to (None: every rule but those in `skip`)."""
    check: Check
    rules: frozenset[str] | None = None
    skip: frozenset[str] = frozenset()


def _on(*names: str) -> frozenset[str]:
    return frozenset(names)


CHECKS: tuple[Applied, ...] = (
    Applied(two_years_not_a_month, _on("numeric_date")),
    Applied(restated_clock_time, _on("clock_four_figures")),
    Applied(last_half_of_no_year, _on("half")),
    Applied(hashtag),
    Applied(lower_case_holiday, _on("holiday")),
    Applied(holiday_thing, _on("holiday")),
    Applied(inside_a_name, skip=_on("holiday")),
    Applied(newspaper_title, _on("set_frequency")),
    Applied(the_past_of_a_count, _on("reference")),
    Applied(generic_today_or_tomorrow, _on("deictic_day")),
    Applied(hour_alone, _on("clock_at_hour")),
    Applied(an_age, _on("decade_words", "decade")),
    Applied(score_not_a_day, _on("slash_month_day")),
    Applied(plural_weekday_not_a_set, _on("weekday_set")),
    Applied(level_not_a_time, _on("clock_bare_four_figures")),
    Applied(high_noon, _on("noon")),
    Applied(month_word_not_a_month),
    Applied(fall_of_a_place, _on("season")),
    Applied(season_word_not_a_season, _on("season")),
    Applied(number_of_things, _on("year", "year_range")),
    Applied(range_in_a_name, range_rules.RANGE_ENDS),
    Applied(weekday_word_not_a_day, _on("weekday")),
    Applied(weekday_abbreviation_not_a_day, _on("weekday_abbreviation")),
    Applied(count_not_a_duration, _on("duration")),
    Applied(hyphen_count_not_a_duration, _on("duration_hyphen")),
)


@lru_cache(maxsize=None)
def checks_for(rule_name: str) -> tuple[Check, ...]:
    """The checks that apply to a rule's matches, in CHECKS order."""
    return tuple(a.check for a in CHECKS
                 if (a.rules is None or rule_name in a.rules) and rule_name not in a.skip)


def not_a_time(text: str, rule_name: str, m: re.Match) -> bool:
    """Whether a check says the rule's match is not a time in this context."""
    checks = checks_for(rule_name)
    if not checks:
        return False
    groups = m.groupdict()
    for check in checks:
        if check(text, rule_name, m, groups):
            return True
    return False
