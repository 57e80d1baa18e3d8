"""Who did it: the passive's "by X", the speaker after an inverted reporting verb, the subject before
the verb (past helpers, adverbs, a time, an aside), a pronoun's person or organisation, the owner
of an event noun, the antecedent of "who", the subject shared with the clause before."""
from __future__ import annotations

import re
from functools import cache
from dataclasses import replace

from dateline.event_kinds import OTHER, event_kind
from dateline.model import Participant
from dateline.participants.affiliation import nationality_plural, without_modifier_of_group
from dateline.participants.asides import _COMMA, subject_before_aside
from dateline.participants.passive import by_after_trigger
from dateline.participants.places import in_place_phrase
from dateline.participants.pronouns import described_person_before
from dateline.participants.names import (
    ArticleNames, _BETWEEN_SUBJECT_AND_VERB, _DETERMINERS, _PARTICIPANT_KINDS, _PHRASE_BOUNDARY, _WORD, _Window,
    _group, _group_phrases, _is_people_noun, _participant, _possessor, _vocabulary)
from dateline.sentences import Span




# An attribution that puts its verb first: '..., said Jose Basulto', '"It is over," said Patricia Hurt'.
_ATTRIBUTION_BEFORE = re.compile(r"(?:,|''|[\"”’])\s*$")
_INVERTED_REPORTING = frozenset({"said", "says", "added", "adds", "told", "wrote", "writes", "explained", "asked",
                                 "recalled", "insisted", "warned", "noted", "declared", "stated", "continued"})


def _speaker_after_verb(names: ArticleNames, event: _Window, clause: Span) -> Participant | None:
    """The speaker named right after a reporting verb that follows what it reports (speaker_after_verb)."""
    text = names.text
    if event.trigger.lower() not in _INVERTED_REPORTING or not _ATTRIBUTION_BEFORE.search(
            text, max(event.sentence_start, event.trigger_start - 4), event.trigger_start):
        return None
    after = [n for n in names.names_in(event.trigger_end, clause[1]) if n.kind in _PARTICIPANT_KINDS]
    if after and not text[event.trigger_end:after[0].start].strip():
        if _possessor(text, after[0]):
            return _speaker_after_possessor(names, after)
        return _participant(after[0], "speaker_after_verb")
    # After a quotation, or when little follows the speaker ("..., said a spokesman for Kyle."); not ", said"
    # after an aside ("Kimotho, who was hurt, said he and Bushnell had been talking"): a subject is before.
    quoted = bool(_QUOTE_BEFORE.search(text, max(event.sentence_start, event.trigger_start - 4), event.trigger_start))

    def ends_sentence(offset: int) -> bool:  # "..., said a spokesman, who was not named."
        rest = text[offset:event.sentence_end]
        return quoted or len(rest.split()) <= _FEW_WORDS_AFTER_SPEAKER or rest.lstrip().startswith(",")

    if after and _TITLE_WORDS.fullmatch(text, event.trigger_end, after[0].start) \
            and not any(w.lower() in _PHRASE_BOUNDARY or w.lower() in _NOT_TITLES
                        for w in text[event.trigger_end:after[0].start].split()) \
            and not _is_people_noun(_next_word(text, after[0].end), names.vocab) \
            and _SPEAKER_END.match(text, after[0].end) and ends_sentence(after[0].end):
        return _participant(after[0], "speaker_after_verb")  # "said four-star Gen. John Dailey"
    words = []
    for word in _WORD.finditer(text, event.trigger_end, min(clause[1], event.trigger_end + 60)):
        if word.group().lower() in _PHRASE_BOUNDARY or len(words) == 6 or \
                text[words[-1].end() if words else event.trigger_end:word.start()].strip(" ."):
            break
        words.append(word)
        following = _next_word(text, word.end())
        if _is_people_noun(word.group(), names.vocab) and not (following.islower() and following not in _PHRASE_BOUNDARY) \
                and ends_sentence(word.end()):
            # "said a U.S. Embassy official", "said one analyst"; not "said a government communique"
            return _group(names, words[0].start(), word.end(), "speaker_after_verb")
    return None


