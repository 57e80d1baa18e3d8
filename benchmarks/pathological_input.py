"""Tagging time of regex-pathological text, at growing sizes: is it linear, and what does a megabyte cost?

    .venv/bin/python benchmarks/pathological_input.py [--sizes 0.25,0.5,1] [--events]

For each kind of hostile text (built here, deterministically) and each size in MB, prints the seconds
that dateline.tagger.tag takes (and, with --events, tag + event extraction, as the pipeline runs them),
the seconds per MB, and the ratio of the largest size's per-MB time to the smallest's: close to 1
means linear. The target is at most 2 s per MB for what the pipeline tags; the last column says whether
ingest refuses the text first (implausible_text: far denser in date words than prose). A report, not a
test: no threshold is enforced.
"""
from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable
from datetime import date

from dateline.events import extract_events
from dateline.ingest.limits import MAX_DATE_WORDS_PER_1000_CHARS
from dateline.tagger import tag
from dateline.text_shape import date_word_density

PUBLISHED = date(2025, 6, 17)


def repeat_to(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


# name -> a function of the size in characters giving the text
PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "digits": lambda n: repeat_to("1234567890", n),
    "weekday_run": lambda n: repeat_to("Tuesday ", n),
    "and_run": lambda n: repeat_to("and ", n),
    "numbers_and_dashes": lambda n: repeat_to("12-34--5678-90-", n),
    "years_and_dashes": lambda n: repeat_to("1999-2000-2001 - ", n),
    "month_day_run": lambda n: repeat_to("June 4 June 5 ", n),
    "one_sentence_no_punctuation": lambda n: repeat_to("the council said the talks would resume last week and then ", n),
    "spaces": lambda n: repeat_to(" ", n - 1) + "x",
    "newlines": lambda n: repeat_to("\n", n - 1) + "x",
    "relative_run": lambda n: repeat_to("two weeks ago three days later ", n),
}


def run(text: str, with_events: bool) -> float:
    started = time.perf_counter()
    expressions = tag(text, PUBLISHED)
    if with_events:
        extract_events(text, expressions)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.25,0.5,1", help="sizes in MB, comma-separated")
    parser.add_argument("--events", action="store_true", help="also extract events, as the pipeline does")
    parser.add_argument("--only", default="", help="comma-separated kinds to run (default: all)")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    kinds = [k for k in PATHOLOGICAL if not args.only or k in args.only.split(",")]
    run("Warm up on Tuesday, June 4, two weeks ago.", args.events)
    print(f"machine: {platform.machine()} python {platform.python_version()}; step: tag{' + events' if args.events else ''}")
    print(f"{'kind':30} " + " ".join(f"{s:>7.2f}MB" for s in sizes) + "   s/MB(max)  growth  ingest")
    for kind in kinds:
        # What the pipeline does with it: tag it, or refuse it before tagging (implausible_text).
        sample = PATHOLOGICAL[kind](int(sizes[-1] * 1_000_000))
        verdict = "refused" if date_word_density(sample) > MAX_DATE_WORDS_PER_1000_CHARS else "tagged"
        per_mb = []
        cells = []
        for size in sizes:
            seconds = run(PATHOLOGICAL[kind](int(size * 1_000_000)), args.events)
            per_mb.append(seconds / size)
            cells.append(f"{seconds:>8.2f}s")
        growth = per_mb[-1] / per_mb[0] if per_mb[0] else float("nan")
        print(f"{kind:30} " + " ".join(cells) + f"   {max(per_mb):>8.2f}  {growth:>6.2f}  {verdict}", flush=True)


if __name__ == "__main__":
    main()
