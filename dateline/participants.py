"""Who took part in an event and where it happened, resolved inside the article.

Rules over the text, no parser. The names of an article are its entities (dateline.entities): found
once, each of a kind (person, organisation, product, country, city, US state), short mentions and the
words that stand for a name tied to its entity ("Mr. Shoigu" -> "Sergei K. Shoigu", "IBM" ->
"International Business Machines Corp.", "the carmaker" -> "General Motors"). For each event:

- the agent: the noun phrase before the trigger ("a Russian official said"), skipping an aside
  between commas; "by X" after a passive ("announced by Mr. Shoigu"); the antecedent of "who"; the
  person a pronoun refers to (the first person named in its sentence or the nearest one before); the
  organisation "it", "its" or "the company" stands for;
  what follows "there were"; past a time or an adverb between subject and verb ("FBI officials on
  Saturday played down"), and past an age before an aside (", 52, an obstetrician,");
- the other names in the subject (modifier_of_subject): the possessor or modifier of its head noun,
  names after its "of" and names coordinated with it ("Telerate shares fell", "an FBI official said",
  "representatives of Dow Jones and Telerate began");
- for a verb without a subject of its own, the subject of the event governing it (inherited_agent): an
  infinitive ("fell 50 cents to close"; not after "invited them to", object_control_verbs), a
  participle after a comma, an event noun taken by a support verb ("began negotiations"), a
  participle opening the sentence ("Reading from ..., Castro said");
- the others: names and nationality groups ("Russian forces") in the trigger's clause, after it, up
  to a later verb that opens a predicate of its own (object_ends_at_next_verb: "an accord signed by
  Mr. Annan" is Annan's signing, not the accord's);
- the place: a place after "in", "at", "near", "to" in the clause; "the North Korean capital" as the
  capital the article names; the place a "where" clause refers back to; else the nearest place after
  such a preposition in the sentence.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from dateline.entities import ArticleEntities, NameMention
from dateline.entities.article import verb_form
from dateline.entities.vocabulary import entity_vocabulary
from dateline.gazetteer import VOCABULARY_FILE, Gazetteer
from dateline.model import Event, Participant, Place
from dateline.sentences import Span
from dateline.vocabulary_files import load_vocabulary

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,-]*[A-Za-z0-9]|[A-Za-z0-9]")
_REGION_WORDS = ("region", "province", "oblast", "district", "state", "county", "area")
# The kinds of name that can take part in an event (cities and states are only where it happened).
_PARTICIPANT_KINDS = ("person", "organization", "country", "product")


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    titles: frozenset[str]
    organization_heads: frozenset[str]
    agent_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    appositive_openers: frozenset[str]
    object_control_verbs: frozenset[str]
    support_verbs: frozenset[str]


@cache
def _vocabulary(path: Path = VOCABULARY_FILE) -> _Vocabulary:
    data = load_vocabulary(path)
    return _Vocabulary(**{name: frozenset(str(w).lower() for w in data[name]) for name in _Vocabulary.__dataclass_fields__})


def _sentence_initial_words() -> frozenset[str]:
    """Function words that start a capitalised run without being part of a name ("The", "It")."""
    from dateline.events import vocabulary as event_vocabulary  # the shared list of sentence-initial words

    return event_vocabulary().not_names


# Words that end a noun phrase when reading back from a verb: what comes before them is not its subject.
_PHRASE_BOUNDARY = frozenset(
    "that which who whom whose when while where whereas although though because if unless after before "
    "since until as but or so said says told than said, for with without by about of from to into onto "
    "on in at over under".split())
# Helpers and adverbs between a subject and its verb ("South Korea has reported", "he last visited").
_BETWEEN_SUBJECT_AND_VERB = frozenset(
    "has have had is are was were be been being will would shall should can could may might must do does "
    "did not n't never also already just still again now then soon recently reportedly allegedly "
    "apparently finally first last only even ever once later earlier immediately officially all both "
    "long jointly separately previously quickly".split())
_DETERMINERS = frozenset("a an the this that these those his her its their our some many several two "
                         "three four five six seven eight nine ten dozens hundreds thousands".split())

REACH = 400  # characters around a trigger where its participants and places are looked for


class ArticleNames:
    """The names of one article, found and resolved once, for all its events: the article's entities
    (dateline.entities), read the way the participant rules below ask."""

    def __init__(self, text: str, gazetteer_: Gazetteer | None = None, sentences: list[Span] | None = None,
                 times: list[Span] = ()) -> None:
        self.text = text
        # Capitalised words inside a time expression ("Thanksgiving Day", "Monday") are not names.
        self.entities = ArticleEntities(text, sentences, times, _sentence_initial_words(), gazetteer_)
        self.gazetteer = self.entities.gazetteer
        self.vocab = _vocabulary()
        self.entities_vocabulary = entity_vocabulary()
        self.sentences = self.entities.sentences
        self.names: list[NameMention] = self.entities.names
        self._starts = [n.start for n in self.names]
        self._name_at = {n.start: n for n in self.names}
        self._anaphor_at = {a.start: a for a in self.entities.anaphors}
        self._anaphor_ending_at = {a.end: a for a in self.entities.anaphors}
        # The places found after prepositions in a span (and whether it is a visit's): see _places_after_prepositions.
        self.places_in: dict[tuple[int, int, bool], tuple[Place, ...]] = {}
        self.times = sorted(times)
        # The agents of the events read so far, by sentence, in text order (the events are read in
        # text order): (trigger start, trigger end, trigger, its subject: the agent and the names in
        # the subject). See _inherited_agent.
        self.agents: dict[int, list[tuple[int, int, str, tuple[Participant, ...]]]] = {}

    def time_ending_at(self, end: int) -> Span | None:
        """The time expression ending at `end` (spaces aside), if any: "FBI officials on Saturday played"."""
        index = bisect_left(self.times, (end + 1,)) - 1
        while index >= 0 and self.times[index][1] >= end - 1:
            if self.times[index][1] <= end and not self.text[self.times[index][1]:end].strip():
                return self.times[index]
            index -= 1
        return None

    def names_in(self, start: int, end: int) -> list[NameMention]:
        """The names lying wholly inside text[start:end], in order."""
        first = bisect_left(self._starts, start)
        return [n for n in self.names[first:bisect_left(self._starts, end)] if n.end <= end]

    def person_before(self, offset: int) -> NameMention | None:
        """Who "he"/"she" at offset most likely is (dateline.entities.links.Salience.person_before)."""
        person = self.entities.salience.person_before(offset)
        return self._name_at[person.start] if person else None

    def anaphor(self, start: int | None = None, end: int | None = None) -> Participant | None:
        """The entity that "it", "its" or "the company" starting at `start` (or ending at `end`) stands
        for, as a participant written as those words."""
        found = self._anaphor_at.get(start) if start is not None else self._anaphor_ending_at.get(end)
        if found is None:
            return None
        entity = self.entities.by_id[found.entity_id]
        first = self.entities.names_by_id[found.entity_id]
        return Participant(text=found.text, name=entity.name, kind=_participant_kind(first.kind),
                           country=first.country.alpha3 if first.country else None, start=found.start,
                           end=found.end, method=found.method, entity_id=entity.entity_id)

    def sentence_index(self, offset: int) -> int | None:
        return self.entities.salience.sentence_index(offset)


@dataclass(frozen=True, slots=True)
class _Window:
    """What the rules below read of an event: its trigger, and its sentence cut to REACH around it."""

    trigger: str
    trigger_start: int
    trigger_end: int
    sentence_start: int
    sentence_end: int


def participants_and_places(names: ArticleNames, event: Event, clauses: list[Span], clause: Span,
                            kind: str) -> tuple[tuple[Participant, ...], tuple[Place, ...]]:
    """Who took part in the event and where it happened. `clauses` are its sentence's clauses and
    `clause` the one holding the trigger; `kind` its event kind (a statement is placed only by a place
    after the verb: "said in Seoul", not by what the statement is about)."""
    # Participants sit near their verb: reading at most REACH characters around it keeps an endless
    # sentence (hostile input) linear, and changes nothing for a news sentence.
    low, high = event.trigger_start - REACH, event.trigger_end + REACH
    event = _Window(event.trigger, event.trigger_start, event.trigger_end,
                    max(event.sentence_start, low), min(event.sentence_end, high))
    clauses = [(max(a, low), min(b, high)) for a, b in clauses if b > low and a < high]
    clause = (max(clause[0], low), min(clause[1], high))
    return _participants(names, event, clauses, clause, kind), _places(names, event, clause, kind)


# --- who ----------------------------------------------------------------------------------------

# A name right before a reporting verb is the source of the report, not a participant of its event:
# "troops fought ..., a Ukrainian commander said".
_SOURCE_AFTER = re.compile(r"\s+(?:said|says|told|added|reported|wrote|announced|confirmed|stated)\b")
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


def _participants(names: ArticleNames, event: _Window, clauses: list[Span], clause: Span,
                  kind: str) -> tuple[Participant, ...]:
    text = names.text
    found: list[Participant] = []
    agent = _agent(names, event, clause) or _shared_subject(names, clauses, clause, event)
    subject = ([agent] if agent else []) + _subject_modifiers(names, event, agent)
    if not agent:
        subject = subject or list(_inherited_agent(names, event))
    names.agents.setdefault(names.sentence_index(event.trigger_start), []).append(
        (event.trigger_start, event.trigger_end, event.trigger.lower(), tuple(subject)))
    found += subject
    end = _object_region_end(text, event, clause, kind)
    after = [_participant(n, "named_after_trigger") for n in names.names_in(event.trigger_end, end)
             if n.kind in _PARTICIPANT_KINDS and not _possessor(text, n)
             and not (n.kind == "country" and _after_place_preposition(text, n))]
    after += _group_phrases(names, event.trigger_end, end) + _partners(names, event.trigger_end, end)
    after += _direct_object(names, event, end)
    found += sorted((p for p in after if not _in_aside(text, event.trigger_end, p.start)
                     and not _SOURCE_AFTER.match(text, p.end)
                     and not (agent and agent.start < p.end and p.start < agent.end)), key=lambda p: p.start)
    unique: dict[str, Participant] = {}
    for participant in found:
        unique.setdefault(participant.name, participant)
    return tuple(unique.values())


def _participant(name: NameMention, method: str, text: str | None = None, start: int | None = None,
                 end: int | None = None) -> Participant:
    return Participant(
        text=text or name.text, name=name.name, kind=_participant_kind(name.kind),
        country=name.country.alpha3 if name.country else None,
        start=name.start if start is None else start, end=name.end if end is None else end, method=method,
        entity_id=name.entity_id)


def _participant_kind(kind: str) -> str:
    return kind if kind in _PARTICIPANT_KINDS else "organization"


def _possessor(text: str, name: NameMention) -> bool:
    return text[name.end:name.end + 2] in ("'s", "’s")


_BY = re.compile(r"\s+by\s+")
_COMMA = re.compile(",")


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
        return _participant(after[0], "speaker_after_verb")
    return None


def _agent(names: ArticleNames, event: _Window, clause: Span) -> Participant | None:
    """Who did it: the passive's "by X", the subject before the verb, or the owner of an event noun."""
    text, vocab = names.text, names.vocab
    passive = _BY.match(text, event.trigger_end)
    if passive:
        after = names.names_in(passive.end(), clause[1])
        if after and after[0].start == passive.end():
            return _participant(after[0], "passive_agent")
    speaker = _speaker_after_verb(names, event, clause)
    if speaker:
        return speaker
    words = list(_WORD.finditer(text, event.sentence_start, event.trigger_start))
    owner = _owner(names, words[-3:], event.trigger_start) if event.trigger.lower() not in _VERBISH else None
    if owner:
        return owner
    words = _without_words_between(names, words, event.trigger_start)
    if not words or words[-1].end() <= clause[0] - 1 and clause[0] > event.sentence_start and \
            text[clause[0]:event.trigger_start].strip():
        return None
    last = words[-1]
    between = text[last.end():event.trigger_start]
    low = last.group().lower()
    if low in ("there", "here") and "," not in between:
        return _following_phrase(names, event, clause, "existential_subject")
    if low in ("who", "that", "which") and text[max(0, last.start() - 2):last.start()].strip() in (",", ""):
        antecedent = [n for n in names.names_in(event.sentence_start, last.start())
                      if n.kind in _PARTICIPANT_KINDS]
        if antecedent and text[antecedent[-1].end:last.start()].strip() in (",", ""):
            return _participant(antecedent[-1], "relative_antecedent")
        return None
    if "," in between or ";" in between:
        words = _skip_aside(text, words, event.sentence_start)
        if not words:
            return None
        last, low = words[-1], words[-1].group().lower()
    if low.endswith(("'s", "’s")) and low[:-2] in vocab.person_pronouns | names.entities_vocabulary.thing_pronouns:
        low = low[:-2]  # "He's expected to meet"
    if low in names.entities_vocabulary.thing_pronouns:
        return names.anaphor(start=last.start())  # "it said": the organisation or product named before
    if low in vocab.person_pronouns:
        person = names.person_before(last.start())
        return _participant(person, "pronoun", text=last.group()[:len(low)], start=last.start(),
                            end=last.start() + len(low)) if person else None
    if low in ("they", "we"):
        return _group_before(names, words[:-1], event.sentence_start)
    subject = _phrase_ending_at(names, words, "subject")
    if subject and subject.kind == "group" and subject.end == last.end() and _modifies_event_noun(names, subject, event):
        return None  # "an official visit": the word before an event noun describes it
    return subject


