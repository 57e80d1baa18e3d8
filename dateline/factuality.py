"""Did the event happen? Polarity (positive, negative) and modality (actual, planned, hoped, possible).

Read from cues in the trigger's clause (vocabulary/factuality.yaml): a negation just before it, or "no"
as the object of a verb whose object names the event ("gave no indication"), a helper ("will meet",
"would deepen"), the verb governing an infinitive ("agreed to send", "hopes to visit"), a clause of
condition ("if it merges", "unless the talks resume"), and the calendar: an event dated after the
publication day has not happened yet. Each event
records the cue that decided (factuality_rule), so an analyst can filter out what is not a past fact.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from dateline.model import Event
from dateline.vocabulary_files import VOCABULARY_DIR, load_vocabulary

VOCABULARY_FILE = VOCABULARY_DIR / "factuality.yaml"
# "weren't" is read as "were" and "n't", so the negation counts (also "can't" -> "ca", "n't").
_WORD = re.compile(r"[A-Za-z]+?(?=n['’]t\b)|n['’]t\b|[A-Za-z]+(?:['’][a-z]+)?")
_LOOK_BACK = 6  # words before the trigger where its helpers and negation sit
_LOOK_BACK_CHARACTERS = 80  # comfortably more than _LOOK_BACK words
_GOVERNOR_REACH = 4  # words between "to" and the verb governing it ("agreed on Monday to send")
_ADVERBS = frozenset("also already just still now then soon again reportedly allegedly apparently "
                     "finally first last only even ever once later immediately officially all both".split())


@dataclass(frozen=True, slots=True)
class _Cues:
    negations: dict[int, frozenset[tuple[str, ...]]]  # by length in words
    complement_verbs: dict[str, str]  # word -> modality
    helpers: dict[int, dict[tuple[str, ...], str]]  # by length in words, longest first: sequence -> modality
    condition: re.Pattern  # "if", "unless" as a word, not before "not" or "any": a clause of condition
    negated_by_object: frozenset[str]  # "gave", "made": verbs that "no" as their object's determiner negates


def governs_infinitive(verb: str) -> bool:
    """Whether `verb` takes a "to" complement that has not happened by its own time ("agreed to send",
    "hopes to visit", "voted to close"); not a form of "be" ("was in Paris to sign": a purpose)."""
    low = verb.lower()
    return low in _cues().complement_verbs and low not in _BE_FORMS


_BE_FORMS = frozenset({"is", "are", "was", "were"})


def _by_length(sequences: dict[tuple[str, ...], str]) -> dict[int, dict[tuple[str, ...], str]]:
    grouped: dict[int, dict[tuple[str, ...], str]] = {}
    for sequence, value in sequences.items():
        grouped.setdefault(len(sequence), {})[sequence] = value
    return dict(sorted(grouped.items(), reverse=True))


@cache
def _cues(path: Path = VOCABULARY_FILE) -> _Cues:
    data = load_vocabulary(path)
    complements = {str(w): modality for modality, words in data["complement_verbs"].items() for w in words}
    helpers = {tuple(str(w).split()): modality for modality, words in data["helpers"].items() for w in words}
    negations = {tuple(str(w).split()): "negative" for w in data["negations"]}
    conditions = "|".join(r"\s+".join(map(re.escape, str(w).lower().split())) for w in data["conditions"])
    not_before = "|".join(re.escape(str(w).lower()) for w in data["not_conditions_before"])
    condition = re.compile(rf"\b(?:{conditions})\b(?!\s+(?:{not_before})\b)", re.IGNORECASE)
    return _Cues({n: frozenset(seqs) for n, seqs in _by_length(negations).items()}, complements, _by_length(helpers),
                 condition,
                 frozenset(str(w).lower() for w in data["negated_by_object"]))


# "no" as the determiner of the verb's object: "gave no indication" (not "no." or "no-fly").
_NO_OBJECT = re.compile(r"\s+no\s+[A-Za-z]")
# Where a clause of condition cannot reach past: a comma, semicolon, colon or dash.
_CONDITION_STOP = re.compile(r"[,;:\u2014\u2013]|\s-{1,2}\s")
_CONDITION_REACH = 120  # characters back from the trigger: a clause's subject and helpers


# The month, not the modal: "in the May 4 shooting".
_MONTH_MAY = re.compile(r"May\s+\d")


def factuality(text: str, event: Event, published: date, clause: tuple[int, int]) -> dict[str, str]:
    """Polarity, modality and the cue that set them (factuality_rule), for an event in `clause`."""
    reach = _after_last(_CLOSING_QUOTE, text, max(clause[0], event.trigger_start - _LOOK_BACK_CHARACTERS),
                        event.trigger_start)
    words = _words(text, reach, event.trigger_start)  # (start, word) of the words before the trigger
    polarity, negation = _polarity(_window(words, reach))
    if polarity == "positive" and event.trigger.lower() in _cues().negated_by_object \
            and _NO_OBJECT.match(text, event.trigger_end):
        polarity, negation = "negative", "negation:no_object"
    # A helper does not reach across a comma ("The firm, which will move, said"), but a negation does
    # ("did not, however, attend"); a helper before an aside is read apart (_helper_before_aside).
    reach = _after_last(_CONDITION_STOP, text, reach, event.trigger_start)
    modality, rule = _modality(_window(words, reach))
    if modality == "actual" and event.trigger_kind in ("noun", "measure"):
        modality, rule = _object_of_infinitive(_window(words, reach, _LOOK_BACK + _OBJECT_REACH),
                                               text, reach, event.trigger_start)
    if modality == "actual":
        modality, rule = _helper_before_aside(text, clause, event.trigger_start)
    if modality == "actual":
        condition = _condition(text, event.trigger_start, clause)
        if condition:
            modality, rule = "possible", f"condition:{condition}"
    if modality == "actual" and event.earliest > published:
        modality, rule = "planned", "dated_after_publication"
    rules = [r for r in (negation, rule) if r]
    return {"polarity": polarity, "modality": modality, "factuality_rule": "+".join(rules) or "no_cue"}


# The end of a quotation: what was said in it does not govern the verb after it ('"We will win," he said').
_CLOSING_QUOTE = re.compile(r"''|[\"”]")


def _after_last(pattern: re.Pattern, text: str, start: int, end: int) -> int:
    """The offset after the last match of `pattern` in text[start:end], or `start` when there is none."""
    last = None
    for last in pattern.finditer(text, start, end):
        pass
    return last.end() if last else start


def _words(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, lowercase word) of each word of text[start:end], but "May" of a date."""
    words = []
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        if word == "May" and _MONTH_MAY.match(text, match.start()):
            continue  # the regex only for "May": it is run on every word before every trigger
        words.append((match.start(), word.lower().replace("’", "'") if "’" in word else word.lower()))
    return words


