"""A weekday written beside the dates it names: "March 3 (Friday)", "14th December Friday",
"May 5 - 6 (Tues-Wed)". Such a weekday is that date's, not the one the publication date and the tense
would give; it is looked up among the days named just before it.

A run of named days is the days the text has just named with nothing between them but figures and
punctuation that does not end a sentence ("May 2 - 3, 9 - 10 (Sat-Sun)"): a word, a sentence's end or a
line break ends the run.
"""
from __future__ import annotations

import re
from datetime import date

# What may stand between two days of one run, or between the run and its weekday: figures, spaces,
# commas, dashes, slashes, brackets; no letter, no full stop, no line break. Bounded, so that the
# check reads a few characters whatever the text.
_BETWEEN_DAYS = re.compile(r"[ \t\d,\-–—/()\[\]&]{0,40}")


class NamedDays:
    """The run of days the text has just named, in the order they were named."""

    def __init__(self, text: str):
        self.text = text
        self.days: list[date] = []
        self.end = -1  # where the run's last mention ended

    def _continues(self, start: int) -> bool:
        return self.end >= 0 and _BETWEEN_DAYS.fullmatch(self.text, self.end, start) is not None

    def day_of_weekday(self, weekday: int, start: int) -> date | None:
        """The nearest day of the run that falls on `weekday` (1 = Monday), when a weekday starting at
        `start` follows the run; None otherwise."""
        if not self._continues(start):
            return None
        return next((day for day in reversed(self.days) if day.isoweekday() == weekday), None)

    def named(self, day: date, start: int, end: int) -> None:
        """A day named between `start` and `end`: it continues the run or starts a new one."""
        if not self._continues(start):
            self.days = []
        self.days.append(day)
        self.end = end

    @staticmethod
    def anchoring(day: date, published: date) -> dict:
        """How a weekday given the day of the date beside it is resolved: the date is the word that says so."""
        where = "past" if day < published else "same" if day == published else "future"
        return {"anchor": "previous_expression", "direction": where, "direction_source": "explicit_word",
                "rule": "weekday_of_the_date", "anchor_value": day.isoformat()}