_OWNED_PEOPLE = re.compile(r"['’]s((?:\s+[a-z][a-z-]*){1,3})")


def _speaker_after_possessor(names: ArticleNames, after: list) -> Participant | None:
    """Rule speaker_after_possessor: the speaker is the person or the people the possessor owns ("said
    Florida International's Fernandez", "said Norway's prime minister"), not the possessor, unless it owns
    no one."""
    owner = after[0]
    if len(after) > 1 and after[1].kind == "person" and after[1].start - owner.end <= 3:
        return _participant(after[1], "speaker_after_verb")
    owned = _OWNED_PEOPLE.match(names.text, owner.end)
    words = list(re.finditer(r"\S+", owned.group(1))) if owned else []
    while words and not _is_people_noun(words[-1].group(), names.vocab):
        words.pop()
    if words:
        return _group(names, owner.start, owned.start(1) + words[-1].end(), "speaker_after_verb")
    return _participant(owner, "speaker_after_verb")  # "said Norway's statement": Norway speaks through it


def _next_word(text: str, offset: int) -> str:
    """The word right after offset, past spaces only ("" after punctuation)."""
    found = re.match(r" +([A-Za-z]+)", text[offset:offset + 30])
    return found.group(1) if found else ""


# What may stand between an inverted reporting verb and its speaker's name: lowercase words and titles,
# when a quotation closes right before the verb; and what follows the name then (not a verb: "said the
# United States would").
_FEW_WORDS_AFTER_SPEAKER = 4
_NOT_TITLES = frozenset("and or but he she it they we i you".split())
_QUOTE_BEFORE = re.compile(r"(?:''|[\"”’])\s*,?\s*$")
_TITLE_WORDS = re.compile(r"\s+(?:(?:[a-z][a-z-]*|[A-Z][a-z]{1,4}\.)\s+){0,4}")
_SPEAKER_END = re.compile(r"\s*(?:[,.;:]|$|\s(?:on|in|at|of|from|who|yesterday|today|last|this)\b)")


