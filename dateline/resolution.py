"""What resolving a mention yields, before it becomes a TemporalExpression, and the small readings every
resolver shares: the part of a period a word names, years spelled out, how fine each granularity is."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .lexicon import lexicon, normal

PART_OF_PERIOD_MOD = {"early": "START", "earlier": "START", "mid": "MID", "mid-": "MID", "late": "END", "later": "END",
                      "end": "END"}
POD_CODES = dict(lexicon().part_of_day_by_form)  # "morning": "MO", "nite": "NI" ...
# From the finest granularity to the coarsest: what an anaphor may count from.
FINENESS = {"day": 0, "week": 1, "weekend": 1, "month": 2, "quarter": 3, "season": 3, "half": 4, "year": 5,
            "decade": 6, "century": 7}


@dataclass
class Anchor:
    """The last concrete date the text mentioned (for anaphora)."""

    granularity: str
    key: object
    value: str


@dataclass
class Resolution:
    """What a resolver returns; the tagger turns it into a TemporalExpression."""

    type: str
    value: str
    granularity: str | None = None
    key: object = None
    anchor: str = "none"
    direction: str = "none"
    direction_source: str = "none"
    rule: str = ""
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None
    anchor_value: str | None = None
    interval: tuple[date | None, date | None] | None = None  # overrides the period's bounds
    comparison: bool = False  # "a year earlier": a point of comparison, never itself an anchor


_SPELLED = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
            "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
            "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def spelled_year(words: str) -> int | None:
    """"nineteen ninety-six" → 1996, "two thousand" → 2000, "nineteen hundred and ten" → 1910."""
    parts = [w for w in re.split(r"[\s-]+", words.lower()) if w not in ("and", "hundred")]
    if parts[:2] == ["two", "thousand"]:
        return 2000 + sum(_SPELLED[w] for w in parts[2:])
    if parts[0] == "nineteen" and len(parts) > 1:
        return 1900 + sum(_SPELLED[w] for w in parts[1:])
    return None


def part_of_period_mod(fields: dict) -> str | None:
    pop = fields.get("pop")
    if not pop:
        return None
    return PART_OF_PERIOD_MOD.get(normal(pop)) or lexicon().part_of_period.get(normal(pop))


# Centuries' ordinals in words beyond the vocabulary's ordinals ("the nineteenth century")
CENTURY_ORDINALS = {"eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
                    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
                    "twenty first": 21}