def _without_words_between(names: ArticleNames, words, verb_start: int) -> list[re.Match]:
    """The words before a verb without what stands between its subject and it: helpers and adverbs
    ("has also reportedly"), an adverb in -ly ("Friday formally joined"; not a noun after a determiner:
    "the family"), and a time with its preposition ("FBI officials on Saturday played down")."""
    words = list(words)
    while words:
        low = words[-1].group().lower()
        if low in _BETWEEN_SUBJECT_AND_VERB:
            words.pop()
        elif low.endswith("ly") and len(low) > 4 and low.isalpha() and words[-1].group().islower() \
                and not (len(words) > 1 and words[-2].group().lower() in _DETERMINERS):
            words.pop()
        elif names.times and not names.text[words[-1].end():verb_start].strip(" \t\n") \
                and (time := names.time_ending_at(words[-1].end())) is not None:
            before = len(words)
            while words and words[-1].start() >= time[0]:
                words.pop()
            if len(words) == before:
                break  # a time that starts inside the word: nothing to skip
            if words and words[-1].group().lower() in ("on", "in", "at", "by", "during", "early", "late"):
                words.pop()
            verb_start = words[-1].end() if words else verb_start
        else:
            break
    return words


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
    if not words or (agent and agent.method in ("passive_agent", "relative_antecedent", "existential_subject")):
        return []
    first = len(words) - 1
    while first > 0 and len(words) - first < 8:
        before = words[first - 1]
        gap = text[before.end():words[first].start()].strip()
        low = before.group().lower()
        if gap not in ("", ".") or low in _SUBJECT_STOP or low in _BETWEEN_SUBJECT_AND_VERB or \
                (before.group().islower() and verb_form(low)):
            break
        first -= 1
    start = words[first].start()
    return [_participant(n, "modifier_of_subject") for n in names.names_in(start, event.trigger_start)
            if n.kind in _PARTICIPANT_KINDS and not n.modifier and not (agent and agent.entity_id == n.entity_id)]