def _agent(names: ArticleNames, event: _Window, clause: Span) -> Participant | None:
    """Who did it: the passive's "by X", the subject before the verb, or the owner of an event noun."""
    text, vocab = names.text, names.vocab
    passive = by_after_trigger(names, event.trigger_end, clause[1])
    if passive:
        after = names.names_in(passive.end(), clause[1])
        the = _THE.match(text, passive.end())
        if after and (after[0].start == passive.end() or the and after[0].start == the.end()
                      and _ends_noun_phrase(text, after[0].end)):
            return _participant(after[0], "passive_agent")
        by_people = _following_phrase(names, _Window(event.trigger, event.trigger_start, passive.end(),
                                                     event.sentence_start, event.sentence_end), clause, "passive_agent")
        if by_people:
            return by_people  # "rejected by regulators"
    speaker = _speaker_after_verb(names, event, clause)
    if speaker:
        return speaker
    words = list(_WORD.finditer(text, event.sentence_start, event.trigger_start))
    owner = _owner(names, words[-3:], event.trigger_start, event.sentence_start) \
        if event.trigger.lower() not in _VERBISH else None
    if owner:
        return owner
    words = _without_words_between(names, words, event.trigger_start)
    words = _without_place_after_subject(names, words, event.sentence_start)
    words = without_modifier_of_group(names, words)
    if not words or words[-1].end() <= clause[0] - 1 and clause[0] > event.sentence_start and \
            text[clause[0]:event.trigger_start].strip():
        return None
    last = words[-1]
    between = text[last.end():event.trigger_start]
    low = last.group().lower()
    if low in ("there", "here") and "," not in between:
        return _following_phrase(names, event, clause, "existential_subject")
    if low in ("who", "that", "which") and (len(words) < 2 or text[words[-2].end():last.start()].strip(" .") in (",", "")) \
            and not (len(words) >= 2 and words[-2].start() <= event.sentence_start and low == "that"):
        antecedent = [n for n in names.names_in(event.sentence_start, last.start())
                      if n.kind in _PARTICIPANT_KINDS]
        if antecedent and text[antecedent[-1].end:last.start()].strip() in (",", ""):
            found = _participant(antecedent[-1], "relative_antecedent")
            return _person_of_organisation(names, found) or found
        # People named by a noun: "the three-judge panel that issued", "Cuban-Americans, who said"
        before = [w for w in words[:-1] if w.end() <= last.start()]
        if low != "which" and before and text[before[-1].end():last.start()].strip() in (",", ""):
            phrase = _phrase_ending_at(names, before, "relative_antecedent")
            if phrase and phrase.kind == "group":
                return phrase
        return None
    if "," in between or ";" in between:
        skipped = _skip_aside(text, words, event.sentence_start)
        if not skipped:
            return subject_before_aside(names, words, event.sentence_start, _head_phrase_ending_at)
        words = without_modifier_of_group(names, skipped)  # "Supporters of the plan, including ..., said"
        last, low = words[-1], words[-1].group().lower()
    if low.endswith(("'s", "’s")) and low[:-2] in vocab.person_pronouns | names.entities_vocabulary.thing_pronouns:
        low = low[:-2]  # "He's expected to meet"
    if low in names.entities_vocabulary.thing_pronouns:
        return names.anaphor(start=last.start())  # "it said": the organisation or product named before
    if low in vocab.person_pronouns:
        person = names.person_before(last.start())
        if person is None:
            return described_person_before(names, last.start(), low)
        return _participant(person, "pronoun", text=last.group()[:len(low)], start=last.start(),
                            end=last.start() + len(low))
    if low in ("they", "we"):
        return _group_before(names, words[:-1], event.sentence_start) or (
            _group_of_previous_sentence(names, last.start())
            if low == "they" and _OPENS_SENTENCE.fullmatch(text, event.sentence_start, last.start()) else None)
    subject = _phrase_ending_at(names, words, "subject")
    subject = _person_of_organisation(names, subject) or subject
    if subject and subject.kind == "group" and subject.end == last.end() and _modifies_event_noun(names, subject, event):
        return None  # "an official visit": the word before an event noun describes it
    if subject and _place_of_subject(names, subject):
        return None
    return subject


# Rule person_of_organisation: "Inspector Jane Doe of the city police said", "Ann Lee of Acme Inc., who
# led the talks": the person spoke or acted; the body after "of" only says where she works.
_OF_THE_BETWEEN = re.compile(r"\s+of\s+(?:the\s+)?")


def _person_of_organisation(names: ArticleNames, subject: Participant | None) -> Participant | None:
    """The person named right before "of" and the organisation `subject`, as the subject instead."""
    if subject is None or subject.kind != "organization":
        return None
    person = next((n for n in reversed(names.names_in(max(0, subject.start - 80), subject.start))
                   if _OF_THE_BETWEEN.fullmatch(names.text, n.end, subject.start)), None)
    return replace(_participant(person, subject.method), method="person_of_organisation") \
        if person is not None and person.kind == "person" else None


def _place_of_subject(names: ArticleNames, subject: Participant) -> bool:
    """Rule place_before_verb_no_subject: "Blasts outside embassies in Chad killed": a place in a
    place phrase right before the verb says where the subject is; it is not the subject."""
    mention = names.name_at(subject.start)
    return mention is not None and mention.kind in ("city", "country", "us_state") and in_place_phrase(names, mention)


_THE = re.compile(r"the\s+")
# After "by the X": X is the agent when its phrase ends with it ("by the Transport Ministry."), not when
# it describes a noun ("by the Castro regime", "by the FBI office") or opens a longer name ("by the
# Immigration and Naturalization Service").
_NEXT_WORD = re.compile(r"\s+(and\s+[A-Z]|[a-z]+\b)")
def _ends_noun_phrase(text: str, end: int) -> bool:
    following = _NEXT_WORD.match(text, end)
    return not following or following.group(1) in _PHRASE_BOUNDARY or following.group(1) in _NOT_IN_PHRASE \
        or following.group(1) in ("and", "or", "last", "this", "next", "earlier", "later")


