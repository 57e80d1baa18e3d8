"""`dateline show`: the timeline in the terminal, filtered as dateline.read_timeline filters it.

    dateline show --who "Acme" --between 2025-01-01 2025-06-30
    dateline show --where Pyongyang --min-confidence low --json

Each row: its interval, what happened (trigger and who), the quote it was read from and the article it
links back to (url, else the raw file). --json prints one JSON object per row instead.
"""
from __future__ import annotations

import argparse
import json
import sys
import textwrap
from datetime import date

from dateline.confidence import LEVELS
from dateline.timeline_query import DEFAULT_CONFIDENCE, TimelineQueryError, read_timeline

_COLUMNS = ["earliest", "latest", "granularity", "trigger", "who", "agents", "where", "confidence", "link_rule", "time_text",
            "quote", "title", "url", "source_file", "article_id", "event_id"]
_QUOTE_WIDTH = 100


def add_show_command(subparsers: argparse._SubParsersAction) -> None:
    show = subparsers.add_parser(
        "show", help="print the timeline (or one entity's, place's or range's part of it) in date order")
    show.add_argument("path", nargs="?", default=None,
                      help="the data folder, its processed/ or the timeline folder (default: the project's data, "
                           "or $DATELINE_DATA)")
    show.add_argument("--between", nargs=2, metavar=("START", "END"),
                      help="rows that possibly fall in this range (YYYY-MM-DD; '-' leaves a bound open)")
    show.add_argument("--who", action="append", help="a participant's name, alias or entity id (repeatable)")
    show.add_argument("--as-agent", action="store_true",
                      help="with --who, only the rows where it did or said something (the agents column), "
                           "not those where it is the object or the victim")
    show.add_argument("--where", action="append", help="a place's name (repeatable)")
    show.add_argument("--min-confidence", choices=LEVELS, default=DEFAULT_CONFIDENCE,
                      help="the least confidence shown (default: medium, i.e. high and medium rows)")
    show.add_argument("--limit", type=row_count, default=None, help="print at most this many rows")
    show.add_argument("--json", action="store_true", help="one JSON object per row")
    show.set_defaults(handler=run_show)


def row_count(text: str) -> int:
    """A number of rows: 0 or more (argparse turns the ValueError into a one-line usage error)."""
    number = int(text)
    if number < 0:
        raise ValueError(text)
    return number


def run_show(args: argparse.Namespace) -> int:
    between = None if args.between is None else tuple(None if bound == "-" else bound for bound in args.between)
    try:
        frame = read_timeline(args.path, between=between, who=args.who, where=args.where, as_agent=args.as_agent,
                              min_confidence=args.min_confidence, columns=_COLUMNS)
    except (TimelineQueryError, OSError) as error:
        print(f"dateline show: {error}", file=sys.stderr)
        return 2
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")[:args.limit]  # NaN as None
    for row in rows:
        print(json.dumps(_jsonable(row), ensure_ascii=False) if args.json else format_row(row))
    if not args.json:
        print(f"{len(rows)} of {len(frame)} rows", file=sys.stderr)
    return 0


def format_row(row: dict) -> str:
    """Three or more lines: when and what, the quote, the article."""
    when = str(row["earliest"]) if row["earliest"] == row["latest"] else f"{row['earliest']}..{row['latest']}"
    who = _who(list(row["who"]), list(row.get("agents", None) if row.get("agents", None) is not None else []))
    where = f" in {', '.join(row['where'])}" if len(row["where"]) else ""
    head = f"{when} [{row['granularity']}, {row['confidence']}]  {row['trigger']}: {who}{where}"
    quote = textwrap.fill(" ".join(str(row["quote"] or "").split()), _QUOTE_WIDTH,
                          initial_indent="    \"", subsequent_indent="     ") + "\""
    source = row["url"] or row["source_file"]
    title = f"{row['title']} — " if row["title"] else ""
    return f"{head}\n{quote}\n    {title}{source}"


def _who(who: list[str], agents: list[str]) -> str:
    """The agents first, then the other participants: "Acme (with Widget Inc.)"; "(with X)" alone when
    the row names no agent ("Mr. Antar was charged": "(with Antar)")."""
    if not who:
        return "(nobody named)"
    others = [name for name in who if name not in agents]
    with_others = f"(with {', '.join(others)})" if others else ""
    return " ".join(part for part in (", ".join(agents), with_others) if part)


def _jsonable(row: dict) -> dict:
    return {key: (value.isoformat() if isinstance(value, date) else
                  list(value) if hasattr(value, "tolist") or isinstance(value, tuple) else value)
            for key, value in row.items()}


def add_schema_command(subparsers: argparse._SubParsersAction) -> None:
    schema = subparsers.add_parser(
        "schema", help="print the published datasets' schemas as JSON (files, columns, types, descriptions)")
    schema.add_argument("dataset", nargs="?", default=None, help="only this dataset (timeline, clusters, "
                        "entities, articles, quarantine)")
    schema.set_defaults(handler=run_schema)


def run_schema(args: argparse.Namespace) -> int:
    from dateline.store.dataset_schemas import dataset_schemas

    schemas = dataset_schemas()
    if args.dataset is not None:
        if args.dataset not in schemas:
            print(f"dateline schema: no dataset {args.dataset!r}; there are {', '.join(schemas)}", file=sys.stderr)
            return 2
        schemas = {args.dataset: schemas[args.dataset]}
    print(json.dumps(schemas, indent=2))
    return 0