def _inherited_agent(names: ArticleNames, event: _Window) -> tuple[Participant, ...]:
    """The subject a verb without one of its own shares with the event that governs it (rule
    inherited_agent): an infinitive ("fell 50 cents to close", "announced plans to travel"; not after
    a verb whose object is the infinitive's subject: "invited the ministers to join"), a participle
    after a comma (", closing up $11"), an event noun that a support verb takes as its object ("began
    negotiations", "wrapped up a meeting"), and a participle opening the sentence, from the subject
    after its comma ("Reading from the documents, Castro said")."""
    text, vocab = names.text, names.vocab
    earlier = [a for a in names.agents.get(names.sentence_index(event.trigger_start), [])[-3:]
               if a[1] <= event.trigger_start]  # events are read in text order: the last ones are the nearest
    before = list(_WORD.finditer(text, max(event.sentence_start, event.trigger_start - 60), event.trigger_start))
    previous = before[-1].group().lower() if before else ""
    gap = text[before[-1].end():event.trigger_start] if before else ""
    trigger = event.trigger.lower()
    if previous == "to" and not gap.strip():
        for governing in reversed(earlier[-2:]):  # "announced plans to travel": past the noun to its verb
            if governing[2] in vocab.object_control_verbs:
                return ()
            if governing[3]:
                return _inherited(governing[3])
        return ()
    if trigger.endswith("ing") and gap.strip() == "," and earlier:
        return _inherited(earlier[-1][3])
    if earlier and earlier[-1][2] in vocab.support_verbs:
        between = _WORD.findall(text, earlier[-1][1], event.trigger_start)
        if len(between) <= 4 and not _ASIDE_MARK.search(text, earlier[-1][1], event.trigger_start) \
                and not any(w.lower() in _PHRASE_BOUNDARY or w[0].isupper() for w in between):
            return _inherited(earlier[-1][3])
    if trigger.endswith("ing") and not text[event.sentence_start:event.trigger_start].strip(" \t\n\"“‘`'"):
        comma = text.find(",", event.trigger_end, event.sentence_end)
        if comma > 0:
            after = names.names_in(comma + 1, min(event.sentence_end, comma + 80))
            opening = after[0] if after and not text[comma + 1:after[0].start].strip() else None
            if opening and opening.kind in _PARTICIPANT_KINDS:
                return (_participant(opening, "subject_after_opening_participle"),)
    return ()


