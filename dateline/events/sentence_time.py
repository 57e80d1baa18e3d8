"""The sentence's time: the other triggers of a dated sentence, each dated by the nearest time its clause
holds or that it reaches in the sentence; modal verbs and infinitives only by a time after them in their
own clause, or an infinitive of purpose by the time right before it."""
from __future__ import annotations

import re

from dateline.events.governing import compares_with_base, relation_of
from dateline.events.infinitives import TO_BETWEEN
from dateline.events.links import Link, dates_events
from dateline.events.reported_past import ON_OR_BEFORE, REPORTED_PAST_RULE, is_reported_past
from dateline.events.reports import times_are_reported
from dateline.events.sentence_parts import SentenceParts, clause_of
from dateline.events.trigger_vocabulary import Vocabulary
from dateline.events.verb_forms import WORD_BEFORE
from dateline.factuality import governs_infinitive
from dateline.model import TemporalExpression
from dateline.sentences import Span, sentence_at


# Between a trigger and a time in another clause of its sentence: an aside (dashes, brackets) or a
# semicolon; the time does not reach across these. Relative and "when" clauses it does reach: news
# sentences mostly tell one moment ("perished when their boat sank ... in late November").
_SEPARATES = re.compile(r"[—–(:;]")


_PERIOD_END = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends)\s+$", re.IGNORECASE)


# "the first country to ratify", "the only leader to attend": the infinitive tells what the ordinal's
# noun did, at the time of the clause.
_ORDINAL_TO = re.compile(r"\b(?:first|last|only|second|third|latest)\s+(?:[A-Za-z-]+\s+){0,3}to\s+$", re.IGNORECASE)

COMPLEMENT_AFTER_TIME_RULE = "complement_after_time"

# Between a time and an infinitive of purpose: "on March 12 to submit", "next week, to explain".
_TO_AFTER_TIME = re.compile(r",?\s+to\s+")

_COMPARISON_REACH = 300  # characters: a comparison's base follows its verb closely


def sentence_links(text: str, sentences: list[Span], expressions: list[TemporalExpression],
                   links: list[Link], vocab: Vocabulary,
                   parts: SentenceParts) -> list[Link]:
    """The other events of a dated sentence, each dated by the nearest time in its clause, else in the
    sentence: weaker evidence than a grammatical link, and marked so by its rule ("nearest_in_clause",
    "nearest_in_sentence"). News sentences mostly report events of the one time they name."""
    times_in: dict[Span, list[TemporalExpression]] = {}  # each sentence's datable times, in the given order
    for expression in expressions:
        sentence = sentence_at(sentences, expression.start) if dates_events(expression) else None
        if sentence is not None:
            times_in.setdefault(sentence, []).append(expression)
    linked = {(link.trigger.start, link.trigger.end) for link in links}
    found = []
    for sentence in sentences:
        times = times_in.get(sentence)
        if not times:
            continue
        triggers, clauses = parts(sentence)
        period_ends = _period_ends(text, times)
        for trigger in triggers:
            if (trigger.start, trigger.end) in linked:
                continue
            clause = clause_of(clauses, trigger.start)
            # "fell to $3 million from $4 million a year earlier": the time of the figure compared with
            usable = [e for e in times if e.start not in period_ends and not (
                e.start > trigger.end and clause[0] <= e.start < clause[1]
                and e.start - trigger.end <= _COMPARISON_REACH and compares_with_base(text, trigger.end, e.start))]
            in_clause = [e for e in usable if clause[0] <= e.start < clause[1]]
            word_before = WORD_BEFORE.search(text, max(sentence[0], trigger.start - 25), trigger.start)
            if (word_before and word_before.group(1).lower() in vocab.modal_auxiliaries) \
                    or trigger.kind in ("copula", "infinitive"):
                # "would raise taxes", "agreed to send", "It was his third visit": not events of the
                # sentence's time, unless a time follows in their own clause ("will redeem ... on Oct. 31"),
                # or an infinitive of purpose follows the time ("travel on March 12 to submit the document")
                later = [e for e in in_clause if e.start > trigger.end]
                if later and trigger.kind != "copula":
                    # past a verb with a clause of its own the time is that verb's ("to review a supplement
                    # that it mailed last Friday", "to help ..., an official said Tuesday"), and a time before
                    # its noun is that noun's ("will offer ... a fourth-quarter charge"): only the nearest
                    crossed = _premodifies_noun(text, later[0]) or any(
                        trigger.end < t.start < later[0].start and _verb_of_own_clause(text, t, vocab) for t in triggers)
                    found.append(Link(trigger, later[0], relation_of(text, sentence[0], later[0], vocab),
                                      "nearest_in_clause" if crossed else "time_after_in_clause", clause))
                elif trigger.kind == "infinitive" and (purpose_of := next(
                        (e for e in usable if _TO_AFTER_TIME.fullmatch(text, e.end, trigger.start)), None)):
                    # "agreed in June to buy": the time is the agreement's; the link is kept, rated low
                    rule = COMPLEMENT_AFTER_TIME_RULE if _complement_before(triggers, purpose_of) \
                        else "infinitive_after_time"
                    found.append(Link(trigger, purpose_of, relation_of(text, sentence[0], purpose_of, vocab), rule,
                                      clause))
                elif trigger.kind == "infinitive" and _ORDINAL_TO.search(text, max(sentence[0], trigger.start - 60),
                                                                          trigger.start):
                    # "became early this week the last country to ratify": the ratifying is the becoming's
                    earlier = [e for e in in_clause if e.end <= trigger.start]
                    if earlier:
                        found.append(Link(trigger, earlier[-1], relation_of(text, sentence[0], earlier[-1], vocab),
                                          "infinitive_after_ordinal", clause))
                continue
            if times_are_reported(text, sentence, trigger, triggers, clauses, times, vocab):
                continue  # "... as soon as Tuesday, Castro said": the time is the statement's, not the saying's
            reachable = in_clause or [e for e in usable if not _SEPARATES.search(
                text, min(e.end, trigger.end), max(e.start, trigger.start))]
            if not reachable:
                continue
            nearest = min(reachable, key=lambda e: abs(e.start - trigger.start))
            if is_reported_past(text, sentence, trigger, nearest, links, vocab):
                # "said on Tuesday he had visited the plant": the visit was on or before the saying
                found.append(Link(trigger, nearest, ON_OR_BEFORE, REPORTED_PAST_RULE, clause))
                continue
            found.append(Link(trigger, nearest, relation_of(text, sentence[0], nearest, vocab),
                              _proximity_rule(text, trigger, nearest, triggers, vocab) if in_clause
                              else "nearest_in_sentence", clause))
    return found


