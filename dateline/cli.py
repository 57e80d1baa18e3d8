"""The domain's command-line commands: `tag`, `timeml`, `eval`, `audit` and `show`. No Dagster here.

`add_domain_commands` registers them on any argparse subparsers object (the `dateline` console
script adds `run` beside them); `main` is a parser with only these commands.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from datetime import date
from pathlib import Path

from dateline.audit.commands import add_audit_command
from dateline.console import add_verbosity_options_everywhere, configure_logging, run_command
from dateline.evaluate import SHARED_ENV_VAR
from dateline.show import add_schema_command, add_show_command
from dateline.store.layout import PROJECT_ROOT

# What a command does (tagging, scoring, error listings) is imported when it runs: every command, `dateline
# run` included, builds the whole parser first, and importing it all costs about half a second.


def add_domain_commands(subparsers: argparse._SubParsersAction) -> None:
    tag_parser = subparsers.add_parser(
        "tag", help="find and resolve temporal expressions in a text; one JSON line per expression")
    tag_parser.add_argument("--published", required=True,
                            help="the publication date the text's relative dates resolve against (YYYY-MM-DD)")
    tag_parser.add_argument("file", nargs="?", default="-", help="a UTF-8 text file, or - for standard input")
    tag_parser.set_defaults(handler=run_tag)

    timeml_parser = subparsers.add_parser(
        "timeml", help="annotate every *.tml file of a folder with TIMEX3, EVENT and TLINK tags")
    timeml_parser.add_argument("input_dir", type=Path)
    timeml_parser.add_argument("output_dir", type=Path, help="created if missing; files of the same name are replaced")
    timeml_parser.set_defaults(handler=run_timeml)

    eval_parser = subparsers.add_parser(
        "eval", help="score the tagger and event dating on the seed and every dev corpus of the shared folder")
    eval_parser.add_argument("--shared", type=Path, default=None,
                             help=f"the shared folder (default: ${SHARED_ENV_VAR}, else 'shared' beside the project)")
    eval_parser.add_argument("--json", action="store_true", help="print the rows as JSON instead of a table")
    eval_parser.add_argument("--errors", nargs="*", metavar="CORPUS", default=None,
                             help="list every TIMEX3 error grouped by cause (all corpora, or those named)")
    eval_parser.add_argument("--event-span-errors", nargs="*", metavar="CORPUS", default=None,
                             help="list every written EVENT that overlaps no gold EVENT, grouped by trigger kind "
                                  "and link rule")
    eval_parser.add_argument("--anchor-errors", nargs="*", metavar="CORPUS", default=None,
                             help="list every gold event anchor not dated right, grouped by cause")
    eval_parser.add_argument("--entities", nargs="?", type=Path, metavar="GOLD_DIR", default=None,
                             const=PROJECT_ROOT / "tests" / "entity_gold",
                             help="score entity linking and entity timelines against a gold folder "
                                  "(default: tests/entity_gold; documents are read from the shared corpora)")
    eval_parser.add_argument("--participants", nargs="?", type=Path, metavar="GOLD_DIR", default=None,
                             const=PROJECT_ROOT / "tests" / "participant_gold",
                             help="score the rows' participants (who) against hand-written gold (default: "
                                  "tests/participant_gold) and list the failures")
    eval_parser.add_argument("--shown", action="store_true",
                             help="with --entities --errors: the errors of the default view (high and medium "
                                  "rows), whose F1 is the gate; a right row rated low is missed as rated_low")
    eval_parser.add_argument("--examples", type=int, default=None,
                             help="contexts shown per error group (with --errors, --anchor-errors or "
                                  "--event-span-errors: default 3; with --entities --errors: default all)")
    eval_parser.set_defaults(handler=run_eval)

    add_audit_command(subparsers)
    add_show_command(subparsers)
    add_schema_command(subparsers)


def version_text() -> str:
    """`dateline --version`: the installed package's version, and the Python running it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        installed = version("dateline")
    except PackageNotFoundError:  # run from a checkout that was never installed
        installed = "unknown (not installed)"
    return f"dateline {installed} (Python {sys.version.split()[0]})"