def _inherited(subject: tuple[Participant, ...]) -> tuple[Participant, ...]:
    return tuple(replace(p, method="inherited_agent") for p in subject)


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


def _owner(names: ArticleNames, words: list[re.Match], trigger_start: int) -> Participant | None:
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
        if low in ("his", "her"):
            person = names.person_before(word.start())
            if person:
                return _participant(person, "pronoun", text=word.group(), start=word.start(), end=word.end())
            return None
        if low == "its":
            return names.anaphor(start=word.start())
        owned = [n for n in owners if n.start >= word.start()]
        if owned:
            return _participant(owned[0], "owner_of_event_noun")
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


def _skip_aside(text: str, words: list[re.Match], sentence_start: int) -> list[re.Match]:
    """Drop ", a close aide to President Putin," between a subject and its verb, so the words end at the
    subject, and an age before it (", 52, an obstetrician,"). Returns [] when what sits before the verb
    is not such an aside."""
    commas = [m.start() for m in _COMMA.finditer(text, sentence_start, words[-1].end() + 2)]
    if len(commas) < 2:
        return []
    aside_start = commas[-2]
    first_word = re.match(r"\s*([A-Za-z]+)", text[aside_start + 1:aside_start + 40])
    if not first_word or first_word.group(1).lower() not in _vocabulary().appositive_openers:
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
    if not _is_people_noun(last.group(), vocab):
        return None
    first = len(words) - 1
    while first > 0 and len(words) - first < 7:
        before = words[first - 1]
        if text[before.end():words[first].start()].strip() or before.group().lower() in _PHRASE_BOUNDARY \
                or before.group().lower() in _BETWEEN_SUBJECT_AND_VERB:
            break
        first -= 1
    return _group(names, words[first].start(), last.end(), method)


