"""Where event dating loses gold anchors: each gold EVENT-TIMEX3 anchor that is not dated right,
put under the first cause that explains it, so the linking work goes where the loss is.

Gold anchors are read with the shared anchor scorer's own reader (anchor_score.read), so a gold
anchor here is exactly one the scorer counts. The system side runs in-process on the same text,
which shows what the written file cannot: triggers that were found but never linked, and each
link's rule. Causes, in the order they are tested (a document whose text differs from the gold loses all):

  timex missed          no system TIMEX3 overlaps the gold one (the tagger's problem)
  no trigger            no trigger word overlaps the gold EVENT (event recall)
  timex dates nothing   the TIMEX3 is found but is a duration or a set
  trigger not linked    the trigger exists but no time dates it
  linked elsewhere      the trigger is dated by another time (split by the gold time's sentence, our rule)
  relation not dating   linked to the right time as BEFORE or AFTER, which dates nothing
  value wrong           the right event and time are linked, but the TIMEX3 value differs (tagger)
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from dateline.events import dates_events, find_triggers, is_vague_reference, lowered_for_words
from dateline.sentences import sentence_at, sentence_spans
from dateline.console import progress
from dateline.evaluate import scorer_module
from dateline.timeml import REL_TYPES, annotate, read_timeml

CAUSES = ("text differs from gold", "timex missed", "no trigger", "timex dates nothing", "trigger not linked", "linked elsewhere",
          "relation not dating", "value wrong")
CONTEXT = 60


@dataclass(frozen=True)
class AnchorError:
    cause: str
    detail: str  # a finer grouping inside the cause (the gold link's distance, or our link's rule)
    document: str
    event: str
    timex: str
    context: str


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) - max(a[0], b[0]) > 0


def _context(text: str, spans: list[tuple[int, int]]) -> str:
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    if end - start > 3 * CONTEXT:
        return "(far apart)"
    pieces, position = [], max(0, start - CONTEXT // 2)
    for a, b in sorted(spans):
        pieces += [text[position:a], "[", text[a:b], "]"]
        position = b
    pieces.append(text[position:end + CONTEXT // 2])
    return "…" + "".join(pieces).replace("\n", " ") + "…"


def document_anchor_errors(scorer, input_file: Path, gold_file: Path) -> tuple[int, list[AnchorError]]:
    """(gold anchors, those not dated right with their cause) for one document."""
    text, spans, anchors = scorer.read(gold_file)
    document = read_timeml(input_file)
    if document.text != text:
        return len(anchors), [AnchorError("text differs from gold", "", input_file.name, spans[e][3].get("eid", ""),
                                          spans[t][3].get("tid", ""), "") for e, t in sorted(anchors)]
    annotation = annotate(document)
    sentences = sentence_spans(text)
    lowered = lowered_for_words(text)
    triggers = [(t.start, t.end) for s in sentences for t in find_triggers(text, *s, lowered_text=lowered)]
    # (trigger span, relation, rule, times) for every written link, vague references included
    links = [((e.trigger_start, e.trigger_end), e.relation, e.link_rule, e.times) for e in annotation.events]
    links += [((v.trigger.start, v.trigger.end), v.relation, v.rule, (v.expression,)) for v in annotation.vague]
    errors = []
    for event_id, time_id in sorted(anchors):
        _, e_start, e_end, _ = spans[event_id]
        _, t_start, t_end, t_attrs = spans[time_id]
        gold_event, gold_time = (e_start, e_end), (t_start, t_end)
        times = [x for x in annotation.expressions if _overlap((x.start, x.end), gold_time)]
        events = [link for link in links if _overlap(link[0], gold_event)]
        linked = [(link, x) for link in events for x in link[3] if _overlap((x.start, x.end), gold_time)]
        dating = [(link, x) for link, x in linked if REL_TYPES[link[1]] in scorer.DATING]
        if any(x.value == t_attrs.get("value") for _, x in dating):
            continue
        event_sentence, time_sentence = sentence_at(sentences, e_start), sentence_at(sentences, t_start)
        distance = "same sentence" if event_sentence == time_sentence else "other sentence"
        if not times:
            cause, detail = "timex missed", distance
        elif dating:
            cause, detail = "value wrong", f"gold {t_attrs.get('value')} system {dating[0][1].value}"
        elif linked:
            cause, detail = "relation not dating", f"{linked[0][0][1]} ({linked[0][0][2]})"
        elif not any(_overlap(t, gold_event) for t in triggers):
            cause, detail = "no trigger", distance
        elif not any(dates_events(x) or is_vague_reference(x) for x in times):
            cause, detail = "timex dates nothing", f"{times[0].type} {times[0].value}"
        elif not events:
            cause, detail = "trigger not linked", distance
        else:
            cause, detail = "linked elsewhere", f"gold time in {distance}; our rule {events[0][2]}"
        errors.append(AnchorError(cause, detail, input_file.name, text[e_start:e_end], text[t_start:t_end],
                                  _context(text, [gold_event, gold_time])))
    return len(anchors), errors


def corpus_anchor_errors(scorers: Path, input_dir: Path, gold_dir: Path) -> tuple[int, list[AnchorError]]:
    scorer = scorer_module(scorers, "anchor_score")
    total, errors = 0, []
    for gold_file in progress(sorted(gold_dir.glob("*.tml")), desc=gold_dir.parent.name):
        input_file = input_dir / gold_file.name
        if not input_file.is_file():
            continue
        count, found = document_anchor_errors(scorer, input_file, gold_file)
        total += count
        errors += found
    return total, errors


def format_anchor_errors(corpus: str, total: int, errors: list[AnchorError], examples: int) -> str:
    """Counts per cause (with the share of all gold anchors), then per detail with example contexts."""
    lines = [f"== {corpus}: {total} gold anchors, {total - len(errors)} dated right, {len(errors)} not"]
    by_cause: dict[str, list[AnchorError]] = defaultdict(list)
    for error in errors:
        by_cause[error.cause].append(error)
    for cause in CAUSES:
        members = by_cause.get(cause, [])
        if not members:
            continue
        lines.append(f"-- {cause}: {len(members)} ({len(members) / total:.1%} of gold anchors)")
        by_detail: dict[str, list[AnchorError]] = defaultdict(list)
        for error in members:
            by_detail[error.detail].append(error)
        for detail, group in sorted(by_detail.items(), key=lambda item: (-len(item[1]), item[0]))[:12]:
            lines.append(f"  {len(group):4d}  {detail}")
            for error in group[:examples]:
                lines.append(f"          {error.document}: {error.event!r} -> {error.timex!r}  {error.context}")
    return "\n".join(lines)
