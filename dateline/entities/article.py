"""The entities of one article: its names found (names), each read (kinds), tied together and to the
words that stand for them (links), each entity with its id (ids). Built once per article, for all its
events and for the entities dataset."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

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
        organizations = canonical_names(readings, order, vocab)
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
        self.salience = Salience(text, self.sentences, [
            Mentioned(n.start, n.entity_id, ENTITY_KIND[n.kind], n.name) for n in self.names])
        self.anaphors: list[Anaphor] = anaphors(text, self.salience, vocab)
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
