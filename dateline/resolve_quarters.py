"""Resolving quarters, halves and the comparisons of results ("the third quarter", "the first half of
1990", "the year-ago quarter", "the previous quarter", "year-earlier"): the Resolver's methods for them,
kept apart from resolve.py. A comparison ("a year earlier" in results) names a period without moving the
anchor of the text.
"""
from __future__ import annotations

import re

from . import calendar as cal
from .lexicon import lexicon, normal
from .model import Mention
from .resolution import Resolution
from .tense import FUTURE


# How long after a period ends its results are still to come (companies report within about six weeks)
RESULTS_SEASON = 45
_RESULTS = r"(?:results|earnings|profits?|loss(?:es)?|net|income|revenues?|sales|figures|numbers)"
_RESULTS_AFTER = re.compile(r"[\s-]+" + _RESULTS + r"\b", re.I)  # "third-quarter results"
_RESULTS_BEFORE = re.compile(r"\b" + _RESULTS + r"\s+(?:for|of)\s+$", re.I)  # "results for the third quarter"


class QuarterResolvers:
    """Mixin of Resolver (dateline.resolve): quarters, halves, results compared a year back."""

    def _numbered_part(self, m: Mention, granularity: str, number: int) -> Resolution:
        f = m.fields
        year = f.get("y") or f.get("y2")
        yrel = f.get("yrel") or f.get("yrel2")
        if yrel:  # "this year's third quarter", "the third quarter of last year"
            year = self.published.year + lexicon().relative_offset[normal(yrel)]
            return self._period(granularity, (year, number), anchor="publication_date", direction_source="explicit_word",
                                rule=f"{granularity}_of_{normal(yrel)}_year", anchor_value=self.published.isoformat())
        if year:
            return self._period(granularity, (int(year), number), rule=f"absolute_{granularity}")
        if "ago" in f:  # "the year-ago third quarter": the same quarter a year before the one discussed
            discussed = self.last.key[0] if self.last is not None and self.last.granularity == granularity \
                else cal.period_containing(granularity, self.published)[0]
            return self._period(granularity, (discussed - 1, number), anchor="publication_date",
                                direction="past", direction_source="explicit_word", rule=f"{granularity}_year_ago",
                                anchor_value=self.published.isoformat(), comparison=True)
        dct = self.published
        options = [(dct.year + n, number) for n in (-1, 0, 1)]
        direction, source = self._tense(m)
        latest_over = cal.shift(granularity, cal.period_containing(granularity, dct), -1)
        if f.get("fiscal") and granularity == "quarter":
            return self._fiscal_quarter(m, number, direction, source, latest_over)
        if direction == FUTURE and latest_over in options and self._results_of(m, latest_over):
            # results come after the period: "will report third-quarter results" in October is this year's
            return self._period(granularity, latest_over, anchor="publication_date", direction="past",
                                direction_source=source, rule=f"{granularity}_future_results",
                                anchor_value=dct.isoformat())
        key, where = self._pick(options, direction, granularity)
        return self._period(granularity, key, anchor="publication_date", direction=where, direction_source=source,
                            rule=f"{granularity}_{direction or 'nearest'}", anchor_value=dct.isoformat())

    def _fiscal_quarter(self, m: Mention, number: int, direction, source: str, latest_over) -> Resolution:
        """"its fiscal first quarter": a company's own quarter, which need not be the calendar's. TimeBank
        writes it as the quarter's number in the calendar year it falls in ("the fiscal first quarter ended
        Sept. 30" is 1989-Q1). Reported or past, it is the quarter just over (results follow it), so the
        year is that of the latest calendar quarter over; ahead, the year of the quarter under way."""
        ahead = direction == FUTURE and not self._results_of(m, latest_over)
        year = cal.period_containing("quarter", self.published)[0] if ahead else latest_over[0]
        return self._period("quarter", (year, number), anchor="publication_date", direction="future" if ahead else "past",
                            direction_source=source, rule=f"fiscal_quarter_{'ahead' if ahead else 'reported'}",
                            anchor_value=self.published.isoformat())

    def _results_of(self, m: Mention, latest_over) -> bool:
        """Whether a future clause about the period just over speaks of its results: in the season when
        they come out (RESULTS_SEASON days after it ends), or of the results themselves ("third-quarter
        results", "earnings for the third quarter"). "Expects to post a loss in the fourth quarter" said
        in March is about the coming fourth quarter: last year's results are out by then."""
        if (self.published - cal.bounds(m.kind if m.kind == "half" else "quarter", latest_over)[1]).days <= RESULTS_SEASON:
            return True
        return bool(_RESULTS_AFTER.match(self.text, m.end) or _RESULTS_BEFORE.search(self.text, max(0, m.start - 30), m.start))

    def quarter(self, m: Mention) -> Resolution:
        if "qn" in m.fields:  # "in Q3"
            return self._numbered_part(m, "quarter", int(m.fields["qn"]))
        word = normal(m.fields["q"])
        return self._numbered_part(m, "quarter", 4 if word in ("final", "last") else lexicon().ordinals[word])

    def half(self, m: Mention) -> Resolution:
        return self._numbered_part(m, "half", {"first": 1, "second": 2, "last": 2}[normal(m.fields["h"])])

    def _last_completed_quarter(self):
        return cal.shift("quarter", cal.period_containing("quarter", self.published), -1)

    def quarter_reference(self, m: Mention) -> Resolution:
        which = normal(m.fields.get("which", ""))
        previous = self.last.key if self.last is not None and self.last.granularity == "quarter" else None
        if which == "current":
            key, rule = cal.period_containing("quarter", self.published), "quarter_current"
        elif which in ("latest", "most recent"):
            key, rule = self._last_completed_quarter(), "quarter_latest_completed"
        elif "y" in m.fields:  # "the 1988 quarter": the quarter under discussion, in that year
            number = (previous or self._last_completed_quarter())[1]
            key, rule = (int(m.fields["y"]), number), "quarter_of_year"
        elif which in ("year-ago", "year-earlier", "comparable") or m.fields.get("year_ago") or m.fields.get("last_years"):
            previous = self._reported_quarter(previous)
            key, rule = cal.shift("quarter", previous or self._last_completed_quarter(), -4), "quarter_year_earlier"
        elif which in ("previous", "prior"):
            key, rule = cal.shift("quarter", previous or self._last_completed_quarter(), -1), "quarter_previous"
        else:  # "the quarter", "the same quarter": the one being discussed
            key, rule = previous or self._last_completed_quarter(), "quarter_discussed"
        anchor, anchor_value = ("previous_expression", self.last.value) if previous else ("publication_date", self.published.isoformat())
        return self._period("quarter", key, anchor=anchor, direction_source="default", rule=rule, anchor_value=anchor_value,
                            comparison=rule == "quarter_year_earlier")

    def _reported_quarter(self, key):
        """The discussed quarter if results for it can exist (it has begun by the publication date); a
        forecast ("the third quarter of 1990") is not what a year-ago comparison is made with."""
        if key is None or cal.bounds("quarter", key)[0] > self.published:
            return None
        return key

    def year_ago(self, m: Mention) -> Resolution:
        """"year-earlier", "year-ago" (results): the period under discussion, a year back."""
        return self._year_before_discussed(fallback_to_publication=True, results=True)

    def _year_before_discussed(self, fallback_to_publication: bool, results: bool = False) -> Resolution | None:
        """A year before the period the text is discussing: the same quarter or day a year back, else the
        year before. Results compared with "a year earlier" are a comparison, not a new anchor.

        In a comparison of results (`results`), a text already discussing last year ("Last year losses
        totaled $5 million ... The year-earlier results") is discussing the comparison year itself."""
        last = self.last
        if results and last is not None and last.granularity == "year" and last.key == self.published.year - 1:
            return self._period("year", last.key, anchor="previous_expression", direction="past",
                                direction_source="explicit_word", rule="year_before_is_the_year_discussed",
                                anchor_value=last.value, comparison=True)
        if last is None:
            if not fallback_to_publication:
                return None
            return self._period("year", self.published.year - 1, anchor="publication_date", direction="past",
                                direction_source="explicit_word", rule="year_before_publication",
                                anchor_value=self.published.isoformat(), comparison=True)
        if last.granularity == "quarter":
            reported = self._reported_quarter(last.key)
            granularity, key = "quarter", cal.shift("quarter", reported or self._last_completed_quarter(), -4)
        elif last.granularity == "day":
            granularity, key = "day", cal.add_years_to_day(last.key, -1)
        else:
            granularity = "year"
            key = cal.period_containing("year", cal.bounds(last.granularity, last.key)[0]) - 1
        return self._period(granularity, key, anchor="previous_expression", direction="past",
                            direction_source="explicit_word", rule=f"year_before_previous_{last.granularity}",
                            anchor_value=last.value, comparison=True)
