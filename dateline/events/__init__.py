"""Events dated by temporal expressions: find trigger words and tie each date to the one it dates.

No part-of-speech tagger is available, so triggers come from rules over the vocabulary in
dateline/vocabulary/events.yaml: irregular past forms, -ed/-ing morphology with stop lists,
the verb after an auxiliary ("has reported", "will formally take"), bare past forms before an object
("sales hit $600 million"), copulas ("was minister"), event
nouns ("visit", "talks") and state adjectives ("due", "worth").

Links, strongest first, each named in the event's link_rule:
- a DATE or TIME expression dates the nearest trigger before it in its clause ("said Tuesday"),
  else the nearest after it ("On Tuesday, he said"), or the noun it premodifies ("Sunday's vote") and
  that noun phrase's verb ("third-quarter profit grew"); the base of a comparison ("rose 19% from a
  year ago", "lower than last year") dates no verb, nor a date ending a period ("the quarter ended
  Sept. 30") the period's events;
  a "when" clause, a coordinated verb right after it, or the infinitive of a phase verb ("began to
  arrive") shares it; a reported statement ("said Tuesday
  that ...") is a clause of its own, so its times date its events, not the saying;
- the other triggers of the sentence take its nearest time (modal verbs and infinitives only a time
  after them in their own clause: "will redeem ... on Oct. 31", or an infinitive of purpose the time
  right before it: "on March 12 to submit");
- a sentence with no time that tells a past event goes on in the story's time (a time dating a main
  verb before one dating a noun: "condemned Saturday the attacks of Friday") until the text names
  another time; a report ("said") with no time, or after the statement it attributes ("..., the
  official said"), takes the day of the story's last dated report, else the day its opening names
  (report_lead_day);
  a report is never carried into a time longer than a day ("said" is not "in 1959");
- an undated event noun with a definite determiner ("the ceremony") takes the time of the last dated
  mention of the same noun before it (same_event_as_earlier);
- an event dated by one time of a coordinated run ("in 1994, 1995 and 1997", "this past winter and
  spring") or of a list ("adding Greece in 1952, West Germany in 1955 and Spain in 1982") is dated by
  the whole run.
Vague references ("now", "in the past") are tied to a trigger the same way but make no Event
(vague_reference_links): they have no calendar bounds, and only TimeML output writes them.
"""
from __future__ import annotations

import bisect
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass

from dateline.event_kinds import base_form
from dateline.events.sentence_parts import SentenceParts, clause_of
from dateline.events.trigger_vocabulary import VOCABULARY_FILE, Vocabulary, vocabulary
from dateline.events.triggers import CLOSING_WORDS, Trigger, find_triggers, lowered_for_words
from dateline.model import Event, TemporalExpression
from dateline.sentences import Span, sentence_at, sentence_spans

__all__ = [
    "CARRIED_ACROSS_PARAGRAPH_RULE", "CARRIED_RULE", "GRANULARITY_ORDER", "VOCABULARY_FILE", "Trigger",
    "VagueLink", "Vocabulary", "dates_events", "extract_events", "find_triggers", "is_vague_reference",
    "lowered_for_words", "vague_reference_links", "vocabulary",
]


# From finest to coarsest: an event dated by several expressions takes the coarsest.
GRANULARITY_ORDER = (
    "second", "minute", "hour", "part_of_day", "time", "day", "weekend", "week", "month",
    "season", "quarter", "half", "year", "decade", "century", "millennium",
)
_GRANULARITY_RANK = {name: i for i, name in enumerate(GRANULARITY_ORDER)}

