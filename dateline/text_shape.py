"""The shape of a text in date words: the anchor words (digits, month names, weekdays, units ...) that
the finder looks around (dateline.find), and how dense a text is in them, which the ingest judges
(dateline.ingest.assemble: a text far denser than news prose is not an article)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .lexicon import alternation, lexicon
from .sentences import ascii_lowered


@lru_cache(maxsize=1)
def _anchor_forms() -> dict[str, list[str]]:
    """The anchor words by category, in the order they are tried (digits, the category "digit", aside)."""
    lx = lexicon()
    return {
        "month": list(lx.month_by_form), "weekday": list(lx.weekday_by_form), "season": list(lx.season_by_form),
        "unit": list(lx.unit_by_form), "reference": list(lx.references),
        "deictic": [f for f in lx.deictic_days if f[0].isalpha()],  # "2day": a digit anchor
        "frequency": list(lx.frequencies), "part_of_day": list(lx.part_of_day_by_form),
        "holiday": list(lx.holiday_by_form),
        "while": ["while"],  # a category of its own: a common word that only "for a while" needs
        "other": [f for f in lx.tonight_forms if f[0].isalpha()] + [
                  "o'clock", "noon", "midnight", "midday", "quarter", "quarters", "half", "century", "period",
                  "nineteen", "thousand", "twenties", "thirties", "forties", "fifties", "sixties", "seventies",
                  "eighties", "nineties", "fortnight", "fortnights", "mondays", "tuesdays", "wednesdays",
                  "thursdays", "fridays", "saturdays", "sundays"],
    }


# season names may take a plural "s" ("the past three summers") at no cost of extra alternatives
_PLURAL = {"season": "s?"}


@lru_cache(maxsize=1)
def anchor_categories() -> re.Pattern:
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
    words = sum(1 for _, _, category in anchor_words(ascii_lowered(text)) if category != "digit")
    return 1000 * words / len(text)


def anchor_words(lowered: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, category) of each anchor word of the lowercased text (matched case-sensitively
    there: three times faster than IGNORECASE)."""
    pattern, category_of = _anchor_pattern()
    for m in pattern.finditer(lowered):
        word = m.group()
        category = m.lastgroup or category_of.get(word) or category_of[" ".join(word.split())]
        yield m.start(), m.end(), category
