"""The other names of the subject (modifier_of_subject) and the subject a verb without one of its own
shares with the event that governs it (inherited_agent)."""
from __future__ import annotations

import re
from dataclasses import replace

from dateline.entities.article import verb_form
from dateline.model import Participant
from dateline.participants.names import (
    ArticleNames, _BETWEEN_SUBJECT_AND_VERB, _DETERMINERS, _PARTICIPANT_KINDS, _PHRASE_BOUNDARY, _WORD, _Window, _participant)
from dateline.participants.coordination import is_verb
from dateline.participants.places import in_place_phrase
from dateline.participants.subject import _ARTICLES_AND_POSSESSIVES, _phrase_ending_at, _without_words_between


_ASIDE_MARK = re.compile(r"[,;:()\"“”'‘’]")
# Words that end a subject's noun phrase when reading back from its last word.
_SUBJECT_STOP = _PHRASE_BOUNDARY - {"of"}


def _subject_modifiers(names: ArticleNames, event: _Window, agent: Participant | None) -> list[Participant]:
    """Names inside the subject besides its head (rule modifier_of_subject): the possessor or modifier of
    its head noun and the names coordinated with it or after its "of" ("Telerate shares fell",
    "Ratners's shares were up", "an FBI official said", "representatives of Dow Jones and Telerate
    began", "Ratners and Weisfield's said")."""
    text = names.text
    words = list(_WORD.finditer(text, max(event.sentence_start, event.trigger_start - 120), event.trigger_start))
    while words and words[-1].group().lower() in _BETWEEN_SUBJECT_AND_VERB:
        words.pop()
    words = _without_words_between(names, words, words[-1].end() if words else event.trigger_start)
    if not words or _ASIDE_MARK.search(text, words[-1].end(), event.trigger_start) or \
            words[-1].group().islower() and verb_form(words[-1].group()):
        return []  # an aside or a clause between the subject and the verb: the agent rule reads those
    if not words or (agent and agent.method in ("passive_agent", "relative_antecedent", "existential_subject",
                                                "relation_of_person")):
        return []
    first = len(words) - 1
    while first > 0 and len(words) - first < 8:
        before = words[first - 1]
        gap = text[before.end():words[first].start()].strip()
        low = before.group().lower()
        if gap not in ("", ".") or low in _SUBJECT_STOP or low in _BETWEEN_SUBJECT_AND_VERB or \
                (before.group().islower() and verb_form(low)) or \
                words[first].group().lower() in _DETERMINERS - _ARTICLES_AND_POSSESSIVES \
                and low not in _ARTICLES_AND_POSSESSIVES:
            break  # (a number or quantifier opens the phrase unless an article stands before it)
        first -= 1
    start = words[first].start()
    return [_participant(n, "modifier_of_subject") for n in names.names_in(start, event.trigger_start)
            if n.kind in _PARTICIPANT_KINDS and not n.modifier and not (agent and agent.entity_id == n.entity_id)
            and not (n.kind in ("city", "country", "us_state") and in_place_phrase(names, n))]  # "Blasts in Chad killed"


# Words that may open a sentence before its opening participle ("While shying away from ..., Mr. Bush
# acknowledged"): the participle's subject is still the main clause's (subject_after_opening_participle).
_PARTICIPLE_SUBORDINATORS = frozenset("while after before when since despite upon by without though although "
                                      "besides".split())


