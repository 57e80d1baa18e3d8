"""The head of a subject that a phrase describes: rule group_before_affiliation ("Officials at the
ministry said": the officials; "Riot police on horseback", "Lawyers for the family", "Two top aides to
Lisk") and rule nationality_plural ("The Soviets invaded": a group of that country)."""
from __future__ import annotations

import re

from dateline.participants.names import _DETERMINERS, _PHRASE_BOUNDARY, ArticleNames, _is_people_noun


# Prepositions whose phrase after a people noun says where the people work or come from ("Officials at
# the ministry", "Analysts at one brokerage", "Workers from the plant").
_AFFILIATION_PREPOSITIONS = frozenset("at from with in of on to for".split())  # "aides to Lisk", "lawyers for X"
_AFFILIATION_ENDS = _PHRASE_BOUNDARY - _AFFILIATION_PREPOSITIONS  # a clause or another phrase starts


def without_modifier_of_group(names: ArticleNames, words: list[re.Match]) -> list[re.Match]:
    """Rule group_before_affiliation: "Officials at the ministry said", "The directors of the company
    said", "Riot police on horseback dispersed", "Two top aides to Lisk": a people noun that opens the
    sentence, then "at", "from", "with", "in", "on", "to" or "of" and a few words up to the verb; the
    people are the subject, not what the phrase names (modifier_of_subject adds the names of the
    phrase)."""
    if not words or len(words) > 12:
        return words
    lowered = [word.group().lower() for word in words]
    # the subject opens the sentence, or the clause after an opening phrase ("At the same time, the lawyers
    # for the family said")
    comma = names.text.rfind(",", words[0].start(), words[-1].start())
    if names.text[words[-1].end():words[-1].end() + 2].lstrip().startswith(","):
        comma = -1  # the words end an aside ("Shoigu, a close aide to Putin, met"): _skip_aside reads it
    opening = next((i for i, w in enumerate(words) if w.start() > comma), 0) if comma >= 0 else 0
    for index in [*range(min(3, len(words) - 1)), *range(opening, min(opening + 3, len(words) - 1))][:6]:
        if lowered[index + 1] in _AFFILIATION_PREPOSITIONS and _heads_affiliation(names, words, lowered, index) \
                and len(words) - index <= 7 and not any(word in _AFFILIATION_ENDS for word in lowered[index + 2:]) \
                and "," not in names.text[words[index].end():words[-1].start()]:  # an aside: _skip_aside reads it
            return words[:index + 1]
    return words


def _heads_affiliation(names: ArticleNames, words: list[re.Match], lowered: list[str], index: int) -> bool:
    """Whether words[index] heads a phrase the preposition after it describes: a plural people noun; a
    lowercase singular one, before "of" only a body's head, a relation or a role ("Riot police on horseback",
    "the ministry of health", "The father of the boy", "the chief executive of a Dutch bank": role_of_body;
    not "A group of lawmakers", the lawmakers); not a
    title ("Secretary of State X"); not "to" before an infinitive ("urging directors to hold")."""
    low, preposition = lowered[index], lowered[index + 1]
    if preposition == "for" and low.startswith("spokes"):
        return False  # "a spokesman for Acme said": Acme speaks through him
    relation = low in names.vocab.relation_nouns
    if not (_is_people_noun(words[index].group(), names.vocab) or relation):
        return False
    if preposition == "to" and index + 2 < len(words) and words[index + 2].group().islower() \
            and lowered[index + 2] not in _DETERMINERS:
        return False
    if low.endswith("s"):
        return True
    return words[index].group().islower() and (
        preposition != "of" or relation or low in names.entities_vocabulary.institution_nouns
        or low in names.vocab.roles_before_of or low in names.entities_vocabulary.person_title_heads)


def nationality_plural(names: ArticleNames, word: re.Match) -> bool:
    """Rule nationality_plural: a people named by their nationality in the plural ("The Soviets invaded",
    "some 1,500 ethnic Albanians marched") head a group of that country, as a people noun does."""
    written = word.group()
    return written[0].isupper() and written.endswith("s") and len(written) > 3 \
        and names.gazetteer.country_of_demonym(written) is not None
