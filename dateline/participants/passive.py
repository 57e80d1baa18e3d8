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
    offset = trigger_end
    for _ in range(4):
        found = _BY.match(names.text, offset)
        if found or offset >= clause_end:
            return found
        adverb = _ADVERB.match(names.text, offset) or _PLACE_PHRASE.match(names.text, offset, clause_end)
        if adverb:
            offset = adverb.end() - (1 if names.text[adverb.end() - 1].isspace() else 0)
            continue
        preposition = _TIME_PREPOSITION.match(names.text, offset)
        start = preposition.end() if preposition else len(names.text) - len(names.text[offset:].lstrip(" ,"))
        time = _time_starting_at(names, start)
        if time is None:
            return None
        offset = time[1]
    return None


def _time_starting_at(names: ArticleNames, start: int):
    """The time expression that starts at `start`, if any."""
    index = bisect_left(names.times, (start,))
    return names.times[index] if index < len(names.times) and names.times[index][0] == start else None