def _premodifies_noun(text: str, time: TemporalExpression) -> bool:
    """A time in a compound or a possessive before its noun ("a fourth-quarter charge", "Friday's vote"):
    it dates that noun, not a modal verb or infinitive before it ("will offer ... a fourth-quarter charge")."""
    return bool(_POSSESSIVE_AFTER.match(text, time.end)) or ("-" in time.text and bool(_WORD_AFTER.match(text, time.end)))


_POSSESSIVE_AFTER = re.compile(r"['’]s?\s")
_WORD_AFTER = re.compile(r"\s+[a-z]")  # "a fourth-quarter charge", not "by year-end."


def _complement_before(triggers: list, time: TemporalExpression) -> bool:
    """Whether the trigger right before `time` is a verb whose "to" complement is no purpose but what it
    decides, hopes or expects ("agreed in June to buy": the buying is not in June)."""
    before = [t for t in triggers if t.end <= time.start]
    return bool(before) and before[-1].kind == "verb" and governs_infinitive(before[-1].text)


# A subject or relative pronoun right before a verb: the verb heads a clause of its own.
_OWN_SUBJECT_BEFORE = re.compile(r"\b(?:it|he|she|they|we|I)\s+$|\b(?:that|which|who|whom)\s+(?:[\w'’.-]+\s+){0,3}$",
                                 re.IGNORECASE)


def _verb_of_own_clause(text: str, trigger, vocab: Vocabulary) -> bool:
    """A reporting verb, or a verb after a subject pronoun or a relative one ("that Acme mailed"): a time
    after it is its own, not that of a modal or infinitive before it."""
    return trigger.kind == "verb" and (trigger.text.lower() in vocab.reporting_verbs or bool(
        _OWN_SUBJECT_BEFORE.search(text, max(0, trigger.start - 40), trigger.start)))


# Words between a verb and a time that open a clause of their own: the time is that clause's.
_CLAUSE_WORD = re.compile(r"\b(?:who|which|that|whom|whose|when|where|while|until|by|because|after|before|as|"
                          r"if|since|and|or|but|it|he|she|they|we|for|following|pending|against|of|over)\b", re.IGNORECASE)
# A time that premodifies the noun after it ("a third-quarter loss", "the 1959 revolution", "last Friday's
# bombings") is that noun's.
_NOUN_AFTER = re.compile(r"(?:['’]s)?[\s-]*(?!(?:to|in|on|at|and|or|but|as|after|before|when|while|with|from|for|of|by|during|since|until|than|"
                        r"that|which|who|where|amid|against|under|over|into|near|because|if|so|then|said|says)\b)[a-z]")
_OBJECT_REACH = 12  # words between a verb and the time that ends its object


def _proximity_rule(text: str, trigger, time: TemporalExpression, triggers: list, vocab: Vocabulary) -> str:
    """nearest_in_clause, or time_after_object when the time ends the verb's own object or phrase, with no
    other verb, clause word or reporting verb between ("wrapped up a meeting with Saddam in Baghdad
    today", "soared on the announcement yesterday"): the time the verb's phrase names."""
    if trigger.kind != "verb" or time.start < trigger.end or trigger.text.lower() in vocab.reporting_verbs:
        return "nearest_in_clause"
    previous = next((t for t in reversed(triggers) if t.end <= trigger.start), None)
    if previous is not None and previous.text.lower() in vocab.object_complement_verbs \
            and text[previous.end:trigger.start].isspace() and not trigger.text.lower().endswith("ing"):
        return "nearest_in_clause"  # "found abandoned in December": the time is the finding's
    gap = text[trigger.end:time.start]
    if _NOUN_AFTER.match(text, time.end):
        return "nearest_in_clause"
    if len(gap.split()) > _OBJECT_REACH or _CLAUSE_WORD.search(gap) or re.search(r"[,;:()\"“”'’]", gap) \
            or any(trigger.end <= t.start < time.start and t.kind not in ("noun", "measure") for t in triggers):
        return "nearest_in_clause"
    return "time_after_object"


def _period_ends(text: str, times: list[TemporalExpression]) -> set[int]:
    """Starts of the dates that bound the period named just before them ("the quarter ended Sept. 30"):
    the period, not its last day, is what the sentence's other events are in."""
    ordered = sorted(times, key=lambda e: e.start)
    return {current.start for previous, current in zip(ordered, ordered[1:])
            if previous.end < current.start and _PERIOD_END.fullmatch(text, previous.end, current.start)}
