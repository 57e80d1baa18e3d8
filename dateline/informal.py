"""Weekday and month names as informal text writes them: in lower case ("monday", "in november") and
abbreviated without a dot ("this Sat", "next fri", "in jun"). Case decides nothing here: a full
weekday name is a weekday however written; a lower-case month or a bare abbreviation needs what a
reader needs to take it as a date (a day or year with it, a relative word, a preposition of time),
since "may", "march", "sun", "sat" and "wed" are also other words.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import alternation, lexicon, normal

# Words right before a bare lower-case or abbreviated month that make it a month ("in march", "by oct").
# Fewer than for a capitalised month: not "to", "and", "the" ("to march", "the may"), nor "by" or "from"
# ("written by Jan").
MONTH_PREPOSITIONS = frozenset("in since until till during through before after early late mid".split())
# Words after "may" or "march" that make it the verb ("may be", "march on").
_VERB_AFTER = {
    "may": re.compile(r"\s+(?:i|we|you|he|she|it|they|be|have|not|also|well|never|still|just|only)\b", re.I),
    "march": re.compile(r"\s+(?:on|to|into|through|down|up|out|along|across|against|past|toward|towards|forward|back|in)\b", re.I),
}
# Words right before a bare weekday abbreviation that make it a weekday ("on sat", "till fri").
WEEKDAY_PREPOSITIONS = frozenset("on by till until from since before after".split())


_CAPITALISED_AFTER = re.compile(r"\s+[A-Z][a-z]")
# after the weekday: the end of the phrase, or a part of its day
_PHRASE_ENDS_AFTER = re.compile(r"\s*(?:[!?.,;:)]|$)|\s+(?:night|nite|morning|afternoon|arvo|evening)\b", re.I)


@lru_cache(maxsize=1)
def _weekday_any() -> str:
    forms = list(lexicon().weekday_by_form)
    return alternation(forms)


@lru_cache(maxsize=1)
def _weekday_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    wd = _weekday_any()
    range_after = re.compile(r"\.?\s*(?:-|–|/|to)\s*" + wd + r"\b", re.I)  # "Sat-Sun", "mon to fri"
    listed_before = re.compile(wd + r"\.?(?:\s+(?:morning|afternoon|evening|night|nite))?\s*(?:-|–|/|,|&|\band\b|\bor\b|\bto\b)\s*$", re.I)
    # a time or a date after it: "Sat 7pm", "Sun, 1:00pm", "Sat 12 May", "Tue, Jan 5"
    dated_after = re.compile(r",?\s*(?:\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m|p\.m)\b|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3}|[a-z]{3}[a-z]*\.?\s+\d)", re.I)
    return range_after, listed_before, dated_after


def weekday_abbreviation_is_a_day(text: str, m: re.Match, previous_word: str) -> bool:
    """"this Sat", "on fri", "Sat-Sun", "friday night or sat", "Sun 1:00pm": an abbreviation without its
    dot is a weekday with a relative word, a preposition of time, another weekday beside it, or a time
    or date after it ("I sat down", "the sun rose" have none)."""
    if m.group("rel"):
        return True
    if m.group("wd")[:1].isupper() and _CAPITALISED_AFTER.match(text, m.end()):
        return False  # "Sun Yat-sen", "Sat Nam": a name
    if previous_word in WEEKDAY_PREPOSITIONS:
        return True
    if previous_word == "for" and _PHRASE_ENDS_AFTER.match(text, m.end()):
        return True  # "can't wait for sat!!", "tickets for fri night"; not "for Sun to meet demand"
    range_after, listed_before, dated_after = _weekday_patterns()
    return bool(range_after.match(text, m.end()) or listed_before.search(text[max(0, m.start() - 25):m.start()])
                or dated_after.match(text, m.end()))


def weekday_case_allowed(wd: str) -> bool:
    """A weekday written in lower case: its full name only ("monday"); "wed." or "sun." is another word."""
    return not wd[:1].islower() or normal(wd).endswith("day")


def lower_case_month_allowed(text: str, rule_name: str, m: re.Match, previous_word: str) -> bool:
    """A month in lower case ("november", "in march", "may 5") or abbreviated without a dot ("in jun")."""
    groups = m.groupdict()
    if rule_name not in ("month", "month_abbreviation"):
        return True  # a day or a year with it: "march 5", "may 2015"
    word = normal(groups["month"])
    if word in _VERB_AFTER and _VERB_AFTER[word].match(text, m.end()):
        return False  # "this may have", "a march on the capital"
    if groups.get("rel") or groups.get("pop"):
        # "next march", "early may"; but "this march", "the last march" are the walk
        return not (word in _VERB_AFTER and (normal(groups["rel"] or "") == "this" or m.group().lower().startswith("the")))
    if rule_name == "month" and word not in lexicon().latent_months and word != "august":
        return True  # "november", "december": no other word ("august" is also an adjective)
    return previous_word in MONTH_PREPOSITIONS
