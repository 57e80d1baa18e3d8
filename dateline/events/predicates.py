"""A copula's state is named by its predicate: "has been independent since 1901", "was finance minister
until last year", "were net losers in the quarter". "was" names nothing by itself: the row keeps it as
its trigger (and the clause as its description), but the EVENT written to TimeML reaches from the
copula to the predicate's head (the adjective, or the last word of the noun phrase), so that it holds
both the predicate, which TimeBank marks, and the copula, which some annotations mark instead.

The head is the last word of the run right after the copula (adverbs such as "not" or "still" skipped)
that ends at punctuation, a preposition, a clause word or a time expression. No head is taken, and the
copula stays the trigger, when the run is empty ("was under quarantine", "is in Geneva"), when it ends on
a pronoun, a figure or a place adverb ("that was him", "were here"), after "there" ("there were nurses":
what is present is the subject), or when it runs on too long to be one phrase.
"""
from __future__ import annotations

import re

_TOKEN = re.compile(r"[A-Za-z][\w'’.&-]*|\d[\d.,:/%-]*|\S")  # "U.S." is one word
_MAX_WORDS = 6  # "the first senior Israeli official"; longer is no single noun phrase
_SKIPPED = frozenset("not n't never still also now already just only even once again then thus "
                     "reportedly apparently officially effectively briefly formally".split())
_STOPS = frozenset(
    # prepositions: the predicate's phrase ends before them ("part of a crew", "losers in the quarter")
    "of in on at for to with from by since until till after before during under over about than as into "
    "through among between against without within across toward towards amid per like near "
    # clause words and conjunctions
    "that which who whom whose when where while because and or but if unless whether so".split())
_NO_HEAD = frozenset(
    "him her it them us me you he she they we i this that these those here there one ones someone "
    "something nothing everything anything none all both each either neither such so the a an "
    "his its their our my your no".split())
_BEFORE_EXISTENTIAL = re.compile(r"\bthere\s+(?:\w+\s+){0,2}$", re.I)


def predicate_head(text: str, copula_start: int, copula_end: int, limit: int,
                   times: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of the head of the predicate after the copula at copula_start..copula_end, looked for
    before `limit` (the sentence's end) and before any of `times` (start, end); None when there is none."""
    if _BEFORE_EXISTENTIAL.search(text, max(0, copula_start - 30), copula_start):
        return None  # "there were nurses in the convoy": presence, told by the copula
    stop = min([limit] + [start for start, _ in times if start >= copula_end])
    run: list[re.Match] = []
    for token in _TOKEN.finditer(text, copula_end, stop):
        word = token.group().lower().rstrip(".")
        if not run and (word in _SKIPPED or word.endswith("ly") and len(word) > 4):
            continue
        if not word or not word[0].isalpha() or word in _STOPS:
            break
        run.append(token)
        if len(run) > _MAX_WORDS:
            return None
    if not run:
        return None
    head = run[-1]
    word = head.group().rstrip(".")
    if word.lower() in _NO_HEAD or word[0].isupper() and len(run) == 1:
        return None  # a pronoun or a name on its own ("that was him", "the winner was Acme")
    return head.start(), head.start() + len(word)
