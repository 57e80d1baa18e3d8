"""The shapes of words that tell a noun from a verb without a part-of-speech tagger: function words,
plural and noun endings, and the head of a compound ("price" in "the purchase price"). Shared by the
trigger rules (triggers) and the rules for triggers that name no event (non_events)."""
from __future__ import annotations

import re

from dateline.events.trigger_vocabulary import Vocabulary


# Prepositions, conjunctions, question words and adverbs of time or degree: what follows a noun phrase,
# never a noun of it.
FUNCTION_WORDS = frozenset("""
    about above across against along amid among around as at because before behind below beneath beside
    between beyond but by despite down during either except for from if in inside into like near neither
    nor of off on onto or out outside over past per since than that though through throughout till to
    toward towards under underneath unless until up upon versus via what whatever when where whether
    which while who whom whose why with within without yet how
    next last early late later earlier soon again ago already even just only too very well almost nearly
    here there now then
""".split())


def is_compound_head(text: str, word: re.Match, low: str, vocab: Vocabulary) -> bool:
    """Whether a word right after an event noun is a noun it modifies ("price" in "the purchase price"):
    a lowercase word that is no verb form the vocabulary knows, no -ed, -ing, -s or -ly form (a verb,
    participle or adverb may follow the noun: "the attack killed", "rallies calling for", "the deal
    expires", "the vote narrowly"), no function word and no time word."""
    return (low.isalpha() and text[word.start()].islower() and not low.endswith(("ed", "ing", "s", "ly"))
            and low not in FUNCTION_WORDS and low not in vocab.trigger_openers and low not in vocab.not_names
            and low not in vocab.irregular_verbs and low not in vocab.bare_past_verbs and low not in vocab.present_verbs
            and low not in vocab.state_adjectives and low not in vocab.not_triggers)


def is_function_word(low: str, vocab: Vocabulary) -> bool:
    return (low in vocab.determiners or low in vocab.not_names or low in vocab.between_words
            or low in vocab.modal_auxiliaries or low in vocab.be_forms or low in vocab.have_forms)


# A noun heading a compound whose first word is an event noun: by its ending ("negotiations",
# "agreement", "membership") or as a head that names an event or its setting.
NOUN_HEAD = re.compile(r"[a-z]{3,}(?:tions?|sions?|ments?|ships?|ances?|ences?)|ceremon(?:y|ies)|rall(?:y|ies)"
                       r"|campaigns?|programs?|programmes?|projects?|shows?|sites?|period|process|sessions?")
# A plural noun: a lowercase word in -s, but not -ss, -us, -is ("process", "status", "crisis").
PLURAL_NOUN = re.compile(r"[a-z]{3,}[^su'’]s")
# After "to", a word with a plural or noun ending is a destination ("to farmers"), not an infinitive.
NOUN_ENDING = re.compile(r"(?:[^s]s|ion|ions|ment|ments|ity|ness|ance|ence|ship|ism|ist|ers?|ors?)$")