def add_version_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=version_text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dateline", description=__doc__.splitlines()[0])
    add_version_option(parser)
    add_domain_commands(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    add_verbosity_options_everywhere(parser)
    args = parser.parse_args(argv)
    configure_logging(args.verbosity)
    return run_command(args.handler, args)


# --- tag ---------------------------------------------------------------------------------------

def run_tag(args: argparse.Namespace) -> int:
    try:
        published = date.fromisoformat(args.published)
    except ValueError:
        print(f"dateline tag: --published must be a date as YYYY-MM-DD, got {args.published!r}", file=sys.stderr)
        return 2
    if args.file == "-" and sys.stdin.isatty():
        # Without a file the text comes from standard input: say so, rather than wait in silence.
        print("dateline tag: reading the text from standard input; end it with Ctrl-D "
              "(or pass a file: dateline tag --published DATE FILE)", file=sys.stderr)
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"dateline tag: cannot read {args.file}: {error}", file=sys.stderr)
        return 2
    from dateline.tagger import tag

    for expression in tag(text, published):
        print(json.dumps(_jsonable(dataclasses.asdict(expression)), ensure_ascii=False))
    return 0


def _jsonable(record: dict) -> dict:
    return {key: value.isoformat() if isinstance(value, date) else value for key, value in record.items()}


# --- timeml ------------------------------------------------------------------------------------

def run_timeml(args: argparse.Namespace) -> int:
    if not args.input_dir.is_dir():
        print(f"dateline timeml: {args.input_dir} is not a folder", file=sys.stderr)
        return 2
    sources = sorted(args.input_dir.glob("*.tml"))
    if not sources:
        print(f"dateline timeml: no *.tml files in {args.input_dir}", file=sys.stderr)
        return 2
    try:
        args.output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"dateline timeml: cannot create the output folder {args.output_dir}: {error.strerror or error}",
              file=sys.stderr)
        return 2
    from dateline.timeml import convert_folder

    failed = convert_folder(sources, args.output_dir)
    print(f"dateline timeml: wrote {len(sources) - failed} of {len(sources)} files to {args.output_dir}",
          file=sys.stderr)
    return 1 if failed else 0


# --- eval --------------------------------------------------------------------------------------

def run_eval(args: argparse.Namespace) -> int:
    from dateline.evaluate import evaluate, evaluation_targets, format_table, shared_folder

    shared = shared_folder(args.shared)
    if args.entities is not None:
        if args.errors is not None:
            return _print_entity_errors(args.entities, shared, args.examples, args.shown)
        return _print_entity_scores(args.entities, shared / "corpora", args.json)
    if args.participants is not None:
        return _print_participant_scores(args.participants, shared, args.json)
    scorers = shared / "eval"
    if not (scorers / "timex_score.py").is_file() or not (scorers / "anchor_score.py").is_file():
        print(f"dateline eval: no scorers in {scorers}; pass --shared PATH or set {SHARED_ENV_VAR}",
              file=sys.stderr)
        return 2
    targets = evaluation_targets(shared)
    if not targets:
        print(f"dateline eval: no seed or corpora with input/ and gold/ under {shared}", file=sys.stderr)
        return 2
    examples = 3 if args.examples is None else args.examples
    if args.errors is not None:
        return _print_errors(targets, scorers, set(args.errors), examples)
    if args.anchor_errors is not None:
        return _print_errors(targets, scorers, set(args.anchor_errors), examples, anchors=True)
    if args.event_span_errors is not None:
        return _print_errors(targets, scorers, set(args.event_span_errors), examples, spans=True)
    rows, status = [], 0
    for name, input_dir, gold_dir in targets:
        try:
            rows.append(evaluate(name, input_dir, gold_dir, scorers))
        except (RuntimeError, ValueError) as error:
            print(f"dateline eval: {name}: {error}", file=sys.stderr)
            status = 1
    print(json.dumps(rows, indent=2) if args.json else format_table(rows))
    return status


