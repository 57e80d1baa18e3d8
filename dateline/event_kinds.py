"""The coarse kind of an event (statement, meeting, visit, conflict, ...) from its trigger word.

The kinds and their words are data (vocabulary/event_kinds.yaml). The base form comes from a short
table of irregular forms and suffix rules ("visited" -> visit, "expelling" -> expel, "rallies" -> rally);
it only has to reach the words listed there, not to be a full lemmatiser.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from dateline.vocabulary_files import VOCABULARY_DIR, load_vocabulary


VOCABULARY_FILE = VOCABULARY_DIR / "event_kinds.yaml"
OTHER = "other"


@dataclass(frozen=True, slots=True)
class _Kinds:
    kind_of_base: dict[str, str]
    irregular_bases: dict[str, str]


@cache
def _kinds(path: Path = VOCABULARY_FILE) -> _Kinds:
    data = load_vocabulary(path)
    kind_of_base: dict[str, str] = {}
    for kind, bases in data["kinds"].items():
        for base in bases:
            if str(base) in kind_of_base:
                raise ValueError(f"{path.name}: {base!r} is listed under both {kind_of_base[str(base)]} and {kind}")
            kind_of_base[str(base)] = kind
    return _Kinds(kind_of_base, {str(k): str(v) for k, v in data["irregular_bases"].items()})


@cache
def event_bases() -> frozenset[str]:
    """Every base form the kind vocabulary lists: verbs and nouns that name an event of some kind."""
    return frozenset(_kinds().kind_of_base)


def base_form(word: str) -> str:
    """The dictionary form of a trigger word, as far as the kind vocabulary needs it."""
    low = word.lower().replace("’", "'")
    kinds = _kinds()
    if low in kinds.irregular_bases:
        return kinds.irregular_bases[low]
    if low in kinds.kind_of_base:
        return low
    candidates = _suffix_candidates(low)
    for candidate in candidates:
        if candidate in kinds.kind_of_base:
            return candidate
    return candidates[0] if candidates else low  # "boasted", "boasts" -> boast: same word, same base


def _suffix_candidates(low: str) -> list[str]:
    candidates = []
    for suffix in ("ing", "ed"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            stem = low[: -len(suffix)]
            candidates += [stem, stem + "e"]
            if len(stem) >= 2 and stem[-1] == stem[-2]:
                candidates.append(stem[:-1])  # "expelled" -> expel, "shelling" -> shell is already a stem
            if stem.endswith("i"):
                candidates.append(stem[:-1] + "y")  # "rallied" -> rally
    if low.endswith("ies"):
        candidates.append(low[:-3] + "y")
    if low.endswith("es"):
        candidates.append(low[:-2])
    if low.endswith("s"):
        candidates.append(low[:-1])
    return candidates


@lru_cache(maxsize=16_384)  # a word's kind never changes, and news repeats its verbs on every page
def event_kind(trigger: str) -> str:
    """The event's kind, or "other" when its base form is in no list."""
    return _kinds().kind_of_base.get(base_form(trigger), OTHER)
