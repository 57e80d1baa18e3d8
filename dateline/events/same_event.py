"""The same event told again: an undated event noun with a definite determiner ("the ceremony"), dated by
the last dated mention of the same noun before it (same_event_as_earlier)."""
from __future__ import annotations

import bisect
import re

from dateline.event_kinds import base_form
from dateline.events.links import Link
from dateline.events.sentence_parts import SentenceParts, clause_of
from dateline.sentences import Span


# Before an event noun: a determiner or possessive that points back to one already told ("the
# ceremony", "Slepian's slaying"), with up to two words between ("the memorial ceremony").
_DEFINITE_BEFORE = re.compile(
    r"(?:\b(?:the|this|that|these|those|its|his|her|their)|['’]s?)\s+(?:[A-Za-z-]+\s+){0,2}$", re.IGNORECASE)
_DEFINITE_REACH = 40  # characters before the noun


def same_event_links(text: str, sentences: list[Span], links: list[Link], parts: SentenceParts) -> list[Link]:
    """An undated event noun with a definite determiner ("The ceremony will take place ...") names an
    event the story already dated, by the same noun ("... a ceremony on March 12"): it takes the time of
    the last such mention before it. Weaker evidence than a link in its sentence; marked so by its rule."""
    dated: dict[str, list[tuple[int, Link]]] = {}
    for link in sorted(links, key=lambda link: link.trigger.start):
        if link.trigger.kind == "noun":
            dated.setdefault(base_form(link.trigger.text), []).append((link.trigger.start, link))
    linked = {(link.trigger.start, link.trigger.end) for link in links}
    first_dated = min((mentions[0][0] for mentions in dated.values()), default=len(text))
    found = []
    for sentence in sentences:
        if sentence[1] <= first_dated:
            continue
        for trigger in parts.triggers(sentence):
            if trigger.kind != "noun" or (trigger.start, trigger.end) in linked:
                continue
            mentions = dated.get(base_form(trigger.text))
            if not mentions or mentions[0][0] > trigger.start or not _DEFINITE_BEFORE.search(
                    text, max(sentence[0], trigger.start - _DEFINITE_REACH), trigger.start):
                continue
            earlier = mentions[bisect.bisect_left(mentions, trigger.start, key=lambda pair: pair[0]) - 1][1]
            found.append(Link(trigger, earlier.expression, "on", "same_event_as_earlier",
                              clause_of(parts.clauses(sentence), trigger.start)))
    return found
