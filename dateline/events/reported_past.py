"""A past event told inside a report, when the report's sentence gives it no time of its own: "Smith said
on Tuesday he had visited the plant", "the company said Tuesday it had sold the unit", "officials said on
Tuesday that rebels had attacked the town". Tuesday is the saying's day; the visit, the sale, the attack
happened on it or at some time before it. Such an event is linked to the saying's time with the rule
REPORTED_PAST_RULE and the relation "on_or_before", and its interval ends on the saying's last day
(dateline.events.assemble), with no first day the text gives (NO_EARLIEST)."""
from __future__ import annotations

import re
from datetime import date

from dateline.events.links import Link
from dateline.events.trigger_vocabulary import Vocabulary
from dateline.events.triggers import Trigger
from dateline.model import TemporalExpression
from dateline.sentences import Span

REPORTED_PAST_RULE = "reported_past_before_saying"
ON_OR_BEFORE = "on_or_before"
# The first day of an interval the text does not bound from below: "on or before Tuesday".
NO_EARLIEST = date(1, 1, 1)

# A past perfect tells the verb after it as done before the saying: "had visited", "had not admitted",
# "had been arrested". A simple past in a report may be the saying's own time ("said Friday that he
# remembered"), and so may a present perfect ("said the U.N. has imposed an embargo"): they keep the
# sentence's time.
_PAST_PERFECT = re.compile(r"\b(?:had|'d)\s+(?:(?:not|never|already|also|just|since|been|recently|now)\s+){0,2}$",
                           re.IGNORECASE)
# Between a reporting verb and its own time: "said Friday", "said on Tuesday", "said late Friday".
_SAYING_TIME_GAP = re.compile(r"\s*(?:(?:on|late|early|in|at|this|last)\s+)?", re.IGNORECASE)


def is_reported_past(text: str, sentence: Span, trigger: Trigger, time: TemporalExpression,
                     saying_links: list[Link], vocab: Vocabulary) -> bool:
    """Whether `trigger`, about to be dated by `time`, the nearest time of its sentence, is a past event
    told in a report that `time` dates ("said on Tuesday he had visited"): a reporting verb before it in
    the sentence is linked to `time`, its own time, and the trigger is a past perfect ("had visited", "had
    been arrested")."""
    if trigger.kind != "verb":
        return False
    low = trigger.text.lower()
    if not (low in vocab.irregular_verbs or low in vocab.bare_past_verbs
            or (low.endswith("ed") and low not in vocab.ed_not_verbs)) or low in vocab.reporting_verbs:
        return False
    if not _PAST_PERFECT.search(text, max(sentence[0], trigger.start - 30), trigger.start):
        return False  # "attacked", "has imposed", "would visit", "to sell", "is expected"
    return any(link.expression is time and link.trigger.end <= trigger.start and sentence[0] <= link.trigger.start
               and link.trigger.text.lower() in vocab.reporting_verbs and _own_time(text, link.trigger, time)
               for link in saying_links)


def _own_time(text: str, saying: Trigger, time: TemporalExpression) -> bool:
    """Whether `time` is the saying's own: right after the reporting verb ("said Tuesday", "said on
    Tuesday") or before it ("On Tuesday, officials said"), not inside what it reports ("said net income
    in the third quarter had risen")."""
    return time.end <= saying.start or (time.start >= saying.end
                                        and bool(_SAYING_TIME_GAP.fullmatch(text, saying.end, time.start)))