def _inherited_agent(names: ArticleNames, event: _Window) -> tuple[Participant, ...]:
    """The subject a verb without one of its own shares with the event that governs it (rule
    inherited_agent): an infinitive ("fell 50 cents to close", "announced plans to travel"; not after
    a verb whose object is the infinitive's subject: "invited the ministers to join"), a participle
    after a comma (", closing up $11"), an event noun that a support verb takes as its object ("began
    negotiations", "wrapped up a meeting"; an amount one of amount_verbs states: "reported sales"), and a participle opening the sentence, from the subject
    after its comma ("Reading from the documents, Castro said", "While shying away from ..., Mr. Dalton
    acknowledged")."""
    text, vocab = names.text, names.vocab
    earlier = [a for a in names.agents.get(names.sentence_index(event.trigger_start), [])[-3:]
               if a[1] <= event.trigger_start]  # events are read in text order: the last ones are the nearest
    before = list(_WORD.finditer(text, max(event.sentence_start, event.trigger_start - 60), event.trigger_start))
    previous = before[-1].group().lower() if before else ""
    gap = text[before[-1].end():event.trigger_start] if before else ""
    trigger = event.trigger.lower()
    if previous == "to" and not gap.strip():
        doer = _object_before_infinitive(names, before[:-1], earlier[-1][1] if earlier else event.sentence_start)
        if doer:
            return (doer,)
        for governing in reversed(earlier[-2:]):  # "announced plans to travel": past the noun to its verb
            if governing[2] in vocab.object_control_verbs:
                return ()
            if governing[3]:
                return _inherited(governing[3])
        return ()
    if trigger.endswith("ing") and gap.strip() == "," and earlier:
        # ", closing up $11": the subject of the nearest verb before ("soared on the announcement, closing")
        governing = next((a for a in reversed(earlier) if is_verb(text[a[0]:a[1]])), None)
        return _inherited(governing[3]) if governing else ()
    if trigger.endswith("ing") and before and not gap.strip() and earlier and is_verb(event.trigger):
        found = _participle_after(names, earlier, before[-1].end())
        if found:
            return found
    if earlier and (earlier[-1][2] in vocab.support_verbs
                    or earlier[-1][2] in vocab.amount_verbs and trigger in vocab.amount_nouns):
        between = _WORD.findall(text, earlier[-1][1], event.trigger_start)
        if len(between) <= 4 and not _ASIDE_MARK.search(text, earlier[-1][1], event.trigger_start) \
                and not any(w.lower() in _PHRASE_BOUNDARY or w[0].isupper() for w in between):
            return _inherited(earlier[-1][3])
    opener = text[event.sentence_start:event.trigger_start].strip(" \t\n\"“‘`'")
    if trigger.endswith("ing") and (not opener or opener.lower() in _PARTICIPLE_SUBORDINATORS):
        comma = text.find(",", event.trigger_end, event.sentence_end)
        if comma > 0:
            after = names.names_in(comma + 1, min(event.sentence_end, comma + 80))
            opening = after[0] if after and not text[comma + 1:after[0].start].strip(" \"”’'") else None
            if opening and opening.kind in _PARTICIPANT_KINDS:
                return (_participant(opening, "subject_after_opening_participle"),)
    return ()


def _object_before_infinitive(names: ArticleNames, words: list, governing_end: int) -> Participant | None:
    """Rule object_before_infinitive: the people a verb takes as its object right before an infinitive
    do what the infinitive says ("led employers to raise wages", "invited the ministers to attend",
    "hired a firm to advise it"; not "announced plans to travel": plans are no people)."""
    words = [w for w in words if w.start() >= governing_end]
    if words:
        words = _without_words_between(names, words, words[-1].end() + 1)  # "the ministers on Monday to"
    if not words or names.text[words[-1].end():words[-1].end() + 1] in (",", ";"):
        return None
    phrase = _phrase_ending_at(names, words, "object_before_infinitive")
    if phrase is None or phrase.start < governing_end:
        return None
    preceding = [w for w in words if w.end() <= phrase.start]
    if preceding and preceding[-1].group().lower() in _PLACE_PREPOSITIONS:
        return None  # "travel to Washington to submit": a place the subject goes to, not a doer
    return phrase


# "arrived in Washington seeking"; not a period a participle describes ("the quarter ending June 30").
_PLACE_BEFORE = re.compile(r"\b(?:in|at|to|from|near|into)\s+(?:the\s+)?$")
_PERIOD_NOUNS = frozenset("year years quarter quarters month months week weeks period half day days season".split())
_PLACE_PREPOSITIONS = frozenset("to in into at from near through across toward towards via".split())


def _participle_after(names: ArticleNames, earlier: list, end: int) -> tuple[Participant, ...]:
    """Rule participle_shares_subject: a participle right after a verb ("died trying", "began selling"),
    after the verb's place or time ("arrived in Washington seeking", "left on Monday hoping") or after
    an event noun ("issued statements supporting") does what that verb's subject does."""
    at_end = [a for a in earlier if a[1] == end]
    if at_end:
        return _inherited(at_end[-1][3]) if at_end[-1][3] else ()
    placed = [n for n in names.names_in(max(0, end - 60), end) if n.end == end and n.kind in ("city", "country", "us_state")
              and _PLACE_BEFORE.search(names.text, max(0, n.start - 12), n.start)]
    time = names.time_ending_at(end)
    if placed or time is not None and names.text[time[0]:time[1]].split()[-1].lower() not in _PERIOD_NOUNS:
        governing = next((a for a in reversed(earlier) if is_verb(names.text[a[0]:a[1]])), None)
        return _inherited(governing[3]) if governing and governing[3] else ()
    return ()


def _inherited(subject: tuple[Participant, ...]) -> tuple[Participant, ...]:
    return tuple(replace(p, method="inherited_agent") for p in subject)
