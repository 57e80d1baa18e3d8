"""What each name of an article is: a person, an organisation, a product, a country, a city, a US state,
or nothing to keep ("other": a nationality word, a lone capitalised word nothing vouches for).

A name's kind depends on its words and on how the article uses it, so each distinct name is read once
from all its occurrences. The rules, in the order they are tried (`Reading.rule` names the one that
decided):

- organization_word: an organisation word last ("Security Council", "Acme Airlines") or before "of"
  ("Bank of England"), or an acronym that is no country or state ("NATO"); a place's name in capitals,
  as datelines write it ("HAVANA"), is the place (place_in_capitals);
- legal_suffix: a company's legal suffix last ("Acme Corp.", "Rolls-Royce plc"), from cleanco's list;
- ampersand: "Smith & Sons", "AT&T";
- ambiguous_title_opens_name: a word such as "General", "Royal", "National" left in the name once the
  real titles are gone ("General Motors", "Royal Dutch Shell"; not "Gen. Petraeus");
- organization_context: how a sentence uses it ("shares of X", "X's chief executive", "X shares fell",
  ", the German carmaker,"; speaks_of_itself_as_it: "X said it had sold its unit"); this also makes a city's name an organisation ("Toyota's profit");
- country, city, us_state: the gazetteer, for names without a title;
- geographic_name: a region or feature ("Eastern Europe", "Central Asia", "Gulf of Mexico"), or a
  settlement or area by its last word ("Quezon City", "Orange County"), a place;
- product: a model number last ("Jet 747", "Airbus A380") or a product noun or verb around it
  ("the Zephyr sedan", "launched the Zephyr");
- person: a title, a fuller name of the article holding it, or two words or more;
- lone_word_speaker_is_organization: a one-word name that speaks ("Acme said") with no title and no
  fuller person's name in the article (news introduces people by full name before the surname alone).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dateline.entities.gender import is_given_name, person_gender
from dateline.entities.names import Found
from dateline.entities.vocabulary import EntityVocabulary
from dateline.gazetteer import Country, Gazetteer

_POSSESSIVE_END = ("'s", "’s")
_APPOSITIVE = re.compile(r",\s+(?:the|a|an)\s+([^,.;:()]{1,70})")
_APPOSITIVE_STOP = frozenset("of in for with that who which whose at on to from by and".split())
_WORD_AFTER = re.compile(r"\s+([A-Za-z][A-Za-z-]*)")
_WORDS_BEFORE = re.compile(r"([A-Za-z]+)\W+(?:(?:the|its|a|an|new|their|his|her)\s+)?$")


@dataclass(frozen=True, slots=True)
class Reading:
    """What a distinct name of the article is."""

    kind: str  # person, organization, product, country, city, us_state, region, other
    bare: str  # the name without its titles ("Mr. Shoigu" -> "Shoigu")
    name: str  # resolved: a person's fullest name in the article, a place's gazetteer name, else bare
    country: Country | None
    titled: bool
    rule: str


@dataclass(slots=True)
class _Cues:
    organization: bool = False  # a use only an organisation has ("shares of X")
    speaker: bool = False  # the subject of a reporting verb ("X said")
    product: bool = False
    itself: bool = False  # it goes on as "it"/"its" after its reporting verb (speaks_of_itself_as_it)


def read_names(found: list[Found], text: str, gazetteer: Gazetteer, vocab: EntityVocabulary) -> dict[str, Reading]:
    """Each distinct name of `found` (as from names.find_names) with what it is."""
    occurrences: dict[str, list[tuple[int, int]]] = {}
    for name, start, end in found:
        occurrences.setdefault(name, []).append((start, end))
    cues = {name: _cues(text, spans, vocab) for name, spans in occurrences.items()}
    # Surnames the article gives with a first name: "General Petraeus" is then a title and a person.
    surnames = {name.split()[-1] for name in occurrences if len(name.split()) >= 2 and not _titles_in(name.split(), vocab)}
    bare = {name: _without_titles(name.split(), vocab, surnames) for name in occurrences}
    organization = {name: _organization_rule(name, bare[name], cues[name], gazetteer, vocab) for name in occurrences}
    _organization_of_short_form(occurrences, bare, organization, cues)
    full_people = _full_people(occurrences, bare, organization, cues, gazetteer, vocab)
    return {name: _read(name, bare[name], organization[name], cues[name], full_people, gazetteer, vocab)
            for name in occurrences}


def _organization_of_short_form(occurrences, bare, organization, cues) -> None:
    """Rule organization_short_form: "Kestrel sold the unit to Orlan Systems. Orlan said it would keep
    the workers": a lone word that goes on as "it" after its reporting verb (speaks_of_itself_as_it),
    opening a longer name with no title and no given name, makes that name an organisation too."""
    lone = {name for name in occurrences if " " not in name and organization[name] == "organization_context"
            and cues[name].itself}
    if not lone:
        return
    for name in occurrences:
        tokens = name.split()
        if organization[name] is None and len(tokens) >= 2 and tokens[0] in lone and bare[name] == tokens \
                and not is_given_name(tokens[0]):
            organization[name] = "organization_short_form"


def _titles_in(tokens: list[str], vocab: EntityVocabulary) -> list[int]:
    return [i for i, token in enumerate(tokens) if _is_title(token, vocab)]


def _is_title(token: str, vocab: EntityVocabulary) -> bool:
    """A title word, or a title of hyphenated title words ("Secretary-General", "Vice-President")."""
    word = token.lower().rstrip(".")
    if len(word) > 5 and word.endswith("s") and word != "states" and word[:-1] in vocab.titles:
        return True  # a title in the plural before two names ("Presidents Leonid Kuchma and Boris Yeltsin")
    return word in vocab.titles or "-" in word and all(part in vocab.titles for part in word.split("-"))


def _without_titles(tokens: list[str], vocab: EntityVocabulary, surnames: set[str]) -> list[str]:
    """The name after its titles: "U.S. Secretary of State Madeleine Albright" -> "Madeleine Albright",
    "Mr. Shoigu" -> "Shoigu". A title word at the very end is part of the name ("Martin Luther King"),
    and so is a title word that also opens names of firms ("General Motors") when it is written out
    before one word that the article gives as nobody's surname. The office a title's "of" or "for" names
    is no part of the name ("Chief of Staff Mark Oden" -> "Mark Oden": _after_title_complement)."""
    titles = _titles_in(tokens, vocab)
    if titles and titles[-1] < len(tokens) - 1:
        last = tokens[titles[-1]]
        rest = tokens[titles[-1] + 1:]
        if len(rest) == 1 and last.lower() in vocab.ambiguous_titles and rest[0] not in surnames \
                and titles == list(range(titles[-1] + 1)) and not last.endswith("."):
            return tokens
        if len(rest) >= 3 and rest[0].lower() in ("of", "for"):
            return _after_title_complement(rest[1:])
        if len(rest) >= 3 and not is_given_name(rest[0]):
            return _after_title_complement(rest, only_at_given_name=True)  # "Foreign Affairs Ana Lisk"
        return rest
    while tokens and _is_title(tokens[0], vocab):
        tokens = tokens[1:]
    return tokens


def _after_title_complement(words: list[str], only_at_given_name: bool = False) -> list[str]:
    """Rule title_complement: "Chief of Staff Mark Oden", "Minister for Foreign Affairs Ana Lisk": the
    words after a title's "of" or "for" name its office up to the person, who starts at a given name the
    list knows, else is the last two words (the last one when only two are left: "Staff Oden")."""
    for index, word in enumerate(words[1:-1], start=1):
        if is_given_name(word):
            return words[index:]
    if only_at_given_name:
        return words
    return words[-2:] if len(words) >= 3 else words[-1:]


def _organization_rule(name: str, bare: list[str], cues: _Cues, g: Gazetteer, vocab: EntityVocabulary) -> str | None:
    """The rule that makes the name an organisation by its words or its use, or None."""
    words = name.split()
    lowered = [w.lower() for w in words]
    if lowered[-1] in vocab.organization_heads or any(
            lowered[i + 1] == "of" and lowered[i] in vocab.organization_heads for i in range(len(words) - 1)):
        return "organization_word"
    if name.isupper() and len(name.replace(".", "")) >= 2 and not g.country(name) and not g.us_state(name) \
            and not _place_in_capitals(name, g):
        return "organization_word"  # an acronym
    if len(words) >= 2 and lowered[-1].replace(".", "") in vocab.legal_suffixes:
        return "legal_suffix"
    if "&" in name or " amp " in name:  # " amp ": an ampersand that lost its marks (names.py, lost_ampersand)
        return "ampersand"
    if bare and any(w.lower() in vocab.ambiguous_titles for w in bare) and not g.country(" ".join(bare)):
        return "ambiguous_title_opens_name"
    if cues.organization and not g.country(name) and not g.us_state(name):
        capital = g.city(name) and any(c.capital == name for c in g.countries_by_code.values())
        if not capital:
            return "organization_context"
    return None


def _full_people(occurrences, bare, organization, cues, g: Gazetteer, vocab: EntityVocabulary) -> dict[str, list[str]]:
    """Names of two or more words that are neither places, organisations nor products, titles removed,
    in the order the article first gives them, each with its words."""
    people: dict[str, list[str]] = {}
    for name in occurrences:
        tokens = bare[name]
        joined = " ".join(tokens)
        if len(tokens) >= 2 and organization[name] is None and not _is_product(tokens, cues[name]) \
                and not _is_geographic(tokens, vocab) \
                and not g.country(joined) and not g.city(joined) and not g.us_state(joined) \
                and not g.country_of_demonym(joined):
            people.setdefault(joined, tokens)
    return people


def _is_product(tokens: list[str], cues: _Cues) -> bool:
    return (len(tokens) >= 2 and any(c.isdigit() for c in tokens[-1])) or cues.product


def _read(name: str, tokens: list[str], organization: str | None, cues: _Cues, full_people: dict[str, list[str]],
          g: Gazetteer, vocab: EntityVocabulary) -> Reading:
    words = name.split()
    titled = len(tokens) < len(words)
    bare = " ".join(tokens)
    if not bare:
        return Reading("other", name, name, None, titled, "title_alone")
    if organization:
        nationality = g.country_of_demonym(words[0]) or g.country_of_demonym(" ".join(words[:2]))
        return Reading("organization", bare, name, nationality, titled, organization)
    if not titled:
        bare = bare.title() if _place_in_capitals(bare, g) else bare  # a dateline's "HAVANA"
        if g.country(bare):
            return Reading("country", bare, g.country(bare).name, g.country(bare), False, "country")
        if g.city(bare) and not (len(tokens) == 1 and fullest_person(bare, full_people)):
            city = g.city(bare)  # a city, unless the surname of a person the article names in full
            return Reading("city", bare, city.name, g.countries_by_code.get(city.country_alpha2), False, "city")
        if g.us_state(bare):
            return Reading("us_state", bare, g.us_state(bare), g.countries_by_code.get("US"), False, "us_state")
        if g.country_of_demonym(bare):
            return Reading("other", bare, bare, None, False, "nationality")  # "Russian": used in groups
    if not titled and _is_geographic(tokens, vocab):
        return Reading("region", bare, bare, None, False, "geographic_name")
    if not titled and _is_product(tokens, cues):
        return Reading("product", bare, bare, None, False, "product")
    resolved = fullest_person(bare, full_people)
    if resolved or titled or len(tokens) >= 2:
        return Reading("person", bare, resolved or bare, None, titled, "person")
    if cues.speaker:
        return Reading("organization", bare, bare, None, False, "lone_word_speaker_is_organization")
    return Reading("other", bare, bare, None, False, "lone_word")


def _place_in_capitals(name: str, g: Gazetteer) -> bool:
    """Rule place_in_capitals: a name of four letters or more written in capitals, as datelines write
    them ("HAVANA", "NAIROBI, Kenya"), that the gazetteer knows once written as a name is that place,
    not an acronym."""
    if not name.isupper() or len(name.replace(".", "").replace(" ", "")) < 4:
        return False
    written = name.title()
    return bool(g.country(written) or g.city(written) or g.us_state(written))


def _is_geographic(tokens: list[str], vocab: EntityVocabulary) -> bool:
    lowered = [t.lower() for t in tokens]
    return len(tokens) >= 2 and (lowered[0] in vocab.compass_words and lowered[1] not in vocab.compass_words
                                 or any(word in vocab.geographic_words for word in lowered)
                                 or lowered[-1] in vocab.settlement_heads)


def fullest_person(bare: str, full_people: dict[str, list[str]]) -> str | None:
    """The article's fullest name holding this short one: its last word first, then any word.
    `full_people`: the article's full names in order, each with its words."""
    if bare in full_people:
        return bare
    words = bare.split()
    ending = next((p for p, p_words in full_people.items() if p_words[-len(words):] == words), None)
    if ending:
        return ending
    return next((p for p, p_words in full_people.items() if set(words) <= set(p_words)), None)


