"""Times of day. A clock time joined to the day it falls on ("7pm tonight", "6pm tmr", "this Sat, 7pm",
"Sun 1:00pm", "May 10, 2014 2pm") is one expression, as "10 p.m. Wednesday" is; an hour written alone
("at 5") is a time only beside a day ("at 5 tonight", "tmr at 5"). The resolver reads the hour and the
day of a joined time here too (clock_hour, day_of_clock).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import alternation, lexicon, normal
from .model import Mention

# The kinds of mention that name a day a clock time can fall on
DAY_KINDS = frozenset({"deictic_day", "weekday", "month_day", "date"})
# The fields of a clock time (the rest of a joined mention's fields are its day's)
CLOCK_FIELDS = frozenset({"h", "min", "ampm", "named", "part", "mod", "day_kind"})
_CLOCK_THEN_DAY = re.compile(r"\s*,?\s*")  # "7pm tonight", "6pm tmr" (not "11 a.m. on 11 November": two)
_DAY_THEN_CLOCK = re.compile(r"\s*,?\s*")  # "this Sat, 7pm", "Sun 1:00pm"


@lru_cache(maxsize=1)
def _day_words() -> tuple[re.Pattern, re.Pattern]:
    lx = lexicon()
    day = alternation(list(lx.deictic_days) + list(lx.tonight_forms) + list(lx.weekday_by_form))
    after = re.compile(r"\s+(?:(?:on\s+)?(?:(?:this|next|coming)\s+)?" + day + r"|this\s+(?:morning|afternoon|evening))\b", re.I)
    before = re.compile(r"\b" + day + r"\.?\s*,?\s*(?:at\s+)?$", re.I)
    return after, before


def hour_beside_a_day(text: str, m: re.Match) -> bool:
    """Whether "at 5" has a day right after it or right before it ("at 5 tonight", "Friday at 5")."""
    after, before = _day_words()
    return bool(after.match(text, m.end()) or before.search(text[max(0, m.start() - 20):m.start()]))


# Between an evening or a night and the hour said right after it ("tonight at 8", "this evening, 7:30")
_RIGHT_AFTER = re.compile(r"\s*,?\s*(?:at\s+|around\s+|about\s+)?", re.I)


def evening_hour(hour: int, f: dict, day_value: str, text: str, day_end: int, start: int) -> int:
    """"tonight at 8", "this evening at 7:30": an hour from 5 to 11 said without a.m. or p.m. right after an
    evening or a night (a day's value ending TEV or TNI, ending at `day_end`) is in the evening; later at
    night, or written as "08:00", it is left as said."""
    if not 5 <= hour < 12 or {"ampm", "named", "part"} & f.keys() or str(f.get("h", "")).startswith("0"):
        return hour
    if day_value.endswith(("TEV", "TNI")) and 0 <= day_end <= start and _RIGHT_AFTER.fullmatch(text, day_end, start):
        return hour + 12
    return hour


def clock_hour(f: dict) -> tuple[int, int]:
    """The hour and minute a clock time's fields say: "noon", "4 in the morning", "7:30 p.m.", "21:30" as
    written; an hour without a.m. or p.m. beside "tonight" or an evening ("at 9 tonight") is in the evening."""
    if "named" in f:
        return {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[normal(f["named"])]
    if "part" in f:  # "4 in the morning"
        return lexicon().number(f["h"]) % 12 + (0 if normal(f["part"]) == "morning" else 12), 0
    minute = int(f.get("min") or 0)
    if "ampm" in f:
        return int(f["h"]) % 12 + (12 if normal(f["ampm"]).startswith("p") else 0), minute
    hour = lexicon().number(f["h"])
    evening = "tonight" in f or normal(f.get("pod", "")) in ("evening", "night", "nite")
    return (hour + 12 if hour < 12 and evening else hour), minute


def day_of_clock(f: dict) -> tuple[str, dict]:
    """The kind and fields of the day a clock time is joined to ("7pm tonight", "10 p.m. Wednesday")."""
    if "day_kind" in f:
        return f["day_kind"], {k: v for k, v in f.items() if k not in CLOCK_FIELDS}
    return ("weekday", {"wd": f["wd"]}) if "wd" in f else ("month_day", {"month": f["month"], "d": f["d"]})


def _is_clock(m: Mention) -> bool:
    return m.kind == "clock_time" and not ({"wd", "month", "day_kind"} & m.fields.keys())


def joined_to_days(text: str, mentions: list[Mention]) -> list[Mention]:
    """Each clock time written right before or after a day, joined to it (mentions sorted by start)."""
    out: list[Mention] = []
    for mention in mentions:
        previous = out[-1] if out else None
        if previous is not None:
            clock = day = None
            if _is_clock(previous) and mention.kind in DAY_KINDS and _CLOCK_THEN_DAY.fullmatch(text, previous.end, mention.start):
                clock, day = previous, mention
            elif previous.kind in DAY_KINDS and _is_clock(mention) and _DAY_THEN_CLOCK.fullmatch(text, previous.end, mention.start):
                day, clock = previous, mention
            if clock is not None and not (CLOCK_FIELDS & day.fields.keys()):
                fields = {**day.fields, **clock.fields, "day_kind": day.kind}
                out[-1] = Mention(previous.start, mention.end, text[previous.start:mention.end], "clock_time",
                                  f"{clock.rule}+{day.rule}", fields)
                continue
        out.append(mention)
    return out
