"""Where an event happened: places after prepositions in its clause, the object of a verb of
movement or attack, a capital the article names, the place a "where" clause refers back to."""
from __future__ import annotations

import re
from dataclasses import replace

from dateline.entities import NameMention
from dateline.model import Place
from dateline.participants.names import ArticleNames, _PHRASE_BOUNDARY, _REGION_WORDS, _Window, _possessor
from dateline.sentences import Span


def _places(names: ArticleNames, event: _Window, clause: Span, kind: str) -> tuple[Place, ...]:
    if kind == "statement":
        # where the statement was made sits right after its verb ("said in Seoul", "told reporters on
        # Friday in Geneva"), not in what it reports ("said the bomb that exploded in Nairobi was ...")
        end = min(clause[1], event.trigger_end + _STATEMENT_PLACE_REACH)
        return tuple(_places_after_prepositions(names, event.trigger_end, end)) or _opening_place(names, event)
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


_STATEMENT_PLACE_REACH = 40  # characters after a statement's verb where its place is written
_SUBJECT_WORDS = 8  # words between the opening phrase's comma and the statement's verb
_OPENING_PLACE = re.compile(r"[\s\"“‘`']*(?:In|At|From)\s+")


def _opening_place(names: ArticleNames, event: _Window) -> tuple[Place, ...]:
    """Rule statement_opening_place: "In Washington, spokesman Pete Williams said": the place of a
    sentence's opening phrase, closed by a comma before the verb, is where the statement was made."""
    opening = _OPENING_PLACE.match(names.text, event.sentence_start, event.trigger_start)
    if not opening:
        return ()
    first = names.name_at(opening.end())
    if first is None or first.kind not in _PLACE_KINDS or not names.text.startswith(",", first.end) \
            or len(names.text[first.end + 1:event.trigger_start].split()) > _SUBJECT_WORDS:
        return ()  # the verb of a later clause ("In Kuwait, ..., according to an official who spoke")
    return (_place(names, first, "statement_opening_place"),)


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


# "outside embassies of the United States", "in the capital of Chad": the country after "of" in a place
# phrase says where, too.
_OF_IN_PLACE_PHRASE = re.compile(r"(?=[inaof])\b(?:in|at|near|inside|outside|into|from)\s+(?:the\s+)?"
                                 r"(?:[a-z][a-z-]*\s+){1,2}of\s+(?:the\s+)?$", re.IGNORECASE)
# "arrived at the FBI lab": an organisation's name that describes the noun of a place phrase.
_NOUN_AFTER = re.compile(r"\s+([a-z]+)\b")


def modifies_place_noun(names: ArticleNames, name: NameMention) -> bool:
    """Rule organization_in_place_phrase: "the FBI lab" after "at", "in", "to" ... is a place; the
    organisation only describes it and takes no part in the event ("arrived at the FBI lab")."""
    before = names.text[max(0, name.start - 12):name.start]
    if not re.search(r"\b(?:in|at|near|inside|outside|to|into|from)\s+the\s+$", before, re.IGNORECASE):
        return False
    noun = _NOUN_AFTER.match(names.text, name.end)
    # not a noun that names the organisation itself ("into the NATO alliance", "to the Labour party")
    return bool(noun) and noun.group(1) not in _PHRASE_BOUNDARY and noun.group(1) not in ("and", "or") \
        and noun.group(1) not in names.vocab.organization_heads


_LIST_JOINER = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")
_PLACE_KINDS = ("city", "country", "us_state")


def in_place_phrase(names: ArticleNames, name: NameMention) -> bool:
    """Rule place_list_after_preposition: a name after "in", "to", "from" ..., or later in a list of
    places that opens so ("in Chad and Niger", "to Peru, Chile and Bolivia"), is a place, not a
    participant."""
    current = name
    for _ in range(5):
        if _after_place_preposition(names.text, current) \
                or _OF_IN_PLACE_PHRASE.search(names.text, max(0, current.start - 60), current.start):
            return True
        joiner = _LIST_JOINER.search(names.text, max(0, current.start - 8), current.start)
        if not joiner:
            return False
        before = names.names_in(max(0, joiner.start() - 80), joiner.start())
        if not before or before[-1].end != joiner.start() or before[-1].kind not in _PLACE_KINDS:
            return False
        current = before[-1]
    return False


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