def _without_place_after_subject(names: ArticleNames, words: list[re.Match], sentence_start: int) -> list[re.Match]:
    """Rule subject_before_place: "U.N. officials in New York on Friday finished", "Officials in Lusaka
    approved": a place after "in", "at", "from" or "near" that ends the words before the verb says
    where the subject is; the subject is before it, when a participant ends there."""
    if len(words) < 3:
        return words
    place = next((n for n in names.names_in(max(0, words[-1].start() - 60), words[-1].end() + 1)
                  if n.start <= words[-1].start() < n.end and n.kind in ("city", "country", "us_state")), None)
    if place is None:
        return words
    before = [w for w in words if w.end() <= place.start]
    while before and before[-1].group().lower() == "the":
        before.pop()
    if len(before) < 2 or before[-1].group().lower() not in ("in", "at"):
        return words
    subject = before[:-1]
    # only a short subject that opens its sentence or follows a comma, with no preposition but "of" ("the
    # lawyers for the boy's relatives in Miami said": the relatives are no subject)
    comma = names.text.rfind(",", sentence_start, subject[-1].start())
    clause = [w for w in subject if w.start() > max(comma, sentence_start - 1)]
    if not clause or len(clause) > 6 or any(w.group().lower() in _PHRASE_BOUNDARY - {"of"} for w in clause):
        return words
    return subject if _phrase_ending_at(names, subject, "subject") else words


def _without_words_between(names: ArticleNames, words, verb_start: int) -> list[re.Match]:
    """The words before a verb without what stands between its subject and it: helpers and adverbs
    ("has also reportedly"), an adverb in -ly ("Friday formally joined"; not a noun after a determiner:
    "the family"), and a time with its preposition ("FBI officials on Saturday played down")."""
    words = list(words)
    while words:
        low = words[-1].group().lower()
        if low in _BETWEEN_SUBJECT_AND_VERB:
            verb_start = words.pop().start()
        elif low.endswith("ly") and len(low) > 4 and low.isalpha() and words[-1].group().islower() \
                and not (len(words) > 1 and words[-2].group().lower() in _DETERMINERS):
            verb_start = words.pop().start()  # a time may stand before it: "Friday formally joined"
        elif names.times and not names.text[words[-1].end():verb_start].strip(" \t\n") \
                and (time := names.time_ending_at(words[-1].end())) is not None:
            before = len(words)
            while words and words[-1].start() >= time[0]:
                words.pop()
            if len(words) == before:
                break  # a time that starts inside the word: nothing to skip
            if words and words[-1].group().lower() in ("on", "in", "at", "by", "during", "over", "throughout",
                                                       "early", "late"):
                words.pop()
            verb_start = words[-1].end() if words else verb_start
        else:
            break
    return words


def _modifies_event_noun(names: ArticleNames, phrase: Participant, event: _Window) -> bool:
    """Whether "a/an ... X" right before the trigger is a noun compound ("an official visit"): a singular
    subject would take "visits", so a bare event noun after "a(n) X" is the head of that phrase."""
    from dateline.events import vocabulary as event_vocabulary

    trigger = event.trigger.lower()
    vocab = event_vocabulary()
    return (trigger in vocab.event_nouns or trigger in vocab.ing_event_nouns) and not trigger.endswith("s") and phrase.text.split()[0].lower() in ("a", "an") \
        and not names.text[phrase.end:event.trigger_start].strip()


# Triggers that are verbs however they look; an owner ("his", "Mr. Shoigu's") only goes with nouns.
_VERBISH = frozenset("was were is are be been".split())