def _group(names: ArticleNames, start: int, end: int, method: str) -> Participant:
    phrase = names.text[start:end]
    first, _, rest = phrase.partition(" ")
    name = f"{first.lower()} {rest}" if rest and first.lower() in _DETERMINERS else phrase  # "A Russian official"
    return Participant(text=phrase, name=name, kind="group", country=_nationality(names, phrase),
                       start=start, end=end, method=method)


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
    return _group(names, phrase[0].start(), phrase[-1].end(), method)


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


_GROUP = re.compile(r"(?=[A-Z])\b((?:[A-Z][a-z]+\s+)?[A-Z][a-z]+)((?:\s+[a-z]+){0,2})\b")


def _group_phrases(names: ArticleNames, start: int, end: int) -> list[Participant]:
    """Nationality groups in text[start:end]: "Russian forces", "North Korean troops"."""
    found = []
    for match in _GROUP.finditer(names.text, start, end):
        country = names.gazetteer.country_of_demonym(match.group(1))
        words = match.group(2).split()
        for size in range(len(words), 0, -1) if country else ():
            if words[size - 1] in names.vocab.agent_nouns:
                phrase = match.group(1) + "".join(" " + w for w in words[:size])
                found.append(Participant(text=phrase, name=phrase, kind="group", country=country.alpha3,
                                         start=match.start(), end=match.start() + len(phrase),
                                         method="nationality_group"))
                break
    return found


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


