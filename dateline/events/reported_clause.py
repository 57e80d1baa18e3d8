"""A statement reported without "that" ("said net income in the third quarter jumped 12%"): a time inside
the reported clause dates the reported event, not the saying.

After a verb that takes a clause and no object ("said", "added", "insisted": clause_reporting_verbs in
vocabulary/events.yaml), a noun phrase is the reported clause's subject; when a time stands inside it or
right after it and a finite verb follows, the time is the reported clause's own. The saying is then left
to the report's day (dateline.events.reports), or the publication date, like a statement with no time.
"""
from __future__ import annotations

import re

from dateline.events.trigger_vocabulary import Vocabulary
from dateline.events.triggers import Trigger
from dateline.events.word_shapes import FUNCTION_WORDS
from dateline.model import TemporalExpression
from dateline.sentences import Span

REPORTED_CLAUSE_RULE = "time_in_reported_clause"

_SUBJECT_WORDS = 6  # words between the saying and the time: the reported clause's subject
_VERB_WORDS = 6  # words between the time and the reported verb: the rest of the subject, "had", "not"
_PUNCTUATION = re.compile(r"[,;:()\"“”'‘’\u2014\u2013]|\s-{1,2}\s|''|``")
_WORDS = re.compile(r"[A-Za-z][\w.'’&-]*")
# A subject's first word that is no noun phrase's: the time then dates the saying ("said late Monday",
# "said again on Monday", "said in a statement on Friday").
_NOT_SUBJECT = frozenset({"again", "also", "earlier", "later", "then", "today", "yesterday", "tonight", "previously",
                          "separately", "privately", "publicly", "repeatedly", "once", "twice"})
_POSSESSIVE = re.compile(r"['’]s?\s")
# A period's end inside the subject: "its profit for the quarter ended Sept. 30 rose".
_PERIOD_ENDS = frozenset({"ended", "ending", "ends"})


def reported_clause_verb(text: str, saying: Trigger, expression: TemporalExpression, triggers: list[Trigger],
                         clause: Span, vocab: Vocabulary) -> Trigger | None:
    """The verb of the "that"-less clause `saying` reports, when `expression` stands in that clause before
    its verb ("said net income in the third quarter jumped": "jumped"); None when the time is the saying's
    ("said on Monday the plant would close", "said Monday", "said in a statement Friday")."""
    if saying.text.lower() not in vocab.clause_reporting_verbs or expression.start <= saying.end \
            or not (clause[0] <= saying.start and expression.start < clause[1]):
        return None
    subject = _WORDS.findall(text, saying.end, expression.start)
    if len(subject) > _SUBJECT_WORDS or _PUNCTUATION.search(text, saying.end, expression.start):
        return None
    if not subject and not (_POSSESSIVE.match(text, expression.end) or "-" in expression.text):
        return None  # "said Monday": the saying's; but "said last week's vote", "said third-quarter profit"
    if any(saying.end <= t.start and t.end <= expression.start and t.kind in ("verb", "copula") for t in triggers):
        return None  # "said it was informed Friday": the time follows a verb of its own
    first = subject[0].lower() if subject else ""
    if first == "that" or first in _NOT_SUBJECT or (first in FUNCTION_WORDS and first not in vocab.determiners) \
            or first.endswith("ly"):
        return None  # "said in a statement Tuesday", "said late Monday": the saying's time
    verb = next((t for t in triggers if t.start >= expression.end and t.kind not in ("measure", "noun")
                 and t.text.lower() not in _PERIOD_ENDS), None)  # past "the quarter ended Sept. 30", "focus"
    if verb is None or verb.end > clause[1] or verb.kind not in ("verb", "copula") or verb.text.lower().endswith("ing"):
        return None  # "announced a plan in March calling for": no clause of its own
    possessive = _POSSESSIVE.match(text, expression.end)
    after = possessive.end() if possessive else expression.end
    between = _WORDS.findall(text, after, verb.start)
    if len(between) > _VERB_WORDS or _PUNCTUATION.search(text, after, verb.start) \
            or any(word.lower() in ("to", "and", "or", "but", "that", "which", "who") for word in between):
        return None
    return verb
