"""Statements that no time word dates: bounded only by the publication date, and marked so.

"North Korea is sending workers, a Russian official said." names no day: the statement was made
before the story was published, almost always the same day or the day before. Such a row is useful
(who said what, and when at the latest) only if it never passes for a precisely dated one, so it
carries link_rule "publication_date_only", no time expression, and the window
[publication day - PUBLICATION_WINDOW_DAYS, publication day] at granularity "publication_window".
Only statements get such rows: other undated events may lie years back ("the company was founded").
A statement in the perfect ("has said", "had warned") may too: its row says on or before the publication
day, with no first day (link_rule "perfect_before_publication", relation on_or_before), rated low. So does
one an adverb puts before the story ("recently announced", "said earlier", "had previously reported":
link_rule "earlier_than_publication"): not in the publication window, but before it.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.event_kinds import event_kind
from dateline.events import find_triggers, lowered_for_words, vocabulary
from dateline.events.reported_past import NO_EARLIEST, ON_OR_BEFORE
from dateline.model import Event
from dateline.sentences import Span, sentence_spans

PUBLICATION_WINDOW_DAYS = 1
LINK_RULE = "publication_date_only"
PERFECT_RULE = "perfect_before_publication"  # "has said": on or before the publication day, no first day
EARLIER_RULE = "earlier_than_publication"  # "recently announced", "said earlier": the same bounds
GRANULARITY = "publication_window"
# Reporting verbs in the forms that report a past or current statement ("said", "says", "told");
# not "will say", "to announce", "saying".
_REPORTING_FORMS = frozenset("said says told tells announced announces reported reports added adds "
                             "warned warns insisted insists confirmed confirms denied denies stated "
                             "states declared declares claimed claims wrote".split())
# ("writes" is left out: "He writes about Russia" is an author's note, not a statement.)
# The lookahead on the forms' first letters is implied by the words; it lets the engine pass most word
# starts at once (twice as fast as the bare alternation).
_REPORTING_WORD = re.compile(r"\b(?=[" + "".join(sorted({form[0] for form in _REPORTING_FORMS})) + r"])(?:"
                             + "|".join(sorted(_REPORTING_FORMS)) + r")\b", re.IGNORECASE)


# A perfect ("has said", "had repeatedly warned"): a statement made at some time before, not on the
# publication day ("Castro has said that you can be a Communist and still be a Christian"): on or before
# it, with no first day (relation on_or_before, earliest 0001-01-01, link rule perfect_before_publication).
_PERFECT = re.compile(r"\b(?:has|have|had|'s|'ve|'d)(?:\s+(?:also|long|often|repeatedly|previously|already|"
                      r"publicly|recently|never|not|always|consistently|earlier))*\s+$", re.IGNORECASE)


# An adverb that puts the statement before the story: just before the verb ("recently announced",
# "previously reported"), or right after it ("said earlier", "announced recently"), but not as the start of
# a time of its own ("said earlier this week", "earlier on Monday": the tagger dates those).
_EARLIER_BEFORE = re.compile(r"\b(?:recently|earlier|previously|formerly|once)\s+$", re.IGNORECASE)
_EARLIER_AFTER = re.compile(r"\s+(?:recently|earlier|previously)\b(?!\s+(?:this|today|on|in|last|that\s+(?:day|week|month|year|morning|afternoon|evening|night))\b)",
                            re.IGNORECASE)


def publication_dated_statements(text: str, events: list[Event], published: date,
                                 sentences: list[Span] | None = None) -> list[Event]:
    """Statement events that `events` (the time-linked ones) leave undated, in text order."""
    dated = {event.trigger_start for event in events}
    vocab = vocabulary()
    earliest = published - timedelta(days=PUBLICATION_WINDOW_DAYS)
    found = []
    lowered_text = None
    for start, end in sentence_spans(text) if sentences is None else sentences:
        if not _REPORTING_WORD.search(text, start, end):
            continue  # most sentences report nothing: skip finding their triggers
        lowered_text = lowered_text or lowered_for_words(text)
        for trigger in find_triggers(text, start, end, vocab, among=_REPORTING_FORMS, lowered_text=lowered_text):
            if trigger.start in dated or not trigger.row or trigger.kind != "verb" \
                    or trigger.text.lower() not in _REPORTING_FORMS:
                continue
            if event_kind(trigger.text) != "statement":
                continue
            perfect = bool(_PERFECT.search(text, max(start, trigger.start - 30), trigger.start))
            earlier = not perfect and bool(_EARLIER_BEFORE.search(text, max(start, trigger.start - 20), trigger.start)
                                           or _EARLIER_AFTER.match(text, trigger.end))
            before = perfect or earlier
            found.append(Event(
                trigger=trigger.text, trigger_start=trigger.start, trigger_end=trigger.end,
                sentence=text[start:end], sentence_start=start, sentence_end=end, times=(),
                relation=ON_OR_BEFORE if before else "on", earliest=NO_EARLIEST if before else earliest,
                latest=published, granularity=GRANULARITY,
                link_rule=PERFECT_RULE if perfect else EARLIER_RULE if earlier else LINK_RULE,
            ))
    return found