# --- context cues -------------------------------------------------------------------------------

def _cues(text: str, spans: list[tuple[int, int]], vocab: EntityVocabulary) -> _Cues:
    cues = _Cues()
    for start, end in spans:
        cues.organization = cues.organization or _organization_context(text, start, end, vocab)
        cues.itself = cues.itself or (" " not in text[start:end] and _speaks_of_itself(text, end, vocab))
        word_after = _WORD_AFTER.match(text, end, end + 30)
        after = word_after.group(1).lower() if word_after else ""
        cues.speaker = cues.speaker or after in vocab.speaker_verbs
        if not cues.product:
            before = _WORDS_BEFORE.search(text, max(0, start - 30), start)
            cues.product = after in vocab.product_nouns or bool(before and before.group(1).lower() in vocab.product_verbs)
    return cues


def _organization_context(text: str, start: int, end: int, vocab: EntityVocabulary) -> bool:
    """Whether the words around this occurrence are ones only an organisation has."""
    following = text[end:end + 50].lower()
    if following.startswith(_POSSESSIVE_END) or following.startswith(("'", "’")):
        owned = following[2 if following.startswith(_POSSESSIVE_END) else 1:].lstrip()
        if _starts_with_phrase(owned, vocab.organization_after_possessive):
            return True
    elif _starts_with_phrase(following.lstrip(" "), vocab.organization_after):
        return True
    preceding = text[max(0, start - 45):start].lower().rstrip()
    for phrase in vocab.organization_before:
        if preceding.endswith(phrase) and (len(preceding) == len(phrase) or not preceding[-len(phrase) - 1].isalpha()):
            return True
    written = text[start:end]
    if not person_gender(written) and not _is_title(written.split()[0], vocab) and (
            _speaks_of_itself(text, end, vocab) or _described_next(text, start, end, written, vocab)):
        return True  # not for a name with a given name or a title ("Mr. Ousley said it sees")
    appositive = _APPOSITIVE.match(text, end)
    if appositive:
        head = None
        for word in appositive.group(1).split():
            if word.lower() in _APPOSITIVE_STOP:
                break
            head = word.lower()
        return head in vocab.organization_nouns
    return False