def _owner(names: ArticleNames, words: list[re.Match], trigger_start: int, sentence_start: int) -> Participant | None:
    """"his third visit", "Mr. Shoigu's arrival": the owner of an event noun is its agent."""
    if not words:
        return None
    # An owner ends in "'s" (_possessor): most words before a trigger have none, and need no names looked up.
    stretch = names.text[words[0].start():trigger_start + 2]
    owners = [n for n in names.names_in(words[0].start(), trigger_start)
              if _possessor(names.text, n) and n.kind in _PARTICIPANT_KINDS] \
        if "'s" in stretch or "’s" in stretch else []
    for word in reversed(words):
        low = word.group().lower()
        if "," in names.text[word.end():trigger_start]:
            break  # "Jane Doe, its chief executive, resigned": an aside, not the owner of the event
        if (low.split("-")[-1] in names.vocab.relation_nouns or (word.group().islower() and _is_people_noun(low, names.vocab))) \
                and low not in names.vocab.organization_heads and low not in _FORCES:
            return None  # "Her lawyer said", "Elian's father began": the people of the phrase act, not its owner
        if low in ("his", "her"):
            person = names.person_before(word.start())
            if person:
                return _participant(person, "pronoun", text=word.group(), start=word.start(), end=word.end())
            return None
        if low == "its":
            return _opening_body(names, sentence_start, word.start()) or names.anaphor(start=word.start())
        owned = [n for n in owners if n.start >= word.start()]
        if owned:
            return _participant(owned[0], "owner_of_event_noun")
        if low.endswith(("'s", "’s")) and word is words[-1] and event_kind(names.text[trigger_start:].split(None, 1)[0]) != OTHER:
            # rule described_owner: "the company's buy-out" is the act of the organisation "the company"
            # stands for; not "the company's performance", which is no act of a kind the timeline knows
            return names.anaphor(end=word.end() - 2)
    return None


def _opening_body(names: ArticleNames, sentence_start: int, before: int) -> Participant | None:
    """Rule its_clause_subject: "The panel will be based in Geneva, and will finish its investigation":
    "its" in a sentence that opens with a body named by a singular noun ("The panel", "The committee")
    is that body; when the noun stands for an organisation named before ("The company said its ..."),
    that organisation."""
    words = list(_WORD.finditer(names.text, sentence_start, min(before, sentence_start + 60)))[:4]
    if len(words) < 2 or words[0].group() not in ("The", "A", "An") \
            or names.text[sentence_start:words[0].start()].strip(" \t\n\"“‘`'"):
        return None
    for index in range(1, len(words)):
        word = words[index]
        if word.group()[0].isupper() or names.text[words[index - 1].end():word.start()].strip():
            return None  # a name ("The Acme board") or punctuation: the pronoun rules read it
        if _is_people_noun(word.group(), names.vocab):
            following = _next_word(names.text, word.end())
            if word.group().endswith("s") or following in ("of", "for", "at", "in") \
                    or names.text.startswith(("'s", "’s"), word.end()):
                return None  # plural, or the head of a longer phrase
            if any(n.kind not in ("city", "us_state") for n in names.names_in(word.end(), before)):
                return None  # a name between may own it ("The newspaper said Syria had indicated its interest")
            described = names.anaphor(end=word.end())
            if described:
                return replace(described, method="its_clause_subject")
            return _group(names, words[0].start(), word.end(), "its_clause_subject")
    return None


def _group_before(names: ArticleNames, words: list[re.Match], sentence_start: int) -> Participant | None:
    """Who "they" is: the nearest group or organisation named before it in its sentence ("Tanzanian police
    said on Tuesday they had arrested 14 foreigners")."""
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if word.start() < sentence_start:
            break
        named = [n for n in names.names_in(word.start(), word.end() + 40)
                 if n.start <= word.start() < n.end and n.kind in ("organization", "country")]
        if named:
            return _participant(named[0], "pronoun")
        if _is_people_noun(word.group(), names.vocab) and word.group().lower().endswith(("s", "police", "military")):
            phrase = _phrase_ending_at(names, words[:index + 1], "pronoun")
            if phrase:
                return phrase
    return None


