"""Resolving years, decades and centuries ("1917", "the 1990s", "the 4th century BC", "490 BC", the ends
of "1915-17", "the Club of '89", "the end of the year"): the Resolver's methods for them, kept apart
from resolve.py. A year BC is keyed as an astronomical year (490 BC is -489) and written BC0490.
"""
from __future__ import annotations

import re
from datetime import date

from . import narrative as story
from .lexicon import lexicon, normal
from .model import Mention
from .resolution import CENTURY_ORDINALS, Resolution, part_of_period_mod, spelled_year


class YearResolvers:
    """Mixin of Resolver (dateline.resolve): years, decades, centuries."""

    def year(self, m: Mention) -> Resolution | None:
        if "spelled" in m.fields:
            year = spelled_year(m.fields["spelled"])
            return None if year is None else self._period("year", year, rule="spelled_year")
        if "bound" in m.fields:  # "post-1959": after that year
            mod = "AFTER" if normal(m.fields["bound"]) == "post" else "BEFORE"
            return self._period("year", int(m.fields["y"]), rule=f"{normal(m.fields['bound'])}_year", mod=mod)
        if "yy" in m.fields:  # "1915-17": the end of a range in the century of its start
            start = int(m.fields["y1"])
            year = start - start % 100 + int(m.fields["yy"])
            return self._period("year", year if year >= start else year + 100, rule="range_end_year")
        if "yy2" in m.fields:  # "the Club of '89": the latest such year not after the story's (or the next year)
            anchor = self._story(m)
            latest = story.year_of(anchor.granularity, anchor.key) if anchor is not None else self.published.year + 1
            year = latest - (latest - int(m.fields["yy2"])) % 100
            return self._period("year", year, anchor="previous_expression" if anchor is not None else "publication_date",
                                direction="past", direction_source="default", rule="short_year",
                                anchor_value=anchor.value if anchor is not None else self.published.isoformat())
        if "bc" in m.fields:  # "490 BC": astronomical year -489, written BC0490
            return self._period("year", 1 - int(m.fields["y"]), rule="year_bc")
        return self._period("year", int(m.fields["y"]), rule="absolute_year", mod=part_of_period_mod(m.fields))

    def the_year(self, m: Mention) -> Resolution:
        """"the year", "the full year", "the fiscal year": the publication year; "the year ended ..." is a
        span of a year, not a date."""
        f = m.fields
        if re.match(r"\s+(?:ended|ending)\b", self.text[m.end:m.end + 12]):
            return Resolution(type="DURATION", value="P1Y", rule="the_year_ended")
        which = normal(f.get("which", ""))
        anchor = self._story(m)
        if anchor is not None and not which:  # "by the end of the year" in a narrative: the story's year
            return self._in_story("year", story.year_of(anchor.granularity, anchor.key), "the_year_in_story", mod=part_of_period_mod(f))
        year = self.published.year - (1 if which == "latest fiscal" else 0)
        return self._period("year", year, anchor="publication_date", direction_source="default",
                            rule=f"the_{which.replace(' ', '_') + '_' if which else ''}year",
                            anchor_value=self.published.isoformat(), mod=part_of_period_mod(f))

    def year_end(self, m: Mention) -> Resolution:
        return self._period("year", self.published.year, anchor="publication_date", direction_source="default",
                            rule="year_end", anchor_value=self.published.isoformat(),
                            mod="APPROX" if m.fields.get("mod") else "END")

    def decade(self, m: Mention) -> Resolution:
        f = m.fields
        if "tens" in f:  # "the nineties": the latest such decade not after the publication year
            tens = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                    "seventies": 70, "eighties": 80, "nineties": 90}[normal(f["tens"])]
            return self._period("decade", self._latest_decade(tens), anchor="publication_date",
                                rule="decade_in_words", anchor_value=self.published.isoformat(), mod=part_of_period_mod(f))
        if "decade" in f and int(f["decade"]) % 100 == 0 and int(f["decade"]) < 2000:
            # "the 1800s", "the mid-1900s": the hundred years (the 19th, the 20th century); "the 2000s" is a decade
            hundreds = int(f["decade"])
            return self._period("century", hundreds // 100 + 1, rule="hundreds_century", mod=part_of_period_mod(f),
                                interval=(date(max(1, hundreds), 1, 1), date(hundreds + 99, 12, 31)))
        if "decade" in f:
            return self._period("decade", int(f["decade"]), rule="absolute_decade", mod=part_of_period_mod(f))
        return self._period("decade", self._latest_decade(int(f["short"])), anchor="publication_date",
                            rule="short_decade", anchor_value=self.published.isoformat(), mod=part_of_period_mod(f))

    def _latest_decade(self, tens: int) -> int:
        """"the '90s", "the nineties": the latest decade with those tens not after the publication year."""
        century = self.published.year - self.published.year % 100
        return century + tens if century + tens <= self.published.year else century - 100 + tens

    def century(self, m: Mention) -> Resolution:
        word = normal(m.fields["ord"])
        number = lexicon().ordinals.get(word) or CENTURY_ORDINALS.get(" ".join(word.replace("-", " ").split())) \
            or int("".join(ch for ch in word if ch.isdigit()))
        if "bc" in m.fields:  # "the 4th century BC" (400-301 BC): written BC03
            return Resolution(type="DATE", value=f"BC{number - 1:02d}", rule="century_bc")
        return self._period("century", number, rule="absolute_century", mod=part_of_period_mod(m.fields))