def _window(words: list[tuple[int, str]], start: int, count: int = _LOOK_BACK) -> list[str]:
    """The last `count` of `words` from offset `start` on, trailing adverbs dropped."""
    return _without_trailing_adverbs([word for offset, word in words[-count:] if offset >= start])


def _polarity(window: list[str]) -> tuple[str, str]:
    """Negative when a negation sits among the last few words before the trigger (`window`: those words,
    trailing adverbs dropped)."""
    tail = window[-3:]
    for size, negations in _cues().negations.items():
        for i in range(len(tail) - size + 1):
            if tuple(tail[i:i + size]) in negations:
                return "negative", f"negation:{' '.join(tail[i:i + size])}"
    return "positive", ""


def _modality(window: list[str]) -> tuple[str, str]:
    """The modality the helpers or the governing verb before the trigger give (`window`: the words before
    it, trailing adverbs dropped)."""
    cues = _cues()
    words = window
    while words and words[-1] in ("not", "n't", "never", "be", "have", "been"):
        words = words[:-1]
    if len(words) >= 2 and words[-1] == "to":
        # The governing verb may stand a few words back: "agreed on Monday to send".
        for governor in reversed(words[-_GOVERNOR_REACH - 1:-1]):
            if governor in cues.complement_verbs:
                return cues.complement_verbs[governor], f"complement_of:{governor}"
    for size, helpers in cues.helpers.items():
        for i in range(max(0, len(words) - size - 2), len(words) - size + 1):
            helper = tuple(words[i:i + size])
            if helper in helpers:
                return helpers[helper], f"helper:{' '.join(helper)}"
    return "actual", ""


_OBJECT_REACH = 5  # words between "to" and an event noun in its object: the verb, an article, modifiers
# Words that end the infinitive's phrase: a noun after them is no object of it.
_DETERMINERS = frozenset("a an the its his her their this that these those our my your more less some any all no "
                         "each every other".split())
_PHRASE_ENDS = frozenset("that which who whom whose when where while because after before and or but as "
                         "since until if than in on at from with by into of around about over against through "
                         "under toward towards during amid despite without across behind".split())
