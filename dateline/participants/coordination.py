"""Rule coordinated_verb: a verb after "and", "or" or "but" with no subject of its own shares the subject
of the verb it is coordinated with ("U.S. officials approved and delivered six visas", "Clinton condemned
the attacks and vowed to find the bombers", "the shares fell and then recovered")."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from dateline.entities.article import verb_form
from dateline.model import Participant
from dateline.participants.names import (
    _BETWEEN_SUBJECT_AND_VERB, _PARTICIPANT_KINDS, _WORD, ArticleNames, _participant, _Window)

_CONJUNCTIONS = frozenset({"and", "or", "but"})
# Methods of a subject found for the earlier verb itself (not one it took over from another event).
_OWN_SUBJECT = frozenset({"subject", "pronoun", "speaker_after_verb", "relative_antecedent", "passive_agent",
                          "coordinated_verb", "existential_subject", "modifier_of_subject"})


@cache
def _event_nouns() -> frozenset[str]:
    from dateline.events import vocabulary as event_vocabulary  # the event nouns of events.yaml

    vocab = event_vocabulary()
    return frozenset(vocab.event_nouns) | frozenset(vocab.ing_event_nouns)


def is_verb(trigger: str) -> bool:
    """Whether an event's trigger reads as a verb (not an event noun: "attacks", "talks")."""
    low = trigger.lower()
    return trigger.islower() and low not in _event_nouns() and (verb_form(low) or low.endswith("ing"))


# Words that open a subordinate clause: its verb is not the one a later "and" coordinates with ("who left
# when Castro came to power and are returning": Castro is not returning).
_SUBORDINATORS = frozenset("when while whereas because if unless after before since until although though as "
                           "where once who whom which that".split())


def _subordinate(names: ArticleNames, subject_start: int) -> bool:
    before = list(_WORD.finditer(names.text, max(0, subject_start - 20), subject_start))
    return bool(before) and before[-1].group().lower() in _SUBORDINATORS


def coordinated_subject(names: ArticleNames, event: _Window) -> tuple[Participant, ...]:
    """The subject of the verb before "and"/"or"/"but" right before the trigger, when the trigger is a
    verb: the nearest earlier verb of the sentence, if it found its subject itself ("the blasts which
    killed ... and injured": "killed" has none of its own, so neither has "injured")."""
    if not is_verb(event.trigger):
        return ()
    words = list(_WORD.finditer(names.text, max(event.sentence_start, event.trigger_start - 40), event.trigger_start))
    while words and (words[-1].group().lower() in _BETWEEN_SUBJECT_AND_VERB
                     or words[-1].group().lower().endswith("ly") and words[-1].group().islower()):
        words.pop()  # "and unanimously adopted", "and then recovered"
    if len(words) < 2 or words[-1].group().lower() not in _CONJUNCTIONS:
        return ()
    conjunction = words[-1]
    earlier = [a for a in names.agents.get(names.sentence_index(event.trigger_start), []) if a[1] <= conjunction.start()]
    for _start, _end, trigger, subject in reversed(earlier):
        if not is_verb(names.text[_start:_end]):
            continue  # "condemned the attacks and vowed": past the noun to the verb
        if subject and subject[0].method in _OWN_SUBJECT and not _subordinate(names, subject[0].start):
            passive = _shares_passive(names, _start, trigger, event)
            return tuple(replace(p, method="coordinated_passive" if passive else "coordinated_verb") for p in subject)
        return ()
    return ()


# What follows a passive participle more than an active verb: "charged with", "held for", "named as",
# "seized by" (not "to": "confessed to"; not the end of the sentence: "was ordered home and retired.").
_AFTER_PASSIVE = re.compile(r"\s+(?:(?:later|also|then|formally)\s+)?(?:with|for|as|by)\b")


def _shares_passive(names: ArticleNames, earlier_start: int, earlier: str, event: _Window) -> bool:
    """Rule coordinated_passive: "Two men were arrested on Monday and charged with murder": a participle
    coordinated with a passive verb, with no object of its own, is passive too; its subject underwent
    it (the agents keep no one)."""
    from dateline.participants.agents import is_participle, is_passive

    return is_participle(event.trigger) and is_passive(names.text, earlier_start, earlier) \
        and bool(_AFTER_PASSIVE.match(names.text, event.trigger_end))