_LETTERS = re.compile(r"[A-Za-z]+")
# A clause right after a time phrase that the phrase dates too: "since last year, when officials
# said", "on Friday night as he stood". A bare "as" only without a comma (", as" is often causal).
_SAME_TIME_CLAUSE = re.compile(r"\s*(?:,\s*)?(?:when|while)\b|\s+as\b", re.IGNORECASE)
# "... on Thanksgiving Day and brought ashore": a verb coordinated right after the time phrase.
_AND_AFTER = re.compile(r"\s*,?\s*and\s+", re.IGNORECASE)
# "until last year and now serves": the coordinated verb has a time word of its own.
_OWN_TIME_WORD = re.compile(r"\b(?:now|then|today|currently|later|earlier|soon|still)\b", re.IGNORECASE)
# "Sunday's debate", "its 1988 recapitalization": the time phrase modifies the noun after it.
_POSSESSIVE_AFTER = re.compile(r"['’]s?\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Link:
    trigger: Trigger
    expression: TemporalExpression
    relation: str
    rule: str
    clause: Span  # the trigger's clause


def dates_events(expression: TemporalExpression) -> bool:
    """Whether an expression can date an event: a DATE or TIME with known calendar bounds.

    Durations ("for months"), sets ("a month") and vague references ("now") date nothing.
    """
    return (
        expression.type in ("DATE", "TIME")
        and expression.earliest is not None
        and expression.latest is not None
        and not expression.value.endswith("_REF")
    )


@dataclass(frozen=True, slots=True)
class VagueLink:
    """A trigger tied to a vague reference ("now", "in the past", "recently"): TimeML relates them, but
    with no calendar bounds the pair makes no timeline event."""
    trigger: Trigger
    expression: TemporalExpression
    relation: str
    rule: str


# Between an adverbial time word and the verb it modifies: nothing but spaces, or a helper verb.
_ADVERB_GAP = re.compile(r"\s+(?:(?:has|have|had|is|are|was|were|will|would|be|been|being)\s+){0,2}")


def is_vague_reference(expression: TemporalExpression) -> bool:
    return expression.type in ("DATE", "TIME") and expression.value.endswith("_REF")


def vague_reference_links(text: str, expressions: list[TemporalExpression]) -> list[VagueLink]:
    """Each vague reference tied to the trigger its clause gives it, as a DATE expression would be."""
    vocab = vocabulary()
    sentences = sentence_spans(text)
    parts = SentenceParts(text, expressions, vocab)
    links = []
    for expression in expressions:
        sentence = sentence_at(sentences, expression.start) if is_vague_reference(expression) else None
        if sentence is None:
            continue
        triggers, clauses = parts(sentence)
        following = next((t for t in triggers if t.start >= expression.end), None)
        if following and _ADVERB_GAP.fullmatch(text, expression.end, following.start):
            chosen = following, "adverb_before_verb"  # "now serves", "recently took"
        else:
            chosen = choose_trigger(expression, triggers, clauses, text)
        if chosen:
            relation = "on" if chosen[1] == "time_modifies_noun" else relation_of(text, sentence[0], expression, vocab)
            links.append(VagueLink(chosen[0], expression, relation, chosen[1]))
    return links


def extract_events(text: str, expressions: list[TemporalExpression],
                   sentences: list[Span] | None = None) -> list[Event]:
    """One Event per trigger, dated by the DATE/TIME expressions linked to it, in text order.
    `sentences` are the text's sentence spans, when the caller has them already."""
    vocab = vocabulary()
    sentences = sentence_spans(text) if sentences is None else sentences
    parts = SentenceParts(text, expressions, vocab)
    links: list[Link] = []
    for expression in expressions:
        if not dates_events(expression):
            continue
        sentence = sentence_at(sentences, expression.start)
        if sentence is None:
            continue
        triggers, clauses = parts(sentence)
        relation = relation_of(text, sentence[0], expression, vocab)
        chosen = choose_trigger(expression, triggers, clauses, text)
        if chosen:
            trigger, rule = chosen
            if rule == "time_modifies_noun":
                relation = "on"  # "before next week's talks": the signal is the noun phrase's, the talks are in that week
            links.append(Link(trigger, expression, relation, rule, clause_of(clauses, trigger.start)))
        if chosen and chosen[1] == "time_modifies_noun":
            clause = clause_of(clauses, expression.start)
            verb = _verb_after_modified_subject(
                text, expression, [t for t in triggers if t.start >= expression.end and t.end <= clause[1]])
            if verb:  # "third-quarter profit grew": the profit and its growth are both of that quarter
                links.append(Link(verb, expression, "on", "time_modifies_subject", clause))
        for trigger, rule in _triggers_sharing_time(text, expression, triggers, clauses):
            links.append(Link(trigger, expression, "on", rule, clause_of(clauses, trigger.start)))
    links += sentence_links(text, sentences, expressions, links, vocab, parts)
    links += aspect_infinitive_links(text, links, vocab, parts, sentences)
    links += carried_links(text, sentences, expressions, links, vocab, parts)
    links += report_day_links(text, sentences, expressions, links, vocab, parts)
    links += same_event_links(text, sentences, links, parts)
    run_of = time_runs(text, sentences, expressions, parts)
    links += coordinated_links(links, run_of)
    return events_from_links(text, sentences, links, run_of)


# Before an event noun: a determiner or possessive that points back to one already told ("the
# ceremony", "Slepian's slaying"), with up to two words between ("the memorial ceremony").
_DEFINITE_BEFORE = re.compile(
    r"(?:\b(?:the|this|that|these|those|its|his|her|their)|['’]s?)\s+(?:[A-Za-z-]+\s+){0,2}$", re.IGNORECASE)
_DEFINITE_REACH = 40  # characters before the noun


def same_event_links(text: str, sentences: list[Span], links: list[Link], parts: SentenceParts) -> list[Link]:
    """An undated event noun with a definite determiner ("The ceremony will take place ...") names an
    event the story already dated, by the same noun ("... a ceremony on March 12"): it takes the time of
    the last such mention before it. Weaker evidence than a link in its sentence; marked so by its rule."""
    dated: dict[str, list[tuple[int, Link]]] = {}
    for link in sorted(links, key=lambda link: link.trigger.start):
        if link.trigger.kind == "noun":
            dated.setdefault(base_form(link.trigger.text), []).append((link.trigger.start, link))
    linked = {(link.trigger.start, link.trigger.end) for link in links}
    first_dated = min((mentions[0][0] for mentions in dated.values()), default=len(text))
    found = []
    for sentence in sentences:
        if sentence[1] <= first_dated:
            continue
        for trigger in parts.triggers(sentence):
            if trigger.kind != "noun" or (trigger.start, trigger.end) in linked:
                continue
            mentions = dated.get(base_form(trigger.text))
            if not mentions or mentions[0][0] > trigger.start or not _DEFINITE_BEFORE.search(
                    text, max(sentence[0], trigger.start - _DEFINITE_REACH), trigger.start):
                continue
            earlier = mentions[bisect.bisect_left(mentions, trigger.start, key=lambda pair: pair[0]) - 1][1]
            found.append(Link(trigger, earlier.expression, "on", "same_event_as_earlier",
                              clause_of(parts.clauses(sentence), trigger.start)))
    return found


def time_runs(text: str, sentences: list[Span], expressions: list[TemporalExpression],
              parts: SentenceParts) -> dict[int, list[TemporalExpression]]:
    """Each datable time's run (by start offset), in order: a coordination of times ("in 1994, 1995 and
    1997", "from March until June"), a list pairing things with times ("adding Greece in 1952, West
    Germany in 1955 and Spain in 1982"), else the time alone. The times of a run share one list."""
    run_of: dict[int, list[TemporalExpression]] = {}
    run: list[TemporalExpression] = []
    for expression in sorted((e for e in expressions if dates_events(e)), key=lambda e: e.start):
        if run and (_COORDINATION.fullmatch(text, run[-1].end, expression.start)
                    or _paired_in_a_list(text, sentences, run[-1], expression, parts)):
            run.append(expression)
        else:
            run = [expression]
        run_of[expression.start] = run
    return run_of


def coordinated_links(links: list[Link], run_of: dict[int, list[TemporalExpression]]) -> list[Link]:
    """A trigger linked to one time of a run is linked to the others too: the event happened at each."""
    found = []
    for link in links:
        members = run_of.get(link.expression.start, ())
        if len(members) > 1:
            found += [Link(link.trigger, other, link.relation, link.rule, link.clause)
                      for other in members if other is not link.expression]
    return found


# "in 1952, West Germany in 1955 and Spain in 1982": between two times of a list, the next thing
# listed (a few words, no event word among them) and the same preposition.
_LIST_ITEM = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:[^\s,;.]+\s+){1,4}?(?P<signal>in|on)\s+")
_SIGNAL_BEFORE = re.compile(r"\b(in|on)\s+$")


