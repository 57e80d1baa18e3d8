"""Resolving month-days, months and seasons written without their year ("June 4", "19-22 April",
"in March", "the previous April", "that spring", "the week of March 6"): the Resolver's methods for
them, kept apart from resolve.py.

News reads them around the publication date (the clause's tense picks the side); a narrative (see
dateline.narrative) reads them in its story time; "August of that year" in the year the text is on.
"""
from __future__ import annotations

import re
from datetime import date

from . import calendar as cal
from . import narrative as story
from .lexicon import lexicon, normal
from .model import Mention
from .resolution import Resolution, part_of_period_mod, spelled_year
from .tense import FUTURE, PAST

# A past-tense reading this far back loses to one this near on the other side: news rarely names a
# month-day (days) or a month (months) from about a year ago without its year ("payable Dec. 15").
FAR_FOR_A_MONTH_DAY, NEAR_FOR_A_MONTH_DAY = 183, 122
FAR_FOR_A_MONTH, NEAR_FOR_A_MONTH = 10, 2
_SPAN_START_BEFORE = re.compile(r"\b(?:from|since|starting|beginning|effective)\s+$", re.I)  # "runs from July 1"
_PAST_VERB_RIGHT_BEFORE = re.compile(r"\b\w+ed\s+(?:on\s+)?$")  # "the year ended Jan. 31": the verb dates it
# After the first day of a range of days: the second day and its month ("-22 April", " to 22 February").
_RANGE_END = re.compile(r"\s*(?:[-\u2013]|to)\s*(?P<d>\d{1,2}(?:st|nd|rd|th)?)\s+(?:of\s+)?(?P<month>[A-Za-z]+)")
_RANGE_END_YEAR = re.compile(r"\s*[-\u2013]\s*\d{1,2},?\s+(?P<y>(?:1[6-9]|20)\d\d)\b")  # "March 5[-9, 1918]"
# "the previous April", "the following March" count from the story, not from today
_NEXT_TO_THE_STORY = frozenset({"previous", "following"})


# A range of months ("from October to March", "between December and February", "the November-January
# season"): the joining word after its first month, or the first month and the joining word before its last.
_RANGE_JOIN = r"(?:to|through|thru|until|till|and|[-\u2013])"
_MONTH_RANGE_AFTER = re.compile(r"\.?\s*" + _RANGE_JOIN + r"\s*(?:(?:early|late|mid-?|the\s+end\s+of)\s*)?(?P<month>[A-Za-z]+)\b")
_MONTH_RANGE_BEFORE = re.compile(r"\b(?P<between>between\s+)?(?:(?:early|late|mid-?)\s*)?(?P<month>[A-Za-z]+)\.?\s*"
                                 r"(?P<join>" + _RANGE_JOIN + r")\s*(?:(?:early|late|mid-?|the\s+end\s+of)\s*)?$")
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:(?:early|late|mid-?)\s*)?$", re.I)

# "the following spring", "the previous winter": counted from the date the text last mentioned
_ANAPHORIC_WORDS = frozenset({"following", "previous", "preceding"})


