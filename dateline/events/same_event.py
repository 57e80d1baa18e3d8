"""The same event told again: an undated event noun with a definite determiner ("the ceremony", "Slepian's
slaying"), dated by the last dated mention of the same noun before it, or of a noun that retells the same
event in other words ("his death" after "the Oct. 23 slaying": dateline/vocabulary/same_event.yaml)
(same_event_as_earlier)."""
from __future__ import annotations

import bisect
import re
from functools import cache

from dateline.event_kinds import base_form
from dateline.events.links import Link
from dateline.events.sentence_parts import SentenceParts, clause_of
from dateline.sentences import Span
from dateline.vocabulary_files import VOCABULARY_DIR, load_vocabulary


# Before an event noun: a determiner or possessive that points back to one already told ("the
# ceremony", "Slepian's slaying"), with up to two words between ("the memorial ceremony").
_DEFINITE_BEFORE = re.compile(
    r"(?:\b(?:the|this|that|these|those|its|his|her|their)|['’]s?)\s+(?:[A-Za-z-]+\s+){0,2}$", re.IGNORECASE)
_DEFINITE_REACH = 40  # characters before the noun
# Right before an -ing form read as a verb, a determiner or possessive makes it a noun ("Slepian's slaying").
_DETERMINER_RIGHT_BEFORE = re.compile(r"(?:\b(?:the|this|that|its|his|her|their)|['’]s?)\s+$", re.IGNORECASE)


@cache
def _event_of_noun() -> dict[str, str]:
    """Each grouped noun's group ("death" -> "killing")."""
    groups = load_vocabulary(VOCABULARY_DIR / "same_event.yaml")["groups"]
    return {str(noun): str(group) for group, nouns in groups.items() for noun in nouns}


def _group_key(word: str) -> str | None:
    """The group of a singular grouped noun ("death" -> "killing"); plurals ("the slayings") name a
    series, told again only by the same noun."""
    low = word.lower()
    return "group:" + _event_of_noun()[low] if low in _event_of_noun() else None


def _is_noun(text: str, trigger, start: int) -> bool:
    """An event noun, or an -ing form a determiner makes one ("the Oct. 23 slaying", "Slepian's slaying")."""
    if trigger.kind == "noun":
        return True
    if trigger.kind != "verb" or not trigger.text.lower().endswith("ing"):
        return False
    before = text[max(start, trigger.start - _DEFINITE_REACH):trigger.start]
    return bool(_DETERMINER_RIGHT_BEFORE.search(before) or re.search(
        r"\bthe\s+[A-Z][\w.]*(?:\s+\d+)?\s+$", before))  # "the Oct. 23 slaying"


def same_event_links(text: str, sentences: list[Span], links: list[Link], parts: SentenceParts) -> list[Link]:
    """An undated event noun with a definite determiner ("The ceremony will take place ...") names an
    event the story already dated, by the same noun ("... a ceremony on March 12"): it takes the time of
    the last such mention before it. Weaker evidence than a link in its sentence; marked so by its rule."""
    dated: dict[str, list[tuple[int, Link]]] = {}
    for link in sorted(links, key=lambda link: link.trigger.start):
        if _is_noun(text, link.trigger, link.clause[0]):
            for key in (base_form(link.trigger.text), _group_key(link.trigger.text)):
                if key:
                    dated.setdefault(key, []).append((link.trigger.start, link))
    linked = {(link.trigger.start, link.trigger.end) for link in links}
    first_dated = min((mentions[0][0] for mentions in dated.values()), default=len(text))
    found = []
    for sentence in sentences:
        if sentence[1] <= first_dated:
            continue
        for trigger in parts.triggers(sentence):
            if (trigger.start, trigger.end) in linked or not _is_noun(text, trigger, sentence[0]):
                continue
            mentions = dated.get(base_form(trigger.text))
            if not mentions or mentions[0][0] > trigger.start:
                mentions = dated.get(_group_key(trigger.text) or "")
            if not mentions or mentions[0][0] > trigger.start or not _DEFINITE_BEFORE.search(
                    text, max(sentence[0], trigger.start - _DEFINITE_REACH), trigger.start):
                continue
            earlier = mentions[bisect.bisect_left(mentions, trigger.start, key=lambda pair: pair[0]) - 1][1]
            found.append(Link(trigger, earlier.expression, "on", "same_event_as_earlier",
                              clause_of(parts.clauses(sentence), trigger.start)))
    return found
