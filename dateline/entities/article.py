"""The entities of one article: its names found (names), each read (kinds), tied together and to the
words that stand for them (links), each entity with its id (ids). Built once per article, for all its
events and for the entities dataset."""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

from dateline.entities.gender import person_gender
from dateline.entities.ids import entity_id
from dateline.entities.kinds import Reading, read_names
from dateline.entities.links import Anaphor, Mentioned, Salience, anaphors, canonical_names
from dateline.entities.names import find_names
from dateline.entities.vocabulary import entity_vocabulary
from dateline.gazetteer import Country, Gazetteer, gazetteer
from dateline.sentences import Span, sentence_spans

# A name's kind as the participant rules use it, and the kind of entity it names.
ENTITY_KIND = {"person": "person", "organization": "organization", "product": "product", "country": "place",
               "city": "place", "us_state": "place", "region": "place"}


@dataclass(frozen=True, slots=True)
class NameMention:
    """A name as written in the article, with what it is and the entity it names."""

    text: str
    start: int
    end: int
    kind: str  # person, organization, product, country, city, us_state, region
    name: str  # the entity's canonical name: "Sergei K. Shoigu" for "Mr. Shoigu", "Acme Corp." for "Acme"
    country: Country | None
    entity_id: str
    rule: str  # the rule that decided its kind (dateline.entities.kinds)
    modifier: bool = False  # a place's name describing the noun after it ("U.S. troops"): no mention of the place


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity of an article: its id, canonical name, kind, the writings it has, how often it is
    mentioned (by name, pronoun or description)."""

    entity_id: str
    name: str
    kind: str  # person, organization, place, product
    aliases: tuple[str, ...]  # the names it is written as, the canonical one included, in order
    mentions: int


class ArticleEntities:
    """The entities of an article and every mention of them (see the module's docstring)."""

    def __init__(self, text: str, sentences: list[Span] | None = None, times: Collection[Span] = (),
                 not_names: Collection[str] = frozenset(), gazetteer_: Gazetteer | None = None) -> None:
        self.text = text
        self.sentences = sentence_spans(text) if sentences is None else sentences
        self.gazetteer = gazetteer_ or gazetteer()
        vocab = entity_vocabulary()
        found = find_names(text, not_names, [start for start, _ in self.sentences], list(times), vocab)
        readings = read_names(found, text, self.gazetteer, vocab)
        order = list(dict.fromkeys(name for name, _, _ in found))
        owned = _always_after_a_possessive(text, found)
        organizations = canonical_names(readings, order, vocab, owned)
        self.names: list[NameMention] = []
        written: dict[str, list[str]] = {}  # entity id -> the names it is written as
        canonical: dict[str, tuple[str, str]] = {}  # entity id -> (canonical name, kind)
        decided: dict[str, NameMention] = {}  # the same words are the same entity all through the article
        for name, start, end in found:
            mention = decided.get(name)
            if mention is None:
                mention = decided[name] = self._decide(name, readings[name], organizations.get(name))
                if mention.kind != "other":
                    canonical.setdefault(mention.entity_id, (mention.name, ENTITY_KIND[mention.kind]))
            if mention.kind == "other":
                continue
            written.setdefault(mention.entity_id, []).append(readings[name].bare)
            self.names.append(NameMention(name, start, end, mention.kind, mention.name, mention.country,
                                          mention.entity_id, mention.rule))
        self.names = [_as_modifier(n) if _place_as_modifier(text, n, vocab) else n for n in self.names]
        self.salience = Salience(text, self.sentences, [
            _mentioned(n, readings[n.text]) for n in self.names if not n.modifier], subject_before=lambda end: _verb_follows(text, end),
            speech_verbs=vocab.speech_verbs)
        self.anaphors: list[Anaphor] = anaphors(text, self.salience, vocab)
        # What the article says of its entities: every name that stands for one, and every word standing for a name.
        self.mentions: list[NameMention | Anaphor] = sorted(
            [*(n for n in self.names if not n.modifier), *self.anaphors], key=lambda m: m.start)
        counts: dict[str, int] = {}
        for mention in (*self.names, *self.anaphors):
            counts[mention.entity_id] = counts.get(mention.entity_id, 0) + 1
        self.entities = [
            Entity(eid, canonical[eid][0], canonical[eid][1],
                   tuple(dict.fromkeys([canonical[eid][0], *written[eid]])), counts[eid])
            for eid in dict.fromkeys(n.entity_id for n in self.names)
        ]
        self.by_id = {entity.entity_id: entity for entity in self.entities}
        self.names_by_id = {n.entity_id: n for n in reversed(self.names)}  # the first mention of each

    def _decide(self, name: str, reading: Reading, organization: str | None) -> NameMention:
        kind, canonical, rule = reading.kind, reading.name, reading.rule
        if organization is not None:
            kind, canonical = "organization", organization
            rule = rule if reading.kind == "organization" else "short_form"
        if kind == "other":
            return NameMention(name, 0, 0, "other", reading.bare, None, "", rule)
        return NameMention(name, 0, 0, kind, canonical, reading.country, entity_id(ENTITY_KIND[kind], canonical), rule)

    def mention_at(self, start: int) -> NameMention | Anaphor | None:
        """The mention (a name or an anaphor) starting at this offset, if any."""
        for mention in (*self.names, *self.anaphors):
            if mention.start == start:
                return mention
        return None


# --- rule place_as_modifier -------------------------------------------------------------------------

_PLACE_KINDS = ("country", "city", "us_state", "region")
_NEXT_WORD = re.compile(r"[ \t]+([a-z][a-z-]+)\b")
_WORD_BEFORE = re.compile(r"(?:^|\s)([A-Za-z0-9,.'’-]+)\s+$")
_MODIFYING_DETERMINERS = frozenset("the a an this these those his her its their our my your some many several "
                                   "two three four five six seven eight nine ten".split())


_POSSESSIVE_BEFORE = re.compile(r"[A-Za-z.]['’]s\s+$")


def _always_after_a_possessive(text: str, found: list[tuple[str, int, int]]) -> frozenset[str]:
    """Names written only after another's possessive ("Mr. Putin's Security Council"): a body of that
    owner, not the short form of a longer name ("the U.N. Security Council")."""
    after, elsewhere = set(), set()
    for name, start, _ in found:
        (after if _POSSESSIVE_BEFORE.search(text, max(0, start - 4), start) else elsewhere).add(name)
    return frozenset(after - elsewhere)


def _place_as_modifier(text: str, name: NameMention, vocab) -> bool:
    """Rule place_as_modifier (vocabulary/entities.yaml): a place's name that describes the lowercase
    noun after it ("U.S. troops", "the Buffalo area") rather than naming the place."""
    if name.kind not in _PLACE_KINDS or text.startswith(("'s", "’s"), name.end):
        return False
    following = _NEXT_WORD.match(text, name.end)
    if not following:
        return False
    word = following.group(1)
    if word in vocab.not_modified_words or word in vocab.place_standing_nouns or word.endswith("ly") or verb_form(word):
        return False
    if word in vocab.agent_nouns or word in vocab.place_modified_nouns:
        return True
    before = _WORD_BEFORE.search(text, max(0, name.start - 30), name.start)
    if not before:
        return False
    previous = before.group(1).lower()
    return previous in _MODIFYING_DETERMINERS or previous.endswith(("'s", "’s")) or previous[:1].isdigit()


_WORD_AFTER_NAME = re.compile(r"[ \t]+([a-z][a-z'’]*)")


def _verb_follows(text: str, end: int) -> bool:
    """A verb right after a name: the name is its clause's subject ("Iraq has destroyed its ...")."""
    following = _WORD_AFTER_NAME.match(text, end)
    return bool(following) and verb_form(following.group(1))


def verb_form(word: str) -> bool:
    """A word that reads as a verb after a subject ("Iraq complies", "Cuba appealed", "Baghdad has")."""
    verbs = _verb_forms()
    return word in verbs or word.endswith("ed") or (word.endswith("s") and word[:-1] in verbs)


@cache
def _verb_forms() -> frozenset[str]:
    from dateline.events import vocabulary as event_vocabulary  # the verb lists of events.yaml

    v = event_vocabulary()
    return frozenset().union(v.irregular_verbs, v.bare_past_verbs, v.present_verbs, v.reporting_verbs, v.be_forms,
                             v.modal_auxiliaries, v.have_forms)


def _mentioned(name: NameMention, reading: Reading) -> Mentioned:
    """A name as the salience rule reads it: a person with its titles and, where they or the given name
    tell it, its sex."""
    if name.kind != "person":
        return Mentioned(name.start, name.entity_id, name.kind if name.kind == "country" else ENTITY_KIND[name.kind],
                         name.name, name.end)
    titles = _titles(name, reading)
    return Mentioned(name.start, name.entity_id, "person", name.name, name.end, titles,
                     person_gender(name.name, titles))


def _titles(name: NameMention, reading: Reading) -> tuple[str, ...]:
    """The title words a person's name is written with here: "President Bill Clinton" -> ("president",)."""
    if not reading.titled:
        return ()
    bare = set(reading.bare.split())
    return tuple(w.lower().rstrip(".") for w in name.text.split() if w not in bare)


def _as_modifier(name: NameMention) -> NameMention:
    return NameMention(name.text, name.start, name.end, name.kind, name.name, name.country, name.entity_id,
                       "place_as_modifier", modifier=True)