def _direct_object(names: ArticleNames, event: _Window, end: int) -> list[Participant]:
    """People right after the verb: "arrested 14 foreigners", "evacuated the residents"."""
    words = []
    for word in _WORD.finditer(names.text, event.trigger_end, min(end, event.trigger_end + 60)):
        if not words and word.group().lower() in _BETWEEN_SUBJECT_AND_VERB:
            continue  # "there were also engineers"
        if word.group().lower() in _PHRASE_BOUNDARY or word.group()[0].isupper() or len(words) == 4:
            break
        words.append(word)
        if _is_people_noun(word.group(), names.vocab):
            return [_group(names, words[0].start(), word.end(), "object_of_verb")]
    return []


def _is_people_noun(word: str, vocab: _Vocabulary) -> bool:
    """A word naming people: listed, or a plural of an agent ending ("firefighters", "activists")."""
    low = word.lower()
    return low in vocab.agent_nouns or bool(_PEOPLE_PLURAL.search(low))


# "firefighters", "gunmen"; not "cents", "statements", "events"
_PEOPLE_PLURAL = re.compile(r"(?:[^e]er|or|ist|ian|ant|(?<!m)(?<!c)(?<!v)ent|eer)s$|men$")


def _nationality(names: ArticleNames, phrase: str) -> str | None:
    for match in re.finditer(r"(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+", phrase):
        for candidate in (match.group(), match.group().split()[-1]):
            country = names.gazetteer.country_of_demonym(candidate) or names.gazetteer.country(candidate)
            if country:
                return country.alpha3
    return None


def _in_aside(text: str, start: int, offset: int) -> bool:
    """Whether offset sits in a comma aside describing the name before it (", the North Korean leader,")."""
    comma = text.rfind(",", start, offset)
    if comma < 0 or "," in text[offset:offset + 0]:
        return False
    first_word = re.match(r"\s*([A-Za-z]+)", text[comma + 1:offset + 1])
    closed = text.find(",", offset) >= 0 and text.find(",", offset) < (text.find(".", offset) % (len(text) + 1))
    return bool(first_word) and first_word.group(1).lower() in _vocabulary().appositive_openers and closed


# --- where --------------------------------------------------------------------------------------

def _places(names: ArticleNames, event: _Window, clause: Span, kind: str) -> tuple[Place, ...]:
    if kind == "statement":
        return tuple(_places_after_prepositions(names, event.trigger_end, clause[1]))
    places = _places_after_prepositions(names, *clause, kind) + _capitals(names, *clause) + _object_places(names, event)
    if not places:
        referred = _where_clause_place(names, event)
        places = [referred] if referred else []
    if not places:
        nearest = sorted(_places_after_prepositions(names, event.sentence_start, event.sentence_end),
                         key=lambda p: abs(p.start - event.trigger_start))
        places = [replace(p, method="nearest_in_sentence") for p in nearest[:1]]
    unique: dict[str, Place] = {}
    for place in sorted(places, key=lambda p: p.start):
        unique.setdefault(place.name, place)
    return tuple(unique.values())


# The preposition before a place, past an article or a possessor: "in Pyongyang", "in the Kursk region",
# "to Russia's Kursk region".
_PREPOSITION_BEFORE = re.compile(
    r"(?=[inaotf])\b(in|at|near|inside|outside|to|into|from)\s+(?:the\s+|(?:[A-Z][A-Za-z.]*\s+)*[A-Z][A-Za-z.]*['’]s\s+)?$",
    re.IGNORECASE)


_COORDINATED = re.compile(r"\s*(?:,\s*|\s+)(?:and\s+|or\s+)?")


def _places_after_prepositions(names: ArticleNames, start: int, end: int, kind: str = "") -> list[Place]:
    """Places after "in", "at", "near", "to" ... and the places coordinated with them ("in Dar es Salaam
    and Nairobi"). A country after "to", "into" or "from" is where people or things went, not where the
    event happened, except for a visit ("his visit to Mexico").
    The events of a clause share its places: they are found once per span of the article."""
    key = (start, end, kind == "visit")
    if key not in names.places_in:
        names.places_in[key] = tuple(_find_places_after_prepositions(names, start, end, kind))
    return list(names.places_in[key])


def _find_places_after_prepositions(names: ArticleNames, start: int, end: int, kind: str) -> list[Place]:
    found: list[Place] = []
    last_end = -1
    for name in names.names_in(start, end):
        if name.kind not in ("city", "country", "us_state") or _possessor(names.text, name):
            continue
        region = _region_after(names, name)
        coordinated = last_end >= 0 and _COORDINATED.fullmatch(names.text, last_end, name.start)
        before = _PREPOSITION_BEFORE.search(names.text, max(start, name.start - 60), name.start)
        if not before and not coordinated:
            continue
        if before and not coordinated and name.kind == "country" and not region and kind != "visit" \
                and before.group(1).lower() in ("to", "into", "from"):
            continue  # "sent workers to Russia", "flights from North Korea": not where it happened
        place = region or _place(names, name, "preposition_in_clause")
        found.append(place)
        last_end = place.end
    return found