def _paired_in_a_list(text: str, sentences: list[Span], first: TemporalExpression, second: TemporalExpression,
                      parts: SentenceParts) -> bool:
    """Whether two times of one sentence are items of a list, each after the same preposition, with only
    the next thing listed between them (no event word)."""
    item = _LIST_ITEM.fullmatch(text, first.end, second.start)
    if not item:
        return False
    before = _SIGNAL_BEFORE.search(text, max(0, first.start - 4), first.start)
    sentence = sentence_at(sentences, first.start)
    return bool(before and before.group(1).lower() == item.group("signal").lower() and sentence
                and second.start < sentence[1]
                and not any(first.end <= t.start < second.start for t in parts.triggers(sentence)))


# Verbs of a phase whose infinitive is the event that begins, goes on or stops ("began to arrive").
_ASPECT_VERBS = frozenset({"begin", "begins", "began", "begun", "beginning", "start", "starts", "started", "starting",
                           "continue", "continues", "continued", "continuing", "resume", "resumes", "resumed",
                           "stop", "stops", "stopped", "cease", "ceases", "ceased"})
TO_BETWEEN = re.compile(r"\s+to\s+")


def aspect_infinitive_links(text: str, links: list[Link], vocab: Vocabulary,
                            parts: SentenceParts,
                            sentences: list[Span]) -> list[Link]:
    """The infinitive after a phase verb ("hundreds began to arrive Today", "customers continue to adjust")
    takes that verb's time: it is the event that began, went on or stopped then."""
    linked = {(link.trigger.start, link.trigger.end) for link in links}
    found = []
    for link in links:
        if link.trigger.text.lower() not in _ASPECT_VERBS:
            continue
        sentence = sentence_at(sentences, link.trigger.start)
        triggers = parts.triggers(sentence) if sentence else []
        following = next((t for t in triggers if t.start > link.trigger.end), None)
        if following and following.kind == "infinitive" and (following.start, following.end) not in linked \
                and TO_BETWEEN.fullmatch(text, link.trigger.end, following.start):
            linked.add((following.start, following.end))
            found.append(Link(following, link.expression, link.relation, "infinitive_after_phase_verb", link.clause))
    return found


