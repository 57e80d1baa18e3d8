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
  Sept. 30") the period's events; a time in the subject of a statement reported without "that" ("said
  net income in the third quarter jumped") dates the statement's verb, not the saying (reported_clause);
  a "when" clause, a coordinated verb right after it, the infinitive of a phase verb ("began to
  arrive") or the event noun a support verb takes as its object ("began negotiations") shares it; a reported statement ("said Tuesday
  that ...") is a clause of its own, so its times date its events, not the saying;
- the other triggers of the sentence take its nearest time (time_after_object when it ends the verb's own
  phrase: "wrapped up a meeting in Baghdad today"; an infinitive after an ordinal, "became this week the
  last country to ratify", the clause's time before it: infinitive_after_ordinal) (modal verbs and infinitives only a time
  after them in their own clause: "will redeem ... on Oct. 31", or an infinitive of purpose the time
  right before it: "on March 12 to submit");
- a sentence with no time that tells a past event goes on in the story's time (a time dating a main
  verb before one dating a noun: "condemned Saturday the attacks of Friday") until the text names
  another time; a report ("said") with no time, or after the statement it attributes ("..., the
  official said"), takes the day of the story's last dated report, else the day its opening names
  (report_lead_day);
  a report is never carried into a time longer than a day ("said" is not "in 1959");
- an undated event noun with a definite determiner ("the ceremony", "Slepian's slaying") takes the time of
  the last dated mention of the same noun before it, or of a singular noun that retells the same event
  ("his death" after "the Oct. 23 slaying": vocabulary/same_event.yaml) (same_event_as_earlier);
- a past perfect told in a report with no time of its own ("said on Tuesday he had visited the plant")
  is linked to the saying's time as on or before it (reported_past: relation on_or_before, no first day);
- an event dated by one time of a coordinated run ("in 1994, 1995 and 1997", "this past winter and
  spring") or of a list ("adding Greece in 1952, West Germany in 1955 and Spain in 1982") is dated by
  the whole run.
Vague references ("now", "in the past") are tied to a trigger the same way but make no Event
(vague_reference_links): they have no calendar bounds, and only TimeML output writes them.

Modules, one job each, in the order extract_events runs them: trigger_vocabulary (the word lists),
word_shapes (telling nouns from verbs by their form), triggers (finding trigger words and their kind) and
non_events (which of them name no event: they take part in linking but make no row); sentence_parts (a
sentence's triggers and clauses, found once); links (the Link every pass makes, and which times date
events); governing (a time's own trigger, with reported_clause: a statement reported without "that"), sentence_time (the other triggers of a dated sentence, with
reported_past), infinitives (the infinitive after a phase verb), story_time (the story's time carried
across sentences), reports (a report's day), verb_forms (how a verb is told, for those two), same_event
(the same event named again), runs (times that belong together); assemble (Events from links). vague
ties vague references to triggers, and predicates finds a copula's predicate ("was finance minister"),
both for TimeML.
"""
from __future__ import annotations

from dateline.events.assemble import GRANULARITY_ORDER, events_from_links
from dateline.events.governing import governing_links
from dateline.events.infinitives import aspect_infinitive_links
from dateline.events.links import dates_events, is_vague_reference
from dateline.events.reports import report_day_links
from dateline.events.runs import coordinated_links, time_runs
from dateline.events.same_event import same_event_links
from dateline.events.sentence_parts import SentenceParts
from dateline.events.sentence_time import sentence_links
from dateline.events.story_time import CARRIED_ACROSS_PARAGRAPH_RULE, CARRIED_RULE, carried_links
from dateline.events.trigger_vocabulary import VOCABULARY_FILE, Vocabulary, vocabulary
from dateline.events.triggers import Trigger, find_triggers, lowered_for_words
from dateline.events.vague import VagueLink, vague_reference_links
from dateline.model import Event, TemporalExpression
from dateline.sentences import Span, sentence_spans

__all__ = [
    "CARRIED_ACROSS_PARAGRAPH_RULE", "CARRIED_RULE", "GRANULARITY_ORDER", "VOCABULARY_FILE", "Trigger",
    "VagueLink", "Vocabulary", "dates_events", "extract_events", "find_triggers", "is_vague_reference",
    "lowered_for_words", "vague_reference_links", "vocabulary",
]


def extract_events(text: str, expressions: list[TemporalExpression],
                   sentences: list[Span] | None = None) -> list[Event]:
    """One Event per trigger, dated by the DATE/TIME expressions linked to it, in text order.
    `sentences` are the text's sentence spans, when the caller has them already."""
    vocab = vocabulary()
    sentences = sentence_spans(text) if sentences is None else sentences
    parts = SentenceParts(text, expressions, vocab)
    links = governing_links(text, sentences, expressions, vocab, parts)
    links += sentence_links(text, sentences, expressions, links, vocab, parts)
    links += aspect_infinitive_links(text, links, vocab, parts, sentences)
    links += carried_links(text, sentences, expressions, links, vocab, parts)
    links += report_day_links(text, sentences, expressions, links, vocab, parts)
    links += same_event_links(text, sentences, links, parts)
    run_of = time_runs(text, sentences, expressions, parts)
    links += coordinated_links(links, run_of)
    return events_from_links(text, sentences, links, run_of)
