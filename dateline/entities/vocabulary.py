"""The words the entity rules read: dateline/vocabulary/entities.yaml, the titles and organisation
words of participants.yaml, and the legal suffixes of company names that the cleanco package ships."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from cleanco.clean import get_unique_terms

from dateline.gazetteer import VOCABULARY_FILE as PARTICIPANTS_FILE
from dateline.vocabulary_files import VOCABULARY_DIR, load_vocabulary

ENTITIES_FILE = VOCABULARY_DIR / "entities.yaml"


@dataclass(frozen=True, slots=True)
class EntityVocabulary:
    titles: frozenset[str]
    organization_heads: frozenset[str]
    ambiguous_titles: frozenset[str]
    legal_suffixes: frozenset[str]  # lowercase, without dots: "corp", "inc", "plc", "ag"
    lowercase_legal_suffixes: frozenset[str]
    currency_marks: tuple[str, ...]
    organization_after: tuple[str, ...]
    organization_after_possessive: tuple[str, ...]
    organization_before: tuple[str, ...]
    speaker_verbs: frozenset[str]
    run_breaking_words: frozenset[str]
    geographic_words: frozenset[str]
    compass_words: frozenset[str]
    settlement_heads: frozenset[str]
    organization_nouns: frozenset[str]
    business_nouns: frozenset[str]
    institution_nouns: frozenset[str]
    organization_generic_words: frozenset[str]
    product_nouns: frozenset[str]
    product_verbs: frozenset[str]
    sentence_initial_common_words: frozenset[str]
    thing_pronouns: frozenset[str]
    dummy_it_followers: frozenset[str]
    agent_nouns: frozenset[str]
    place_modified_nouns: frozenset[str]
    not_modified_words: frozenset[str]
    place_standing_nouns: frozenset[str]
    person_title_heads: frozenset[str]
    speech_verbs: frozenset[str]
    extraposed_adjectives: frozenset[str]
    stance_prefixes: frozenset[str]
    leader_titles: frozenset[str]


def _lower(words) -> frozenset[str]:
    return frozenset(str(word).lower() for word in words)


def _legal_suffixes() -> frozenset[str]:
    """cleanco's legal terms of one word ("corp.", "ag", "s.p.a."), compared without dots."""
    return frozenset(term.lower().replace(".", "") for term in get_unique_terms()
                     if " " not in term.strip() and len(term.replace(".", "")) >= 2)


@cache
def entity_vocabulary() -> EntityVocabulary:
    data = load_vocabulary(ENTITIES_FILE)
    participants = load_vocabulary(PARTICIPANTS_FILE)
    context = data["organization_context"]
    longest_first = lambda phrases: tuple(sorted({str(p).lower() for p in phrases}, key=len, reverse=True))  # noqa: E731
    return EntityVocabulary(
        titles=_lower(participants["titles"]),
        organization_heads=_lower(participants["organization_heads"]) | _lower(data["organization_name_heads"]),
        ambiguous_titles=_lower(data["ambiguous_titles"]),
        legal_suffixes=_legal_suffixes(),
        lowercase_legal_suffixes=_lower(data["lowercase_legal_suffixes"]),
        currency_marks=tuple(str(mark) for mark in data["currency_marks"]),
        organization_after=longest_first(context["after"]),
        organization_after_possessive=longest_first(context["after_possessive"]),
        organization_before=longest_first(context["before"]),
        speaker_verbs=_lower(data["speaker_verbs"]),
        run_breaking_words=_lower(data["speaker_verbs"]) | _lower(data["headline_verbs"]),
        geographic_words=_lower(data["geographic_words"]),
        compass_words=_lower(data["compass_words"]),
        settlement_heads=_lower(data["settlement_heads"]),
        organization_nouns=_lower(data["organization_nouns"]),
        business_nouns=_lower(data["definite_descriptions"]["business"]),
        institution_nouns=_lower(data["definite_descriptions"]["named_by_head"]),
        organization_generic_words=_lower(data["organization_generic_words"]),
        product_nouns=_lower(data["product_nouns"]),
        product_verbs=_lower(data["product_verbs"]),
        sentence_initial_common_words=_lower(data["sentence_initial_common_words"]),
        thing_pronouns=_lower(data["thing_pronouns"]),
        dummy_it_followers=_lower(data["dummy_it_followers"]),
        agent_nouns=_lower(participants["agent_nouns"]),
        place_modified_nouns=_lower(data["place_modified_nouns"]),
        not_modified_words=_lower(data["not_modified_words"]),
        place_standing_nouns=_lower(data["place_standing_nouns"]),
        person_title_heads=_lower(data["person_title_heads"]) | {"leader"},
        leader_titles=_lower(data["leader_titles"]),
        speech_verbs=_lower(data["speech_verbs"]),
        extraposed_adjectives=_lower(data["extraposed_adjectives"]),
        stance_prefixes=_lower(data["stance_prefixes"]),
    )
