"""Within one article, which mentions stand for the same entity.

Names first, by their words (`canonical_names`):
- people: a surname or partial name stands for the fullest name holding it ("Mr. Kim" -> "Kim
  Jong-un"), as dateline.entities.kinds resolves them;
- organisations: writings that normalise alike ("Acme Corp.", "Acme Corporation", "ACME"); a short form,
  the first words of a longer name, followed in the long one only by a legal suffix or generic words
  ("Goldman Sachs" -> "Goldman Sachs Group Inc.", "Dow Jones" -> "Dow Jones & Co."; a one-word short
  form needs nothing more: "Acme" ->
  "Acme Widgets Ltd."); an acronym of the long name's capitalised words ("IBM" -> "International
  Business Machines Corp.", "BoE" -> "Bank of England"); a clipped first word ("the Fed" -> "Federal
  Reserve").

Then the words that stand for a name (`Salience`), each tied to an entity mentioned before it by one
salience rule: take the most recent sentence (the current one up to the word, then up to five before)
that mentions a compatible entity, and in it the first such mention (the subject position, as news
puts the actor first). Compatible means:
- "he", "she", "his", "her", "him": a person (the sentence's person is the one the story was already
  about when the sentence opens with a pronoun: "Afterward, he told reporters that Mr. Kim ...");
  not a woman for "he"/"his"/"him", nor a man for "she"/"her", where a title or given name tells
  (rule pronoun_gender, dateline.entities.gender: "Madeleine Albright has invited Geremek ... He will"
  is Geremek);
  "he said", "she added" is the most recent person who speaks, when no other person is named between
  ("... for Slepian, Moskal said. ``They were sought,'' he said": Moskal; rule speaker_goes_on);
- "it", "its": an organisation or a product ("it is likely" and other dummy uses are skipped); a later
  "it" of the same sentence goes on with the earlier one when only places after a preposition are named
  between them
  (rule pronoun_chain: "It said it hopes to grow in the U.S.; currently it controls 2%");
- "the company", "the carmaker", "the bank" (business nouns): an organisation; one whose name holds the
  noun ("the bank" -> "Deutsche Bank") wins over a more recent one;
- "the ministry", "the party" (institution nouns): only an organisation whose name holds the noun.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

from dateline.entities.gender import UNKNOWN, compatible, pronoun_gender
from dateline.entities.ids import normalized_name
from dateline.entities.kinds import Reading
from dateline.entities.vocabulary import EntityVocabulary
from dateline.lexicon import alternation
from dateline.sentences import Span

THING_PRONOUN_KINDS = ("organization", "product", "country")
TITLE_REACH = 40  # sentences back that "the president" may refer to the person named with the title
FOCUS_REACH = 5  # sentences back that a pronoun or a definite description may refer to
_AMPERSANDS = frozenset(("&", "amp", "and"))  # "amp": an "&amp;" that lost its marks (names.py, lost_ampersand)
_ACRONYM_SKIP = frozenset("of and the for in on at de du la le des & to".split())
# The lookahead on the first letters is implied by the words; it lets the engine pass most positions at
# once (half again as fast: run over every sentence).
PERSON_PRONOUN = re.compile(r"(?=[HhSs])\b(?:[Hh]e|[Hh]is|[Hh]im|[Ss]he|[Hh]er)\b")
_PLACE_KINDS = frozenset(("place", "country", "city", "us_state", "region"))
# A preposition right before a place's name (an article between): "in the U.S.", "to Canada".
_PLACE_PREPOSITION = re.compile(r"\b(?:in|to|from|into|across|throughout|within|at|for|outside|inside|near)\s+(?:the\s+)?$",
                                re.IGNORECASE)
_THING_PRONOUN = re.compile(r"(?=[Ii])\b(?:[Ii]ts?)\b")
_WORD_AFTER = re.compile(r"\s*([A-Za-z'’]+(?:\s+[a-z]+)?)")
_PRONOUN_AT = re.compile(r"[A-Za-z]+")
_SPEAKER_TAG = re.compile(r"(?:[Hh]e|[Ss]he)\s+([a-z]+)\b")  # "he said", "she added"
# "it extremely difficult for", "it hard to", "it clear that": an adverb at most, an adjective, then to/for/that
_EXTRAPOSED = re.compile(r"\s+(?:(?:[a-z]+ly|very|so|too|more|less|much|far|even)\s+)?([a-z]+)\s+(?:to|for|that)\b")
_DESCRIPTION = re.compile(r"(?=[Tt])\b[Tt]he\s+(?:[A-Z][a-z]+\s+)?([a-z]+(?:-[a-z]+)?)\b")


def canonical_names(readings: dict[str, Reading], order: list[str], vocab: EntityVocabulary,
                    owned: Collection[str] = ()) -> dict[str, str]:
    """The organisation each organisation-like name stands for, as written in its fullest form:
    {name as written: canonical name}. `order` lists the names in the order the article first gives
    them. Names that are not organisations, and organisations with no longer form, map to their bare
    name. A name read as "other" or as an untitled person becomes the organisation it is a short form of.
    `owned` names, written only after another's possessive ("Putin's Security Council"), are not the
    long name less its qualifier ("U.N. Security Council")."""
    organizations = [n for n in order if readings[n].kind == "organization"]
    canonical: dict[str, str] = {}
    for name in order:
        reading = readings[name]
        upgradable = reading.kind == "other" and reading.rule == "lone_word" or \
            reading.kind == "person" and not reading.titled and reading.name == reading.bare
        if reading.kind != "organization" and not upgradable:
            continue
        written = reading.name if reading.kind == "organization" else reading.bare
        long_form = _long_form(written, [o for o in organizations if o != name], readings, vocab,
                               one_word=len(written.split()) == 1 and reading.kind != "person",
                               qualified=name not in owned)
        if long_form:
            canonical[name] = long_form
        elif reading.kind == "organization":
            canonical[name] = written
    # Writings that normalise alike name one organisation: the fullest (then first) writing is its name.
    by_key: dict[str, list[str]] = {}
    for name, target in canonical.items():
        by_key.setdefault(normalized_name(target, "organization"), []).append(target)
    best = {key: max(targets, key=lambda t: len(t.split())) for key, targets in by_key.items()}
    return {name: best[normalized_name(target, "organization")] for name, target in canonical.items()}


def _long_form(short: str, organizations: list[str], readings: dict[str, Reading], vocab: EntityVocabulary,
               one_word: bool, qualified: bool = True) -> str | None:
    words = short.split()
    short_key = normalized_name(short, "organization")
    for candidate in sorted(organizations, key=lambda o: -len(readings[o].name.split())):
        long = readings[candidate].name
        long_words = long.split()
        if len(long_words) <= len(words) and normalized_name(long, "organization") != short_key:
            continue
        if normalized_name(long, "organization") == short_key:
            return long
        if long_words[:len(words)] == words:
            rest = [w.lower().rstrip(".,") for w in long_words[len(words):]]
            if rest and rest[0] in _AMPERSANDS:
                rest = rest[1:]  # "& Co.": "Dow Jones" for "Dow Jones & Co."
            if one_word or rest and all(w in vocab.organization_generic_words or w.replace(".", "") in vocab.legal_suffixes
                                        for w in rest):
                return long
        if qualified and len(words) >= 2 and long_words[-len(words):] == words:
            return long  # the long name less its qualifier: "Security Council" for "U.N. Security Council"
        if len(words) == 1 and _is_acronym_of(short, long_words, vocab):
            return long
        if len(words) == 1 and 3 <= len(short) <= 4 and len(long_words) >= 2 and long_words[0] != short \
                and long_words[0].startswith(short):
            return long  # clipped: "Fed" for "Federal Reserve"
    return None


def _is_acronym_of(short: str, long_words: list[str], vocab: EntityVocabulary) -> bool:
    letters = short.replace(".", "").replace("&", "")
    if len(letters) < 2 or not letters.isalpha() or not (letters.isupper() or letters[0].isupper() and letters[-1].isupper()):
        return False
    words = [w for w in long_words if w.lower().rstrip(".,") not in vocab.legal_suffixes]
    every = "".join(w[0] for w in words if w[0].isalpha())
    capitalised = "".join(w[0] for w in words if w[0].isupper() and w.lower() not in _ACRONYM_SKIP)
    return letters.upper() in (every.upper(), capitalised.upper())


@dataclass(frozen=True, slots=True)
class Mentioned:
    """A mention by name, as the salience rule sees it."""

    start: int
    entity_id: str
    kind: str  # the entity's kind: person, organization, place, product
    name: str  # canonical
    end: int = -1
    titles: tuple[str, ...] = ()  # a person's titles as written here, lowercase: ("president",)
    gender: str = UNKNOWN  # a person's, where a title or given name tells it (dateline.entities.gender)


@cache
def _speaker_patterns(speech_verbs: frozenset[str]) -> tuple[re.Pattern, re.Pattern]:
    """A speech verb right after a name, and right before it (built once per vocabulary, not per article)."""
    words = alternation(sorted(speech_verbs))
    return re.compile(rf"\s*,?\s+(?:{words})\b"), re.compile(rf"\b(?:{words})\s+$")


class Salience:
    """The salience rule of the module's docstring, over an article's mentions by name."""

    def __init__(self, text: str, sentences: list[Span], mentions: list[Mentioned],
                 subject_before=None, speech_verbs: frozenset[str] = frozenset()) -> None:
        self.text = text
        self.sentences = sentences
        self._sentence_starts = [start for start, _ in sentences]
        self.by_sentence: dict[int, list[Mentioned]] = {}
        for mention in mentions:
            index = self.sentence_index(mention.start)
            if index is not None:
                self.by_sentence.setdefault(index, []).append(mention)
        self._focus = self._person_focus()
        self.subject_before = subject_before
        # The verbs that make the person named next to them a speaker ("Moskal said", "said Moskal").
        self._speech_verbs = speech_verbs
        self._speaker_after, self._speaker_before = _speaker_patterns(speech_verbs) if speech_verbs else (None, None)

    def speaker_before(self, offset: int) -> Mentioned | None:
        """Rule speaker_goes_on: a person who speaks ("Moskal said", "said Moskal") in the pronoun's
        sentence before it, else the most recent one in the sentences before (within the focus reach).
        A quote's "he said" is most often its speaker going on, not the person the quote was about."""
        index = self.sentence_index(offset)
        if index is None:
            return None
        gender = self._pronoun_gender(offset)
        for earlier in range(index, max(-1, index - 1 - FOCUS_REACH), -1):
            people = [m for m in self.by_sentence.get(earlier, ()) if m.kind == "person" and m.start < offset
                      and compatible(m.gender, gender)]
            speakers = [m for m in people if self._speaker_after.match(self.text, m.end, m.end + 40)
                        or self._speaker_before.search(self.text, max(0, m.start - 30), m.start)]
            if speakers:
                return speakers[-1]
            if people:
                return None  # a person named without speaking comes between: the usual rule decides
        return None

    def only_places_between(self, start: int, end: int) -> bool:
        """Whether every name between the offsets (in one sentence) is a place or a country after a
        preposition ("in the U.S.", "to Canada"): where something happens, not who acts."""
        index = self.sentence_index(start)
        return all(m.kind in _PLACE_KINDS and _PLACE_PREPOSITION.search(self.text, max(0, m.start - 16), m.start)
                   for m in self.by_sentence.get(index, ()) if start <= m.start < end)

    def sentence_index(self, offset: int) -> int | None:
        index = bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and offset < self.sentences[index][1]:
            return index
        return None

    # --- people ---------------------------------------------------------------------------------

    def person_before(self, offset: int, object_pronoun: bool = False) -> Mentioned | None:
        """Who "he"/"she" at offset most likely is: the first person named in its sentence before it,
        else the person of the nearest earlier sentence that has one. An object pronoun ("him") is not
        the subject of its own sentence (rule object_pronoun_not_subject: "Clinton welcomed Blair,
        praising him"; "Gonzalez wants him back"): it takes the next person of the sentence, else the
        person the story was about before, when that is someone else. "he said", "she added" is the
        speaker going on (speaker_before)."""
        index = self.sentence_index(offset)
        if index is None:
            return None
        tag = _SPEAKER_TAG.match(self.text, offset) if self._speaker_after is not None else None
        if tag and tag.group(1) in self._speech_verbs:
            speaker = self.speaker_before(offset)
            if speaker:
                return speaker
        gender = self._pronoun_gender(offset)
        people = [m for m in self.by_sentence.get(index, ()) if m.kind == "person" and m.start < offset]
        if object_pronoun and people:
            others = [m for m in people if m.entity_id != people[0].entity_id and compatible(m.gender, gender)]
            if others:
                return others[-1]
            previous = self._previous_focus(index, gender=gender)
            return previous if previous and previous.entity_id != people[0].entity_id else None
        people = [m for m in people if compatible(m.gender, gender)]
        return _of_known_gender(people, gender) if people else self._previous_focus(index, gender=gender)

    def _pronoun_gender(self, offset: int) -> str:
        """Rule pronoun_gender: the sex the pronoun at offset asks for ("he" a man, "her" a woman)."""
        word = _PRONOUN_AT.match(self.text, offset)
        return pronoun_gender(word.group()) if word else UNKNOWN

    def _person_focus(self) -> list[Mentioned | None]:
        """The person each sentence is about: the first one it names, or, when a pronoun comes first
        ("Afterward, he told reporters that Mr. Kim ..."), the person the story was already about."""
        focus: list[Mentioned | None] = []
        for index, (start, end) in enumerate(self.sentences):
            named = [m for m in self.by_sentence.get(index, ()) if m.kind == "person"]
            pronoun = PERSON_PRONOUN.search(self.text, start, named[0].start if named else end)
            if pronoun:
                focus.append(self._previous_focus(index, focus, pronoun_gender(pronoun.group())))
            else:
                focus.append(named[0] if named else None)
        return focus

    def _previous_focus(self, index: int, focus: list[Mentioned | None] | None = None,
                        gender: str = UNKNOWN) -> Mentioned | None:
        """The person of the nearest earlier sentence that has one; for a pronoun of one sex, the
        sentence's first person of that sex (or of none known) when its own person is of the other."""
        focus = self._focus if focus is None else focus
        for earlier in range(index - 1, max(-1, index - 1 - FOCUS_REACH), -1):
            if focus[earlier] is None:
                continue
            if compatible(focus[earlier].gender, gender) and (focus[earlier].gender or not gender):
                return focus[earlier]
            people = [m for m in self.by_sentence.get(earlier, ()) if m.kind == "person" and compatible(m.gender, gender)]
            if compatible(focus[earlier].gender, gender):
                return _of_known_gender([focus[earlier], *people], gender)
            if people:
                return people[0]
        return None

    def titled_person_before(self, offset: int, title: str | frozenset[str]) -> Mentioned | None:
        """Rule title_description: the most recent person named with this title (or one of these)
        before offset."""
        index = self.sentence_index(offset)
        if index is None:
            return None
        titles = frozenset((title,)) if isinstance(title, str) else title
        for earlier in range(index, max(-1, index - 1 - TITLE_REACH), -1):
            titled = [m for m in self.by_sentence.get(earlier, ()) if m.kind == "person" and m.start < offset
                      and not titles.isdisjoint(m.titles)]
            if titled:
                return titled[-1]
        return None

    # --- organisations and products ------------------------------------------------------------------

    def thing_before(self, offset: int, head: str | None = None, head_required: bool = False,
                     kinds: tuple[str, ...] = ("organization", "product")) -> Mentioned | None:
        """The organisation or product a word at offset stands for. With `head` ("bank"), one whose
        name holds that word wins within the reach, and is required when `head_required`."""
        index = self.sentence_index(offset)
        if index is None:
            return None
        first_found = None
        for earlier in range(index, max(-1, index - 1 - FOCUS_REACH), -1):
            things = [m for m in self.by_sentence.get(earlier, ()) if m.kind in kinds
                      and m.start < offset]
            if head:
                headed = [m for m in things if head in m.name.lower().split()]
                if headed:
                    return headed[-1]
            if things and first_found is None:
                first_found = things[0]
                if earlier == index and self.subject_before is not None:
                    # rule clause_subject: "Iraq has destroyed its missiles": the subject of the pronoun's own clause
                    first_found = next((m for m in reversed(things) if self.subject_before(m.end)), first_found)
                if not head:
                    return first_found
        return None if head_required else first_found


