"""Calendar arithmetic: the first and last day of a period, shifting periods, TIMEX3 value strings.

A period is (granularity, key) where key identifies it: a date for "day", (year, week) for "week",
(year, month) for "month", (year, quarter) for "quarter", (year, half) for "half", (year, season code)
for "season", year for "year", decade start year for "decade", century number for "century".
Pure functions; no clock.
"""
from __future__ import annotations

import calendar as _stdlib_calendar
from datetime import date, timedelta

SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
SEASON_ORDER = ["WI", "SP", "SU", "FA"]  # within a "season year" starting in December of the year before


def nearest_year(two_digits: int, around: int) -> int:
    """The year ending in these two digits nearest to `around` (15 → 2015 in 2014; 98 → 1998 in 2005)."""
    candidate = around - around % 100 + two_digits
    return min((candidate - 100, candidate, candidate + 100), key=lambda year: abs(year - around))


def month_end(year: int, month: int) -> date:
    return date(year, month, _stdlib_calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def add_years_to_day(day: date, n: int) -> date:
    try:
        return day.replace(year=day.year + n)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + n, day=28)


def week_of(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso[0], iso[1]


def week_start(year: int, week: int) -> date:
    return date.fromisocalendar(year, week, 1)


def season_of(day: date) -> tuple[int, str]:
    """The season holding a day, labelled as TIMEX3 does: winter by the year it starts in."""
    month = day.month
    if month == 12:
        return day.year, "WI"
    if month <= 2:
        return day.year - 1, "WI"
    return day.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(month, "FA")


def season_bounds(year: int, code: str) -> tuple[date, date]:
    start = date(year, SEASON_START_MONTH[code], 1)
    end_year, end_month = add_months(year, SEASON_START_MONTH[code], 2)
    return start, month_end(end_year, end_month)


def shift_season(year: int, code: str, n: int) -> tuple[int, str]:
    index = SEASON_ORDER.index(code) + n
    # WI of year Y comes first in the run WI(Y), SP(Y+1)...; index the run by the year of its December
    season_year = year if code == "WI" else year - 1
    season_year += index // 4
    new_code = SEASON_ORDER[index % 4]
    return (season_year if new_code == "WI" else season_year + 1), new_code


class BeforeTheCalendar(ValueError):
    """A period before year 1 (years BC are keyed astronomically: 490 BC is -489): no datetime.date."""


def year_text(year: int) -> str:
    """A year as TIMEX3 writes it: 1917 → "1917", -489 (490 BC) → "BC0490"."""
    return f"{year:04d}" if year >= 1 else f"BC{1 - year:04d}"


def bounds(granularity: str, key) -> tuple[date, date]:
    """First and last calendar day of a period (BeforeTheCalendar for a period BC)."""
    try:
        return _bounds(granularity, key)
    except ValueError as error:
        if granularity != "day" and (key if isinstance(key, int) else key[0]) < 1:
            raise BeforeTheCalendar(key) from error
        raise


def _bounds(granularity: str, key) -> tuple[date, date]:
    if granularity == "day":
        return key, key
    if granularity == "week":
        start = week_start(*key)
        return start, start + timedelta(days=6)
    if granularity == "weekend":
        start = week_start(*key) + timedelta(days=5)
        return start, start + timedelta(days=1)
    if granularity == "month":
        year, month = key
        return date(year, month, 1), month_end(year, month)
    if granularity == "quarter":
        year, quarter = key
        return date(year, 3 * quarter - 2, 1), month_end(year, 3 * quarter)
    if granularity == "half":
        year, half = key
        return date(year, 6 * half - 5, 1), month_end(year, 6 * half)
    if granularity == "season":
        return season_bounds(*key)
    if granularity == "year":
        return date(key, 1, 1), date(key, 12, 31)
    if granularity == "decade":
        return date(key, 1, 1), date(key + 9, 12, 31)
    if granularity == "century":
        return date(max(1, (key - 1) * 100 + 1), 1, 1), date(key * 100, 12, 31)
    raise ValueError(f"unknown granularity {granularity!r}")


def period_containing(granularity: str, day: date):
    """The key of the period of a granularity that holds a day."""
    if granularity == "day":
        return day
    if granularity in ("week", "weekend"):
        return week_of(day)
    if granularity == "month":
        return day.year, day.month
    if granularity == "quarter":
        return day.year, (day.month - 1) // 3 + 1
    if granularity == "half":
        return day.year, (day.month - 1) // 6 + 1
    if granularity == "season":
        return season_of(day)
    if granularity == "year":
        return day.year
    if granularity == "decade":
        return day.year - day.year % 10
    if granularity == "century":
        return (day.year - 1) // 100 + 1
    raise ValueError(f"unknown granularity {granularity!r}")


def shift(granularity: str, key, n: int):
    """The period n steps after (or before, n < 0) a period of the same granularity."""
    if n == 0:
        return key
    if granularity == "day":
        return key + timedelta(days=n)
    if granularity in ("week", "weekend"):
        return week_of(week_start(*key) + timedelta(weeks=n))
    if granularity == "month":
        return add_months(key[0], key[1], n)
    if granularity == "quarter":
        index = key[0] * 4 + key[1] - 1 + n
        return index // 4, index % 4 + 1
    if granularity == "half":
        index = key[0] * 2 + key[1] - 1 + n
        return index // 2, index % 2 + 1
    if granularity == "season":
        return shift_season(key[0], key[1], n)
    if granularity == "year":
        return key + n
    if granularity == "decade":
        return key + 10 * n
    if granularity == "century":
        return key + n
    raise ValueError(f"unknown granularity {granularity!r}")


def timex_value(granularity: str, key) -> str:
    """The TIMEX3 value of a period."""
    if granularity == "day":
        return key.isoformat()
    if granularity == "week":
        return f"{key[0]:04d}-W{key[1]:02d}"
    if granularity == "weekend":
        return f"{key[0]:04d}-W{key[1]:02d}-WE"
    if granularity == "month":
        return f"{year_text(key[0])}-{key[1]:02d}"
    if granularity == "quarter":
        return f"{year_text(key[0])}-Q{key[1]}"
    if granularity == "half":
        return f"{year_text(key[0])}-H{key[1]}"
    if granularity == "season":
        return f"{year_text(key[0])}-{key[1]}"
    if granularity == "year":
        return year_text(key)
    if granularity == "decade":
        return f"{key // 10:03d}"
    if granularity == "century":
        return f"{key - 1:02d}"
    raise ValueError(f"unknown granularity {granularity!r}")


def easter_sunday(year: int) -> date:
    """Western Easter (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth (1-based; -1 for the last) ISO weekday of a month."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = month_end(year, month)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7 + 7 * (-nth - 1))


def holiday_date(rule: dict, year: int) -> date:
    """A holiday's date in a year, from its rule in the vocabulary."""
    if "easter" in rule:
        return easter_sunday(year) + timedelta(days=rule["easter"])
    if "day" in rule:
        return date(year, rule["month"], rule["day"])
    if rule.get("after_first_monday"):  # US Election Day: the Tuesday after the first Monday
        return nth_weekday(year, rule["month"], 1, 1) + timedelta(days=1)
    return nth_weekday(year, rule["month"], rule["weekday"], rule["nth"])
