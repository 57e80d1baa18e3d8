"""Written EVENTs that no gold EVENT overlaps: the rows that are most likely not events at all,
grouped by the trigger's kind and link rule so that the trigger work goes where they are.

The system side runs in-process on each document's text (dateline.timeml.annotate, what `dateline
timeml` writes), the gold spans are read with the shared event-span scorer's own reader, so a
written EVENT counted here is exactly one the scorer counts against precision. Gold TimeML leaves some
real events unmarked (docs/gold-notes.md measures how many): read the contexts before taking a group
for a rule.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from dateline.console import progress
from dateline.evaluate import scorer_module
from dateline.timeml import annotate, read_timeml

CONTEXT = 60


@dataclass(frozen=True)
class SpanError:
    group: str  # "<trigger kind> / <link rule>"
    trigger: str
    document: str
    context: str


def corpus_span_errors(scorers: Path, input_dir: Path, gold_dir: Path) -> tuple[int, list[SpanError]]:
    """(written EVENTs, those overlapping no gold EVENT) over a corpus's documents."""
    scorer = scorer_module(scorers, "event_spans")
    written, errors = 0, []
    for gold_file in progress(sorted(gold_dir.glob("*.tml")), desc=gold_dir.parent.name):
        input_file = input_dir / gold_file.name
        if not input_file.is_file():
            continue
        document = read_timeml(input_file)
        gold = scorer.spans(gold_file)
        for event in annotate(document).events:
            written += 1
            if any(event.trigger_start < end and start < event.trigger_end for start, end in gold):
                continue
            text = document.text
            context = (text[max(0, event.trigger_start - CONTEXT):event.trigger_start] + "[" + event.trigger + "]"
                       + text[event.trigger_end:event.trigger_end + CONTEXT // 2])
            errors.append(SpanError(f"{event.trigger_kind} / {event.link_rule.split('+')[0]}", event.trigger,
                                    gold_file.name, " ".join(context.split())))
    return written, errors


def format_span_errors(corpus: str, written: int, errors: list[SpanError], examples: int) -> str:
    """The groups, largest first, each with its most frequent triggers and up to `examples` contexts."""
    lines = [f"== {corpus}: {len(errors)} of {written} written EVENTs overlap no gold EVENT "
             f"(precision {1 - len(errors) / max(written, 1):.3f})"]
    groups: dict[str, list[SpanError]] = defaultdict(list)
    for error in errors:
        groups[error.group].append(error)
    for group, members in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        counts: dict[str, int] = defaultdict(int)
        for member in members:
            counts[member.trigger.lower()] += 1
        frequent = ", ".join(f"{word} {n}" for word, n in sorted(counts.items(), key=lambda kv: -kv[1])[:8])
        lines.append(f"  {len(members):4d}  {group}: {frequent}")
        for member in members[:examples]:
            lines.append(f"          {member.document}: {member.context}")
    return "\n".join(lines)
