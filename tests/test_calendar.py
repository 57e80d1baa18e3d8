"""Calendar arithmetic that the resolver builds on: seasons across New Year, ISO weeks, holidays."""
from datetime import date

from dateline import calendar as cal


def test_winter_is_labelled_by_the_year_it_starts_and_spans_new_year():
    assert cal.season_of(date(2025, 1, 15)) == (2024, "WI")
    assert cal.bounds("season", (2024, "WI")) == (date(2024, 12, 1), date(2025, 2, 28))
    assert cal.shift("season", (2025, "SP"), -1) == (2024, "WI")
    assert cal.shift("season", (2024, "WI"), 1) == (2025, "SP")
    assert cal.shift("season", (2024, "FA"), 1) == (2024, "WI")


def test_iso_weeks_cross_year_ends():
    assert cal.period_containing("week", date(2021, 1, 3)) == (2020, 53)
    assert cal.shift("week", (2020, 53), 1) == (2021, 1)
    assert cal.timex_value("weekend", (2025, 25)) == "2025-W25-WE"


def test_quarters_halves_decades_centuries():
    assert cal.shift("quarter", (2025, 1), -1) == (2024, 4)
    assert cal.bounds("half", (2025, 2)) == (date(2025, 7, 1), date(2025, 12, 31))
    assert cal.timex_value("decade", 1990) == "199"
    assert cal.bounds("century", 20) == (date(1901, 1, 1), date(2000, 12, 31))


def test_holidays_from_their_rules():
    assert cal.easter_sunday(2000) == date(2000, 4, 23)
    assert cal.easter_sunday(2025) == date(2025, 4, 20)
    assert cal.holiday_date({"month": 11, "weekday": 4, "nth": 4}, 1999) == date(1999, 11, 25)  # Thanksgiving
    assert cal.holiday_date({"month": 5, "weekday": 1, "nth": -1}, 2025) == date(2025, 5, 26)  # Memorial Day
    assert cal.holiday_date({"month": 11, "weekday": 2, "after_first_monday": True}, 2000) == date(2000, 11, 7)
