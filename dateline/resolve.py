"""Resolving found mentions against the publication date: Mention → TemporalExpression.

Three kinds of anchoring, kept apart as HeidelTime does:
- absolute ("June 4, 2025"): no anchor;
- deictic ("last year", "two weeks ago", "said Tuesday"): the publication date;
- anaphoric ("the next day", "a year earlier", "that week"): the previous date the text mentioned,
  the publication date only when the text mentioned none.
Underspecified expressions ("Tuesday", "June 4", "April", "spring") take their direction from an
explicit word, else the clause's tense, else a default; each value records which.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar as cal
from . import narrative as story
from . import range_rules
from .lexicon import lexicon, normal
from .model import Mention, TemporalExpression
from .named_days import NamedDays
from .resolution import FINENESS, POD_CODES, Anchor, Resolution, part_of_period_mod
from .resolve_composites import CompositeResolvers, generic_today
from .resolve_months import FAR_FOR_A_MONTH_DAY, NEAR_FOR_A_MONTH_DAY, MonthResolvers
from .resolve_quarters import QuarterResolvers
from .resolve_years import YearResolvers
from .tense import FUTURE, PAST, PRESENT, clause_bounds, deadline_before, direction_from_tense, future_signal_before
from .time_of_day import clock_hour, day_of_clock, evening_hour

# An amount right before the expression ("$3 million last year", "from 4 pence a year earlier").
_AFTER_AN_AMOUNT = re.compile(r"(?:\d|\b(?:million|billion|cents|pence|percent|share|shares))[)%,]?\s*(?:in\s+|for\s+)?$", re.I)
# "the previous Friday", "the following Monday" count from the day under discussion, not from today
_ANAPHORIC_WEEKDAY_WORDS = frozenset({"previous", "following"})
# the future seen from a past story, or spoken in it ("we can hold out over the winter")
_WOULD_NEAR = re.compile(r"\b(?:would|was\s+to|were\s+to|can|should|must)\b", re.I)
_SPAN_BEFORE = re.compile(r"\b(?:over|for|during|within|throughout)\s+$", re.I)  # "over the next decade"
_BE_RIGHT_BEFORE = re.compile(r"\b(?:is|are)\s+(?:on\s+|at\s+)?$", re.I)  # "the vote is (on) Friday"
_COMPARED_WITH = re.compile(r"\b(?:compared\s+with|compared\s+to|versus|from)\s+$", re.I)
# Those two look at the words right before an expression: searched in this many characters before it,
# not from the start of the text (every position of which the search would try).
_WORDS_BEFORE = 40
_TIME_OF_HAPPENING = re.compile(r"\b(?:in|on|during|by)\s+$", re.I)
ANAPHORIC_DIRECTION = {"later": 1, "after": 1, "next": 1, "following": 1,
                       "earlier": -1, "before": -1, "previous": -1, "preceding": -1}


class Resolver(MonthResolvers, YearResolvers, QuarterResolvers, CompositeResolvers):
    """Resolves the mentions of one document in order, remembering the last date for anaphora (month-days,
    months and seasons in dateline.resolve_months; years, decades, centuries in dateline.resolve_years;
    quarters, halves and comparisons of results in dateline.resolve_quarters; counted offsets, composites and the weekend in dateline.resolve_composites)."""

    def __init__(self, text: str, published: date, narrative: bool = False):
        self.text = text
        self.published = published
        self.last: Anchor | None = None
        # In a narrative (see dateline.narrative) underspecified dates count from the story time: the
        # last date of a year or finer the text mentioned.
        self.narrative = narrative
        self.story: Anchor | None = None
        # Outside a narrative, a passage can still tell of a past year ("In 1862 the regiment marched
        # south. In October it ..."): the last date, when no word of the present has come since, and
        # where its mention ended.
        self.passage: tuple[Anchor, int, bool] | None = None  # and whether it sets its sentence's time
        self.days_named = NamedDays(text)  # for "March 3 (Friday)"

    def _aside_of_the_story(self, m: Mention, res: Resolution) -> bool:
        """A year named inside a sentence while the story is at a day or a month ("... exposed for a
        planned campaign in 1976") is an aside; "In 1976, ..." opening a sentence moves the story on."""
        if res.granularity != "year" or self.story is None or FINENESS[self.story.granularity] > FINENESS["month"]:
            return False
        return story.inside_a_sentence(self.text, m.start)

    def _story(self, m: Mention) -> Anchor | None:
        """The story time an underspecified mention counts from, in a narrative; None elsewhere and where
        the clause looks ahead of the publication ("a summit set for April"; "would" is the story's future)."""
        if not self.narrative or self.story is None:
            return None
        if self._tense(m)[0] == FUTURE and not _WOULD_NEAR.search(self.text, *clause_bounds(self.text, m.start, m.end)):
            return None
        return self.story

    def _passage_story(self, m: Mention) -> Anchor | None:
        """The past year a passage of news is telling of, for a month, season or day named without its year
        in a clause in the past ("In 1862 the regiment marched south. In October it reached the river"):
        the last date, when it lies well before the publication year, was written out rather than counted
        from now, and was named in the sentence before, in the same paragraph, or earlier in the same
        sentence when it sets that sentence's time ("In 1862", not "a program approved in 1987 that had
        bought shares through Sept. 29")."""
        if self.narrative or self.passage is None:
            return None
        anchor, end, sets_the_sentence = self.passage
        year = story.year_of(anchor.granularity, anchor.key)
        if not 1 <= year <= self.published.year - story.FAR_BEFORE \
                or not story.passage_reaches(self.text, end, m.start, sets_the_sentence):
            return None
        return anchor if self._tense(m)[0] == PAST else None

    def _in_story(self, granularity: str, key, rule: str, told: Anchor | None = None, **kw) -> Resolution:
        """A period placed in the story time: anchored on the date the narrative has reached (or the
        passage has, `told`)."""
        anchor = told or self.story
        first = story.year_of(anchor.granularity, anchor.key), story.month_of(anchor.granularity, anchor.key) or 1
        here = story.year_of(granularity, key), story.month_of(granularity, key) or 1
        where = "same" if here == first else "past" if here < first else "future"
        return self._period(granularity, key, anchor="previous_expression", direction=where,
                            direction_source="narrative", rule=rule, anchor_value=anchor.value, **kw)

    # -- shared helpers -------------------------------------------------------------------------
    def _tense(self, mention: Mention) -> tuple[str | None, str]:
        if future_signal_before(self.text, mention.start) or deadline_before(self.text, mention.start):
            return FUTURE, "explicit_word"
        found = direction_from_tense(self.text, mention.start, mention.end)
        return (found, "tense") if found else (None, "default")

    def _right_before(self, pattern: re.Pattern, m: Mention) -> bool:
        """Whether `pattern` (ending in $) matches the words right before the mention."""
        return pattern.search(self.text, max(0, m.start - _WORDS_BEFORE), m.start) is not None

    def _pick(self, options, direction: str | None, granularity: str):
        """Choose among candidate periods (keys) by direction relative to the publication date.

        past: the latest that starts on or before it; future: the earliest that ends on or after it;
        otherwise the one nearest to it.
        """
        dct = self.published
        spans = [(key, *cal.bounds(granularity, key)) for key in options]
        if direction == PAST:
            eligible = [s for s in spans if s[1] <= dct]
            if eligible:
                return max(eligible, key=lambda s: s[1])[0], "past"
        if direction == FUTURE:
            eligible = [s for s in spans if s[2] >= dct]
            if eligible:
                return min(eligible, key=lambda s: s[1])[0], "future"

        def distance(span):
            _, first, last = span
            if first <= dct <= last:
                return 0
            return min(abs((first - dct).days), abs((last - dct).days))

        best = min(spans, key=distance)
        chosen = best[0]
        first, last = cal.bounds(granularity, chosen)
        return chosen, ("same" if first <= dct <= last else "past" if last < dct else "future")

    def _period(self, granularity, key, **kw) -> Resolution:
        return Resolution(type=kw.pop("type", "DATE"), value=cal.timex_value(granularity, key),
                          granularity=granularity, key=key, **kw)

    # -- resolvers by kind --------------------------------------------------------------------------
    def holiday(self, m: Mention) -> Resolution:
        """"Thanksgiving Day", "last Christmas", "Easter week": the holiday (or its week) in the year the
        explicit word or the tense points to."""
        f = m.fields
        rule = lexicon().holidays[lexicon().holiday_by_form[normal(f["holiday"])]]
        granularity = {"week": "week", "weekend": "weekend"}.get(normal(f.get("hweek", "")), "day")
        dct = self.published

        def period(year: int):
            return cal.period_containing(granularity, cal.holiday_date(rule, year))

        if f.get("y"):
            key, where, source, how = period(int(f["y"])), "none", "none", "absolute"
        else:
            options = [period(dct.year + n) for n in (-1, 0, 1)]
            rel = normal(f.get("rel", ""))
            if rel:
                offset = lexicon().relative_offset[rel]
                direction, source = (PAST if offset < 0 else FUTURE if offset > 0 else None), "explicit_word"
                if offset < 0:
                    options = [k for k in options if cal.bounds(granularity, k)[1] < dct]
                elif offset > 0:
                    options = [k for k in options if cal.bounds(granularity, k)[0] > dct]
            else:
                direction, source = self._tense(m)
            key, where = self._pick(options, direction, granularity)
            how = direction or "nearest"
            nearest, nearest_where = self._pick(options, None, granularity)
            if direction == PAST and not rel and abs((cal.bounds(granularity, key)[0] - dct).days) > FAR_FOR_A_MONTH_DAY \
                    and abs((cal.bounds(granularity, nearest)[0] - dct).days) <= NEAR_FOR_A_MONTH_DAY:
                key, where, how = nearest, nearest_where, "past_too_far"  # "Xmas dinner" said on 14 December
        return self._period(granularity, key, anchor="publication_date", direction=where, direction_source=source,
                            rule=f"holiday_{how}", anchor_value=dct.isoformat())

    def weekday(self, m: Mention) -> Resolution:
        f = m.fields
        weekday = lexicon().weekday(f["wd"])
        dct = self.published
        diff = weekday - dct.isoweekday()  # -6 .. 6
        rel = normal(f.get("rel", ""))
        if rel in _ANAPHORIC_WEEKDAY_WORDS and f.get("the") and self.last is not None and self.last.granularity == "day":
            # "down 4.5% from the previous Friday": counted from the day the text is talking about
            last = self.last.key
            if lexicon().relative_offset[rel] > 0:
                day = last + timedelta(days=(weekday - last.isoweekday()) % 7 or 7)
            else:
                day = last - timedelta(days=(last.isoweekday() - weekday) % 7 or 7)
            return self._day_with_part(day, f, anchor="previous_expression",
                                       direction="past" if day < dct else "same" if day == dct else "future",
                                       direction_source="explicit_word", rule=f"weekday_the_{rel}",
                                       anchor_value=self.last.value)
        beside = None if rel else self.days_named.day_of_weekday(weekday, m.start)
        if beside is not None:  # "March 3 (Friday)", "May 5 - 6 (Tues-Wed)": the weekday of the date just named
            return self._day_with_part(beside, f, **self.days_named.anchoring(beside, dct))
        if rel:
            offset = lexicon().relative_offset[rel]
            if offset < 0:
                days = diff - 7 if diff >= 0 else diff
            elif offset > 0:
                days = diff + 7 if diff <= 0 else diff
            else:
                days = diff
            source, rule = "explicit_word", f"weekday_{rel.replace(' ', '_')}"
        elif self.text.startswith(("'s", "’s"), m.end) and not f.get("pod"):
            # "Wednesday's ruling": a possessive weekday names something that has happened, whatever the
            # clause around it says ("they would look for ways around Wednesday's ruling")
            days = diff - 7 if diff > 0 else diff
            source, rule = "default", "weekday_possessive"
        else:
            tense, source = self._tense(m)
            if tense == PRESENT and self._right_before(_BE_RIGHT_BEFORE, m):
                tense = FUTURE  # "the deadline is Friday", "the election is on Sunday": the one to come
            if tense == FUTURE:
                days = diff + 7 if diff < 0 else diff
            else:  # past, present and no clue: news reports what happened, the same day counts
                days = diff - 7 if diff > 0 else diff
            rule = f"weekday_{tense or 'default_past'}"
            source = source if tense in (PAST, FUTURE) else "default"
        day = dct + timedelta(days=days)
        where = "same" if days == 0 else "past" if days < 0 else "future"
        return self._day_with_part(day, f, anchor="publication_date", direction=where, direction_source=source,
                                   rule=rule, anchor_value=dct.isoformat())

    def _day_with_part(self, day: date, f: dict, **kw) -> Resolution:
        pod = f.get("pod")
        if pod:
            code = POD_CODES[normal(pod)]
            return Resolution(type="TIME", value=f"{day.isoformat()}T{code}", granularity="day", key=day,
                              mod=part_of_period_mod(f), **kw)
        return self._period("day", day, mod=part_of_period_mod(f), **kw)

    def deictic_day(self, m: Mention) -> Resolution:
        f = m.fields
        if "pod_before" in f:  # "mid-afternoon yesterday"
            f = dict(f, pod=f["pod_before"], pop=normal(f.get("pod_mod", "")) or None)
            f = {k: v for k, v in f.items() if v}
        dct = self.published
        if "deictic" in f:
            offset = lexicon().deictic_days[normal(f["deictic"])]
            word = normal(f["deictic"])
        elif "tonight" in f:
            offset, word, f = 0, "tonight", dict(f, pod="night")
        else:  # "this morning", "last night"
            offset = -1 if normal(f["rel"]) == "last" else 0
            word = f"{normal(f['rel'])}_{normal(f['pod'])}"
        if word == "today" and len(f) == 1 and generic_today(self.text, m.start, m.end):  # "young people today read less"
            return Resolution(type="DATE", value="PRESENT_REF", anchor="publication_date", direction="same",
                              direction_source="explicit_word", rule="today_generic", anchor_value=dct.isoformat())
        day = dct + timedelta(days=offset)
        return self._day_with_part(day, f, anchor="publication_date",
                                   direction="same" if offset == 0 else "past" if offset < 0 else "future",
                                   direction_source="explicit_word", rule=f"deictic_{word}",
                                   anchor_value=dct.isoformat())

    def relative_period(self, m: Mention) -> Resolution:
        f = m.fields
        unit, rel = lexicon().unit(f["unit"]), normal(f["rel"])  # "yr": year
        offset = lexicon().relative_offset[rel]
        if unit == "year" and rel == "last" and not f.get("pop") and self.last is not None \
                and self.last.granularity == "quarter" and self._right_before(_AFTER_AN_AMOUNT, m):
            # results "... compared with $3 million last year": the quarter under discussion, a year back
            return self._year_before_discussed(fallback_to_publication=True)
        if unit in ("decade", "century") and not f.get("pop") and (
                rel == "past" or rel in ("next", "coming") and self._right_before(_SPAN_BEFORE, m)):
            # "over the past decade", "for the next decade": the ten years up to now or from now, not a
            # calendar decade
            return Resolution(type="DURATION", value=_duration_value(1, unit), rule=f"the_{rel}_{unit}")
        key = cal.shift(unit, cal.period_containing(unit, self.published), offset)
        return self._period(unit, key, anchor="publication_date",
                            direction="same" if offset == 0 else "past" if offset < 0 else "future",
                            direction_source="explicit_word", rule=f"relative_{rel.replace(' ', '_')}_{unit}",
                            anchor_value=self.published.isoformat(), mod="APPROX" if f.get("or_so") else part_of_period_mod(f))

    def ago(self, m: Mention) -> Resolution:
        f = m.fields
        if normal(f["num"]) in ("a", "one") and normal(f["unit"]) == "year" and self.last is not None \
                and self.last.granularity == "quarter" and not f.get("mod"):
            return self._year_before_discussed(fallback_to_publication=True)  # "... from $9 million a year ago"
        count, unit = lexicon().number(f["num"]), lexicon().unit(f["unit"])
        mod = lexicon().modifiers.get(normal(f.get("mod", ""))) if f.get("mod") else None
        if count != "X" and ("fraction" in f or "half" in f):  # "two and a half years ago", "a year and a half ago"
            count += 0.5
        said = unit
        if count != "X" and unit in _WITHIN_A_DAY:  # "three hours ago": the publication day (36 hours: the day before)
            count, unit = int(count * _WITHIN_A_DAY[unit]) // _WITHIN_A_DAY["day"], "day"
        elif count != "X" and not float(count).is_integer() and unit in _FINER and float(count * _FINER[unit][1]).is_integer():
            # "two and a half years ago": thirty months back
            count, unit = count * _FINER[unit][1], _FINER[unit][0]
        if "num" not in f and unit.endswith("s"):  # "days later", "weeks earlier": no count is said
            return self._uncounted_offset(lexicon().unit(unit), sign, mod)
        if count == "X" or not float(count).is_integer():
            return Resolution(type="DATE", value="PAST_REF", anchor="publication_date", direction="past",
                              direction_source="explicit_word", rule="ago_vague", mod=mod,
                              interval=(None, self.published), anchor_value=self.published.isoformat())
        granularity = _calendar_unit(unit)
        steps = int(count) * (10 if unit == "decade" else 1)
        key = cal.shift(granularity, cal.period_containing(granularity, self.published), -steps)
        return self._period(granularity, key, anchor="publication_date", direction="past",
                            direction_source="explicit_word", rule=f"ago_{said}", mod=mod,
                            anchor_value=self.published.isoformat())

    def anaphoric_offset(self, m: Mention) -> Resolution:
        f = m.fields
        unit = normal(f["unit"])
        sign = ANAPHORIC_DIRECTION[normal(f["dir"])]
        count = lexicon().number(f["num"]) if "num" in f else 1
        mod = lexicon().modifiers.get(normal(f.get("mod", ""))) if f.get("mod") else None
        if "num" not in f and unit.endswith("s"):  # "days later", "weeks earlier": no count is said
            return self._uncounted_offset(lexicon().unit(unit), sign, mod)
        if count == "X" or not float(count).is_integer():
            return Resolution(type="DATE", value="PAST_REF" if sign < 0 else "FUTURE_REF", rule="anaphoric_vague", mod=mod)
        pod = POD_CODES.get(unit)
        unit = "day" if pod else lexicon().unit(unit)
        said = unit
        if unit in _WITHIN_A_DAY and unit != "day":  # "three hours later": the same day ("48 hours later": two days on)
            count, unit = int(count * _WITHIN_A_DAY[unit]) // _WITHIN_A_DAY["day"], "day"
        if unit == "year" and count == 1 and sign < 0 and "num" in f and self.last is not None:
            compared = self._right_before(_AFTER_AN_AMOUNT, m) or self._right_before(_COMPARED_WITH, m)
            res = self._year_before_discussed(fallback_to_publication=False, results=bool(compared))
            res.mod = mod
            return res
        # "two decades later" lands on a year; "the following decade" names a decade
        target = unit if "num" not in f and unit in ("decade", "century") else _calendar_unit(unit)
        try:
            granularity, key, anchor, anchor_value = self._anchor_period(target)
        except cal.BeforeTheCalendar:  # the decade or century of a year BC: which one is left unsaid
            return Resolution(type="DATE", value={"decade": "XXX", "century": "XX"}[target], rule=f"anaphoric_{target}_bc")
        steps = sign * int(count) * (10 if unit == "decade" and target == "year" else 1)
        if "num" not in f and granularity != target:
            # "the following year" names a whole year even after a day
            granularity, key = target, cal.period_containing(target, cal.bounds(granularity, key)[0])
        if granularity in ("day", "week", "month", "quarter") and unit == "year":
            steps *= {"day": 1, "week": 52, "month": 12, "quarter": 4}[granularity]
            key = cal.add_years_to_day(key, steps // 1) if granularity == "day" else cal.shift(granularity, key, steps)
        elif granularity == "day" and unit in ("month", "week"):
            key = key + timedelta(weeks=steps) if unit == "week" else _add_months_to_day(key, steps)
        else:
            key = cal.shift(granularity, key, steps)
        res = self._period(granularity, key, anchor=anchor, direction="past" if sign < 0 else "future",
                           direction_source="explicit_word", rule=f"anaphoric_{normal(f['dir'])}_{said}", mod=mod,
                           anchor_value=anchor_value)
        if pod:
            res.type, res.value = "TIME", f"{res.value}T{pod}"
        return res

    def anaphoric_same(self, m: Mention) -> Resolution:
        f = m.fields
        unit = normal(f["unit"])
        pod = POD_CODES.get(unit)
        granularity, key, anchor, anchor_value = self._anchor_period(_calendar_unit("day" if pod else unit))
        res = self._period(granularity, key, anchor=anchor, direction="same", direction_source="explicit_word",
                           rule=f"anaphoric_same_{unit}", mod=part_of_period_mod(f), anchor_value=anchor_value)
        if granularity in ("month", "year") and (pod or unit == "day"):
            # "that same day" after "last October": a day of that month, unsaid which (1998-10-XX)
            res.value += "-XX" if granularity == "month" else "-XX-XX"
        if pod:
            res.type, res.value = "TIME", f"{res.value}T{pod}"
        return res

    def _year_discussed(self) -> tuple[int, str, str]:
        """The year of the last date the text mentioned (the publication year if none): year, anchor, value."""
        if self.last is None or self.last.granularity not in FINENESS or FINENESS[self.last.granularity] > FINENESS["year"]:
            return self.published.year, "publication_date", self.published.isoformat()
        return story.year_of(self.last.granularity, self.last.key), "previous_expression", self.last.value

    def _anchor_period(self, granularity: str):
        """The previous mentioned date, as the period of the requested granularity that holds it; the
        previous date itself when it is coarser than asked ("in 2019 ... the next day")."""
        if self.last is None:
            return granularity, cal.period_containing(granularity, self.published), "publication_date", self.published.isoformat()
        last = self.last
        if last.granularity == granularity:
            return granularity, last.key, "previous_expression", last.value
        if FINENESS[last.granularity] <= FINENESS[granularity]:
            first, _ = cal.bounds(last.granularity, last.key)
            return granularity, cal.period_containing(granularity, first), "previous_expression", last.value
        return last.granularity, last.key, "previous_expression", last.value

    def reference(self, m: Mention) -> Resolution:
        value = lexicon().references[normal(m.fields["ref"])]
        dct = self.published
        interval = {"PRESENT_REF": (dct, dct), "PAST_REF": (None, dct), "FUTURE_REF": (dct, None)}[value]
        return Resolution(type="DATE", value=value, anchor="publication_date", direction={
            "PRESENT_REF": "same", "PAST_REF": "past", "FUTURE_REF": "future"}[value],
            direction_source="explicit_word", rule=f"reference_{value.lower()}", interval=interval,
            anchor_value=dct.isoformat())

    def duration_vague(self, m: Mention) -> Resolution:
        """"for a while": a span of unsaid length and unit."""
        return Resolution(type="DURATION", value="PXX", rule="duration_unsaid")

    def someday(self, m: Mention) -> Resolution:
        """"will one day be": an unspecified time ahead."""
        dct = self.published
        return Resolution(type="DATE", value="FUTURE_REF", anchor="publication_date", direction="future",
                          direction_source="explicit_word", rule="someday", interval=(dct, None),
                          anchor_value=dct.isoformat())

    def duration(self, m: Mention) -> Resolution:
        f = m.fields
        if "unit_old" in f:  # "years-old"
            f = dict(f, unit=f["unit_old"])
        unit = lexicon().unit(f["unit"])
        if "num" in f and "vague" not in f:
            count = 0.5 if f["num"] == "1/2" else lexicon().number(f["num"])  # "1/2 day": half a day
        else:  # "for months", "recent weeks", "decades-long" say no number; "day-long" says one
            count = 1 if m.rule == "duration_long" and not normal(f["unit"]).endswith("s") else "X"
        if count != "X" and ("fraction" in f or "half" in f):  # "2 1/2 years", "a minute and a half"
            count += 0.5
        mod = lexicon().modifiers.get(normal(f.get("mod", ""))) if f.get("mod") else None
        if m.rule == "duration" and count != "X" and float(count).is_integer() and not (mod or f.get("the")) \
                and unit in _COUNTED_AHEAD and self._right_before(_IN_BEFORE, m) and not _OF_AFTER.match(self.text, m.end) \
                and self._tense(m)[0] == FUTURE:
            # "would be redeemed in five years", "is due in 10 days": the date the count lands on
            res = self.counted_offset(Mention(m.start, m.end, m.text, "counted_offset", m.rule,
                                              {"num": f["num"], "unit": f["unit"], "dir": "from now"}))
            res.rule, res.direction_source = f"in_{unit}s_ahead", "tense"
            return res
        return Resolution(type="DURATION", value=_duration_value(count, unit), rule=f"duration_{unit}", mod=mod)

    def set(self, m: Mention) -> Resolution:
        f = m.fields
        lx = lexicon()
        quant = {"every": "EVERY", "each": "EACH", "a": "EACH", "an": "EACH", "per": "EACH"}.get(normal(f.get("each", "")))
        freq = None
        if "times" in f:
            times = normal(f["times"])
            freq = {"once": "1X", "twice": "2X"}.get(times) or f"{lx.number(times.split()[0])}X"
            quant = None
        if "num" in f and normal(f["unit"]) in lx.unit_by_form:  # "every two weeks", "every other month"
            count = 2 if normal(f["num"]) in ("other", "second") else lx.number(f["num"])
            return Resolution(type="SET", value=_duration_value(count, lx.unit(f["unit"])), rule="set_every_count", quant=quant)
        if "freq" in f:
            unit, quant = lx.frequencies[normal(f["freq"])]
            return Resolution(type="SET", value=_duration_value(1, unit), rule=f"set_{normal(f['freq'])}", quant=quant)
        if "wds" in f:  # "on Mondays": every Monday
            f = dict(f, wd=f["wds"][:-1])
        if "wd" in f:
            pods = f.get("pods") or f.get("pods2")  # "Friday nights"
            part = f"T{POD_CODES[normal(pods)[:-1]]}" if pods else ""
            return Resolution(type="SET", value=f"XXXX-WXX-{lx.weekday(f['wd'])}{part}", rule="set_weekday", quant=quant)
        if "month" in f:
            return Resolution(type="SET", value=f"XXXX-{lx.month(f['month']):02d}", rule="set_month", quant=quant)
        unit = normal(f["unit"])
        if unit in POD_CODES:
            return Resolution(type="SET", value=f"XXXX-XX-XXT{POD_CODES[unit]}", rule="set_part_of_day", quant=quant)
        if unit in lx.season_by_form:
            return Resolution(type="SET", value=f"XXXX-{lx.season_by_form[unit]}", rule="set_season", quant=quant)
        if lx.unit(unit) == "weekend":  # "every weekend", "on weekends"
            return Resolution(type="SET", value="XXXX-WE", rule="set_weekend", quant=quant)
        return Resolution(type="SET", value=_duration_value(1, lx.unit(unit)), rule=f"set_{m.rule}", quant=quant, freq=freq)

    def clock_time(self, m: Mention) -> Resolution:
        f = m.fields
        hour, minute = clock_hour(f)
        day = self.published
        anchor, anchor_value = "publication_date", day.isoformat()
        if {"day_kind", "wd", "month"} & f.keys():  # "10 p.m. Wednesday", "5 p.m. Nov. 9", "7pm tonight"
            kind, fields = day_of_clock(f)  # the date part decides the day
            dated = RESOLVERS[kind](self, Mention(m.start, m.end, m.text, kind, m.rule, fields))
            if dated is None:
                return None
            day, anchor, anchor_value = dated.key, dated.anchor, dated.anchor_value
        elif self.last is not None and self.last.granularity == "day":
            day, anchor, anchor_value = self.last.key, "previous_expression", self.last.value
            hour = evening_hour(hour, f, self.last.value, self.text, self.days_named.end, m.start)  # "tonight at 8"
        elif self.narrative:  # a time of day in a story that has named no day: which day is unsaid
            return Resolution(type="TIME", value=f"XXXX-XX-XXT{hour:02d}:{minute:02d}", rule="clock_time_day_unsaid")
        mod = "APPROX" if f.get("mod") else None
        return Resolution(type="TIME", value=f"{day.isoformat()}T{hour:02d}:{minute:02d}", granularity="day",
                          key=day, anchor=anchor, direction="same", direction_source="none",
                          rule="clock_time", mod=mod, anchor_value=anchor_value)

    # -- driver -------------------------------------------------------------------------------------
    def resolve(self, m: Mention) -> TemporalExpression | None:
        try:
            res = RESOLVERS[m.kind](self, m)
        except cal.BeforeTheCalendar:  # a day or a span counted from a year BC: no calendar date to give
            return None
        if res is None:
            return None
        if res.interval is not None:
            earliest, latest = res.interval
        elif res.granularity is not None and res.key is not None and story.year_of(res.granularity, res.key) >= 1:
            earliest, latest = cal.bounds(res.granularity, res.key)
        else:  # a year BC has no datetime.date bounds
            earliest = latest = None
        if res.anchor == "publication_date":
            self.passage = None  # a word of the present ends a passage about the past
        if res.granularity == "day" and isinstance(res.key, date):
            self.days_named.named(res.key, m.start, m.end)
        if res.type in ("DATE", "TIME") and res.key is not None and res.granularity in FINENESS and not res.comparison:
            self.last = Anchor(res.granularity, res.key, res.value)
            if res.anchor != "publication_date" and FINENESS[res.granularity] <= FINENESS["year"]:
                # only a date things happened in sets the passage's time ("in 1862", "on May 4, 1453"),
                # not a start or a label ("since 1980", "dating to 1994", "the 1988 bombing")
                chained = res.rule.endswith("_in_passage")
                self.passage = (self.last, m.end, chained or not story.inside_a_sentence(self.text, m.start)) \
                    if chained or self._right_before(_TIME_OF_HAPPENING, m) else None
            if FINENESS[res.granularity] <= FINENESS["year"] and res.granularity != "weekend" \
                    and res.anchor != "publication_date" and m.rule not in range_rules.RANGE_ENDS \
                    and not self._aside_of_the_story(m, res):
                # a story moves on by the dates it tells, not by "now", nor by where a span it names ends
                self.story = self.last
        return TemporalExpression(
            start=m.start, end=m.end, text=m.text, type=res.type, value=res.value,
            earliest=earliest, latest=latest, granularity=res.granularity if earliest or latest else None,
            anchor=res.anchor, direction=res.direction, direction_source=res.direction_source,
            rule=f"{m.rule}/{res.rule}", mod=res.mod, quant=res.quant, freq=res.freq, anchor_value=res.anchor_value)


# The resolver of each kind of mention (the kind a rule of dateline.find_rules gives its matches): the
# methods themselves, keyed by their names.
RESOLVERS = {method.__name__: method for method in (
    # days and parts of days
    Resolver.date, Resolver.dateline, Resolver.month_day, Resolver.weekday, Resolver.deictic_day,
    Resolver.deictic_offset, Resolver.holiday, Resolver.nth_weekday, Resolver.day_of_month, Resolver.day_of_period,
    Resolver.counted_from_day, Resolver.edge_day, Resolver.weekday_day, Resolver.clock_time, Resolver.offset_from_day,
    # weeks, months, seasons
    Resolver.week_of, Resolver.week_of_month, Resolver.weekend, Resolver.month, Resolver.month_year,
    Resolver.season, Resolver.numeric_date,
    # quarters, halves, years and longer
    Resolver.quarter, Resolver.half, Resolver.quarter_reference, Resolver.year_ago, Resolver.the_year,
    Resolver.year_end, Resolver.year, Resolver.decade, Resolver.century,
    # relative to the publication or to the last date
    Resolver.relative_period, Resolver.ago, Resolver.counted_offset, Resolver.before_last,
    Resolver.part_of_the_period, Resolver.anaphoric_offset, Resolver.anaphoric_same, Resolver.reference,
    Resolver.someday,
    # spans and sets
    Resolver.duration, Resolver.duration_vague, Resolver.set,
)}


# "in 10 days", "in five years" in a clause that looks ahead: the day, week, month or year it lands on
_COUNTED_AHEAD = frozenset({"day", "week", "month", "year", "decade"})
_IN_BEFORE = re.compile(r"\bin\s+$", re.I)
_OF_AFTER = re.compile(r"['’]?\s+(?:of|to)\b", re.I)  # "in two years of talks", "in two to three weeks"

# Seconds in the units shorter than a day: a count of them ago lands on a day
_WITHIN_A_DAY = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
# A fraction of a calendar unit ago is counted in the next finer one that holds it whole
_FINER = {"decade": ("year", 10), "year": ("month", 12), "quarter": ("month", 3), "week": ("day", 7)}


def _calendar_unit(unit: str) -> str:
    """The calendar granularity an offset in this unit lands on (hours and minutes land on a day)."""
    return {"second": "day", "minute": "day", "hour": "day", "decade": "year"}.get(unit, unit)


def _add_months_to_day(day: date, n: int) -> date:
    year, month = cal.add_months(day.year, day.month, n)
    return date(year, month, min(day.day, cal.month_end(year, month).day))


def _duration_value(count, unit: str) -> str:
    lx = lexicon()
    if unit == "decade":
        unit, count = "year", count if count == "X" else count * 10
    elif unit == "century":
        unit, count = "year", count if count == "X" else count * 100
    elif unit == "weekend":
        unit, count = "day", count if count == "X" else count * 2
    code = lx.unit_codes[unit]
    prefix = "PT" if unit in lx.time_units else "P"
    if count != "X" and not float(count).is_integer() and unit in _SMALLER_UNIT:
        whole, rest = int(count), count - int(count)
        smaller, per = _SMALLER_UNIT[unit]
        head = f"{whole}{code}" if whole else ""
        tail = f"{round(rest * per)}{lx.unit_codes[smaller]}"
        if unit in ("day",):  # days and hours sit either side of the T
            return f"P{head}T{tail}"
        return f"{prefix}{head}{tail}"
    if count != "X" and float(count).is_integer():
        count = int(count)
    return f"{prefix}{count}{code}"


# A fraction of a unit is written in the next smaller one: 2 1/2 years → P2Y6M.
_SMALLER_UNIT = {"year": ("month", 12), "month": ("day", 30), "week": ("day", 7), "day": ("hour", 24),
                 "hour": ("minute", 60), "minute": ("second", 60)}
