"""Runs of times that belong together: coordinated times ("in 1994, 1995 and 1997", "from March until
June") and lists pairing things with times; a trigger linked to one time of a run is linked to the others."""
from __future__ import annotations

import re

from dateline.events.links import Link, dates_events
from dateline.events.sentence_parts import SentenceParts
from dateline.model import TemporalExpression
from dateline.sentences import Span, sentence_at


_COORDINATION = re.compile(r"\s*(?:,|and|or|to|through|until|till|into|-|–)?\s*(?:and\s+)?", re.IGNORECASE)


def time_runs(text: str, sentences: list[Span], expressions: list[TemporalExpression],
              parts: SentenceParts) -> dict[int, list[TemporalExpression]]:
    """Each datable time's run (by start offset), in order: a coordination of times ("in 1994, 1995 and
    1997", "from March until June"), a list pairing things with times ("adding Greece in 1952, West
    Germany in 1955 and Spain in 1982"), else the time alone. The times of a run share one list."""
    run_of: dict[int, list[TemporalExpression]] = {}
    run: list[TemporalExpression] = []
    for expression in sorted((e for e in expressions if dates_events(e)), key=lambda e: e.start):
        if run and (_COORDINATION.fullmatch(text, run[-1].end, expression.start)
                    or _paired_in_a_list(text, sentences, run[-1], expression, parts)):
            run.append(expression)
        else:
            run = [expression]
        run_of[expression.start] = run
    return run_of


def coordinated_links(links: list[Link], run_of: dict[int, list[TemporalExpression]]) -> list[Link]:
    """A trigger linked to one time of a run is linked to the others too: the event happened at each."""
    found = []
    for link in links:
        members = run_of.get(link.expression.start, ())
        if len(members) > 1:
            found += [Link(link.trigger, other, link.relation, link.rule, link.clause)
                      for other in members if other is not link.expression]
    return found


# "in 1952, West Germany in 1955 and Spain in 1982": between two times of a list, the next thing
# listed (a few words, no event word among them) and the same preposition.
_LIST_ITEM = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:[^\s,;.]+\s+){1,4}?(?P<signal>in|on)\s+")
_SIGNAL_BEFORE = re.compile(r"\b(in|on)\s+$")


def _paired_in_a_list(text: str, sentences: list[Span], first: TemporalExpression, second: TemporalExpression,
                      parts: SentenceParts) -> bool:
    """Whether two times of one sentence are items of a list, each after the same preposition, with only
    the next thing listed between them (no event word)."""
    item = _LIST_ITEM.fullmatch(text, first.end, second.start)
    if not item:
        return False
    before = _SIGNAL_BEFORE.search(text, max(0, first.start - 4), first.start)
    sentence = sentence_at(sentences, first.start)
    return bool(before and before.group(1).lower() == item.group("signal").lower() and sentence
                and second.start < sentence[1]
                and not any(first.end <= t.start < second.start for t in parts.triggers(sentence)))
