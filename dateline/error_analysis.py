"""Error analysis against gold TimeML: every missed, spurious, mis-spanned, mis-typed and mis-valued
TIMEX3, with its context, grouped by cause so the next improvement is chosen from evidence.

Gold spans are read and matched with the shared scorer's own functions (timex_score.read_timexes and
match), so an error here is exactly what the scorer counts. The system side is the tagger run
in-process on the same text, which gives each expression's rule: the grouping key for spurious and
wrongly valued expressions.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from dateline.model import TemporalExpression
from dateline.console import progress
from dateline.evaluate import scorer_module
from dateline.timeml import annotate, read_timeml

CONTEXT = 45  # characters of context either side


@dataclass(frozen=True)
class ErrorCase:
    kind: str  # missed, spurious, span, type, value
    cause: str  # the group: a rule, or a shape of the gold text
    document: str
    context: str
    gold: str  # "text | TYPE value mod" or "" for spurious
    system: str  # the same for the system, or "" for missed


def shape(text: str) -> str:
    """A coarse shape of an expression's text, so similar misses group together ("99 days" for "two days")."""
    words = re.sub(r"\d", "9", text.lower()).split()
    numbers = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a", "an", "several",
               "few", "many", "some", "twenty", "thirty", "fifty", "hundred"}
    return " ".join("N" if w in numbers else w for w in words)


def _describe(text: str, attrs: dict) -> str:
    mod = f" mod={attrs['mod']}" if attrs.get("mod") else ""
    return f"{text!r} {attrs.get('type', '?')} {attrs.get('value', '?')}{mod}"


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - CONTEXT):start].replace("\n", " ")
    right = text[end:end + CONTEXT].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def document_errors(scorer, input_file: Path, gold_file: Path) -> list[ErrorCase]:
    document = read_timeml(input_file)
    gold_text, gold = scorer.read_timexes(gold_file)
    if gold_text != document.text:
        return [ErrorCase("misaligned", "text differs from gold", input_file.name, "", "", "")]
    expressions: dict[tuple[int, int], TemporalExpression] = {
        (e.start, e.end): e for e in annotate(document).expressions}
    system = [(start, end, {"type": e.type, "value": e.value, **({"mod": e.mod} if e.mod else {})})
              for (start, end), e in expressions.items()]
    _, pairs = scorer.match(gold, system)
    matched_gold = {id(g) for g, _ in pairs}
    matched_system = {id(s) for _, s in pairs}
    text, name = document.text, f"{input_file.name} (DCT {document.dct_value})"
    cases = []
    for g in gold:
        if id(g) not in matched_gold:
            cases.append(ErrorCase("missed", f"{g[2].get('type')} {shape(text[g[0]:g[1]])}", name,
                                   _context(text, g[0], g[1]), _describe(text[g[0]:g[1]], g[2]), ""))
    for s in system:
        if id(s) not in matched_system:
            rule = expressions[(s[0], s[1])].rule
            cases.append(ErrorCase("spurious", rule, name, _context(text, s[0], s[1]), "",
                                   _describe(text[s[0]:s[1]], s[2])))
    for g, s in pairs:
        rule = expressions[(s[0], s[1])].rule
        gold_says, system_says = _describe(text[g[0]:g[1]], g[2]), _describe(text[s[0]:s[1]], s[2])
        context = _context(text, min(g[0], s[0]), max(g[1], s[1]))
        if (g[0], g[1]) != (s[0], s[1]):
            cases.append(ErrorCase("span", rule, name, context, gold_says, system_says))
        if g[2].get("type") != s[2].get("type"):
            cases.append(ErrorCase("type", rule, name, context, gold_says, system_says))
        if g[2].get("value") != s[2].get("value"):
            cases.append(ErrorCase("value", rule, name, context, gold_says, system_says))
    return cases


def corpus_errors(scorers: Path, input_dir: Path, gold_dir: Path) -> list[ErrorCase]:
    scorer = scorer_module(scorers, "timex_score")
    cases = []
    for gold_file in progress(sorted(gold_dir.glob("*.tml")), desc=gold_dir.parent.name):
        input_file = input_dir / gold_file.name
        if not input_file.is_file():
            cases.append(ErrorCase("misaligned", "no input file", gold_file.name, "", "", ""))
            continue
        cases.extend(document_errors(scorer, input_file, gold_file))
    return cases


KIND_ORDER = ("misaligned", "missed", "spurious", "span", "type", "value")


def format_errors(corpus: str, cases: list[ErrorCase], examples: int) -> str:
    """Errors by kind, then by cause (largest group first), with up to `examples` contexts each."""
    lines = [f"== {corpus}: " + ", ".join(f"{kind} {sum(1 for c in cases if c.kind == kind)}"
                                          for kind in KIND_ORDER)]
    for kind in KIND_ORDER:
        groups: dict[str, list[ErrorCase]] = defaultdict(list)
        for case in cases:
            if case.kind == kind:
                groups[case.cause].append(case)
        if not groups:
            continue
        lines.append(f"-- {kind} ({sum(len(g) for g in groups.values())})")
        for cause, members in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
            lines.append(f"  {len(members):4d}  {cause}")
            for case in members[:examples]:
                said = " | ".join(part for part in (f"gold {case.gold}" if case.gold else "",
                                                    f"system {case.system}" if case.system else "") if part)
                lines.append(f"          {case.document}: {case.context}")
                if said:
                    lines.append(f"            {said}")
    return "\n".join(lines)
