"""Rule pronoun_description: "she" or "he" that can stand for no named person stands for the one person a
description of one sex names first in its sentence, else in the one before ("An Acme spokeswoman said
... The company has no plans, the spokeswoman said. \"It is minor,\" she said": the spokeswoman). With no
such description the pronoun names no agent (docs/entities.md)."""
from __future__ import annotations

import re
from functools import cache

from dateline.entities.gender import FEMALE, MALE, pronoun_gender
from dateline.model import Participant
from dateline.participants.names import ArticleNames, _group, _vocabulary


@cache
def _description(gender: str) -> re.Pattern[str]:
    vocab = _vocabulary()
    nouns = vocab.female_people_nouns if gender == FEMALE else vocab.male_people_nouns
    # a determiner or a possessor, at most two words, the noun: "the spokeswoman", "an Acme spokeswoman"
    return re.compile(r"\b(?:[Tt]he|[Aa]n?|[A-Z][\w.-]*['’]s)\s+(?:[\w.'’-]+\s+){0,2}?(?:"
                      + "|".join(sorted(nouns, key=len, reverse=True)) + r")\b")


def described_person_before(names: ArticleNames, offset: int, pronoun: str) -> Participant | None:
    """The person the first description of the pronoun's sex names before `offset`, in the pronoun's
    sentence, else in the one before; None when there is none."""
    gender = pronoun_gender(pronoun)
    index = names.sentence_index(offset)
    if gender not in (FEMALE, MALE) or index is None:
        return None
    # the salience rule of the names (dateline.entities.links): the most recent sentence with one, and
    # in it the first (the subject: "The father of the boy arrived. He said" is the father)
    for sentence in (index, index - 1) if index > 0 else (index,):
        start, end = names.sentences[sentence]
        found = _description(gender).search(names.text, start, min(end, offset))
        if found:
            return _group(names, found.start(), found.end(), "pronoun_description")
    return None
