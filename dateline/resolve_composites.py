"""Resolving the composite and counted expressions of dateline.composite_rules: a mixin of Resolver
(dateline.resolve). Counts from now and from yesterday or tomorrow are deictic (the publication date);
a day or week inside a named period resolves the period first, as the resolver would alone."""
from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar as cal
from .lexicon import lexicon, normal
from .model import Mention
from .offsets_from_days import OFFSET_FIELDS
from .resolution import Resolution, part_of_period_mod
from .tense import FUTURE

_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
        "fifth": 5, "5th": 5, "last": -1, "final": -1}
_FORWARD = {"before": -1, "ago": -1, "after": 1, "hence": 1, "from now": 1, "from today": 1}
_DAY_UNITS = {"second", "minute", "hour", "day"}
# A period of a unit, which one unsaid ("days later": some day)
_UNSAID_PERIOD = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX", "decade": "XXX"}


_WORD_BEFORE = re.compile(r"([a-z]+)\s+$", re.I)
# the word after a generic "today": a verb in the present ("read", "grow", "are"), not a preposition nor a past form
_PRESENT_VERB_AFTER = re.compile(r"\s+(?!(?:to|at|in|on|for|and|or|with|from|by|of|as|who|that|which)\b)[a-z]+(?<!ed)\b")


_MODALS = frozenset({"will", "would", "shall", "won't", "could", "can", "may", "might", "must", "should"})


def generic_today(text: str, start: int, end: int) -> bool:
    """"young people today read less": "today" after a noun of people at large, before a verb in the present,
    is "nowadays" (PRESENT_REF), not the publication day."""
    before = _WORD_BEFORE.search(text, max(0, start - 20), start)
    if before is None or before.group(1).lower() not in lexicon().generic_before_today:
        return False
    after = _PRESENT_VERB_AFTER.match(text, end)
    if after is None:
        return False
    verb, lx = after.group().strip().lower(), lexicon()
    # "investors today sold shares", "investors today will get": the day
    return verb not in lx.irregular_past and verb not in lx.past_markers and verb not in _MODALS


def _direction(word: str) -> int:
    return _FORWARD[" ".join(normal(word).split())]


def _counted_day(base: date, count: int, unit: str) -> date:
    """The day `count` days, weeks, months or years after `base` (before it when negative); a month or
    year on from the 31st lands on the month's last day."""
    if unit in ("day", "week"):
        return base + timedelta(days=count * (7 if unit == "week" else 1))
    year, month = cal.add_months(base.year, base.month, count * (12 if unit == "year" else 1))
    return date(year, month, min(base.day, cal.month_end(year, month).day))


