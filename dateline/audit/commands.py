"""`dateline audit sample`, `score` and `clusters`: the command-line side of the row audit."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dateline.confidence import SHOWN_BY_DEFAULT
from dateline.evaluate import SHARED_ENV_VAR, shared_folder

# The commands' own modules (which tag the dev documents) are imported when a command runs, not when the
# parser is built: every `dateline` command, `run` included, builds the whole parser.

JUDGING_GUIDE = [
    "Judge every entry (criteria: docs/audit.md):",
    "  real_event: yes/no; the trigger names something that happened, happens or is planned",
    "  date_right: yes/no (na when not a real event); earliest..latest holds the event's date, no wider than the text allows",
    "  participant_right: yes/no (na when the sentence names nobody for this event, or not a real event)",
    "  note: why, for every no",
    "Then: dateline audit score SHEET",
]


def add_audit_command(subparsers: argparse._SubParsersAction) -> None:
    audit = subparsers.add_parser("audit", help="sample timeline rows of the dev documents for judging by hand, "
                                                "and score a judged sample")
    actions = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")

    sample = actions.add_parser("sample", help="draw rows at random into a YAML review sheet")
    sample.add_argument("--rows", type=int, required=True, help="how many rows to draw")
    sample.add_argument("--seed", type=int, required=True, help="the random seed: the same seed draws the same rows")
    sample.add_argument("--out", type=Path, required=True, help="the review sheet to write (YAML)")
    sample.add_argument("--shown", action="store_true",
                        help="draw only from the rows the analyst's default view shows (confidence "
                             f"{' or '.join(SHOWN_BY_DEFAULT)})")
    sample.add_argument("--shared", type=Path, default=None,
                        help=f"the shared folder (default: ${SHARED_ENV_VAR}, else 'shared' beside the project)")
    sample.set_defaults(handler=run_sample)

    score = actions.add_parser("score", help="print the totals of a judged review sheet")
    score.add_argument("sheet", type=Path)
    score.add_argument("--partial", action="store_true", help="score the judged rows and leave out the others")
    score.set_defaults(handler=run_score)

    joined = actions.add_parser("clusters", help="how many clusters of the dev documents' rows join several "
                                                  "articles, with their members")
    joined.add_argument("--show", type=int, default=30, help="print the members of this many such clusters")
    joined.add_argument("--shared", type=Path, default=None,
                        help=f"the shared folder (default: ${SHARED_ENV_VAR}, else 'shared' beside the project)")
    joined.set_defaults(handler=run_clusters)


def run_sample(args: argparse.Namespace) -> int:
    from dateline.audit.dev_rows import DEV_CORPORA, dev_documents, dev_rows
    from dateline.audit.sheet import SheetError, sample_rows, sheet_entry, write_sheet
    from dateline.timeml import TimemlError

    shared = shared_folder(args.shared)
    try:
        rows = dev_rows(shared)
        if args.shown:
            rows = [row for row in rows if row.row.get("confidence") in SHOWN_BY_DEFAULT]
        if not rows:
            raise SheetError(f"no dev documents in {' or '.join(f'corpora/{c}/input' for c in DEV_CORPORA)} "
                             f"under {shared}; pass --shared PATH or set {SHARED_ENV_VAR}")
        sampled = sample_rows(rows, args.rows, args.seed)
    except (SheetError, TimemlError) as error:
        print(f"dateline audit sample: {error}", file=sys.stderr)
        return 2
    documents = len(dev_documents(shared))
    which = "rows shown by default" if args.shown else "timeline rows"
    header = [f"dateline audit sample --rows {args.rows} --seed {args.seed}" + (" --shown" if args.shown else ""),
              f"{len(sampled)} of the {len(rows)} {which} of {documents} dev documents "
              f"({', '.join(DEV_CORPORA)}); publication date = the document's DCT", "", *JUDGING_GUIDE]
    write_sheet(args.out, [sheet_entry(number, row) for number, row in enumerate(sampled, 1)], header)
    print(f"dateline audit sample: wrote {len(sampled)} of {len(rows)} rows to {args.out}", file=sys.stderr)
    return 0


def run_clusters(args: argparse.Namespace) -> int:
    from dateline.audit.clusters import cross_article_report
    from dateline.audit.dev_rows import dev_documents

    shared = shared_folder(args.shared)
    if not dev_documents(shared):
        print(f"dateline audit clusters: no dev documents under {shared}; pass --shared PATH or set {SHARED_ENV_VAR}",
              file=sys.stderr)
        return 2
    print(cross_article_report(shared, args.show))
    return 0


def run_score(args: argparse.Namespace) -> int:
    from dateline.audit.score import score_report
    from dateline.audit.sheet import SheetError, read_sheet

    try:
        print(score_report(read_sheet(args.sheet), partial=args.partial))
    except SheetError as error:
        print(f"dateline audit score: {error}", file=sys.stderr)
        return 2
    return 0