# Rule speaks_of_itself_as_it: "X said on Monday it had sold its unit", "X said its profit rose": the
# speaker goes on as "it" (not before a copula or a verb of a dummy "it": "Kane said it was time", "it
# seemed") or as "its"; a person would be "he" or "she".
_IT_HELPERS = "had|has|would|will|could|might|may|plans|expects|intends"
_DUMMY_IT_VERBS = "be|been|is|was|seems|seemed|appears|appeared|remains|remained|take|took|takes|rained|snowed"
_SPEAKS_OF_ITSELF = re.compile(
    r"\s+([a-z]+)\b(?:\s+(?!he\b|she\b|they\b|i\b|we\b)[A-Za-z.]+){0,3}?\s+(?:that\s+)?"
    rf"(?:its\s|it\s+(?:(?:{_IT_HELPERS})\s+)?(?!(?:{_IT_HELPERS}|{_DUMMY_IT_VERBS})\b)[a-z]{{3,}}\b)")


def _speaks_of_itself(text: str, end: int, vocab: EntityVocabulary) -> bool:
    found = _SPEAKS_OF_ITSELF.match(text, end, min(len(text), end + 70))
    return bool(found) and found.group(1) in vocab.speaker_verbs


# Rule described_in_next_sentence: "Velox Motors recalled 40,000 cars. The carmaker said ...": a name of
# two words or more whose sentence is followed by one opening with a business description.
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?=[A-Z\"“])")
_OPENS_SENTENCE = re.compile(r"(?:[.!?][\"”’']?\s+|\n\s*|^)$")
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.IGNORECASE)
_DESCRIPTION_OPENS = re.compile(r"[\"“]?The\s+([a-z-]+)\b")


def _described_next(text: str, start: int, end: int, written: str, vocab: EntityVocabulary) -> bool:
    """Only for a name that opens its sentence with no aside after it, of two words or more."""
    if len(written.split()) < 2 or text.startswith(",", end) or not _OPENS_SENTENCE.search(text, max(0, start - 3), start) \
            and start > 0:
        return False
    sentence_end = _SENTENCE_END.search(text, end, min(len(text), end + 300))
    opening = _DESCRIPTION_OPENS.match(text, sentence_end.end()) if sentence_end else None
    if not opening or opening.group(1) not in vocab.business_nouns:
        return False
    # not when "he" or "she" follows: "Tom Rusk resigned. The company said he had been ill."
    following = _SENTENCE_END.search(text, opening.end(), min(len(text), opening.end() + 300))
    return not _PERSON_PRONOUN.search(text, end, following.start() if following else min(len(text), end + 400))


def _starts_with_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    """`text` opens with one of `phrases`, as whole words (no letter after it)."""
    return _phrase_opening(phrases).match(text) is not None


@cache
def _phrase_opening(phrases: tuple[str, ...]) -> re.Pattern:
    # one pattern per list, tried once, where a loop over the list cost a tenth of the enrichment
    alternatives = "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})(?![^\W\d_])")