class MonthResolvers:
    """Mixin of Resolver (dateline.resolve): month-days, months, seasons."""

    def date(self, m: Mention) -> Resolution | None:
        f = m.fields
        if "yy" in f:  # "27.03.15": the two-digit year nearest the publication year
            f = dict(f, d=f["d2"], m=f["m2"], y=str(cal.nearest_year(int(f["yy"]), self.published.year)))
        month = lexicon().month(f["month"]) if "month" in f else int(f["m"])
        try:
            day = date(int(f["y"]), month, int(f["d"].rstrip("stndrdth")))
        except ValueError:
            return None
        return self._period("day", day, rule="absolute_date")

    def _month_day_options(self, f: dict) -> list[date]:
        """A month-day in the years around the publication date (no 30 February; 29 February in leap years)."""
        month, day_number = lexicon().month(f["month"]), int(f["d"].rstrip("stndrdth"))
        options = []
        for year in (self.published.year - 1, self.published.year, self.published.year + 1):
            try:
                options.append(date(year, month, day_number))
            except ValueError:
                pass
        return options

    def month_day(self, m: Mention) -> Resolution | None:
        f = m.fields
        if "that_year" in f:  # "July 25 of that year"
            year, anchor, anchor_value = self._year_discussed()
            res = self.date(Mention(m.start, m.end, m.text, "date", m.rule, dict(f, y=str(year)))) if year >= 1 else None
            if res is not None:
                res.anchor, res.anchor_value, res.rule = anchor, anchor_value, "month_day_of_that_year"
            return res
        year_after = _RANGE_END_YEAR.match(self.text, m.end)
        if year_after:  # "March 5-9, 1918": the first day in the year written after the second
            return self.date(Mention(m.start, m.end, m.text, "date", m.rule, dict(f, y=year_after.group("y"))))
        end = _RANGE_END.match(self.text, m.end) if m.rule == "day_range_start" else None
        if end:  # "19-22 April": the first day in the month and year the second one is read in
            last_day = self.month_day(Mention(end.start("d"), end.end(), self.text[end.start("d"):end.end()],
                                              "month_day", "day_month", {"month": end.group("month"), "d": end.group("d")}))
            if last_day is not None and last_day.granularity == "day":
                try:
                    last_day.key = last_day.key.replace(day=int(f["d"].rstrip("stndrdth")))
                except ValueError:
                    return None
                last_day.value, last_day.rule = cal.timex_value("day", last_day.key), f"range_start_{last_day.rule}"
                return last_day
        rel = normal(f.get("rel", ""))
        anchor, told = self._story(m), None
        if anchor is None and not rel:  # "In 1453 ... On May 29 the walls fell": that year's May 29
            anchor = told = self._passage_story(m)
        if anchor is not None and not rel and story.year_of(anchor.granularity, anchor.key) >= 1:
            year, month = story.month_in_story(anchor.granularity, anchor.key, lexicon().month(f["month"]))
            try:
                return self._in_story("day", date(year, month, int(f["d"].rstrip("stndrdth"))),
                                      "month_day_in_passage" if told else "month_day_in_story", told, mod=part_of_period_mod(f))
            except ValueError:  # no 29 February in the story's year: read it as news would
                pass
        options = self._month_day_options(f)
        if not options:
            return None
        if rel:  # "last Oct. 23": the latest one before today
            offset = lexicon().relative_offset[rel]
            day = max(d for d in options if d < self.published) if offset < 0 else min(d for d in options if d > self.published)
            return self._period("day", day, anchor="publication_date", direction="past" if offset < 0 else "future",
                                direction_source="explicit_word", rule=f"month_day_{rel.replace(' ', '_')}",
                                anchor_value=self.published.isoformat())
        direction, source = self._tense(m)
        day, where = self._pick(options, direction, "day")
        rule = f"month_day_{direction or 'nearest'}"
        nearest, nearest_where = self._pick(options, None, "day")
        if direction == PAST and not _PAST_VERB_RIGHT_BEFORE.search(self.text, max(0, m.start - 30), m.start) \
                and abs((day - self.published).days) > FAR_FOR_A_MONTH_DAY and abs((nearest - self.published).days) <= NEAR_FOR_A_MONTH_DAY:
            # "payable Dec. 15" in a past-tense October story: a date without a year is rarely ~a year away
            day, where, rule = nearest, nearest_where, f"month_day_{direction}_too_far"
        elif direction == FUTURE and _SPAN_START_BEFORE.search(self.text, max(0, m.start - 12), m.start) \
                and abs((day - self.published).days) > FAR_FOR_A_MONTH_DAY and abs((nearest - self.published).days) <= NEAR_FOR_A_MONTH_DAY:
            # "the sale runs from July 1" said on July 9: the start of a span under way, not a year ahead
            day, where, rule = nearest, nearest_where, f"month_day_{direction}_too_far"
        return self._period("day", day, anchor="publication_date", direction=where,
                            direction_source=source, rule=rule,
                            anchor_value=self.published.isoformat(), mod=part_of_period_mod(f))

    def week_of(self, m: Mention) -> Resolution | None:
        """"the week of March 6": the week holding that day."""
        f = m.fields
        day = self.date(m) if f.get("y") else self.month_day(Mention(m.start, m.end, m.text, "month_day", m.rule,
                                                                       {"month": f["month"], "d": f["d"]}))
        if day is None:
            return None
        day.granularity, day.key = "week", cal.period_containing("week", day.key)
        day.value, day.rule = cal.timex_value("week", day.key), f"week_of_{day.rule}"
        return day

    def dateline(self, m: Mention) -> Resolution | None:
        """"WASHINGTON, June 3 (AP) --": the day the story was filed, the one nearest the publication date."""
        options = self._month_day_options(m.fields)
        if not options:
            return None
        day, where = self._pick(options, None, "day")
        return self._period("day", day, anchor="publication_date", direction=where, direction_source="none",
                            rule="dateline_nearest", anchor_value=self.published.isoformat())

    def month_year(self, m: Mention) -> Resolution:
        f = m.fields
        month = lexicon().month(f["month"])
        if "spelled" in f:  # "January nineteen ninety-seven"
            year = spelled_year(f["spelled"])
            return None if year is None else self._period("month", (year, month), rule="month_spelled_year", mod=part_of_period_mod(f))
        if "ybc" in f:  # "April 480 BC"
            return self._period("month", (1 - int(f["ybc"]), month), rule="absolute_month_bc", mod=part_of_period_mod(f))
        if "yrel" in f:  # "June last year"
            year = self.published.year + lexicon().relative_offset[normal(f["yrel"])]
            return self._period("month", (year, month), anchor="publication_date",
                                direction_source="explicit_word", rule=f"month_{normal(f['yrel'])}_year",
                                anchor_value=self.published.isoformat(), mod=part_of_period_mod(f))
        return self._period("month", (int(f["y"]), month), rule="absolute_month", mod=part_of_period_mod(f))

    def month(self, m: Mention) -> Resolution:
        f = m.fields
        month = lexicon().month(f["month"])
        dct = self.published
        if "that_year" in f:  # "August of that year": that month in the year the text is on
            year, anchor, anchor_value = self._year_discussed()
            return self._period("month", (year, month), anchor=anchor, direction_source="explicit_word",
                                rule="month_of_that_year", anchor_value=anchor_value)
        options = [(dct.year + n, month) for n in (-1, 0, 1)]
        rel = normal(f.get("rel", ""))
        anchor = self._story(m)
        if rel and anchor is not None and rel in _NEXT_TO_THE_STORY:  # "the previous April" in a story
            key = story.month_next_to(anchor.granularity, anchor.key, month, lexicon().relative_offset[rel])
            return self._in_story("month", key, f"month_{rel}_in_story", mod=part_of_period_mod(f))
        if rel:
            offset = lexicon().relative_offset[rel]
            if offset < 0:  # "last April": the latest one before this month...
                key = (dct.year if month < dct.month else dct.year - 1, month)
                if rel == "last" and cal.add_months(dct.year, dct.month, -1) == key:
                    key = (key[0] - 1, month)  # ...but last month would be called "last month"
                where = "past"
            elif offset > 0:
                key = (dct.year if month > dct.month else dct.year + 1, month)
                where = "future"
            else:
                key, where = (dct.year, month), "same"
            return self._period("month", key, anchor="publication_date", direction=where,
                                direction_source="explicit_word", rule=f"month_{rel.replace(' ', '_')}",
                                anchor_value=dct.isoformat(), mod=part_of_period_mod(f))
        if anchor is not None:  # "in February" in a narrative: the story's February
            return self._in_story("month", self._story_month(m, anchor, month), "month_in_story", mod=part_of_period_mod(f))
        told = self._passage_story(m)
        if told is not None:  # "In 1862 ... In October it reached the river": that year's October
            return self._in_story("month", self._story_month(m, told, month), "month_in_passage", told, mod=part_of_period_mod(f))
        in_range = self._month_range(m, month)
        if in_range is not None:
            return in_range
        direction, source = self._tense(m)
        key, where = self._pick(options, direction, "month")
        rule = f"month_{direction or 'nearest'}"
        nearest, nearest_where = self._pick(options, None, "month")
        months_away = abs((key[0] - dct.year) * 12 + key[1] - dct.month)
        nearest_away = abs((nearest[0] - dct.year) * 12 + nearest[1] - dct.month)
        if direction == PAST and months_away >= FAR_FOR_A_MONTH and nearest_away <= NEAR_FOR_A_MONTH:
            key, where, rule = nearest, nearest_where, "month_past_too_far"
        return self._period("month", key, anchor="publication_date", direction=where, direction_source=source,
                            rule=rule, anchor_value=dct.isoformat(), mod=part_of_period_mod(f))

    def _story_month(self, m: Mention, anchor, month: int) -> tuple[int, int]:
        """A month in the story's year. A range whose names cross a year end ("from November to February")
        spans two: from the story's year into the next, or, when the story has reached a month before
        the range's first ("... seized Manila in March 1945; from October to March ..."), from the year
        before into the story's."""
        year, month = story.month_in_story(anchor.granularity, anchor.key, month)
        in_range = self._range_of_months(m, month)
        if in_range is None or in_range[1] >= in_range[0]:
            return year, month
        first, _, _, is_last = in_range
        story_month = story.month_of(anchor.granularity, anchor.key)
        if story_month is not None and story_month < first:
            return (year if is_last else year - 1), month
        return (year + 1 if is_last else year), month

    def _range_of_months(self, m: Mention, month: int) -> tuple[int, int, int, bool] | None:
        """Whether the month is an end of a range of months without years ("from October to March",
        "between December and February"): (first month, last month, where the first starts, whether this
        is the last); None when it is no end of one."""
        months, text = lexicon().month_by_form, self.text
        after = _MONTH_RANGE_AFTER.match(text, m.end)
        if after and normal(after.group("month")) in months \
                and (not after.group(0).lstrip(". ").startswith("and") or _BETWEEN_BEFORE.search(text, max(0, m.start - 25), m.start)):
            return month, months[normal(after.group("month"))], m.start, False
        before = _MONTH_RANGE_BEFORE.search(text, max(0, m.start - 40), m.start)
        if not before or normal(before.group("month")) not in months or (before.group("join") == "and" and not before.group("between")):
            return None
        return months[normal(before.group("month"))], month, before.start("month"), True

    def _month_range(self, m: Mention, month: int) -> Resolution | None:
        """A month at either end of a range of months without years ("from October to March"): the range is
        read as a whole, the last month the first of its name after the first month (into the next year when
        the names cross a year end), and the clause's tense places the whole range; None when the month is
        no end of such a range."""
        text = self.text
        in_range = self._range_of_months(m, month)
        if in_range is None:
            return None
        first, last, first_start, is_last = in_range
        if first == last:
            return None
        direction, source = self._tense(Mention(first_start, first_start + 1, text[first_start], "month", m.rule, {}))
        dct = self.published
        spans = []
        for year in range(dct.year - 2, dct.year + 2):
            end = (year if last > first else year + 1, last)
            spans.append(((year, first), end, cal.bounds("month", (year, first))[0], cal.bounds("month", end)[1]))
        if direction == PAST:  # the latest range begun before the publication, one over if there is one
            over = [s for s in spans if s[3] < dct] or [s for s in spans if s[2] <= dct]
            chosen, where = max(over, key=lambda s: s[2]), "past"
        elif direction == FUTURE:  # the first range not begun, else the one under way
            ahead = [s for s in spans if s[2] > dct] or [s for s in spans if s[3] >= dct]
            chosen, where = min(ahead, key=lambda s: s[2]), "future"
        else:  # the range under way, else the nearest
            chosen = min(spans, key=lambda s: 0 if s[2] <= dct <= s[3] else min(abs((s[2] - dct).days), abs((s[3] - dct).days)))
            where = "same" if chosen[2] <= dct <= chosen[3] else "past" if chosen[3] < dct else "future"
        key = chosen[1] if is_last else chosen[0]
        return self._period("month", key, anchor="publication_date", direction=where, direction_source=source,
                            rule=f"month_range_{'end' if is_last else 'start'}_{direction or 'nearest'}",
                            anchor_value=dct.isoformat(), mod=part_of_period_mod(m.fields))

    def season(self, m: Mention) -> Resolution:
        f = m.fields
        code = lexicon().season_by_form[normal(f["season"])]
        dct = self.published
        if "ybc" in f:  # "the spring of 480 BC"
            return self._period("season", (1 - int(f["ybc"]), code), rule="absolute_season_bc", mod=part_of_period_mod(f))
        if "yy2" in f:  # "the summer of '69": the latest such year not after the publication's
            year = dct.year - (dct.year - int(f["yy2"])) % 100
            return self._period("season", (year, code), rule="season_short_year", mod=part_of_period_mod(f))
        if "y" in f or "spelled" in f:
            year = int(f["y"]) if "y" in f else spelled_year(f["spelled"])
            return None if year is None else self._period("season", (year, code), rule="absolute_season", mod=part_of_period_mod(f))
        this_year = (dct.year - 1 if code == "WI" and dct.month <= 2 else dct.year, code)
        options = [cal.shift("season", this_year, n) for n in (-4, 0, 4)]
        rel = normal(f.get("rel", ""))
        if rel in _ANAPHORIC_WORDS and self.last is not None and story.year_of(self.last.granularity, self.last.key) > 1:
            return self._season_after_the_last(m, code, lexicon().relative_offset[rel] > 0)
        if rel:
            offset = lexicon().relative_offset[rel]
            spans = [(key, *cal.bounds("season", key)) for key in options]
            if rel == "last":  # "last spring": the spring of last year (winter: the one before the latest)
                latest_over = max((s for s in spans if s[2] < dct), key=lambda s: s[1])[0]
                key = (dct.year - 1, code) if code != "WI" else cal.shift("season", latest_over, -4 if latest_over[0] == dct.year - 1 and dct.month <= 2 else 0)
            elif offset < 0:  # "this past winter": the latest one already over
                key = max((s for s in spans if s[2] < dct), key=lambda s: s[1])[0]
            elif offset > 0:  # the first one not yet begun
                key = min((s for s in spans if s[1] > dct), key=lambda s: s[1])[0]
            else:
                key = this_year
            first, last = cal.bounds("season", key)
            where = "same" if first <= dct <= last else "past" if last < dct else "future"
            return self._period("season", key, anchor="publication_date", direction=where,
                                direction_source="explicit_word", rule=f"season_{rel.replace(' ', '_')}",
                                anchor_value=dct.isoformat(), mod=part_of_period_mod(f))
        anchor = self._story(m)
        if anchor is not None:  # "that summer", "in the autumn" in a narrative: the story's
            return self._in_story("season", story.season_in_story(anchor.granularity, anchor.key, code),
                                  "season_in_story", mod=part_of_period_mod(f))
        told = self._passage_story(m)
        if told is not None:  # "In 1805 ... By winter the campaign was over": that year's winter
            return self._in_story("season", story.season_in_story(told.granularity, told.key, code),
                                  "season_in_passage", told, mod=part_of_period_mod(f))
        if "that" in f:  # "that same spring": the season in the year the text is on
            year, anchor_kind, anchor_value = self._year_discussed()
            return self._period("season", (year, code), anchor=anchor_kind, direction_source="explicit_word",
                                rule="season_that", anchor_value=anchor_value, mod=part_of_period_mod(f))
        direction, source = self._tense(m)
        key, where = self._pick(options, direction, "season")
        return self._period("season", key, anchor="publication_date", direction=where, direction_source=source,
                            rule=f"season_{direction or 'nearest'}", anchor_value=dct.isoformat(), mod=part_of_period_mod(f))

    def _season_after_the_last(self, m: Mention, code: str, forward: bool) -> Resolution:
        """"The war began in 1914. The following spring ...": the first such season after the date the text
        last mentioned ("the previous winter": the last one before it), not after the publication."""
        first, last = cal.bounds(self.last.granularity, self.last.key)
        around = [cal.shift("season", (first.year, code), n) for n in (-8, -4, 0, 4, 8)]
        if forward:
            key = min((k for k in around if cal.bounds("season", k)[0] > last), key=lambda k: cal.bounds("season", k)[0])
        else:
            key = max((k for k in around if cal.bounds("season", k)[1] < first), key=lambda k: cal.bounds("season", k)[0])
        return self._period("season", key, anchor="previous_expression", direction="future" if forward else "past",
                            direction_source="explicit_word", rule=f"season_the_{'following' if forward else 'previous'}",
                            anchor_value=self.last.value, mod=part_of_period_mod(m.fields))
