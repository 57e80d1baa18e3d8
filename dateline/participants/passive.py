"""The "by" of a passive verb, where its agent starts: right after the participle, or past what may stand
between them (an adverb, a place phrase, a time)."""
from __future__ import annotations

import re
from bisect import bisect_left

from dateline.participants.names import ArticleNames

_BY = re.compile(r"\s+by\s+")
# What may stand between a passive participle and its "by": an adverb, a time with its preposition
# ("awarded on Monday by the ministry", "opened formally on Friday by Mayor Rusk").
_TIME_PREPOSITION = re.compile(r"\s*,?\s*(?:on|in|at|during|early|late|last|this|earlier|later)\s+")
_ADVERB = re.compile(r"\s*,?\s*[a-z]{3,}ly\b")
# ... or a place phrase of a few words before a time or the "by" ("rescued off the coast of Maine on Friday
# by two fishermen", "was signed in Oslo by the two ministers"); not one holding a participle or a relative
# whose own "by" it is ("read at a rally attended by Castro").
_PLACE_PHRASE = re.compile(r"\s*(?:off|in|at|near|outside|inside|from|across|along)\s+(?:(?:the|a|an)\s+)?"
                           r"(?:(?![a-z]+(?:ed|en)\s|(?:who|which|that|where)\s)[A-Za-z][\w.'’-]*\s+){1,5}?"
                           r"(?=by\s|on\s|early\s|late\s|last\s|this\s)")


def by_after_trigger(names: ArticleNames, trigger_end: int, clause_end: int) -> re.Match | None:
    """Rule passive_agent_past_time: the "by" of a passive, right after the participle or past an adverb,
    a place phrase and a time ("was awarded on Monday by the Transport Ministry", "rescued off the coast
    on Friday by two fishermen"); the match ends where the agent starts."""
    text = names.text
    offset = trigger_end
    for _ in range(4):
        found = _BY.match(text, offset)
        if found or offset >= clause_end:
            return found
        # a time that holds its own first word ("last week", "early Friday"), else one after a preposition
        time = _time_starting_at(names, len(text) - len(text[offset:].lstrip(" ,")))
        preposition = _TIME_PREPOSITION.match(text, offset) if time is None else None
        time = time or (_time_starting_at(names, preposition.end()) if preposition else None)
        if time is not None:
            offset = time[1]
            continue
        between = _ADVERB.match(text, offset) or _PLACE_PHRASE.match(text, offset, clause_end)
        if between is None:
            return None
        offset = between.end() - (1 if text[between.end() - 1].isspace() else 0)
    return None


def _time_starting_at(names: ArticleNames, start: int):
    """The time expression that starts at `start`, if any."""
    index = bisect_left(names.times, (start,))
    return names.times[index] if index < len(names.times) and names.times[index][0] == start else None