def gold_errors() -> tuple[type[BaseException], ...]:
    """What a hand-written gold folder can get wrong: unreadable files, broken YAML, missing or mistyped fields."""
    import yaml

    return OSError, ValueError, KeyError, TypeError, AttributeError, yaml.YAMLError


def _first_line(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return f"{type(error).__name__}: {text}" if isinstance(error, (KeyError, TypeError, AttributeError)) else text


def _print_entity_scores(gold_dir: Path, corpora_dir: Path, as_json: bool) -> int:
    if not (gold_dir / "documents").is_dir():
        print(f"dateline eval: no entity gold in {gold_dir} (documents/ missing)", file=sys.stderr)
        return 2
    from dateline.entities.scoring import format_scores, score_entities

    try:
        scores = score_entities(gold_dir, corpora_dir)
    except gold_errors() as error:
        print(f"dateline eval: entity gold in {gold_dir}: {_first_line(error)}", file=sys.stderr)
        return 1
    print(json.dumps(scores.as_dict(), indent=2) if as_json else format_scores(scores))
    return 0


def _print_participant_scores(gold_dir: Path, shared: Path, as_json: bool) -> int:
    from dateline.audit.participant_gold import format_participant_scores, read_gold, rows_by_key, score_participants

    try:
        gold = read_gold(gold_dir) if gold_dir.is_dir() else []
    except gold_errors() as error:
        print(f"dateline eval: participant gold in {gold_dir}: {_first_line(error)}", file=sys.stderr)
        return 1
    if not gold:
        print(f"dateline eval: no participant gold (*.yaml) in {gold_dir}", file=sys.stderr)
        return 2
    rows = rows_by_key(shared, {entry.document for entry in gold})
    scores = score_participants(gold, rows)
    print(json.dumps({**scores.as_dict(), "failures": scores.failures}, indent=2) if as_json
          else format_participant_scores(scores))
    return 0


def _print_entity_errors(gold_dir: Path, shared: Path, examples: int | None, shown_only: bool = False) -> int:
    """The entity timeline's missed gold events and unmatched rows, with totals per cause."""
    if not (gold_dir / "documents").is_dir():
        print(f"dateline eval: no entity gold in {gold_dir} (documents/ missing)", file=sys.stderr)
        return 2
    from dateline.entities.timeline_errors import format_timeline_errors, timeline_errors

    scorers = shared / "eval"
    try:
        errors = timeline_errors(gold_dir, shared / "corpora",
                                 scorers if (scorers / "event_spans.py").is_file() else None, shown_only=shown_only)
    except gold_errors() as error:
        print(f"dateline eval: entity gold in {gold_dir}: {_first_line(error)}", file=sys.stderr)
        return 1
    print(format_timeline_errors(errors, examples))
    return 0


def _print_errors(targets, scorers: Path, wanted: set[str], examples: int, anchors: bool = False,
                  spans: bool = False) -> int:
    from dateline.anchor_errors import corpus_anchor_errors, format_anchor_errors
    from dateline.error_analysis import corpus_errors, format_errors
    from dateline.event_span_errors import corpus_span_errors, format_span_errors

    known = {name for name, _, _ in targets}
    unknown = wanted - known
    if unknown:
        print(f"dateline eval: no corpus named {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}",
              file=sys.stderr)
        return 2
    for name, input_dir, gold_dir in targets:
        if not (not wanted or name in wanted):
            continue
        if anchors:
            print(format_anchor_errors(name, *corpus_anchor_errors(scorers, input_dir, gold_dir), examples))
        elif spans:
            print(format_span_errors(name, *corpus_span_errors(scorers, input_dir, gold_dir), examples))
        else:
            print(format_errors(name, corpus_errors(scorers, input_dir, gold_dir), examples))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
