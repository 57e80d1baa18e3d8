"""Events from links: one Event per trigger that names an event, dated by its links to the nearest run of times, with their
bounds, the coarsest granularity among them and a relation combining theirs."""
from __future__ import annotations

from collections.abc import Iterable

from dateline.events.links import Link
from dateline.events.reported_past import NO_EARLIEST, ON_OR_BEFORE
from dateline.model import Event, TemporalExpression
from dateline.sentences import Span, sentence_at


# From finest to coarsest: an event dated by several expressions takes the coarsest.
GRANULARITY_ORDER = (
    "second", "minute", "hour", "part_of_day", "time", "day", "weekend", "week", "month",
    "season", "quarter", "half", "year", "decade", "century", "millennium",
)
_GRANULARITY_RANK = {name: i for i, name in enumerate(GRANULARITY_ORDER)}


def events_from_links(text: str, sentences: list[Span], links: list[Link],
                      run_of: dict[int, list[TemporalExpression]]) -> list[Event]:
    by_trigger: dict[tuple[int, int], list[Link]] = {}
    for link in links:
        if not link.trigger.row:
            continue  # a word the links read that names no event (dateline.events.non_events)
        by_trigger.setdefault((link.trigger.start, link.trigger.end), []).append(link)
    events = []
    sentence_texts: dict[Span, str] = {}  # a sentence's events share its text
    for (start, end), group in sorted(by_trigger.items()):
        group = _nearest_run(_deduplicated(group), start, run_of)
        times = tuple(link.expression for link in group)
        sentence = sentence_at(sentences, start) or (start, end)
        if sentence not in sentence_texts:
            sentence_texts[sentence] = text[sentence[0]:sentence[1]]
        if len(group) == 1:  # most triggers: one time, whose bounds, granularity and rule are the event's
            only = group[0]
            relation, rule = only.relation, only.rule
            earliest, latest, granularity = only.expression.earliest, only.expression.latest, only.expression.granularity or "day"
        else:
            relation, rule = _combined_relation(group), "+".join(dict.fromkeys(link.rule for link in group))
            earliest, latest = min(t.earliest for t in times), max(t.latest for t in times)
            granularity = _coarsest(t.granularity for t in times)
        if relation == ON_OR_BEFORE:  # a past event told in a report: on the saying's day or before it
            earliest = NO_EARLIEST
        events.append(Event(
            trigger=group[0].trigger.text,
            trigger_start=start,
            trigger_end=end,
            sentence=sentence_texts[sentence],
            sentence_start=sentence[0],
            sentence_end=sentence[1],
            times=times,
            relation=relation,
            earliest=earliest,
            latest=latest,
            granularity=granularity,
            link_rule=rule,
            trigger_kind=group[0].trigger.kind,
        ))
    return events


def _nearest_run(group: list[Link], trigger_start: int, run_of: dict[int, list[TemporalExpression]]) -> list[Link]:
    """The links of one trigger whose times belong together (time_runs): the run nearest the trigger.
    Separate times ("will meet Friday to approve a timetable for the spring") date different things,
    so only the nearest run is kept."""
    if len(group) == 1:
        return group  # most triggers have one expression: its own run
    runs: dict[int, list[Link]] = {}
    for link in group:  # sorted by expression start
        members = run_of.get(link.expression.start)
        runs.setdefault(members[0].start if members else link.expression.start, []).append(link)

    def distance(run: list[Link]) -> int:
        return min(abs(link.expression.start - trigger_start) for link in run)

    return min(runs.values(), key=distance)


def _deduplicated(group: list[Link]) -> list[Link]:
    if len(group) == 1:
        return group
    seen, unique = set(), []
    for link in sorted(group, key=lambda l: l.expression.start):
        if link.expression.start not in seen:
            seen.add(link.expression.start)
            unique.append(link)
    return unique


def _combined_relation(group: list[Link]) -> str:
    relations = {link.relation for link in group}
    if len(relations) == 1:
        return relations.pop()
    # Several expressions with different signals ("from March until June", "in May and during
    # the summer"): the event spans them.
    return "during"


def _coarsest(granularities: Iterable[str | None]) -> str:
    known = [g for g in granularities if g]
    if not known:
        return "day"
    if len(known) == 1:
        return known[0]  # most events have one time
    return max(known, key=lambda g: _GRANULARITY_RANK.get(g, len(_GRANULARITY_RANK)))
