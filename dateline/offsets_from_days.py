"""A count of days, weeks, months or years before or after a named day is one date: "three days before
last Friday", "two weeks after Christmas", "a week before May 4", "the day after next Tuesday".

The finder has found the count ("three days") and the day ("last Friday") as two mentions; they are
joined here into one of kind `offset_from_day`, whose resolver (dateline.resolve_composites) resolves
the day as it would alone and counts from it. A count of working or trading days is no calendar count
("eight trading days after Oct. 12"): it is left as it is, and so is a count with a modifier ("about
three days after").
"""
from __future__ import annotations

import re

from .lexicon import lexicon
from .model import Mention

# The kinds of mention that name one day the count can start from
_DAY_KINDS = frozenset({"weekday", "month_day", "date", "holiday"})
# The count: a number and a calendar unit, nothing else ("three days", "a week", "2 months")
_PLAIN_COUNT = re.compile(r"\S+\s+(?:days?|weeks?|months?|years?)", re.I)
_BEFORE_OR_AFTER = re.compile(r"\s+(before|after)\s+", re.I)
# "the day after" right before the day ("the day after next Tuesday", "day before Christmas")
_THE_DAY = re.compile(r"\b((?:the\s+)?day)\s+(before|after)\s+$", re.I)
KIND = "offset_from_day"  # the kind of a joined mention: no finder rule gives it
OFFSET_FIELDS = frozenset({"offset_num", "offset_unit", "offset_dir", "day_kind"})


def _whole(num: str) -> bool:
    """Whether a count says how many ("three", "a"), not "a few" or "1.5": only then is there a day to name."""
    count = lexicon().number(num)
    return count != "X" and float(count).is_integer()


def _joined(text: str, start: int, day: Mention, num: str, unit: str, direction: str) -> Mention:
    fields = {**day.fields, "offset_num": num, "offset_unit": unit, "offset_dir": direction, "day_kind": day.kind}
    return Mention(start, day.end, text[start:day.end], KIND, f"offset+{day.rule}", fields)


def joined_offsets(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions (sorted by start), each count written right before a day joined to it."""
    out: list[Mention] = []
    for mention in mentions:
        if mention.kind not in _DAY_KINDS or OFFSET_FIELDS & mention.fields.keys():
            out.append(mention)
            continue
        previous = out[-1] if out else None
        between = _BEFORE_OR_AFTER.fullmatch(text, previous.end, mention.start) if previous is not None else None
        if between is not None and previous.kind == "duration" and previous.fields.keys() == {"num", "unit"} \
                and _PLAIN_COUNT.fullmatch(previous.text) and _whole(previous.fields["num"]):
            out[-1] = _joined(text, previous.start, mention, previous.fields["num"], previous.fields["unit"],
                              between.group(1))
            continue
        the_day = _THE_DAY.search(text, max(0, mention.start - 20), mention.start)
        if the_day is not None and (previous is None or previous.end <= the_day.start()):
            out.append(_joined(text, the_day.start(), mention, "1", "day", the_day.group(2)))
            continue
        out.append(mention)
    return out
