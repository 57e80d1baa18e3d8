"""The story's time carried across sentences: the events a sentence with no time of its own tells in the
past, dated by the time the story was last telling (carried_from_previous_sentence, or
carried_across_paragraph into a paragraph that does not go on with the story; a report carried there in
the day of an earlier dated report is report_same_day)."""
from __future__ import annotations

import re

from dateline.events.governing import relation_of
from dateline.events.links import Link, dates_events, times_by_sentence
from dateline.events.reported_clause import REPORTED_CLAUSE_RULE
from dateline.events.reports import REPORT_GRANULARITIES, REPORT_SAME_DAY_RULE, after_publication
from dateline.events.sentence_parts import SentenceParts, clause_of
from dateline.events.trigger_vocabulary import Vocabulary
from dateline.events.triggers import CLOSING_WORDS, Trigger
from dateline.events.verb_forms import helper_before, past_main_verb
from dateline.model import TemporalExpression
from dateline.sentences import Span, sentence_at


_FIRST_WORD = re.compile(r"[A-Za-z]+")
# Links that tie a time to a main event of its sentence, so that later sentences may go on in that time
# (the event a statement reports without "that" is one: "said Friday's rally lifted shares").
_NARRATIVE_RULES = frozenset({"nearest_before_in_clause", "nearest_after_in_clause", "time_modifies_noun",
                              REPORTED_CLAUSE_RULE})
_RELATIVES = frozenset({"where", "whom", "whose"})
_DASH = re.compile(r"—|–|--")


CARRIED_RULE = "carried_from_previous_sentence"
# The same, in a later paragraph than the time's that does not open by going on with the story
# ("Afterward, ..."): a new paragraph often turns to another matter; kept, but rated low.
CARRIED_ACROSS_PARAGRAPH_RULE = "carried_across_paragraph"


_OPENING_QUOTES = ("“", "``")
_CLOSING_QUOTES = ("”", "''")


def _quoted(text: str, sentence: Span, offset: int) -> bool:
    """Whether `offset` is inside a quotation opened in its sentence: a time a speaker names ("We will
    rebuild tomorrow," he said; "In 1959 we had nothing") is the speaker's, not the story's time. (The
    speaker's "today" is the story's day, and is kept.)"""
    before = text[sentence[0]:offset]
    opened = sum(before.count(mark) for mark in _OPENING_QUOTES)
    closed = sum(before.count(mark) for mark in _CLOSING_QUOTES)
    return opened > closed or (opened == closed == 0 and before.count('"') % 2 == 1)


def carried_links(text: str, sentences: list[Span], expressions: list[TemporalExpression],
                  links: list[Link], vocab: Vocabulary,
                  parts: SentenceParts) -> list[Link]:
    """Events of a sentence that names no time, dated by the time the story is telling: the last time
    that dated a main-clause event "on" it ("Shoigu met Kim on Tuesday. ... Afterward, he told reporters
    ..."), however far back: the story stays in its time until it names another (a time of a sentence's
    own that dates no main event leaves the story's time unknown). Only a sentence telling a past event
    goes on in that time, and in it its event nouns and the verbs it tells at that time (past_main_verb,
    _told_in_present): "will work", "is demined", "had agreed" are not. Weaker evidence than a link
    inside the sentence, and marked so by its rule."""
    narrative = _narrative_times(text, sentences, links, vocab)
    # times that dated a report ("Castro said Tuesday"): a report in a later paragraph carried in one of
    # them is on the day of the story's reports (report_same_day), not a story time across a new topic
    # (and the day of what a statement reports without "that": "they said Friday's selling showed ...")
    report_times = {link.expression.start for link in links if link.relation == "on" and link.rule in _NARRATIVE_RULES
                    and (link.trigger.text.lower() in vocab.reporting_verbs or link.rule == REPORTED_CLAUSE_RULE)
                    and link.expression.granularity in REPORT_GRANULARITIES and not after_publication(link.expression)}
    current = None
    found = []
    rule, previous_end = CARRIED_RULE, None
    for sentence, own in zip(sentences, times_by_sentence(sentences, expressions)):
        if previous_end is not None and "\n" in text[previous_end:sentence[0]] \
                and not vocab.narrative_continuation.match(text, sentence[0]):
            rule = CARRIED_ACROSS_PARAGRAPH_RULE  # a new paragraph that does not say it goes on with the story
        previous_end = sentence[1]
        if own:
            told = [narrative[e.start] for e in own if e.start in narrative
                    and not (e.direction != "same" and _quoted(text, sentence, e.start))]
            if told:
                # the time of the sentence's main verb before that of a noun ("condemned Saturday the
                # attacks of Friday": the story goes on on Saturday)
                current = max(told, key=lambda pair: pair[1])[0]
                rule = CARRIED_RULE
            elif any(dates_events(e) and relation_of(text, sentence[0], e, vocab) == "on" for e in own):
                current = None  # a time of its own that dates no main event: the story's time is unclear
            continue
        if current is None:
            continue
        triggers = parts.triggers(sentence)
        past_verbs = {t.start for t in triggers if past_main_verb(text, sentence, t, vocab)}
        if not past_verbs:
            continue
        clauses = parts.clauses(sentence)
        for trigger in triggers:
            if trigger.text.lower() in vocab.reporting_verbs and current.granularity not in REPORT_GRANULARITIES:
                continue  # a statement reported without a time was made on a news day, not "in 1959"
            if trigger.kind in ("infinitive", "copula") or (
                    trigger.kind == "measure" and trigger.text.lower() not in CLOSING_WORDS):
                continue  # a copula's state or an amount is carried into no time; a price quote is the session's
            clause = clause_of(clauses, trigger.start)
            past = trigger.start in past_verbs
            if trigger.kind in ("verb", "copula") and not past \
                    and not _told_in_present(text, sentence, clause, trigger, vocab):
                continue
            if current.anchor == "publication_date" and current.direction == "future" and (
                    past or helper_before(text, sentence, trigger) in _PAST_OR_PERFECT_HELPERS):
                continue  # "will leave tomorrow. ... Castro read from a letter": not tomorrow
            found.append(Link(trigger, current, "on", REPORT_SAME_DAY_RULE if (
                rule == CARRIED_ACROSS_PARAGRAPH_RULE and current.start in report_times
                and trigger.text.lower() in vocab.reporting_verbs
                and helper_before(text, sentence, trigger) not in _PRESENT_HELPERS) else rule, clause))
    return found


