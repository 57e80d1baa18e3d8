"""The trigger's own objects: where they end (its reported content, a later verb with a predicate of
its own), people after "with" or "against", people right after the verb, and asides."""
from __future__ import annotations

import re

from dateline.model import Participant
from dateline.participants.names import (
    ArticleNames, _BETWEEN_SUBJECT_AND_VERB, _DETERMINERS, _PHRASE_BOUNDARY, _WORD, _Window, _group,
    _is_people_noun, _vocabulary)
from dateline.sentences import Span


# A name right before a reporting verb is the source of the report, not a participant of its event:
# "troops fought ..., a Ukrainian commander said".
_SOURCE_AFTER = re.compile(r"\s+(?:said|says|told|added|reported|wrote|announced|confirmed|stated)\b")
_SOURCE_GROUP_AFTER = re.compile(r"\s+([a-z]+)(?:\s+([a-z]+))?(?=\s+(?:said|says|told|added|reported|wrote|announced|"
                                 r"confirmed|stated)\b)")


def is_source(names: ArticleNames, end: int) -> bool:
    """Whether the name ending at `end` is the source of a report: right before a reporting verb ("...,
    Kestrel said"), or naming the people who report ("..., FBI officials said")."""
    if _SOURCE_AFTER.match(names.text, end):
        return True
    group = _SOURCE_GROUP_AFTER.match(names.text, end)
    return bool(group) and _is_people_noun(group.group(group.lastindex), names.vocab) \
        and all(word.lower() not in _PHRASE_BOUNDARY and word not in ("and", "or") for word in group.groups() if word)
# Where a verb's own participants end: its reported content ("said that Mr. Kim had agreed").
# (The lookahead on the first characters is implied, and faster: see _PERSON_PRONOUN.)
_COMPLEMENT = re.compile(r"(?=[twi,;:])(?:\b(?:that|whether|if)\b|[,;:]\s*[\"“‘])")
_STATEMENT_ADDRESSEE = 12  # characters after a reporting verb where its addressee sits ("told Mr. Kim")


def _object_region_end(text: str, event: _Window, clause: Span, kind: str) -> int:
    """Where the trigger's own objects end: before a "that" clause, and for a statement right after
    its addressee (what a statement is about is not a participant in the statement)."""
    complement = _COMPLEMENT.search(text, event.trigger_end, clause[1])
    end = complement.start() if complement else clause[1]
    if kind == "statement":
        end = min(end, event.trigger_end + _STATEMENT_ADDRESSEE)
    if event.trigger.lower() in _vocabulary().verbs_without_addressee:
        return event.trigger_end  # "said Jordan is seeking": what follows is reported, not a participant
    return _before_next_predicate(text, event.trigger_end, end)


# A verb after the trigger's object that opens a predicate of its own: "the accord signed by X", "the
# possibility of taking X", "a rally attended by X", "invited them to a ceremony to mark X".
_NEXT_PREDICATE = re.compile(r"(?=[a-z])\b(?:to\s+(?!the\b|a\b|an\b|his\b|her\b|its\b|their\b|be\b)[a-z]+|"
                             r"[a-z]{3,}(?:ed|ing))\b")


def _before_next_predicate(text: str, start: int, end: int) -> int:
    """Rule object_ends_at_next_verb: the trigger's own objects end where a verb opens a predicate of
    its own after them (a participle or an infinitive after a noun); what that verb takes is its own,
    not the trigger's ("an accord signed by Mr. Annan": Annan did the signing, not the accord)."""
    for match in _NEXT_PREDICATE.finditer(text, start, end):
        before = text[max(start, match.start() - 25):match.start()].split()
        if not before:
            if match.group().startswith("to"):
                return match.start()  # "expected to meet X": X is the meeting's
            continue  # right after the trigger: an adjective ("reported increasing sales")
        previous = before[-1].lower().strip(",")
        if previous in _DETERMINERS or previous in _BETWEEN_SUBJECT_AND_VERB or previous in ("be", "been", "being"):
            continue  # "their joining", "a increasing": a noun or an adjective, not a predicate
        word = match.group()
        if word.endswith(("ed", "ing")) and not word.startswith("to") and word in _NOT_PREDICATES:
            continue
        return match.start()
    return end


_NOT_PREDICATES = frozenset("including according regarding concerning during following related based".split())


_PARTNER = re.compile(r"(?=[wa])\b(?:with|against)\s+([a-z]+(?:\s+[a-z]+){0,2})")


def _partners(names: ArticleNames, start: int, end: int) -> list[Participant]:
    """People named by a noun after "with" or "against": "clashed with protesters", "met with local
    officials" (the first people noun within three words)."""
    found = []
    for match in _PARTNER.finditer(names.text, start, end):
        words = list(re.finditer(r"[a-z]+", match.group(1)))
        head = next((w for w in words if _is_people_noun(w.group(), names.vocab)), None)
        if head:
            found.append(_group(names, match.start(1), match.start(1) + head.end(), "partner_after_with"))
    return found


_PARTICLES = frozenset("up down out off over back away".split())
# Prepositions that end a verb's object, places included ("exploded outside government offices").
_OBJECT_ENDS = frozenset("between among against through across toward towards via within upon under "
                         "outside inside near beside behind beyond along around opposite".split())


def _direct_object(names: ArticleNames, event: _Window, end: int) -> list[Participant]:
    """People right after the verb: "arrested 14 foreigners", "evacuated the residents"."""
    words = []
    limit = min(end, event.trigger_end + 60)
    for word in _WORD.finditer(names.text, event.trigger_end, limit):
        if word.end() == limit and names.text[limit:limit + 1].isalnum():
            break  # a word the limit cuts ("a governmen|t"): not a word of the text
        if not words and word.group().lower() in _BETWEEN_SUBJECT_AND_VERB | _PARTICLES:
            continue  # "there were also engineers", "set up a panel"
        if word.group().lower() in _PHRASE_BOUNDARY or word.group().lower() in _OBJECT_ENDS \
                or word.group()[0].isupper() or len(words) == 4:
            break
        words.append(word)
        if _is_people_noun(word.group(), names.vocab):
            if len(words) == 1 and word.group().lower() in names.vocab.titles and _passive_before(names, event):
                return []  # rule role_after_passive: "was elected mayor", "was named chairman": a role
            return [_group(names, words[0].start(), word.end(), "object_of_verb")]
    return []


def _passive_before(names: ArticleNames, event: _Window) -> bool:
    from dateline.participants.agents import is_passive

    return is_passive(names.text, event.trigger_start, event.trigger)


def _in_aside(text: str, start: int, offset: int) -> bool:
    """Whether offset sits in a comma aside describing the name before it (", the North Korean leader,")."""
    comma = text.rfind(",", start, offset)
    if comma < 0 or "," in text[offset:offset + 0]:
        return False
    first_word = re.match(r"\s*([A-Za-z]+)", text[comma + 1:offset + 1])
    closed = text.find(",", offset) >= 0 and text.find(",", offset) < (text.find(".", offset) % (len(text) + 1))
    return bool(first_word) and first_word.group(1).lower() in _vocabulary().appositive_openers and closed