def times_by_sentence(sentences: list[Span], expressions: list[TemporalExpression]) -> list[list[TemporalExpression]]:
    """For each sentence, its expressions that date events or are vague references, in one pass."""
    starts = [s[0] for s in sentences]
    grouped: list[list[TemporalExpression]] = [[] for _ in sentences]
    for expression in expressions:
        index = bisect.bisect_right(starts, expression.start) - 1
        if index >= 0 and expression.start < sentences[index][1] and (
                dates_events(expression) or is_vague_reference(expression)):
            grouped[index].append(expression)
    return grouped


REPORT_GRANULARITIES = frozenset({"day", "part_of_day", "time", "hour", "minute"})


def report_day_links(text: str, sentences: list[Span], expressions: list[TemporalExpression],
                     links: list[Link], vocab: Vocabulary,
                     parts: SentenceParts) -> list[Link]:
    """A report ("said", "told") in a sentence with no time of its own, dated by the day the story last
    dated a report on ("officials said Tuesday ... the ambassador said"): news reports a day's
    statements together. Only days, only reports made before, at any distance; marked by its rule."""
    report_days = sorted(((link.trigger.start, link.expression) for link in links
                          if link.trigger.text.lower() in vocab.reporting_verbs and link.relation == "on"
                          and link.expression.granularity in REPORT_GRANULARITIES), key=lambda pair: pair[0])
    report_starts = [start for start, _ in report_days]
    lead = _lead_day(sentences, expressions)
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
                found.append(Link(trigger, report_days[earlier - 1][1], "on", "report_same_day",
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


def _lead_day(sentences: list[Span], expressions: list[TemporalExpression]) -> TemporalExpression | None:
    """The news day of the story: the first day-long time in its opening (a dateline "WASHINGTON, March 12
    --" or the lead sentence), which news leads give the main event of the story."""
    opening_end = sentences[min(_LEAD_SENTENCES, len(sentences)) - 1][1] if sentences else 0
    return next((e for e in expressions if e.start < opening_end and dates_events(e)
                 and e.granularity in REPORT_GRANULARITIES), None)


# Between a trigger and a time in another clause of its sentence: an aside (dashes, brackets) or a
# semicolon; the time does not reach across these. Relative and "when" clauses it does reach: news
# sentences mostly tell one moment ("perished when their boat sank ... in late November").
_SEPARATES = re.compile(r"[—–(:;]")
WORD_BEFORE = re.compile(r"\b([A-Za-z']+)\s+(?:not\s+|also\s+|still\s+|never\s+)?$")
_FIRST_WORD = re.compile(r"[A-Za-z]+")
# Links that tie a time to a main event of its sentence, so that later sentences may go on in that time.
_NARRATIVE_RULES = frozenset({"nearest_before_in_clause", "nearest_after_in_clause", "time_modifies_noun"})
_RELATIVES = frozenset({"where", "whom", "whose"})
_DASH = re.compile(r"—|–|--")
_PAST_HELPERS = frozenset({"has", "have", "had", "is", "are", "am", "be", "been", "to"})


CARRIED_RULE = "carried_from_previous_sentence"
# The same, in a later paragraph than the time's that does not open by going on with the story
# ("Afterward, ..."): a new paragraph often turns to another matter; kept, but rated low.
CARRIED_ACROSS_PARAGRAPH_RULE = "carried_across_paragraph"


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
    current = None
    found = []
    rule, previous_end = CARRIED_RULE, None
    for sentence, own in zip(sentences, times_by_sentence(sentences, expressions)):
        if previous_end is not None and "\n" in text[previous_end:sentence[0]] \
                and not vocab.narrative_continuation.match(text, sentence[0]):
            rule = CARRIED_ACROSS_PARAGRAPH_RULE  # a new paragraph that does not say it goes on with the story
        previous_end = sentence[1]
        if own:
            told = [narrative[e.start] for e in own if e.start in narrative]
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
            found.append(Link(trigger, current, "on", rule, clause))
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


def helper_before(text: str, sentence: Span, trigger: Trigger) -> str:
    """The word before a verb, past "not", "also", "still" and "never", in lowercase ("" if none)."""
    before = WORD_BEFORE.search(text, max(sentence[0], trigger.start - 25), trigger.start)
    return before.group(1).lower() if before else ""


def _first_word(text: str, span: Span) -> str:
    first = _FIRST_WORD.match(text, span[0], span[1])
    return first.group().lower() if first else ""


def past_main_verb(text: str, sentence: Span, trigger: Trigger, vocab: Vocabulary) -> bool:
    """A verb in the simple past ("told", "was", "were killed"), not after a modal, "has", "had" or "to"."""
    low = trigger.text.lower()
    tells = trigger.kind in ("verb", "copula") or (trigger.kind == "measure" and low in CLOSING_WORDS)
    if not tells or not (low in vocab.irregular_verbs or low.endswith("ed") or low in ("was", "were")):
        return False
    helper = helper_before(text, sentence, trigger)
    return helper not in vocab.modal_auxiliaries and helper not in _PAST_HELPERS


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
                    found.append(Link(trigger, later[0], relation_of(text, sentence[0], later[0], vocab),
                                      "time_after_in_clause", clause))
                elif trigger.kind == "infinitive" and (purpose_of := next(
                        (e for e in usable if TO_BETWEEN.fullmatch(text, e.end, trigger.start)), None)):
                    found.append(Link(trigger, purpose_of, relation_of(text, sentence[0], purpose_of, vocab),
                                      "infinitive_after_time", clause))
                continue
            if times_are_reported(text, sentence, trigger, triggers, clauses, times, vocab):
                continue  # "... as soon as Tuesday, Castro said": the time is the statement's, not the saying's
            reachable = in_clause or [e for e in usable if not _SEPARATES.search(
                text, min(e.end, trigger.end), max(e.start, trigger.start))]
            if not reachable:
                continue
            nearest = min(reachable, key=lambda e: abs(e.start - trigger.start))
            found.append(Link(trigger, nearest, relation_of(text, sentence[0], nearest, vocab),
                              "nearest_in_clause" if in_clause else "nearest_in_sentence", clause))
    return found


def choose_trigger(expression: TemporalExpression, triggers: list[Trigger],
                   clauses: list[Span], text: str) -> tuple[Trigger, str] | None:
    clause = next((c for c in clauses if c[0] <= expression.start < c[1]), None)
    if clause is None:
        return None
    inside = [t for t in triggers if clause[0] <= t.start and t.end <= clause[1]]
    after = [t for t in inside if t.start >= expression.end]
    modified = _modified_noun(text, expression, after)
    if modified:
        return modified, "time_modifies_noun"
    subject_verb = _verb_after_modified_subject(text, expression, after)
    if subject_verb:
        return subject_verb, "time_modifies_subject"
    before = [t for t in inside if t.end <= expression.start]
    if before and before[-1].kind in ("verb", "copula", "state") and compares_with_base(
            text, before[-1].end, expression.start):
        return None  # "grew 19% from a year ago": the time dates the base figure, not the growth
    if before:
        return _head_before(before, text, vocabulary()), "nearest_before_in_clause"
    if after:
        return after[0], "nearest_after_in_clause"
    # The clause has no trigger of its own ("... — on Tuesday", "Since 1993, three doctors,
    # including ..., have been murdered"): the nearest in the sentence, before it first.
    earlier = [t for t in triggers if t.end <= clause[0]]
    if earlier:
        return earlier[-1], "nearest_before_in_sentence"
    later = [t for t in triggers if t.start >= clause[1]]
    if later:
        return later[0], "nearest_after_in_sentence"
    return None


# Between a verb and the object noun after it: an article, a figure, adjectives; no punctuation and no
# preposition but "of" ("reported a 12% rise in profit", "signed an economic cooperation plan").
_OBJECT_BETWEEN = re.compile(
    r"\s+(?:(?:a|an|the|its|his|her|their|\$?[\d.,]+%?|(?!(?:in|on|at|for|from|to|with|by|into|after|before|during"
    r"|since|until|over|under|about|against|between|as|than|that|which|and|or|but)\b)[a-z-]+)\s+){0,4}", re.IGNORECASE)


def _head_before(before: list[Trigger], text: str, vocab: Vocabulary) -> Trigger:
    """The trigger a time right after it dates: the nearest before, but the verb over an amount that is
    its object ("posted net income of $3 million in the quarter"), and a reporting verb over the event it
    reports ("reported a 12% rise in profit on Wednesday": the reporting, not the rise). An event noun
    object of another verb shares its time ("will attend a ceremony on March 12": the ceremony)."""
    nearest = before[-1]
    if nearest.kind not in ("noun", "measure"):
        return nearest
    for earlier in reversed(before[:-1]):
        if earlier.kind == "verb" and (nearest.kind == "measure" or earlier.text.lower() in vocab.reporting_verbs) \
                and _OBJECT_BETWEEN.fullmatch(text, earlier.end, _object_start(before, earlier)):
            return earlier
        if earlier.kind not in ("noun", "measure"):
            break
    return nearest


def _object_start(before: list[Trigger], verb: Trigger) -> int:
    """Where the first noun or measure after `verb` starts."""
    return next(t.start for t in before if t.start > verb.start)


# A figure then "from" or "than" right before a time: the time dates the figure compared with, not the
# verb of the change ("rose 19% from a year ago", "fell to $3 million from $4 million a year earlier").
_COMPARISON_BASE = re.compile(
    r"\d[\d,.]*\s*(?:%|percent|\w+illion|cents?)?\b.*\bfrom\s+(?:\S+\s+){0,5}$"
    r"|\b(?!fewer\b)[a-z]{2,}er\s+than\s+$", re.IGNORECASE)
_BASE_WORD = re.compile(r"from|than", re.IGNORECASE)


def compares_with_base(text: str, start: int, end: int) -> bool:
    """Whether _COMPARISON_BASE is found in text[start:end]. It needs "from" or "than", which most stretches
    lack: looking for those first spares its backtracking there."""
    return bool(_BASE_WORD.search(text, start, end) and _COMPARISON_BASE.search(text, start, end))


_PERIOD_END = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends)\s+$", re.IGNORECASE)


_COMPARISON_REACH = 300  # characters: a comparison's base follows its verb closely


def _period_ends(text: str, times: list[TemporalExpression]) -> set[int]:
    """Starts of the dates that bound the period named just before them ("the quarter ended Sept. 30"):
    the period, not its last day, is what the sentence's other events are in."""
    ordered = sorted(times, key=lambda e: e.start)
    return {current.start for previous, current in zip(ordered, ordered[1:])
            if previous.end < current.start and _PERIOD_END.fullmatch(text, previous.end, current.start)}


def _modified_noun(text: str, expression: TemporalExpression, after: list[Trigger]) -> Trigger | None:
    """An event noun that the time phrase premodifies: "Sunday's debate", "its 1988 merger"."""
    if not after or after[0].kind not in ("noun", "measure"):
        return None
    noun = after[0]
    between = text[expression.end:noun.start]
    if len(between.split()) > 2 or re.search(r"[,;:.]", between):
        return None
    if _POSSESSIVE_AFTER.match(text, expression.end) or "-" in expression.text:
        return noun  # "Sunday's debate", "third-quarter net income"
    words_before = re.findall(r"[A-Za-z]+", text[max(0, expression.start - 20):expression.start])
    return noun if words_before and words_before[-1].lower() in vocabulary().determiners else None


# A short noun phrase head after a premodifying time: one to three words, no punctuation, no "of".
_SUBJECT_GAP = re.compile(r"(?:\s+(?!of\b|and\b|or\b)[A-Za-z][\w'’-]*){1,3}\s+")


def _verb_after_modified_subject(text: str, expression: TemporalExpression, after: list[Trigger]) -> Trigger | None:
    """The verb whose subject the time premodifies: "third-quarter profit grew", "Sunday's crowd cheered".
    Only a compound ("third-quarter") or possessive ("Sunday's") time, which cannot be an adverbial itself."""
    verb = next((t for t in after if t.kind not in ("noun", "measure")), None)
    if verb is None or verb.kind != "verb":
        return None
    if not (_POSSESSIVE_AFTER.match(text, expression.end) or "-" in expression.text):
        return None
    start = expression.end
    possessive = _POSSESSIVE_AFTER.match(text, start)
    if possessive:
        start = possessive.end() - 1
    return verb if _SUBJECT_GAP.fullmatch(text, start, verb.start) else None


def _triggers_sharing_time(text: str, expression: TemporalExpression, triggers: list[Trigger],
                           clauses: list[Span]) -> list[tuple[Trigger, str]]:
    """Triggers right after the time phrase that it dates as well.

    "since last year, when officials said ...": the when clause happened then; "plucked ... on
    Thanksgiving Day and brought ashore": the coordinated verb shares the time.
    """
    shared = []
    same_time = _SAME_TIME_CLAUSE.match(text, expression.end)
    if same_time:
        opener = re.search(r"[A-Za-z]+$", same_time.group()).start() + expression.end
        clause = next((c for c in clauses if c[0] == opener), None)
        inside = [t for t in triggers if clause and clause[0] <= t.start and t.end <= clause[1] and t.kind != "measure"]
        if inside:
            shared.append((inside[0], "clause_after_time"))
    coordinated = _AND_AFTER.match(text, expression.end)
    if coordinated:
        following = next((t for t in triggers if t.start >= coordinated.end()), None)
        if following and following.kind == "verb" and following.start - coordinated.end() <= 12 \
                and not _OWN_TIME_WORD.search(text, coordinated.end(), following.start):
            shared.append((following, "verb_coordinated_after_time"))
    return shared


def relation_of(text: str, sentence_start: int, expression: TemporalExpression, vocab: Vocabulary) -> str:
    signal = _last_letters(text, sentence_start, expression.start).lower()
    if not signal:
        return "on"
    if signal in vocab.signals:
        return vocab.signals[signal]
    if signal in vocab.season_signals and expression.granularity == "season":
        return vocab.season_signals[signal]
    # A season named without a preposition ("fought this past winter") spans the event.
    return "during" if expression.granularity == "season" else "on"


_ASCII_LETTERS = frozenset(string.ascii_letters)


def _last_letters(text: str, start: int, end: int) -> str:
    """The last run of letters in text[start:end] (the last _LETTERS match there), or "": read backwards
    from `end`, as the sentence before it can be long and this is asked for each time and trigger."""
    last = end
    while last > start and text[last - 1] not in _ASCII_LETTERS:
        last -= 1
    first = last
    while first > start and text[first - 1] in _ASCII_LETTERS:
        first -= 1
    return text[first:last]


def events_from_links(text: str, sentences: list[Span], links: list[Link],
                      run_of: dict[int, list[TemporalExpression]]) -> list[Event]:
    by_trigger: dict[tuple[int, int], list[Link]] = {}
    for link in links:
        by_trigger.setdefault((link.trigger.start, link.trigger.end), []).append(link)
    events = []
    sentence_texts: dict[Span, str] = {}  # a sentence's events share its text
    for (start, end), group in sorted(by_trigger.items()):
        group = _nearest_run(_deduplicated(group), start, run_of)
        times = tuple(link.expression for link in group)
        sentence = sentence_at(sentences, start) or (start, end)
        if sentence not in sentence_texts:
            sentence_texts[sentence] = text[sentence[0]:sentence[1]]
        if len(group) == 1:  # most triggers: one time, whose bounds, granularity and rule are the event's
            only = group[0]
            relation, rule = only.relation, only.rule
            earliest, latest, granularity = only.expression.earliest, only.expression.latest, only.expression.granularity or "day"
        else:
            relation, rule = _combined_relation(group), "+".join(dict.fromkeys(link.rule for link in group))
            earliest, latest = min(t.earliest for t in times), max(t.latest for t in times)
            granularity = _coarsest(t.granularity for t in times)
        events.append(Event(
            trigger=group[0].trigger.text,
            trigger_start=start,
            trigger_end=end,
            sentence=sentence_texts[sentence],
            sentence_start=sentence[0],
            sentence_end=sentence[1],
            times=times,
            relation=relation,
            earliest=earliest,
            latest=latest,
            granularity=granularity,
            link_rule=rule,
            trigger_kind=group[0].trigger.kind,
        ))
    return events


_COORDINATION = re.compile(r"\s*(?:,|and|or|to|through|until|till|into|-|–)?\s*(?:and\s+)?", re.IGNORECASE)


def _nearest_run(group: list[Link], trigger_start: int, run_of: dict[int, list[TemporalExpression]]) -> list[Link]:
    """The links of one trigger whose times belong together (time_runs): the run nearest the trigger.
    Separate times ("will meet Friday to approve a timetable for the spring") date different things,
    so only the nearest run is kept."""
    if len(group) == 1:
        return group  # most triggers have one expression: its own run
    runs: dict[int, list[Link]] = {}
    for link in group:  # sorted by expression start
        members = run_of.get(link.expression.start)
        runs.setdefault(members[0].start if members else link.expression.start, []).append(link)

    def distance(run: list[Link]) -> int:
        return min(abs(link.expression.start - trigger_start) for link in run)

    return min(runs.values(), key=distance)


def _deduplicated(group: list[Link]) -> list[Link]:
    if len(group) == 1:
        return group
    seen, unique = set(), []
    for link in sorted(group, key=lambda l: l.expression.start):
        if link.expression.start not in seen:
            seen.add(link.expression.start)
            unique.append(link)
    return unique


def _combined_relation(group: list[Link]) -> str:
    relations = {link.relation for link in group}
    if len(relations) == 1:
        return relations.pop()
    # Several expressions with different signals ("from March until June", "in May and during
    # the summer"): the event spans them.
    return "during"


def _coarsest(granularities: Iterable[str | None]) -> str:
    known = [g for g in granularities if g]
    if not known:
        return "day"
    if len(known) == 1:
        return known[0]  # most events have one time
    return max(known, key=lambda g: _GRANULARITY_RANK.get(g, len(_GRANULARITY_RANK)))