_ATTITUDES = ("hoped", "expected")  # verbs whose object itself has not happened: "demanded the release"
_OBJECT_OF_ATTITUDE_REACH = 3  # words between such a verb (and "for") and its object noun
# Verbs that hope for their object only with "for": "called for a ceasefire", "asked for a delay".
_ONLY_WITH_FOR = frozenset("call calls called calling ask asks asked asking push pushed pushing".split())


def _object_of_infinitive(window: list[str], text: str, reach: int, trigger_start: int) -> tuple[str, str]:
    """The modality of an infinitive whose object the event noun is ("expects to report a charge", "hopes
    to complete the deal"): the governing verb's, as for the infinitive itself; or of a verb of hoping or
    expecting whose object it is ("called for the withdrawal", "demanded the release"); ("actual", "") when
    the noun is no such object (a comma, a clause word or more than a few words lie between)."""
    if _CONDITION_STOP.search(text, reach, trigger_start):
        return "actual", ""
    at = next((i for i in range(len(window) - 2, max(-1, len(window) - _OBJECT_REACH - 2), -1)
               if window[i] == "to"), None)  # "to" among the few words before the noun, not right before it
    if at is None:
        return _object_of_attitude(window)
    if any(word in _PHRASE_ENDS for word in window[at + 1:]) or window[at + 1] in _DETERMINERS:
        # "agreed to a meeting", "due to its loss": "to" before a noun phrase is a preposition
        return "actual", ""
    modality, rule = _modality(window[:at + 1])
    return (modality, rule) if rule.startswith("complement_of:") else ("actual", "")


def _object_of_attitude(window: list[str]) -> tuple[str, str]:
    """The modality a verb of hoping or expecting gives the event noun that is its object, a few words on
    ("calls for Israel's unconditional withdrawal", "demanded the release", "expected a loss")."""
    complements = _cues().complement_verbs
    for i in range(len(window) - 1, max(-1, len(window) - _OBJECT_OF_ATTITUDE_REACH - 3), -1):
        word = window[i]
        if word in _PHRASE_ENDS or word == "to":
            return "actual", ""
        if complements.get(word) in _ATTITUDES:
            between = window[i + 1:]
            if between[:1] == ["for"]:
                between = between[1:]
            elif word in _ONLY_WITH_FOR:
                return "actual", ""  # "called a ceasefire", "asked a question": done, not hoped for
            if len(between) <= _OBJECT_OF_ATTITUDE_REACH:
                return complements[word], f"object_of:{word}"
    return "actual", ""


# A helper, then an aside set off by commas, then the verb: "would, when it was broken, give".
_HELPER_BEFORE_ASIDE = re.compile(r"\b([A-Za-z]+)\s*,[^,;:.\u2014\u2013]{1,80},\s*$")


def _helper_before_aside(text: str, clause: tuple[int, int], trigger_start: int) -> tuple[str, str]:
    """The modality a one-word helper gives across an aside between it and the trigger ("would, when it
    was broken, give", "will, if approved, take"): ("actual", "") when there is none."""
    if text[max(clause[0] - 2, trigger_start - 2):trigger_start].strip() != ",":
        return "actual", ""  # most triggers: no comma right before them, so no aside to look across
    aside = _HELPER_BEFORE_ASIDE.search(text, max(0, trigger_start - 120), trigger_start)
    if aside is None:
        return "actual", ""
    helper = (aside.group(1).lower(),)
    modality = _cues().helpers.get(1, {}).get(helper)
    return (modality, f"helper:{helper[0]}") if modality else ("actual", "")


def _condition(text: str, trigger_start: int, clause: tuple[int, int]) -> str:
    """The conjunction of a clause of condition the trigger stands in ("if it merges", "unless the talks
    resume"), read back to the clause's start across no punctuation; "" when there is none."""
    reach = max(clause[0], trigger_start - _CONDITION_REACH)
    last = None
    for last in _cues().condition.finditer(text, reach, trigger_start):
        pass  # most events have none: one scan, and the punctuation is looked for only after a find
    if last is None or _CONDITION_STOP.search(text, last.end(), trigger_start):
        return ""
    return " ".join(last.group().lower().split())


def _without_trailing_adverbs(words: list[str]) -> list[str]:
    end = len(words)
    while end and words[end - 1] in _ADVERBS:
        end -= 1
    return words[:end]