def _narrative_times(text: str, sentences: list[Span], links: list[Link],
                     vocab: Vocabulary) -> dict[int, tuple[TemporalExpression, bool]]:
    """The times (by start, with whether they date a verb) that date a main event "on" them: not in an aside between dashes, not in a
    subordinate clause or a "where" clause ("Kursk, where troops fought ... until expelling them in April").
    A "which" or "who" clause does tell the story ("the index, which fell 1.4% on Friday, ...")."""
    times = {}
    for link in links:
        if link.relation != "on" or link.rule not in _NARRATIVE_RULES:
            continue
        sentence = sentence_at(sentences, link.expression.start)
        if sentence is None or len(_DASH.findall(text, sentence[0], link.expression.start)) % 2 == 1:
            continue
        first = _first_word(text, link.clause)
        if first in vocab.clause_openers or first in _RELATIVES:
            continue
        dates_verb = link.trigger.kind in ("verb", "copula")
        if not (link.expression.start in times and times[link.expression.start][1]):
            times[link.expression.start] = (link.expression, dates_verb)
    return times


# Helpers after which a verb is not at the story's time: the past perfect ("had agreed": before it), an
# infinitive ("to be sent"); modals too ("will work"), from the vocabulary.
_NOT_TOLD_HELPERS = frozenset({"had", "to", "be"})
_PRESENT_HELPERS = frozenset({"is", "are", "am", "has", "have"})
_PAST_OR_PERFECT_HELPERS = frozenset({"was", "were", "has", "have"})
_PREPOSITIONS = frozenset({"on", "of", "in", "for", "at", "by", "about", "from", "with", "without", "after",
                           "before", "against", "into"})


def _told_in_present(text: str, sentence: Span, clause: Span, trigger: Trigger, vocab: Vocabulary) -> bool:
    """A verb a narrating sentence tells at the story's time without the simple past: the present
    ("we extend", "the council insists"), the present perfect ("has pleaded", "have been accepted"),
    the past progressive ("were still missing"). Not a present state ("is", "are"), a verb after a modal,
    "had", "to" or "be", a gerund after a preposition, nor a present in a clause of time or condition."""
    if trigger.kind == "copula" and trigger.text.lower() not in ("was", "were"):
        return False
    helper = helper_before(text, sentence, trigger)
    if helper in vocab.modal_auxiliaries or helper in _NOT_TOLD_HELPERS:
        return False
    if helper in _PREPOSITIONS and trigger.text.lower().endswith("ing"):
        return False  # "will work on demining the region": a gerund, whose time is its governing verb's
    if _first_word(text, clause) not in vocab.future_clause_openers:
        return True
    low = trigger.text.lower()  # a past or progressive form in such a clause still narrates
    return helper not in _PRESENT_HELPERS and (low.endswith(("ed", "ing")) or low in vocab.irregular_verbs)


def _first_word(text: str, span: Span) -> str:
    first = _FIRST_WORD.match(text, span[0], span[1])
    return first.group().lower() if first else ""
