"""Present states that the text says hold now: dated at the publication day, and marked so.

"Montedison currently owns about 72% of Erbamont" names no day, but "currently" says the state holds
when the story is written: on the publication day. A verb in the present -s form ("owns", "controls",
"operates") that one of the adverbs of dateline/vocabulary/current_states.yaml ("currently", "now",
"still") puts at the time of writing, and that no time expression dates, gets a row with no time
expression, link_rule "current_state_at_publication", anchor the publication date, earliest = latest =
the publication day, granularity "day". A present verb with no such adverb ("Ford holds a stake")
says what is generally so, and gets no row; statements ("now says") are left to dateline.undated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from dateline.event_kinds import event_kind
from dateline.events import find_triggers, lowered_for_words, vocabulary
from dateline.model import Event
from dateline.sentences import Span, sentence_spans
from dateline.vocabulary_files import VOCABULARY_DIR, load_vocabulary

LINK_RULE = "current_state_at_publication"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    adverb: re.Pattern[str]
    words_between: int


@cache
def _vocabulary(path: Path = VOCABULARY_DIR / "current_states.yaml") -> _Vocabulary:
    data = load_vocabulary(path)
    adverbs = sorted((str(a) for a in data["adverbs"]), key=len, reverse=True)
    pattern = r"\b(?:" + "|".join(r"\s+".join(map(re.escape, a.split())) for a in adverbs) + r")\b"
    return _Vocabulary(re.compile(pattern, re.IGNORECASE), int(data["words_between"]))


def is_present_s_form(word: str) -> bool:
    """A verb in the present third-person form: "owns", "controls", not "process" or "status"."""
    low = word.lower()
    return len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is"))


def current_states(text: str, events: list[Event], published: date,
                   sentences: list[Span] | None = None) -> list[Event]:
    """Present states that `events` (the time-linked ones) leave undated and an adverb puts at the time
    of writing, each dated at the publication day, in text order."""
    vocab = _vocabulary()
    matches = list(vocab.adverb.finditer(text))
    if not matches:
        return []
    dated = {event.trigger_start for event in events}
    trigger_vocab = vocabulary()
    lowered_text = lowered_for_words(text)
    found: dict[int, Event] = {}
    spans = sentence_spans(text) if sentences is None else sentences
    for start, end in spans:
        here = [m for m in matches if start <= m.start() < end]
        if not here:
            continue
        triggers = find_triggers(text, start, end, trigger_vocab, lowered_text=lowered_text)
        for adverb in here:
            trigger = _verb_after(text, adverb, end, triggers, vocab.words_between)
            if trigger is None or trigger.start in dated or trigger.start in found:
                continue
            found[trigger.start] = Event(
                trigger=trigger.text, trigger_start=trigger.start, trigger_end=trigger.end,
                sentence=text[start:end], sentence_start=start, sentence_end=end, times=(),
                relation="on", earliest=published, latest=published, granularity="day",
                link_rule=LINK_RULE, trigger_kind=trigger.kind,
            )
    return [found[key] for key in sorted(found)]


def _verb_after(text: str, adverb: re.Match, end: int, triggers: list, words_between: int):
    """The present -s verb the adverb governs: the first trigger after it, within `words_between` words
    and no punctuation, when it is a verb in the present -s form that names no statement."""
    gap_end = next((t for t in triggers if t.start >= adverb.end()), None)
    if gap_end is None:
        return None
    gap = text[adverb.end():gap_end.start]
    if len(_WORD.findall(gap)) > words_between or re.search(r"[,;:.!?()\"“”]", gap):
        return None
    if gap_end.kind != "verb" or not gap_end.row or not is_present_s_form(gap_end.text):
        return None
    if event_kind(gap_end.text) == "statement":
        return None
    return gap_end