@dataclass(frozen=True, slots=True)
class Anaphor:
    """A word that stands for an entity named before: a pronoun or a definite description."""

    start: int
    end: int
    text: str
    entity_id: str
    method: str  # pronoun, definite_description


def anaphors(text: str, salience: Salience, vocab: EntityVocabulary) -> list[Anaphor]:
    """Every pronoun and definite description of the text tied to its entity, in text order."""
    found = []
    for match in PERSON_PRONOUN.finditer(text):
        person = salience.person_before(match.start(), object_pronoun=match.group().lower() == "him")
        if person:
            found.append(Anaphor(match.start(), match.end(), match.group(), person.entity_id, "pronoun"))
    chain: tuple[int | None, Anaphor] | None = None  # the sentence's last "it"/"its" tied, with that sentence
    for match in _THING_PRONOUN.finditer(text):
        if match.group().lower() == "it" and _dummy_it(text, match.end(), vocab):
            continue
        sentence = salience.sentence_index(match.start())
        if chain and chain[0] == sentence and salience.only_places_between(chain[1].end, match.start()):
            # rule pronoun_chain: "It has said it hopes to grow in the U.S.; currently it controls 2%":
            # an "it" goes on with the sentence's earlier "it" past names of places only
            earlier = chain[1]
            found.append(Anaphor(match.start(), match.end(), match.group(), earlier.entity_id, "pronoun"))
            chain = (sentence, found[-1])
            continue
        thing = salience.thing_before(match.start(), kinds=THING_PRONOUN_KINDS)
        if thing:
            found.append(Anaphor(match.start(), match.end(), match.group(), thing.entity_id, "pronoun"))
            chain = (sentence, found[-1])
    if "he " in text:  # every description starts with "the": most texts have one
        for match in _DESCRIPTION.finditer(text):
            noun = match.group(1)
            if noun in vocab.business_nouns or noun in vocab.institution_nouns:
                thing = salience.thing_before(match.start(), noun, head_required=noun in vocab.institution_nouns)
                if thing:
                    found.append(Anaphor(match.start(), match.end(), match.group(), thing.entity_id,
                                         "definite_description"))
    if "he " in text or "he\n" in text:
        for match in _title_description(vocab.person_title_heads).finditer(text):
            title = match.group(1).lower()
            if title in vocab.person_title_heads:
                # "the Cuban leader": the person most recently named with a leader's title (rule leader_description)
                person = salience.titled_person_before(match.start(), vocab.leader_titles if title == "leader" else title)
                if person:
                    found.append(Anaphor(match.start(), match.end(), match.group(), person.entity_id,
                                         "title_description"))
    return sorted(found, key=lambda a: a.start)