def _after_place_preposition(text: str, name: NameMention) -> bool:
    """A name after "in", "to", "from" ... is a place, not a participant ("a visit to Mexico")."""
    return bool(_PREPOSITION_BEFORE.search(text, max(0, name.start - 60), name.start))


def _object_places(names: ArticleNames, event: _Window) -> list[Place]:
    """A place right after the verb is its object: "visited Stockholm", "shelled Kharkiv"."""
    following = names.names_in(event.trigger_end, event.trigger_end + 40)
    if following and following[0].kind in ("city", "country", "us_state") and \
            not names.text[event.trigger_end:following[0].start].strip(" ") and not _possessor(names.text, following[0]):
        return [_region_after(names, following[0]) or _place(names, following[0], "object_of_verb")]
    return []


def _region_after(names: ArticleNames, name: NameMention) -> Place | None:
    """"Kursk region": the region named after a city, not the city itself (no coordinates given)."""
    match = re.match(r"\s+([a-z]+)\b", names.text[name.end:name.end + 12])
    if not match or match.group(1) not in _REGION_WORDS or name.kind != "city":
        return None
    end = name.end + match.end()
    return Place(text=names.text[name.start:end], name=f"{name.name} {match.group(1)}", kind="region",
                 country=name.country.alpha3 if name.country else None, geonames_id=None, latitude=None,
                 longitude=None, start=name.start, end=end, method="region_named_after_city")


def _place(names: ArticleNames, name: NameMention, method: str, text: str | None = None, start: int | None = None,
           end: int | None = None) -> Place:
    g = names.gazetteer
    city = g.city(name.name) if name.kind == "city" else None
    country = name.country
    if city:
        geonames_id = city.geonames_id
    elif name.kind == "country" and country:
        geonames_id = country.geonames_id
    else:
        geonames_id = g.us_states.get(name.name)
    return Place(
        text=text or name.text, name=name.name, kind=name.kind,
        country=country.alpha3 if country else None, geonames_id=geonames_id,
        latitude=city.latitude if city else None, longitude=city.longitude if city else None,
        start=name.start if start is None else start, end=name.end if end is None else end, method=method)


_CAPITAL = re.compile(r"\bthe\s+((?:[A-Z][a-z]+\s+)?[A-Z][a-z]+)\s+capital\b")


def _capitals(names: ArticleNames, start: int, end: int) -> list[Place]:
    """"the North Korean capital" -> Pyongyang, but only where the article itself names that city."""
    found = []
    if names.text.find("capital", start, end) < 0:
        return found  # most clauses name no capital: skip the pattern
    for match in _CAPITAL.finditer(names.text, start, end):
        country = names.gazetteer.country_of_demonym(match.group(1)) or names.gazetteer.country(match.group(1))
        capital = names.gazetteer.capital_of(country) if country else None
        named = next((n for n in names.names if n.kind == "city" and n.name == capital.name), None) if capital else None
        if named:
            found.append(_place(names, named, "capital_named_in_text", text=match.group(), start=match.start(),
                                end=match.end()))
    return found


_REFERS_BACK = re.compile(r"(?:,|\bis|\bwas|\bare|\bwere)\s+where\b")


def _where_clause_place(names: ArticleNames, event: _Window) -> Place | None:
    """"Kursk, where troops fought", "That is where troops fought": the place the clause refers back to."""
    opener = None
    if names.text.find("where", event.sentence_start, event.trigger_start) < 0:
        return None  # most sentences have no "where": skip the pattern
    for opener in _REFERS_BACK.finditer(names.text, event.sentence_start, event.trigger_start):
        pass
    if opener is None:
        return None
    earlier = [n for n in names.names_in(max(0, opener.start() - 400), opener.start() + 1)
               if n.kind in ("city", "country", "us_state")]
    if not earlier:
        return None
    return _region_after(names, earlier[-1]) or _place(names, earlier[-1], "where_refers_back")