_OPENS_SENTENCE = re.compile(r"[\s\"“‘`']*(?:(?:But|And|So|Yet)\s+)?")


def _group_of_previous_sentence(names: ArticleNames, offset: int) -> Participant | None:
    """Rule pronoun_previous_sentence: "they" with nobody before it in its sentence stands for the plural
    subject of the previous sentence's first event that found its own ("Tanzanian police and FBI agents
    said ... They refused to provide details"): a group or organisation, or several names."""
    index = names.sentence_index(offset)
    if not index:
        return None
    for _start, _end, _trigger, subject in names.agents.get(index - 1, []):
        if not subject or subject[0].method in ("inherited_agent", "named_after_trigger", "object_of_verb"):
            continue
        if subject[0].text.isupper() and (" " in subject[0].text or len(subject[0].text) > 4):
            return None  # a dateline read as a name ("NEW YORK")
        if subject[0].kind in ("group", "organization") or len(subject) > 1:
            return replace(subject[0], method="pronoun_previous_sentence")
        return None
    return None


# An aside that names some of the subject ("Supporters of the plan, including Ann Rivers, said"): the
# subject is before it (subject.py only: after a verb such an aside still names participants).
_PART_OF_SUBJECT_OPENERS = frozenset({"including", "among"})


def _skip_aside(text: str, words: list[re.Match], sentence_start: int) -> list[re.Match]:
    """Drop ", a close aide to President Putin," between a subject and its verb, so the words end at the
    subject, and an age before it (", 52, an obstetrician,"). Returns [] when what sits before the verb
    is not such an aside."""
    commas = [m.start() for m in _COMMA.finditer(text, sentence_start, words[-1].end() + 2)]
    if len(commas) < 2:
        return []
    aside_start = commas[-2]
    first_word = re.match(r"\s*([A-Za-z]+)", text[aside_start + 1:aside_start + 40])
    if not first_word or first_word.group(1).lower() not in _vocabulary().appositive_openers \
            and first_word.group(1).lower() not in _PART_OF_SUBJECT_OPENERS:
        return []
    words = [w for w in words if w.end() <= aside_start]
    # An age before the aside ("Slepian, 52, an obstetrician, was shot"): the subject is before it too.
    if len(words) >= 2 and words[-1].group().isdigit() and len(commas) >= 3 and commas[-3] < words[-1].start() \
            and not text[commas[-3] + 1:words[-1].start()].strip():
        words = [w for w in words if w.end() <= commas[-3]]
    return words


def _phrase_ending_at(names: ArticleNames, words: list[re.Match], method: str) -> Participant | None:
    """The noun phrase ending with words[-1], if it names a participant (a name or a people noun)."""
    text, vocab = names.text, names.vocab
    last = words[-1]
    for name in names.names_in(max(0, last.start() - 80), last.end() + 1):
        if name.start <= last.start() < name.end and name.kind in _PARTICIPANT_KINDS:
            return _participant(name, method)
    described = names.anaphor(end=last.end())  # "the company said": the organisation it stands for
    if described:
        return described
    related = _relation_of_possessor(names, words, method)
    if related:
        return related
    if not _is_people_noun(last.group(), vocab) and not nationality_plural(names, last) \
            and last.group().lower() not in vocab.relation_nouns:  # "The father of the boy said": the father
        return None
    first = len(words) - 1
    while first > 0 and len(words) - first < 7 and words[first].group().lower() not in _ARTICLES_AND_POSSESSIVES:
        # (a phrase that starts with a determiner is whole: "feels the Cuban people", "lose their court")
        before = words[first - 1]
        if words[first].group().lower() in _DETERMINERS and before.group().lower() not in _ARTICLES_AND_POSSESSIVES:
            break  # "the two presidents"; not "thinks several steelmakers", "at least four people"
        if text[before.end():words[first].start()].strip() or before.group().lower() in _PHRASE_BOUNDARY \
                or before.group().lower() in _BETWEEN_SUBJECT_AND_VERB or _opens_no_phrase(names, before):
            break
        first -= 1
    if first > 0 and words[first - 1].group().lower() == "about" and words[first].group()[0].isdigit():
        first -= 1  # "About 100 protesters marched": a count, not a preposition's phrase
    elif first > 0 and words[first - 1].group().lower() in _NOUN_PREPOSITIONS \
            and not text[words[first - 1].end():words[first].start()].strip():
        return None  # "The demand for workers led": the people are in a modifier of the head, not the head
    return _group(names, words[first].start(), last.end(), method)