@cache
def _title_description(titles: frozenset[str]) -> re.Pattern:
    """"the president", "the Cuban president", "the Pope": the head one of `titles`, in any case."""
    heads = alternation(sorted(titles) + sorted(t.capitalize() for t in titles))
    return re.compile(rf"(?=[Tt])\b[Tt]he\s+(?:[A-Z][a-z]+\s+)?({heads})\b")


def _dummy_it(text: str, end: int, vocab: EntityVocabulary) -> bool:
    """"It is likely", "it was raining", "it will be": "it" standing for nothing named; and the "it" of
    "made it difficult for Acme to ...", "found it hard to" (rule extraposed_it: an adjective of
    ease, need or chance, then "to", "for" or "that")."""
    following = _WORD_AFTER.match(text, end, end + 30)
    if not following:
        return True
    extraposed = _EXTRAPOSED.match(text, end, end + 60)
    if extraposed and extraposed.group(1).lower() in vocab.extraposed_adjectives:
        return True
    words = following.group(1).lower()
    return words in vocab.dummy_it_followers or words.split()[0] in vocab.dummy_it_followers


def _of_known_gender(people: list[Mentioned], gender: str) -> Mentioned:
    """Rule pronoun_gender_known_first: of the people a pronoun may stand for, the first one, unless its
    sex is unknown and another one's is the pronoun's ("Tom Rusk met Ann Bell. She said": Ann Bell)."""
    if gender and not people[0].gender:
        return next((m for m in people if m.gender == gender), people[0])
    return people[0]
