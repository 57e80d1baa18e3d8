"""A report's day: a report ("said", "told") with no time of its own, dated by the day of the story's last
dated report (report_same_day), else by the day its opening names (report_lead_day); and whether the times
of a reporting verb's sentence are those of the statement it reports (an attribution, a "that" clause)."""
from __future__ import annotations

import bisect
import re

from dateline.events.governing import relation_of
from dateline.events.links import Link, dates_events, times_by_sentence
from dateline.events.reported_clause import reported_clause_verb
from dateline.events.sentence_parts import SentenceParts, clause_of
from dateline.events.trigger_vocabulary import Vocabulary
from dateline.events.triggers import Trigger
from dateline.events.verb_forms import past_main_verb
from dateline.model import TemporalExpression
from dateline.sentences import Span


_LETTERS = re.compile(r"[A-Za-z]+")


REPORT_SAME_DAY_RULE = "report_same_day"
REPORT_GRANULARITIES = frozenset({"day", "part_of_day", "time", "hour", "minute"})


def report_day_links(text: str, sentences: list[Span], expressions: list[TemporalExpression],
                     links: list[Link], vocab: Vocabulary,
                     parts: SentenceParts) -> list[Link]:
    """A report ("said", "told") in a sentence with no time of its own, dated by the day the story last
    dated a report on ("officials said Tuesday ... the ambassador said"): news reports a day's
    statements together. Only days, only reports made before, at any distance; marked by its rule.
    Never a day after the publication ("said it will redeem the shares on Dec. 7"): a report left without
    a day is dated by the publication date in the timeline (dateline.undated)."""
    report_days = sorted(((link.trigger.start, link.expression) for link in links
                          if link.trigger.text.lower() in vocab.reporting_verbs and link.relation == "on"
                          and link.expression.granularity in REPORT_GRANULARITIES
                          and not after_publication(link.expression)), key=lambda pair: pair[0])
    report_starts = [start for start, _ in report_days]
    lead = _lead_day(text, sentences, expressions, vocab)
    if not report_days and lead is None:
        return []
    linked = {(link.trigger.start, link.trigger.end) for link in links}
    found = []
    for sentence, own in zip(sentences, times_by_sentence(sentences, expressions)):
        if vocab.reporting_verbs.isdisjoint(map(str.lower, _LETTERS.findall(text, *sentence))):
            continue
        triggers = parts.triggers(sentence)
        for trigger in triggers:
            if (trigger.start, trigger.end) in linked or trigger.text.lower() not in vocab.reporting_verbs \
                    or not past_main_verb(text, sentence, trigger, vocab) \
                    or (own and not times_are_reported(text, sentence, trigger, triggers, parts.clauses(sentence),
                                                       own, vocab)):
                continue
            earlier = bisect.bisect_left(report_starts, trigger.start)
            if earlier:
                found.append(Link(trigger, report_days[earlier - 1][1], "on", REPORT_SAME_DAY_RULE,
                                  clause_of(parts.clauses(sentence), trigger.start)))
            elif lead is not None and lead.end <= sentence[0]:
                found.append(Link(trigger, lead, "on", "report_lead_day",
                                  clause_of(parts.clauses(sentence), trigger.start)))
    return found


_LEAD_SENTENCES = 2
# Before a reporting verb that attributes what precedes it: a comma or closing quote, then its subject in
# one to four words (", Castro said", ", the official added"), or nothing when the subject follows
# (", said Jorge Mas Santos").
_ATTRIBUTION_SUBJECT_BEFORE = re.compile(r"(?:,|''|[\"”’])\s*(?:[A-Za-z][\w.'’-]*\s+){1,4}$")
_ATTRIBUTION_VERB_FIRST = re.compile(r"(?:,|''|[\"”’])\s*$")
_SUBJECT_AFTER = re.compile(r"\s+(?:[A-Z]|the\b|an?\b)")


def times_are_reported(text: str, sentence: Span, trigger: Trigger, triggers: list[Trigger], clauses: list[Span],
                       times: list[TemporalExpression], vocab: Vocabulary) -> bool:
    """Whether a reporting verb's sentence names times only inside the statement it reports: before it in
    an attribution ("..., Castro said") or after it in its "that" clause ("said that ... in March")."""
    if trigger.text.lower() in vocab.clause_reporting_verbs:
        clause = clause_of(clauses, trigger.start)
        own = [e for e in times if clause[0] <= e.start < clause[1]]
        if own and all(reported_clause_verb(text, trigger, e, triggers, clause, vocab) for e in own):
            return True  # "said net income in the third quarter jumped": the quarter is the jump's
    if trigger.text.lower() not in vocab.reporting_verbs or not times:
        return False
    if all(e.start < trigger.start for e in times):
        return _is_attribution(text, sentence, trigger, triggers)
    clause = clause_of(clauses, trigger.start)
    statement = next((c for c in clauses if c[0] >= clause[1]), None)
    if statement is None or not re.match(r"that\b", text[statement[0]:statement[1]], re.IGNORECASE) \
            or re.search(r"[A-Za-z]", text[clause[1]:statement[0]]) or not re.fullmatch(
                r"(?:\s+\w+){0,2}\s*", text[trigger.end:clause[1]]):
        return False
    return all(e.start >= statement[0] for e in times)


def _is_attribution(text: str, sentence: Span, trigger: Trigger, triggers: list[Trigger]) -> bool:
    """A reporting verb after the statement it reports ("..., Castro said."), whose times are the statement's:
    nothing it governs follows it (no verb after it in the sentence, unless its subject comes first)."""
    before = max(sentence[0], trigger.start - 60)
    if _ATTRIBUTION_VERB_FIRST.search(text, before, trigger.start):
        return bool(_SUBJECT_AFTER.match(text, trigger.end))
    if not _ATTRIBUTION_SUBJECT_BEFORE.search(text, before, trigger.start):
        return False
    return not any(t.start > trigger.end and t.kind in ("verb", "copula") for t in triggers
                   if t.start < sentence[1])


def _lead_day(text: str, sentences: list[Span], expressions: list[TemporalExpression],
              vocab: Vocabulary) -> TemporalExpression | None:
    """The news day of the story: the first day-long time in its opening (a dateline "WASHINGTON, March 12
    --" or the lead sentence), which news leads give the main event of the story. Not a day after the
    publication (a reported statement was made by then: "payable Dec. 7") nor a deadline ("extended its
    offer until Nov. 9", "by Friday")."""
    opening_end = sentences[min(_LEAD_SENTENCES, len(sentences)) - 1][1] if sentences else 0
    return next((e for e in expressions if e.start < opening_end and dates_events(e)
                 and e.granularity in REPORT_GRANULARITIES and not after_publication(e)
                 and relation_of(text, _sentence_start(sentences, e.start), e, vocab) not in _BOUNDS), None)


def after_publication(expression: TemporalExpression) -> bool:
    """A time the tagger read as later than the publication date: no report was made on it."""
    return expression.direction == "future" and expression.anchor == "publication_date"


_BOUNDS = frozenset({"until", "before", "after", "since"})


def _sentence_start(sentences: list[Span], offset: int) -> int:
    return next((s for s, e in sentences if s <= offset < e), 0)