class CompositeResolvers:
    """Mixin of Resolver: counted offsets, days and weeks inside periods, numeric months and quarters."""

    def weekend(self, m: Mention) -> Resolution:
        """"the weekend": the one just over in a past-tense clause, the coming one in a future one."""
        dct = self.published
        key = cal.period_containing("weekend", dct)
        first, last = cal.bounds("weekend", key)
        direction, source = self._tense(m)
        if direction == FUTURE and last < dct:
            key = cal.shift("weekend", key, 1)
        elif direction != FUTURE and first > dct:
            key = cal.shift("weekend", key, -1)
        first, last = cal.bounds("weekend", key)
        where = "same" if first <= dct <= last else "past" if last < dct else "future"
        return self._period("weekend", key, anchor="publication_date", direction=where, direction_source=source,
                            rule=f"weekend_{direction or 'default_past'}", anchor_value=dct.isoformat(), mod=part_of_period_mod(m.fields))

    def counted_offset(self, m: Mention) -> Resolution | None:
        """"4 days from now", "two weeks hence", "a fortnight ago", "2 Mondays from now"."""
        f = m.fields
        dct = self.published
        count = lexicon().number(f["num"]) if "num" in f else "X"  # "months ago": how many unsaid
        mod = lexicon().modifiers.get(normal(f["mod"])) if f.get("mod") else None
        sign = _direction(f.get("dir") or f.get("dir2") or f.get("dir3"))
        common = dict(anchor="publication_date", direction="past" if sign < 0 else "future",
                      direction_source="explicit_word", mod=mod, anchor_value=dct.isoformat())
        if count == "X" or not float(count).is_integer():
            return Resolution(type="DATE", value="PAST_REF" if sign < 0 else "FUTURE_REF",
                              rule="counted_vague", **common)
        count = int(count)
        if "wds" in f:  # the nth such weekday after (or before) today
            weekday = lexicon().weekday(normal(f["wds"])[:-1])
            if sign > 0:
                day = dct + timedelta(days=(weekday - dct.isoweekday()) % 7 or 7) + timedelta(weeks=count - 1)
            else:
                day = dct - timedelta(days=(dct.isoweekday() - weekday) % 7 or 7) - timedelta(weeks=count - 1)
            return self._period("day", day, rule="counted_weekdays", **common)
        if "fortnight" in f:
            unit, steps = "week", 2 * count
        else:
            unit, steps = lexicon().unit(f["unit"]), count
        if unit in _DAY_UNITS:  # "36 hours from now": the day it lands on
            seconds = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}[unit] * steps
            day = dct + sign * timedelta(days=seconds // 86400)
            return self._period("day", day, rule=f"counted_{unit}", **common)
        granularity = {"decade": "year", "century": "year", "weekend": "week"}.get(unit, unit)
        steps *= {"decade": 10, "century": 100}.get(unit, 1)
        key = cal.shift(granularity, cal.period_containing(granularity, dct), sign * steps)
        return self._period(granularity, key, rule=f"counted_{unit}", **common)

    def _uncounted_offset(self, unit: str, sign: int, mod: str | None) -> Resolution:
        """"days later", "weeks earlier", "years later": a period of that unit near the date under discussion,
        which one unsaid (XXXX-XX-XX, XXXX-WXX, XXXX); "hours later" is still the day under discussion."""
        day = self.story if self.narrative and self.story is not None else self.last  # the story's day, in a story
        if unit in ("hour", "minute", "second") and day is not None and day.granularity == "day":
            return Resolution(type="TIME", value=f"{day.value}TXX", rule="anaphoric_uncounted_hours",
                              anchor="previous_expression", anchor_value=day.value, mod=mod,
                              direction="future" if sign > 0 else "past", direction_source="explicit_word")
        value = _UNSAID_PERIOD.get(unit, "PAST_REF" if sign < 0 else "FUTURE_REF")
        return Resolution(type="DATE", value=value, rule="anaphoric_uncounted", mod=mod)

    def deictic_offset(self, m: Mention) -> Resolution | None:
        """"the day after tomorrow", "three days before yesterday": a count from a deictic day."""
        f = m.fields
        dct = self.published
        base = dct + timedelta(days=lexicon().deictic_days[normal(f["deictic"])])
        sign = _direction(f["dir"])
        count = 1 if "the_day" in f else lexicon().number(f["num"])
        unit = "day" if "the_day" in f else lexicon().unit(f["unit"])
        if count == "X" or not float(count).is_integer() or unit not in ("day", "week", "month", "year"):
            return None
        day = _counted_day(base, sign * int(count), unit)
        where = "same" if day == dct else "past" if day < dct else "future"
        return self._period("day", day, anchor="publication_date", direction=where, direction_source="explicit_word",
                            rule=f"{unit}_{normal(f['dir'])}_{normal(f['deictic'])}", anchor_value=dct.isoformat())

    def offset_from_day(self, m: Mention) -> Resolution | None:
        """"three days before last Friday", "the day after Christmas" (dateline.offsets_from_days): the day
        resolved as it would be alone, then counted from."""
        f = m.fields
        kind = f["day_kind"]
        alone = Mention(m.start, m.end, m.text, kind, m.rule, {k: v for k, v in f.items() if k not in OFFSET_FIELDS})
        dated = getattr(self, kind)(alone)
        if dated is None or dated.granularity != "day" or not isinstance(dated.key, date):
            return None
        unit = lexicon().unit(f["offset_unit"])
        day = _counted_day(dated.key, _direction(f["offset_dir"]) * int(lexicon().number(f["offset_num"])), unit)
        dct = self.published
        return self._period("day", day, anchor=dated.anchor, direction="same" if day == dct else "past" if day < dct else "future",
                            direction_source=dated.direction_source, anchor_value=dated.anchor_value,
                            rule=f"{unit}_{normal(f['offset_dir'])}_{dated.rule}")

    def _month_named(self, m: Mention) -> Resolution | None:
        """The month of "the second Friday of March (2019)", resolved as the month alone would be."""
        f = m.fields
        if "y" in f:
            return self._period("month", (int(f["y"]), lexicon().month(f["month"])), rule="absolute_month")
        return self.month(Mention(m.start, m.end, m.text, "month", m.rule, {"month": f["month"]}))

    def nth_weekday(self, m: Mention) -> Resolution | None:
        month = self._month_named(m)
        if month is None:
            return None
        (year, number), nth = month.key, _NTH[normal(m.fields["nth"])]
        try:
            day = cal.nth_weekday(year, number, lexicon().weekday(m.fields["wd"]), nth)
        except ValueError:
            return None
        if day.month != number:  # no fifth Monday this month
            return None
        return self._period("day", day, anchor=month.anchor, direction=month.direction,
                            direction_source=month.direction_source, rule=f"nth_weekday_of_{month.rule}",
                            anchor_value=month.anchor_value)

    def week_of_month(self, m: Mention) -> Resolution | None:
        """"the last week of May": the last ISO week whose Thursday (most of its days) is in May."""
        month = self._month_named(m)
        if month is None:
            return None
        (year, number), nth = month.key, _NTH[normal(m.fields["nth"])]
        unit = normal(m.fields.get("unit", "week"))
        # a weekend is the month's if its Saturday is; a week, if its Thursday is
        days = [d for d in (cal.nth_weekday(year, number, 6 if unit == "weekend" else 4, n) for n in (1, 2, 3, 4, 5))
                if d.month == number]
        if nth > len(days):
            return None
        day = days[nth - 1] if nth > 0 else days[-1]
        return self._period(unit, cal.week_of(day), anchor=month.anchor, direction=month.direction,
                            direction_source=month.direction_source, rule=f"week_of_{month.rule}",
                            anchor_value=month.anchor_value)

    def day_of_period(self, m: Mention) -> Resolution | None:
        """"Thursday of next week", "the 15th of next month": a day of a period counted from now."""
        f = m.fields
        dct = self.published
        rel = normal(f["rel"]).replace("the ", "")
        offset = lexicon().relative_offset[rel]
        unit = normal(f["unit"])
        key = cal.shift(unit, cal.period_containing(unit, dct), offset)
        first, last = cal.bounds(unit, key)
        if "wd" in f:
            day = first + timedelta(days=(lexicon().weekday(f["wd"]) - first.isoweekday()) % 7)
        else:
            day = first + timedelta(days=int(f["d"].rstrip("stndrdth")) - 1)
            if day > last:
                return None
        where = "same" if day == dct else "past" if day < dct else "future"
        return self._period("day", day, anchor="publication_date", direction=where, direction_source="explicit_word",
                            rule=f"day_of_{rel}_{unit}", anchor_value=dct.isoformat())

    def edge_day(self, m: Mention) -> Resolution | None:
        """"the last day of the month", "the first day of next year", "the last day of May": the first or last
        day of a period: a named month (its year as a bare month's), one counted from now, or the one the text
        is on."""
        f = m.fields
        dct = self.published
        if "month" in f and "y" in f:
            unit, key, anchor, anchor_value = "month", (int(f["y"]), lexicon().month(f["month"])), None, None
        elif "month" in f:  # "the last day of May": May as a bare month is read
            month = self.month(Mention(m.start, m.end, m.text, "month", m.rule, {"month": f["month"]}))
            if month is None or month.granularity != "month":
                return None
            unit, key, anchor, anchor_value = "month", month.key, month.anchor, month.anchor_value
        elif f.get("rel"):
            unit = normal(f["unit"])
            rel = normal(f["rel"]).replace("the ", "")
            key = cal.shift(unit, cal.period_containing(unit, dct), lexicon().relative_offset[rel])
            anchor, anchor_value = "publication_date", dct.isoformat()
        else:  # "the last day of the month": of the month the text is on
            unit = normal(f["unit"])
            granularity, key, anchor, anchor_value = self._anchor_period(unit)
            if granularity != unit:
                key, anchor, anchor_value = cal.period_containing(unit, dct), "publication_date", dct.isoformat()
        first, last = cal.bounds(unit, key)
        day = first if normal(f["edge"]) == "first" else last
        rule = f"{'first' if day == first else 'last'}_day_of_{unit}"
        if anchor is None:
            return self._period("day", day, rule=rule)
        where = "same" if day == dct else "past" if day < dct else "future"
        return self._period("day", day, anchor=anchor, direction=where, direction_source="explicit_word", rule=rule,
                            anchor_value=anchor_value)

    def weekday_day(self, m: Mention) -> Resolution | None:
        """"Friday the 13th": the day of the month that falls on that weekday, in the nearest month where it
        does on the side the clause's tense points to; "Tuesday the 17th of March": that month-day."""
        f = m.fields
        if "month" in f:
            return self.month_day(Mention(m.start, m.end, m.text, "month_day", m.rule, {"month": f["month"], "d": f["d"]}))
        dct, number, weekday = self.published, int(f["d"].rstrip("stndrdth")), lexicon().weekday(f["wd"])
        options = []
        for n in range(-14, 15):
            year, month = cal.add_months(dct.year, dct.month, n)
            if number <= cal.month_end(year, month).day and date(year, month, number).isoweekday() == weekday:
                options.append(date(year, month, number))
        if not options:
            return None
        direction, source = self._tense(m)
        day, where = self._pick(options, direction, "day")
        return self._period("day", day, anchor="publication_date", direction=where, direction_source=source,
                            rule=f"weekday_the_day_{direction or 'nearest'}", anchor_value=dct.isoformat())

    def part_of_the_period(self, m: Mention) -> Resolution:
        """"the end of the month": of the month the text is on (that of the last date it named, if as fine as a
        month), else of the publication date's."""
        unit = normal(m.fields["unit"])
        granularity, key, anchor, anchor_value = self._anchor_period(unit)
        if granularity != unit:  # the text was last on a coarser period ("in 2019 ... by the end of the month")
            granularity, key = unit, cal.period_containing(unit, self.published)
            anchor, anchor_value = "publication_date", self.published.isoformat()
        return self._period(unit, key, anchor=anchor, direction="same", direction_source="explicit_word",
                            rule=f"part_of_the_{unit}", mod=part_of_period_mod(m.fields), anchor_value=anchor_value)

    def day_of_month(self, m: Mention) -> Resolution | None:
        """"on the 20th": of the month of the last date the text named (a day or a month), else the one of the
        publication month or the months either side that the clause's tense points to."""
        number = int(m.fields["d"])
        last = self.last
        if last is not None and last.granularity in ("day", "month"):
            year, month = (last.key.year, last.key.month) if last.granularity == "day" else last.key
            if number > cal.month_end(year, month).day:
                return None
            return self._period("day", date(year, month, number), anchor="previous_expression", direction="same",
                                direction_source="none", rule="day_of_the_month_discussed", anchor_value=last.value)
        dct = self.published
        options = []
        for n in (-1, 0, 1):
            year, month = cal.add_months(dct.year, dct.month, n)
            if number <= cal.month_end(year, month).day:
                options.append(date(year, month, number))
        direction, source = self._tense(m)
        if direction is None and normal(m.fields["prep"]) in ("by", "until", "till"):
            direction, source = "future", "explicit_word"  # "pay by the 28th": a deadline ahead
        day, where = self._pick(options, direction, "day")
        return self._period("day", day, anchor="publication_date", direction=where, direction_source=source,
                            rule=f"day_of_month_{direction or 'nearest'}", anchor_value=dct.isoformat())

    def numeric_date(self, m: Mention) -> Resolution | None:
        """"2016-09" (a month), "2017Q2" (a quarter), "H1 2025" (a half), "FY2024" (a year), "11/30/83" (a day:
        dateline.resolve_months's date)."""
        f = m.fields
        if "m" in f:
            return self._period("month", (int(f["y"]), int(f["m"])), rule="absolute_month")
        if "yy" in f:
            return self.date(m)
        if "fy" in f:
            return self._period("year", int(f["fy"]), rule="fiscal_year")
        if "qn" in f:  # "in Q3": as "the third quarter"
            return self.quarter(m)
        if "h" in f or "h2" in f:
            return self._period("half", (int(f.get("hy") or f["hy2"]), int(f.get("h") or f["h2"])), rule="absolute_half")
        year, number = (f.get("qy") or f.get("qy2") or f["qy3"]), (f.get("q") or f.get("q2") or f["q3"])
        return self._period("quarter", (int(year), int(number)), rule="absolute_quarter")

    def before_last(self, m: Mention) -> Resolution:
        """"the week before last": two weeks back; "the month after next": two months on."""
        f = m.fields
        unit, sign = normal(f["unit"]), -1 if "before" in f else 1
        key = cal.shift(unit, cal.period_containing(unit, self.published), 2 * sign)
        return self._period(unit, key, anchor="publication_date", direction="past" if sign < 0 else "future",
                            direction_source="explicit_word", rule=f"{unit}_{'before_last' if sign < 0 else 'after_next'}",
                            anchor_value=self.published.isoformat())

    def counted_from_day(self, m: Mention) -> Resolution | None:
        """"a week from Friday": counted from the coming Friday (today's, if it is Friday); "two days from tomorrow"."""
        f = m.fields
        dct = self.published
        count = lexicon().number(f["num"])
        if count == "X" or not float(count).is_integer():
            return None
        if "wd" in f:
            base = dct + timedelta(days=(lexicon().weekday(f["wd"]) - dct.isoweekday()) % 7)
        else:
            base = dct + timedelta(days=lexicon().deictic_days[normal(f["deictic"])])
        day = base + timedelta(days=int(count) * (7 if lexicon().unit(f["unit"]) == "week" else 1))
        return self._period("day", day, anchor="publication_date", direction="future" if day > dct else "same",
                            direction_source="explicit_word", rule="counted_from_day", anchor_value=dct.isoformat())
