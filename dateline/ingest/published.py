"""Publication dates: any common written form -> (UTC instant, the publisher's calendar date).

The publisher's local date is what relative expressions ("said Tuesday") resolve against, so it is kept
as written: "June 17, 2025 11:40 PM EDT" is local date 2025-06-17 although the UTC instant is
2025-06-18 03:40.

Rules:
- A zone in the string (offset such as "+0000"/"-05:00"/"Z", or an abbreviation such as "EDT") gives the
  local date in that zone; abbreviations follow dateparser's table (EDT = -04:00, EST = -05:00, ...).
- No zone: the date as written is the local date and the instant is taken as UTC.
- Day, month and year must all be written; relative words ("today", "yesterday", "3 days ago") and bare
  times are refused, so nothing ever falls back to the clock of the machine running the pipeline.
- Only English month and weekday names are understood; numeric forms like 10/09/2024 read month first.
- Years outside 1800..2200 are refused as implausible for news (and would overflow UTC conversion).
- datetime/date objects are accepted too (naive datetime = UTC, date = midnight UTC); any other type
  (a number, a list) is refused: an epoch number in a "published" field is too ambiguous to guess.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime

import dateparser
from dateparser.timezones import timezone_info_list

# Without RETURN_AS_TIMEZONE_AWARE dateparser keeps "default" behaviour: aware exactly when the string
# names a zone, naive otherwise. Setting it True would stamp the machine's zone onto zone-less strings,
# setting it False would convert away the publisher's zone; both lose the local date.
_DATEPARSER_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    # Absolute forms only: the "relative-time" parser is what turns "now"/"yesterday" into the clock,
    # "timestamp" and "no-spaces-time" would read bare digit runs as dates.
    "PARSERS": ["custom-formats", "absolute-time"],
}
_LANGUAGES = ["en"]

# The forms feeds and sidecars nearly always use, read by the standard library first because
# dateparser takes about 3 ms a string (the standard library a few µs). Only exact, complete forms are taken this way; every
# other string, and any of these the standard library refuses (say, 2025-02-30), goes to dateparser,
# so the result is the same either way (benchmarks/check_published.py compares them).
_ISO_8601 = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?)?")
_RFC_2822 = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|GMT|UT)"
)
# dateparser reads a numeric offset only where a real zone uses it (+05:30 yes, +07:30 no); the fast
# path takes the same ones, from dateparser's own table, and leaves any other to it.
_NUMERIC_OFFSETS = frozenset(
    timedelta(seconds=seconds)
    for table in timezone_info_list
    for name, seconds in table["timezones"]
    if name.startswith("UTC")
)
# The long English form of US news sites: "June 17, 2025 12:40 PM EDT", time and zone optional. The
# zone abbreviation is taken only where dateparser's table gives it one offset.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_LONG_ENGLISH = re.compile(
    rf"({'|'.join(_MONTHS)}) (\d{{1,2}}), (\d{{4}})(?: (\d{{1,2}}):(\d{{2}}) ([AP]M)(?: ([A-Z]{{2,5}}))?)?"
)
_OFFSETS_BY_ABBREVIATION: dict[str, set[int]] = {}
for _table in timezone_info_list:
    for _name, _seconds in _table["timezones"]:
        _OFFSETS_BY_ABBREVIATION.setdefault(_name, set()).add(_seconds)
_ZONE_ABBREVIATIONS = {
    name: timezone(timedelta(seconds=next(iter(offsets))))
    for name, offsets in _OFFSETS_BY_ABBREVIATION.items()
    if len(offsets) == 1 and name.isalpha()
}
_EARLIEST_YEAR = 1800
_LATEST_YEAR = 2200


def parse_published(value: object) -> tuple[datetime, date]:
    """(instant in UTC, publisher-local date) for a publication date, or ValueError saying why not."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time())
    elif isinstance(value, str):
        parsed = _parse_text(value)
    else:
        raise ValueError(f"expected a date written as text, got {type(value).__name__} {value!r}")
    if not _EARLIEST_YEAR <= parsed.year <= _LATEST_YEAR:
        raise ValueError(
            f"implausible publication year {parsed.year} in {value!r} "
            f"(accepted: {_EARLIEST_YEAR}..{_LATEST_YEAR})"
        )
    local_date = parsed.date()
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        return parsed.replace(tzinfo=timezone.utc), local_date
    return parsed.astimezone(timezone.utc), local_date


def _parse_text(value: str) -> datetime:
    text = value.strip()
    if not text:
        raise ValueError("publication date is empty")
    parsed = _parse_standard_form(text)
    if parsed is not None:
        return parsed
    parsed = dateparser.parse(text, languages=_LANGUAGES, settings=_DATEPARSER_SETTINGS)
    if parsed is None:
        raise ValueError(f"could not read a full calendar date (day, month and year) from {value!r}")
    return parsed


def _parse_standard_form(text: str) -> datetime | None:
    """ISO 8601, RFC 2822 or the long English form read by the standard library, or None to leave the
    string to dateparser."""
    try:
        if _ISO_8601.fullmatch(text):
            parsed = datetime.fromisoformat(text)
        elif _RFC_2822.fullmatch(text):
            parsed = parsedate_to_datetime(text)
        elif long_english := _LONG_ENGLISH.fullmatch(text):
            parsed = _long_english(long_english)
            if parsed is None:
                return None
        else:
            return None
    except ValueError:
        return None
    offset = parsed.utcoffset()
    return parsed if offset is None or offset in _NUMERIC_OFFSETS else None


def _long_english(match: re.Match) -> datetime | None:
    month, day, year, hour, minute, half, zone = match.groups()
    moment = datetime(int(year), _MONTHS.index(month) + 1, int(day))
    if hour is None:
        return moment
    if not 1 <= int(hour) <= 12 or (zone and zone not in _ZONE_ABBREVIATIONS):
        return None  # "13:00 PM", or a zone the table does not settle: dateparser decides
    hour_of_day = int(hour) % 12 + (12 if half == "PM" else 0)
    moment = moment.replace(hour=hour_of_day, minute=int(minute))
    return moment.replace(tzinfo=_ZONE_ABBREVIATIONS[zone]) if zone else moment