def _head_phrase_ending_at(names: ArticleNames, words: list[re.Match], method: str) -> Participant | None:
    """The noun phrase ending with words[-1], read from its head: "Two top aides to Lisk" is the aides
    (group_before_affiliation), not Lisk."""
    return _phrase_ending_at(names, without_modifier_of_group(names, words), method)


# Prepositions that tie a phrase to the noun before it ("the demand for workers"); not "of", whose phrase
# stands for its head ("the upper house of parliament", "dozens of people").
_NOUN_PREPOSITIONS = frozenset("for from about among between against with without".split())


def _following_phrase(names: ArticleNames, event: _Window, clause: Span, method: str) -> Participant | None:
    """The noun phrase right after the trigger ("there were also sculptors and architects in ...")."""
    words = list(_WORD.finditer(names.text, event.trigger_end, clause[1]))
    while words and words[0].group().lower() in _BETWEEN_SUBJECT_AND_VERB:
        words.pop(0)
    phrase = []
    for word in words:
        if word.group().lower() in _PHRASE_BOUNDARY or len(phrase) >= 6:
            break
        phrase.append(word)
    if not phrase or not _is_people_noun(phrase[-1].group(), names.vocab):
        return None
    people = _collective_of_people(names, words, phrase)
    return _group(names, phrase[0].start(), (people or phrase)[-1].end(), method)


def _collective_of_people(names: ArticleNames, words: list[re.Match], phrase: list[re.Match]) -> list[re.Match]:
    """Rule collective_of_people: "a group of farmers", "a team of volunteers": the phrase goes on past
    "of" to the people it counts (a few words ending with a people noun), else it is only the collective."""
    if phrase[-1].group().lower() not in names.vocab.collective_nouns:
        return []
    rest = words[len(phrase):]
    if not rest or rest[0].group().lower() != "of":
        return []
    people = []
    for word in rest[1:5]:
        if word.group().lower() in _PHRASE_BOUNDARY:
            break
        people.append(word)
        if _is_people_noun(word.group(), names.vocab):
            return people
    return []


def _shared_subject(names: ArticleNames, clauses: list[Span], clause: Span, event: _Window) -> Participant | None:
    """"troops fought for months until expelling Ukrainian forces": a verb opening a subordinate clause
    without a subject of its own shares the subject of the clause before."""
    if not event.trigger.lower().endswith("ing"):
        return None
    words = list(_WORD.finditer(names.text, clause[0], event.trigger_start))
    if len(words) != 1:
        return None
    index = clauses.index(clause) if clause in clauses else 0
    if index == 0:
        return None
    previous = clauses[index - 1]
    candidates = [_participant(n, "shared_subject") for n in names.names_in(*previous)
                  if n.kind in _PARTICIPANT_KINDS and not _possessor(names.text, n)]
    candidates += [replace(g, method="shared_subject") for g in _group_phrases(names, *previous)]
    return min(candidates, key=lambda p: p.start) if candidates else None


_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})
# Bodies of a country or organisation that act as it ("Iraq's troops"), beside participants.yaml
# organization_heads.
_FORCES = frozenset("troops forces soldiers army military navy police regime".split())