# What joins two subjects: "A and B", "A, B and C", "A or B" (an Oxford comma too); up to three lowercase
# words may stand before the last one's name ("and defense secretary William Cohen").
_JOINED = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:[a-z]+\s+){0,3}$")


_CAPITALISED_BEFORE = re.compile(r"(?<![\w.])[A-Z][a-z]+$")


def coordinated_subjects(names: ArticleNames, agent: Participant, sentence_start: int) -> list[Participant]:
    """Rule coordinated_subject: the names joined to the subject by "and" or commas act with it
    ("Madeleine Albright, Samuel Berger and William Cohen announced"), first named first; a list ends at
    a name that is not joined by "and" to the one after it unless commas run on to an "and"."""
    text = names.text
    found: list[Participant] = []
    right = agent.start
    saw_and = False
    while True:
        joined = _JOINED.search(text, max(sentence_start, right - 40), right)
        if not joined:
            break
        # an "and" counts only once a member stands before it ("In a filing with the Securities and
        # Exchange Commission, Acme said": the "and" is inside a name, and nothing is joined to Acme)
        with_and = bool(re.search(r"\b(?:and|or)\b", joined.group()))
        pronoun = re.search(r"\b([Hh]e|[Ss]he)$", text[max(sentence_start, joined.start() - 4):joined.start()])
        if pronoun:  # "he and his wife returned"
            person = names.person_before(joined.start() - len(pronoun.group()))
            if person:
                saw_and = saw_and or with_and
                found.append(_participant(person, "coordinated_subject", text=pronoun.group(),
                                          start=joined.start() - len(pronoun.group()), end=joined.start()))
            break
        before = [n for n in names.names_in(max(sentence_start, joined.start() - 80), joined.start())
                  if n.end == joined.start()]
        if not before:
            # a capitalised word the article names nothing by ("Albright, Berger and Cohen"): a member of
            # the list the reader knows; the list goes on past it when another joiner comes before it
            unknown = _CAPITALISED_BEFORE.search(text, max(sentence_start, joined.start() - 30), joined.start())
            if unknown and _JOINED.search(text, max(sentence_start, unknown.start() - 40), unknown.start()):
                saw_and = saw_and or with_and
                right = unknown.start()
                continue
            break
        if before[-1].kind not in _PARTICIPANT_KINDS or before[-1].modifier:
            break
        saw_and = saw_and or with_and
        found.append(_participant(before[-1], "coordinated_subject"))
        right = before[-1].start
    if not saw_and:
        return []  # "In Paris, Mr. Kim said": a comma alone joins nothing
    return found[::-1]


_GROUP_JOINER = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")


def coordinated_groups(names: ArticleNames, agent: Participant, sentence_start: int,
                       phrase_ending_at) -> list[Participant]:
    """Rule coordinated_group: people named by nouns and joined to a subject that is such a group
    ("The boy's father, his four grandparents and his aunt began"; "Police, soldiers and firefighters
    searched"), first named first; only where the list holds an "and" or "or", and only people (not
    a place or a time before a comma: "In Leeds, residents and shop owners fled").
    `phrase_ending_at(names, words, method)` reads the noun phrase ending with the last word."""
    text = names.text
    found: list[Participant] = []
    right, saw_and = agent.start, bool(re.search(r"\b(?:and|or)\b", agent.text))
    for _ in range(4):
        joined = _GROUP_JOINER.search(text, max(sentence_start, right - 12), right)
        if not joined:
            break
        words = list(_WORD.finditer(text, max(sentence_start, joined.start() - 60), joined.start()))
        if not words or words[-1].end() != joined.start():
            break
        phrase = phrase_ending_at(names, words, "coordinated_subject")
        if phrase is None or phrase.kind not in ("group", "person") or phrase.end != joined.start():
            break
        saw_and = saw_and or bool(re.search(r"\b(?:and|or)\b", joined.group()))
        found.append(replace(phrase, method="coordinated_subject"))
        right = phrase.start
    # the list is a subject: it opens its sentence or follows a comma ("In Leeds, residents and ..."),
    # not the end of a clause before ("recognition of Ukraine's sovereignty and borders, and the
    # parliament ratified it")
    before = text[sentence_start:found[-1].start].strip(" \t\n\"“‘`'") if found else ""
    if not found or not saw_and or before and not before.endswith(",") and before.lower() not in ("the", "a", "an"):
        return []
    return found[::-1]
