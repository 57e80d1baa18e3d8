"""The trigger vocabulary: the word lists of dateline/vocabulary/events.yaml, loaded once, and the sets
derived from them that let most words be passed over quickly."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from dateline.vocabulary_files import VOCABULARY_DIR, load_vocabulary


VOCABULARY_FILE = VOCABULARY_DIR / "events.yaml"


@dataclass(frozen=True, slots=True)
class Vocabulary:
    irregular_verbs: frozenset[str]
    bare_past_verbs: frozenset[str]
    phase_nouns: frozenset[str]
    present_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    clause_reporting_verbs: frozenset[str]
    object_complement_verbs: frozenset[str]
    be_forms: frozenset[str]
    modal_auxiliaries: frozenset[str]
    have_forms: frozenset[str]
    between_words: frozenset[str]
    subject_pronouns: frozenset[str]
    present_adverbs: frozenset[str]
    ed_not_verbs: frozenset[str]
    ing_not_verbs: frozenset[str]
    determiners: frozenset[str]
    ing_event_nouns: frozenset[str]
    event_nouns: frozenset[str]
    state_adjectives: frozenset[str]
    clause_openers: frozenset[str]
    clause_openers_after_comma: frozenset[str]
    future_clause_openers: frozenset[str]
    signals: dict[str, str]
    season_signals: dict[str, str]
    not_names: frozenset[str]
    period_quantity_nouns: frozenset[str]
    narrative_continuations: frozenset[str]
    comparatives: frozenset[str]
    not_triggers: frozenset[str]
    relation_verbs: frozenset[str]
    amount_nouns: frozenset[str]
    gerund_verbs: frozenset[str]
    participle_adjectives: frozenset[str]
    ing_modifiers: frozenset[str]
    phrases_without_event: frozenset[str]
    # Derived from the above, not read from the file: the words that can be a trigger whatever comes
    # before them, and the words after which any word may be one (see triggers._trigger_kind). A word
    # that is neither, after a word that opens nothing, is passed over without trying each rule.
    trigger_words: frozenset[str] = frozenset()
    trigger_openers: frozenset[str] = frozenset()
    narrative_continuation: re.Pattern = re.compile(r"(?!)")  # a sentence opening with one of narrative_continuations


_DERIVED_FIELDS = ("trigger_words", "trigger_openers", "narrative_continuation")


@cache
def vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    """The trigger vocabulary, loaded once."""
    data = load_vocabulary(path)
    fields = {}
    for name in Vocabulary.__dataclass_fields__:
        if name in _DERIVED_FIELDS:
            continue
        value = data[name]
        if isinstance(value, dict):
            fields[name] = {str(k).lower(): str(v) for k, v in value.items()}
        else:
            fields[name] = frozenset(str(word).lower() for word in value)
    v = Vocabulary(**fields)
    return replace(
        v,
        trigger_words=v.be_forms | v.have_forms | v.irregular_verbs | v.present_verbs | v.bare_past_verbs
        | v.event_nouns | v.ing_event_nouns | v.phase_nouns | v.state_adjectives | v.period_quantity_nouns
        | v.comparatives        | {"effect", "up", "down"},
        trigger_openers=v.modal_auxiliaries | v.have_forms | v.be_forms | v.between_words | v.subject_pronouns
        | v.present_adverbs | {"which", "who", "to"},
        narrative_continuation=re.compile(r"[\s\"'“‘(]*(?:" + "|".join(
            re.escape(c).replace(r"\ ", r"\s+") for c in sorted(v.narrative_continuations, key=len, reverse=True))
            + r")\b", re.IGNORECASE),
    )