def _relation_of_possessor(names: ArticleNames, words: list[re.Match], method: str) -> Participant | None:
    """Rule relation_of_possessor: "Elian's father", "his lawyer", "the company's chairman" name
    someone other than the possessor: a group named after the possessor ("Elian Gonzalez's father",
    the pronoun resolved), not the possessor itself."""
    text = names.text
    last = words[-1]
    head = last.group().lower().split("-")[-1]
    if head not in names.vocab.relation_nouns and not (last.group().islower() and _is_people_noun(head, names.vocab)) \
            or head in names.vocab.organization_heads or head in _FORCES:
        return None  # "Cuba's government", "Iraq's troops": the possessor's own body acts as the possessor
    for index in range(len(words) - 1, max(-1, len(words) - 5), -1):
        word = words[index]
        low = word.group().lower()
        if index < len(words) - 1 and text[word.end():words[index + 1].start()].strip():
            return None  # punctuation inside: no single phrase
        owner, owner_kind = None, "person"
        if low in ("his", "her"):
            person = names.person_before(word.start())
            owner = person.name if person else None
        elif low == "its":
            thing = names.anaphor(start=word.start())
            owner, owner_kind = (thing.name, thing.kind) if thing else (None, "organization")
        elif low.endswith(("'s", "’s")):
            named = [n for n in names.names_in(max(0, word.start() - 80), word.end()) if n.end == word.end() - 2]
            owner = named[-1].name if named else None
            owner_kind = named[-1].kind if named else ("person" if head in names.vocab.relation_nouns else "group")
            start = named[-1].start if named else word.start()
        elif low in _POSSESSIVE_PRONOUNS:
            owner = None
        else:
            continue
        start = start if low.endswith(("'s", "’s")) else word.start()
        rest = text[words[index + 1].start():last.end()] if index + 1 < len(words) else ""
        if not rest:
            return None
        written = text[start:last.end()]
        # The owner takes part too when the people belong to an organisation or a country ("Telerate's
        # directors", "its chairman"), not when they are a person's ("Elian's father", "his lawyer").
        method = "relation_of_person" if owner_kind == "person" else "member_of_possessor"
        return Participant(text=written, name=f"{owner}'s {rest}" if owner else written, kind="group", country=None,
                           start=start, end=last.end(), method=method)
    return None


def _opens_no_phrase(names: ArticleNames, word: re.Match) -> bool:
    """A word a noun phrase does not reach back over: a verb ("end their court", "saw hate group numbers"),
    a participle taking an object ("buying its second bank", "citing unidentified Jordanian sources";
    not a modifier: "the thrift holding company", "allied forces") or a time ("Tuesday his government")."""
    low = word.group().lower()
    if not word.group().islower():
        return names.time_ending_at(word.end()) is not None
    if low in _DETERMINERS:
        return False
    if low in _listed_verbs() or low in _NOT_IN_PHRASE:
        return True
    following = re.match(r"\s+(\S+)", names.text[word.end():word.end() + 40])
    if low in ("and", "or"):  # "were arrested and police": no people before the "and"
        previous = re.search(r"(\S+)\s+$", names.text[max(0, word.start() - 40):word.start()])
        before = previous.group(1).strip(",").lower() if previous else ""
        return not (_is_people_noun(before, names.vocab) or before in names.vocab.relation_nouns)
    return low.endswith(("ing", "ed")) and len(low) > 4 and bool(following) and (
        following.group(1).lower() in _DETERMINERS or following.group(1)[0].isupper() or following.group(1)[0].isdigit())


_ARTICLES_AND_POSSESSIVES = frozenset("a an the this that these those his her its their our my your".split())
# Particles, prepositions and pronouns a noun phrase does not reach back over ("set up a panel",
# "worked out between his family", "made it clear the family").
_NOT_IN_PHRASE = frozenset("up down out off over back away between among against through across toward towards "
                           "via within upon under it he she they we i you me him them us".split())


@cache
def _listed_verbs() -> frozenset[str]:
    """The verb forms the event vocabulary lists (irregular, bare past, present, reporting verbs)."""
    from dateline.events import vocabulary as event_vocabulary

    v = event_vocabulary()
    return frozenset().union(v.irregular_verbs, v.bare_past_verbs, v.present_verbs, v.reporting_verbs)
