"""Which way an underspecified expression points: the tense of the clause around it.

"said Tuesday" (past) → the Tuesday before; "will meet Friday" (future) → the coming Friday. Rules over
auxiliaries and verb forms: the clue nearest to the expression inside its clause wins, clues before it
first (the verb an adverbial modifies usually precedes it in English news), then clues after it.
"""
from __future__ import annotations

import re

from .lexicon import lexicon

# Where a clause ends for this purpose: sentence ends, semicolons, colons, dashes, brackets, line breaks.
_BOUNDARY = re.compile(r"[.!?](?=[\"'”’)]*\s+[A-Z\"“‘(])|[;:—–()\n]|\s-\s")
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|'ll|'ve")
_ABBREVIATION_DOT = re.compile(r"(?:\b[A-Z]|vs|Mt|Ft|Rev|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Jr|Sr|Inc|Corp|Co|Ltd|[A-Z]\.[A-Z])\.$")

PAST, FUTURE, PRESENT = "past", "future", "present"
LOOK_BEHIND_WORDS = 14
LOOK_AHEAD_WORDS = 8
FRONTED_LOOK_AHEAD_WORDS = 30  # "In January, a week after the anniversary of the decision, a bomb killed ..."
FRONTED_ADVERBIAL_WORDS = 2  # "In March, ...", "Early last week, ..."
# A relative pronoun opens a clause of its own: "she would bring aid to countries where the Aug. 7
# blasts killed 257" is dated by "killed", not by "would".
RELATIVE_PRONOUNS = frozenset({"where", "which", "who", "whom", "whose"})


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): from the last boundary before it to the first one after it."""
    window_start = max(0, start - 400)
    left = window_start
    for m in reversed(list(_BOUNDARY.finditer(text, window_start, start))):  # the last real boundary
        if m.group().startswith(".") and _ABBREVIATION_DOT.search(text[max(0, m.start() - 6):m.start() + 1]):
            continue
        left = m.end()
        break
    right = min(len(text), end + 300)
    for m in _BOUNDARY.finditer(text, end, right):
        if m.group().startswith(".") and _ABBREVIATION_DOT.search(text[max(0, m.start() - 6):m.start() + 1]):
            continue
        right = m.start()
        break
    return left, right


# Words after which an -ed form is an adjective before its noun.
_BEFORE_AN_ADJECTIVE = frozenset("a an the its their his her our this that these those still newly "
                                 "recently previously already".split())


# Words before a noun: "the start", "its launch" are no verbs.
_DETERMINERS = frozenset("a an the its their his her our your my this that these those whose each every".split())


_PLURAL_DETERMINERS = frozenset("the both all".split())
_PERSONAL_PRONOUNS = frozenset("i we you they u".split())
# The present of "be" before an -ing form: the present progressive, which tells an arrangement
_BE_PRESENT = frozenset("is are am i'm we're you're they're he's she's it's im".split())


def _plural_subject(words: list[str], i: int) -> bool:
    """"the talks resume", "both teams meet": a plural noun after a determiner, right before a base form,
    is its subject (the base form is then a present, not an infinitive)."""
    if i < 2:
        return False
    noun, determiner = words[i - 1].lower(), words[i - 2].lower()
    return determiner in _PLURAL_DETERMINERS and len(noun) > 3 and noun.endswith("s") and not noun.endswith(("ss", "us", "is"))


def _classify(words: list[str], i: int) -> str | None:
    """The tense a word signals in context, or None."""
    lx = lexicon()
    word = words[i].lower()
    following = words[i + 1].lower() if i + 1 < len(words) else ""
    previous = words[i - 1].lower() if i > 0 else ""
    pair = f"{word} {following}"
    if word in lx.future_markers or pair in lx.future_markers:
        return FUTURE
    if word in lx.perfect_auxiliaries:
        return PAST if following.endswith("ed") or following in lx.irregular_past or following in ("been", "not") else PRESENT
    if word in lx.past_markers:
        return PAST
    if word in lx.irregular_past or (word.endswith("ed") and len(word) > 4 and word not in lx.not_past_ed):
        if previous in ("is", "are", "am", "be", "being"):
            return PRESENT if previous != "be" else None  # "is expected", "will be delayed"
        if previous in _BEFORE_AN_ADJECTIVE:
            return None  # "a still unspecified date", "the proposed merger": an adjective, not a verb
        return PAST
    if word in lx.arrangement_verbs and previous in _BE_PRESENT:
        return FUTURE  # "is meeting Friday", "we're flying out Sunday": an arrangement ahead
    if word in lx.present_markers:
        return PRESENT
    if (word in lx.schedule_verbs or pair in lx.schedule_verbs) and previous not in _DETERMINERS \
            or word in lx.schedule_verbs_base and (previous in _PERSONAL_PRONOUNS or _plural_subject(words, i)):
        return FUTURE  # "the museum reopens in September", "we fly out Thursday": a timetable
    return None


def future_signal_before(text: str, start: int) -> bool:
    """An explicit signal right before the expression ("as soon as Tuesday") puts it ahead."""
    before = " ".join(text[max(0, start - 25):start].lower().split())
    return any(before.endswith(signal) for signal in lexicon().future_signals)


_UNTIL_BEFORE = re.compile(r"\b(?:(?P<back>not|up)\s+)?(?:until|till)\s+$", re.I)


def deadline_before(text: str, start: int) -> bool:
    """"postponed until Tuesday", "gave them until Friday": a deadline right before the expression, set
    by a clause that moves or grants time, points ahead whatever the tense."""
    m = _UNTIL_BEFORE.search(text, max(0, start - 12), start)
    if not m or m.group("back"):
        return False
    left, _ = clause_bounds(text, m.start(), m.start())
    words = [w.lower() for w in _WORD.findall(text, max(left, m.start() - 120), m.start())]
    phrase = " ".join(words)
    return any(w.startswith(stem) for w in words for stem in lexicon().deadline_words if " " not in stem) \
        or any(stem in phrase for stem in lexicon().deadline_words if " " in stem)


def direction_from_tense(text: str, start: int, end: int) -> str | None:
    """past, future or present for the clause around [start, end), or None when nothing tells."""
    left, right = clause_bounds(text, start, end)
    before = _WORD.findall(text, left, start)
    # An attribution after a comma ("... in October, officials said") is another clause; but after a
    # fronted adverbial ("In March, the company received ...") the main clause follows the comma.
    comma = text.find(",", end, right)
    fronted = len(before) <= FRONTED_ADVERBIAL_WORDS
    after = _WORD.findall(text, end, right if fronted or comma < 0 else comma)
    reach = max(-1, len(before) - 1 - LOOK_BEHIND_WORDS)
    relative = next((i for i in range(len(before) - 1, reach, -1) if before[i].lower() in RELATIVE_PRONOUNS), reach)
    found = _look_behind(before, len(before) - 1, relative)
    if found:
        return found
    for i in range(min(len(after), FRONTED_LOOK_AHEAD_WORDS if fronted else LOOK_AHEAD_WORDS)):
        found = _classify(after, i)
        if found:
            return found
    # nothing inside the relative clause: the clause it hangs on may still tell
    found = _look_behind(before, relative - 1, reach) if relative > reach else None
    if found is None and left > 0 and text[left - 1] == "(" and right < len(text) and text[right] == ")":
        # a bracketed aside ("will leave at 4 in the morning (4 a.m. EDT Thursday)") takes the tense of
        # the clause it sits in
        return direction_from_tense(text, left - 1, right + 1)
    return found


# An infinitive looks ahead to an expression at most this many words after "to" ("to vote on it Friday";
# not "to meet demand for its newest computers well into the summer")
INFINITIVE_REACH = 4


def _look_behind(before: list[str], first: int, stop: int) -> str | None:
    """The nearest clue among before[stop+1 .. first], scanning backwards; with none, an infinitive of a
    timetable verb ("Senate to vote Friday", "a plan to open in March") looks ahead."""
    infinitive = None
    for i in range(first, stop, -1):
        if infinitive is None and before[i].lower() == "to" and first - INFINITIVE_REACH <= i < first \
                and before[i + 1].lower() in lexicon().infinitive_ahead:
            if i > 0 and before[i - 1].lower() in lexicon().intent_before_infinitive:
                return FUTURE  # "agreed to meet Tuesday"
            infinitive = FUTURE
        found = _classify(before, i)
        if found:
            # "will have met", "would be": the modal before a past-looking clue governs it
            if found == PAST and i > 0 and _classify(before, i - 1) == FUTURE:
                return FUTURE
            if found == FUTURE and "had" in (w.lower() for w in before[max(0, i - 3):i]):
                return PAST  # "had been due to expire Friday": a plan in the past, for a past day
            return found
    return infinitive
