"""How a verb trigger is told: the word before it (a helper, a modal, "to") and whether it is a main
verb in the simple past. Both the story's time and a report's day are given only to such verbs."""
from __future__ import annotations

import re

from dateline.events.trigger_vocabulary import Vocabulary
from dateline.events.triggers import CLOSING_WORDS, Trigger
from dateline.sentences import Span


WORD_BEFORE = re.compile(r"\b([A-Za-z']+)\s+(?:not\s+|also\s+|still\s+|never\s+)?$")
_PAST_HELPERS = frozenset({"has", "have", "had", "is", "are", "am", "be", "been", "to"})


def helper_before(text: str, sentence: Span, trigger: Trigger) -> str:
    """The word before a verb, past "not", "also", "still" and "never", in lowercase ("" if none)."""
    before = WORD_BEFORE.search(text, max(sentence[0], trigger.start - 25), trigger.start)
    return before.group(1).lower() if before else ""


def past_main_verb(text: str, sentence: Span, trigger: Trigger, vocab: Vocabulary) -> bool:
    """A verb in the simple past ("told", "was", "were killed"), not after a modal, "has", "had" or "to"."""
    low = trigger.text.lower()
    tells = trigger.kind in ("verb", "copula") or (trigger.kind == "measure" and low in CLOSING_WORDS)
    if not tells or not (low in vocab.irregular_verbs or low.endswith("ed") or low in ("was", "were")):
        return False
    helper = helper_before(text, sentence, trigger)
    return helper not in vocab.modal_auxiliaries and helper not in _PAST_HELPERS
