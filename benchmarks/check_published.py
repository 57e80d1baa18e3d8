"""Does the standard-library fast path read publication dates exactly as dateparser does?

    .venv/bin/python -m benchmarks.check_published [--count N]

Writes N random dates in every ISO 8601, RFC 2822 and long English variant the fast path takes (and some it must
refuse, such as 2025-02-30 or hour 24), parses each through parse_published and through dateparser
alone, and prints every string where the two differ; exits 1 if any does.
"""
from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

from dateline.ingest import published


def dateparser_only(text: str) -> tuple[datetime, object] | str:
    """parse_published's answer with the fast path switched off, or the error's class."""
    original = published._parse_standard_form
    published._parse_standard_form = lambda _text: None
    try:
        return published.parse_published(text)
    except ValueError as error:
        return type(error).__name__
    finally:
        published._parse_standard_form = original


def with_fast_path(text: str) -> tuple[datetime, object] | str:
    try:
        return published.parse_published(text)
    except ValueError as error:
        return type(error).__name__


def samples(count: int, draw: random.Random) -> list[str]:
    written = []
    for _ in range(count):
        offset = timedelta(minutes=15 * draw.randint(-48, 56))
        moment = datetime(draw.randint(1790, 2210), draw.randint(1, 12), draw.randint(1, 28), draw.randint(0, 23),
                          draw.randint(0, 59), draw.randint(0, 59), draw.choice([0, 0, 123456]), timezone(offset))
        written += [
            moment.isoformat(),
            moment.replace(tzinfo=None).isoformat(),
            moment.isoformat(sep=" ", timespec="minutes"),
            moment.date().isoformat(),
            moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z"),
            format_datetime(moment.replace(microsecond=0)),
            format_datetime(moment.replace(microsecond=0)).split(", ", 1)[1],
            format_datetime(moment.astimezone(timezone.utc).replace(microsecond=0), usegmt=True),
            f"{moment.year:04d}-02-{draw.randint(29, 31)}",
            f"{moment.date().isoformat()}T24:00:00",
            moment.strftime("%B %d, %Y"),
            moment.strftime("%B %d, %Y %I:%M %p ") + draw.choice(["EDT", "EST", "PDT", "UTC", "GMT", "CEST", "IST", "XYZ"]),
            moment.strftime("%B %d, %Y %I:%M %p"),
            moment.strftime(f"%B {moment.day}, %Y {draw.randint(0, 13)}:%M %p"),
            f"February {draw.randint(29, 31)}, {moment.year:04d}",
        ]
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    args = parser.parse_args()
    texts = samples(args.count, random.Random(7))
    differences = [(t, with_fast_path(t), dateparser_only(t)) for t in texts]
    differences = [d for d in differences if d[1] != d[2]]
    for text, fast, slow in differences:
        print(f"{text!r}: fast path {fast}, dateparser {slow}")
    print(f"{len(texts)} strings, {len(differences)} differences")
    raise SystemExit(1 if differences else 0)


if __name__ == "__main__":
    main()
