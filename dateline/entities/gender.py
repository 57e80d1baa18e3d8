"""Whether a person is a man or a woman, as far as the article's words tell: a title ("Mrs.", "Sir",
"Queen") or a given name that news writes for one sex only (dateline/vocabulary/given_names.yaml).
"he"/"his"/"him" then do not stand for a woman, nor "she"/"her" for a man (rule pronoun_gender, in
dateline.entities.links). Nothing is guessed from a name the list does not hold."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from dateline.vocabulary_files import VOCABULARY_DIR, load_vocabulary

MALE, FEMALE, UNKNOWN = "male", "female", ""
_PRONOUNS = {"he": MALE, "his": MALE, "him": MALE, "himself": MALE, "she": FEMALE, "her": FEMALE,
             "hers": FEMALE, "herself": FEMALE}


@dataclass(frozen=True, slots=True)
class _Names:
    female: frozenset[str]
    male: frozenset[str]
    female_titles: frozenset[str]
    male_titles: frozenset[str]


@cache
def _names() -> _Names:
    data = load_vocabulary(VOCABULARY_DIR / "given_names.yaml")
    lower = lambda key: frozenset(str(w).lower() for w in data[key])  # noqa: E731
    return _Names(lower("female"), lower("male"), lower("female_titles"), lower("male_titles"))


def person_gender(name: str, titles: tuple[str, ...] = ()) -> str:
    """MALE, FEMALE or UNKNOWN for a person's canonical name and the title words it is written with
    (lowercase, without periods: ("mrs",), ("president",))."""
    names = _names()
    for title in titles:
        if title in names.female_titles:
            return FEMALE
        if title in names.male_titles:
            return MALE
    words = name.split()
    given = words[0].lower().rstrip(".") if len(words) >= 2 else ""
    if given in names.female:
        return FEMALE
    if given in names.male:
        return MALE
    return UNKNOWN


def is_given_name(word: str) -> bool:
    """Whether the list holds this word as a given name ("Mark", "Ana")."""
    names = _names()
    low = word.lower()
    return low in names.female or low in names.male


def pronoun_gender(word: str) -> str:
    """The sex a personal pronoun asks for ("he" -> MALE), UNKNOWN for any other word."""
    return _PRONOUNS.get(word.lower(), UNKNOWN)


def compatible(gender: str, wanted: str) -> bool:
    return not gender or not wanted or gender == wanted
