"""The names of an article read for its events (ArticleNames), the window of text an event is read
in, and what the participant rules share: turning a name or a phrase into a participant, people
nouns, nationality groups."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dateline.entities import ArticleEntities, NameMention
from dateline.entities.vocabulary import entity_vocabulary
from dateline.gazetteer import VOCABULARY_FILE, Gazetteer
from dateline.model import Participant, Place
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
    amount_verbs: frozenset[str]
    amount_nouns: frozenset[str]
    verbs_without_addressee: frozenset[str]
    relation_nouns: frozenset[str]
    collective_nouns: frozenset[str]
    roles_before_of: frozenset[str]
    female_people_nouns: frozenset[str]
    male_people_nouns: frozenset[str]


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

    def name_at(self, start: int) -> NameMention | None:
        """The name that starts at `start`, if any."""
        return self._name_at.get(start)

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


def _group(names: ArticleNames, start: int, end: int, method: str) -> Participant:
    phrase = names.text[start:end]
    first, _, rest = phrase.partition(" ")
    name = f"{first.lower()} {rest}" if rest and first.lower() in _DETERMINERS else phrase  # "A Russian official"
    return Participant(text=phrase, name=name, kind="group", country=_nationality(names, phrase),
                       start=start, end=end, method=method)


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


def _is_people_noun(word: str, vocab: _Vocabulary) -> bool:
    """A word naming people: listed, or a plural of an agent ending ("firefighters", "activists")."""
    low = word.lower()
    return low in vocab.agent_nouns or bool(_PEOPLE_PLURAL.search(low)) or _plural_of_listed(low, vocab)


def _plural_of_listed(low: str, vocab: _Vocabulary) -> bool:
    """The plural of a listed people noun ("teams", "councils", "committees"; not "houses", buildings)."""
    return low.endswith("s") and len(low) > 3 and low != "houses" and (
        low[:-1] in vocab.agent_nouns or low.endswith("ies") and low[:-3] + "y" in vocab.agent_nouns)


# "firefighters", "gunmen"; not "cents", "statements", "events"
_PEOPLE_PLURAL = re.compile(r"(?:[^e]er|or|ist|ian|ant|(?<!m)(?<!c)(?<!v)ent|eer)s$|men$")


def _nationality(names: ArticleNames, phrase: str) -> str | None:
    for match in re.finditer(r"(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+", phrase):
        for candidate in (match.group(), match.group().split()[-1]):
            country = names.gazetteer.country_of_demonym(candidate) or names.gazetteer.country(candidate)
            if country:
                return country.alpha3
    return None
