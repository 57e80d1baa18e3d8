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
import math
import re
import string
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from dateline.event_kinds import base_form
from dateline.model import Event, TemporalExpression
from dateline.sentences import Span, ascii_lowered, clause_spans, sentence_at, sentence_spans
from dateline.vocabulary_files import VOCABULARY_DIR, load_vocabulary

VOCABULARY_FILE = VOCABULARY_DIR / "events.yaml"

# From finest to coarsest: an event dated by several expressions takes the coarsest.
GRANULARITY_ORDER = (
    "second", "minute", "hour", "part_of_day", "time", "day", "weekend", "week", "month",
    "season", "quarter", "half", "year", "decade", "century", "millennium",
)
_GRANULARITY_RANK = {name: i for i, name in enumerate(GRANULARITY_ORDER)}

_LETTERS = re.compile(r"[A-Za-z]+")

_WORD = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*|['’](?:s|re|ve|ll|d)\b|n['’]t\b")
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
class Vocabulary:
    irregular_verbs: frozenset[str]
    bare_past_verbs: frozenset[str]
    phase_nouns: frozenset[str]
    present_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    be_forms: frozenset[str]
    modal_auxiliaries: frozenset[str]
    have_forms: frozenset[str]
    between_words: frozenset[str]
    subject_pronouns: frozenset[str]
    present_adverbs: frozenset[str]
    ed_not_verbs: frozenset[str]
    ing_not_verbs: frozenset[str]
    determiners: frozenset[str]
    ing_event_nouns: frozenset[str]
    event_nouns: frozenset[str]
    state_adjectives: frozenset[str]
    clause_openers: frozenset[str]
    clause_openers_after_comma: frozenset[str]
    future_clause_openers: frozenset[str]
    signals: dict[str, str]
    season_signals: dict[str, str]
    not_names: frozenset[str]
    period_quantity_nouns: frozenset[str]
    narrative_continuations: frozenset[str]
    comparatives: frozenset[str]
    not_triggers: frozenset[str]
    # Derived from the above, not read from the file: the words that can be a trigger whatever comes
    # before them, and the words after which any word may be one (see _trigger_kind). A word that is
    # neither, after a word that opens nothing, is passed over without trying each rule.
    trigger_words: frozenset[str] = frozenset()
    trigger_openers: frozenset[str] = frozenset()
    narrative_continuation: re.Pattern = re.compile(r"(?!)")  # a sentence opening with one of narrative_continuations


_DERIVED_FIELDS = ("trigger_words", "trigger_openers", "narrative_continuation")


@cache
def vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    """The trigger vocabulary, loaded once."""
    data = load_vocabulary(path)
    fields = {}
    for name in Vocabulary.__dataclass_fields__:
        if name in _DERIVED_FIELDS:
            continue
        value = data[name]
        if isinstance(value, dict):
            fields[name] = {str(k).lower(): str(v) for k, v in value.items()}
        else:
            fields[name] = frozenset(str(word).lower() for word in value)
    v = Vocabulary(**fields)
    return replace(
        v,
        trigger_words=v.be_forms | v.have_forms | v.irregular_verbs | v.present_verbs | v.bare_past_verbs
        | v.event_nouns | v.ing_event_nouns | v.phase_nouns | v.state_adjectives | v.period_quantity_nouns
        | v.comparatives        | {"effect", "up", "down"},
        trigger_openers=v.modal_auxiliaries | v.have_forms | v.be_forms | v.between_words | v.subject_pronouns
        | v.present_adverbs | {"which", "who", "to"},
        narrative_continuation=re.compile(r"[\s\"'“‘(]*(?:" + "|".join(
            re.escape(c).replace(r"\ ", r"\s+") for c in sorted(v.narrative_continuations, key=len, reverse=True))
            + r")\b", re.IGNORECASE),
    )


@dataclass(frozen=True, slots=True)
class Trigger:
    text: str
    start: int
    end: int
    kind: str  # verb, copula, noun, state (an adjective), infinitive, measure (see _trigger_kind)


@dataclass(frozen=True, slots=True)
class _Link:
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


def find_triggers(text: str, start: int, end: int, vocab: Vocabulary | None = None,
                  among: Collection[str] | None = None, lowered_text: str | None = None) -> list[Trigger]:
    """Words in text[start:end] that name an event, in order. With `among`, only the words whose
    lowercase form is in it are considered (the words around them still decide their kind).
    `lowered_text` is lowered_for_words(text), when the caller reads many sentences of one text."""
    vocab = vocab or vocabulary()
    if lowered_text is None:
        lowered_text = lowered_for_words(text)
    # the words found in the lowered copy, where they sit at the same offsets
    words = list(_WORD.finditer(lowered_text, start, end))
    lowered = [w.group() for w in words]
    triggers = []
    trigger_words, trigger_openers = vocab.trigger_words, vocab.trigger_openers
    for i, word in enumerate(words):
        low = lowered[i]
        if among is not None and low not in among:
            continue
        if low not in trigger_words and not low.endswith(("ed", "ing")) and i \
                and lowered[i - 1] not in trigger_openers and not lowered[i - 1].endswith("ly"):
            continue  # no rule of _trigger_kind can take it: most words of a sentence
        if _part_of_a_name_or_compound(text, words, i, start):
            continue
        kind = _trigger_kind(i, words, lowered, vocab, text)
        if kind:
            triggers.append(Trigger(text[word.start():word.end()], word.start(), word.end(), kind))
    return triggers


def _part_of_a_name_or_compound(text: str, words: list[re.Match], i: int, sentence_start: int) -> bool:
    """Capitalised words inside a sentence are names ("United", "Sterling"), not verbs; so is one that
    opens the sentence before another capitalised word ("Consolidated Freightways Inc.") or with a capital
    inside it ("MindSpring"); and so is the second half of a compound ("16-bit", "pre-tax")."""
    word = words[i]
    if text[word.start()].isupper():
        if word.start() != sentence_start or any(c.isupper() for c in text[word.start() + 1:word.end()]):
            return True
        following = words[i + 1] if i + 1 < len(words) else None
        return bool(following and text[following.start()].isupper() and following.start() - word.end() == 1)
    return word.start() > sentence_start and text[word.start() - 1] in "-0123456789"


def lowered_for_words(text: str) -> str:
    """The text with ASCII letters lowered and curly apostrophes made straight: every character stays
    one character, so offsets into it are offsets into the text."""
    return ascii_lowered(text).replace("’", "'")


def _trigger_kind(i: int, words: list[re.Match], lowered: list[str], vocab: Vocabulary, text: str) -> str | None:
    """The kind of trigger words[i] is, if any (words: found in the lowered copy of `text`; lowered: the
    words in lowercase)."""
    low = lowered[i]
    if low in vocab.modal_auxiliaries or low in vocab.not_triggers or (
            low in _FUNCTION_WORDS and low not in ("up", "down")) or low in vocab.subject_pronouns \
            or low in vocab.determiners:
        return None
    previous = lowered[i - 1] if i > 0 else ""
    if low in vocab.period_quantity_nouns or low in vocab.comparatives or _is_measure_phrase(i, words, lowered):
        # an amount, a comparison, a price quote or a possession ("had a loss"): dated by a time of its
        # own sentence ("income a year earlier", "trading yesterday"), never carried in the story's time
        # (but for a quote's closing price); timeline rows rate them low (dateline.confidence)
        return "measure"
    if _is_modifier(i, words, lowered, vocab):
        return None
    if low in vocab.be_forms or low in vocab.have_forms:
        following = _next_content(i, lowered, vocab)
        if following is not None and (_is_participle(following, vocab) or following in vocab.be_forms
                                      or (low in vocab.be_forms and _is_ing_verb(following, vocab))):
            return None  # a helper: the verb after it is the trigger
        if low in vocab.have_forms:
            # possession or a light verb ("had a loss of $3 million", "had talks": the noun is the event)
            return "measure"
        return "copula"
    if low.isalpha() and low not in vocab.determiners and _after_helper(i, lowered, vocab):
        return "verb"  # "will work", "did not say", "has reported"
    if low in vocab.irregular_verbs or low in vocab.present_verbs:
        return "verb"
    if low in vocab.bare_past_verbs and previous not in vocab.determiners and previous != "to" \
            and _object_follows(words[i]):
        return "verb"
    if low.endswith("ed") and len(low) >= 4 and low not in vocab.ed_not_verbs and "-" not in low:
        return None if previous in vocab.determiners else "verb"
    if low.endswith("ing") and len(low) >= 5 and low not in vocab.ing_not_verbs and "-" not in low:
        if previous in vocab.determiners:
            return _event_noun_kind(i, words, lowered, vocab, text) if low in vocab.ing_event_nouns else None
        return "verb"
    if low in vocab.event_nouns or low in vocab.ing_event_nouns:
        return _event_noun_kind(i, words, lowered, vocab, text)
    if low == "effect" and previous in ("take", "takes", "took", "taken", "taking"):
        return "noun"  # "the appointment takes effect Nov. 13": the idiom names the event
    possessive = previous.endswith("'s")
    if low in vocab.phase_nouns and (previous in vocab.determiners or possessive) and (
            possessive or (i + 1 < len(lowered) and lowered[i + 1] == "of")):
        return "noun"  # "the close of trading", "Friday's close"
    if low in vocab.state_adjectives:
        return "state"
    if low in ("up", "down") and previous in vocab.be_forms and _FIGURE_AFTER.match(words[i].string, words[i].end()):
        return "measure"  # a price quote: "shares were up 2 pence", "the stock was down only 25 cents"
    following = lowered[i + 1] if i + 1 < len(lowered) else ""
    if (previous in vocab.subject_pronouns
            or (previous in vocab.present_adverbs and _PRESENT_S.search(low)
                and following not in vocab.be_forms and following not in vocab.have_forms
                and following not in vocab.modal_auxiliaries)) \
            and low.isalpha() and len(low) >= 3 and not _is_function_word(low, vocab):
        return "verb"  # "we extend", "they believe", "now holds"; not "now officials are"
    if previous in ("which", "who") and low.isalpha() and len(low) >= 3 and not _is_function_word(low, vocab) \
            and not _NOUN_ENDING.search(low):
        return "verb"  # "the rights, which expire Nov. 21", "those who live there"
    if previous == "to" and low.isalpha() and len(low) >= 3 and not _NOUN_ENDING.search(low) \
            and low not in vocab.determiners and low not in vocab.not_names \
            and low not in vocab.be_forms and low not in vocab.have_forms:
        return "infinitive"  # "due to expire Friday": dated only where a time is in its own clause
    return None


# A word that premodifies a noun rather than telling an event: an -ed or -ing form between a determiner,
# a figure or a compound and a noun ("the subordinated notes", "10 operating margins").
# Measures (_is_measure_phrase): the period before its end date ("the quarter ended Sept. 30"), the
# market's session in a price report ("in composite trading", "in over-the-counter trading").
_MODIFIER_OPENER = re.compile(r"[a-z]+-[a-z-]+|.*['’]s?")
# Between the word before and an -ed/-ing form: a figure ("10% operating margins", "$2 realized gains").
_FIGURE_BETWEEN = re.compile(r"[^A-Za-z]*[\d%$][^A-Za-z]*")
# Before an -ed form, a preposition makes it a modifier of the noun after ("against repeated attacks",
# "from continued demand"); before an -ing form it may govern a gerund ("after meeting officials").
_PREPOSITIONS_BEFORE_MODIFIER = frozenset({"against", "from", "with", "of", "for", "in", "on", "under", "over",
                                           "about", "amid", "despite", "into", "than", "as"})
_PERIOD_NOUNS = frozenset({"quarter", "quarters", "year", "years", "period", "periods", "month", "months",
                           "week", "weeks", "half", "fiscal"})
_MARKET_SESSION_BEFORE = frozenset({"composite", "over-the-counter", "exchange", "nasdaq"})
# A price quote's verb: "closed at $45", "closing up 2 cents", "finished unchanged at 260 pence".
_CLOSING_WORDS = frozenset({"closed", "closing", "close", "closes", "finished", "finishing", "ended", "settled",
                            "opened", "opening"})
_PRICE_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:at|up|down|unchanged|higher|lower)\b(?:\s+(?:at|by|to))?\s*[$€£]?\d",
                          re.IGNORECASE)


def _is_measure_phrase(i: int, words: list[re.Match], lowered: list[str]) -> bool:
    low, previous = lowered[i], lowered[i - 1] if i else ""
    return (low in ("ended", "ending") and previous in _PERIOD_NOUNS) or (
        low == "trading" and previous in _MARKET_SESSION_BEFORE) or (
        low in _CLOSING_WORDS and bool(_PRICE_AFTER.match(words[i].string, words[i].end())))


# Prepositions, conjunctions, question words and adverbs of time or degree: what follows a noun phrase,
# never a noun of it.
_FUNCTION_WORDS = frozenset("""
    about above across against along amid among around as at because before behind below beneath beside
    between beyond but by despite down during either except for from if in inside into like near neither
    nor of off on onto or out outside over past per since than that though through throughout till to
    toward towards under underneath unless until up upon versus via what whatever when where whether
    which while who whom whose why with within without yet how
    next last early late later earlier soon again ago already even just only too very well almost nearly
    here there now then
""".split())


def _event_noun_kind(i: int, words: list[re.Match], lowered: list[str], vocab: Vocabulary, text: str) -> str | None:
    """An event noun is a trigger unless it premodifies the noun after it: "construction workers",
    "election officials" name people, not an event; in "the signing ceremony", "merger negotiations",
    "the purchase price", "a shooting war" the noun after it is what is named."""
    following = lowered[i + 1] if i + 1 < len(lowered) else ""
    if following and words[i + 1].start() - words[i].end() == 1 and (
            _PLURAL_NOUN.fullmatch(following) or _NOUN_HEAD.fullmatch(following)
            or _is_compound_head(text, words[i + 1], following, vocab)):
        return None
    return "noun"


def _is_compound_head(text: str, word: re.Match, low: str, vocab: Vocabulary) -> bool:
    """Whether a word right after an event noun is a noun it modifies ("price" in "the purchase price"):
    a lowercase word that is no verb form the vocabulary knows, no -ed, -ing, -s or -ly form (a verb,
    participle or adverb may follow the noun: "the attack killed", "rallies calling for", "the deal
    expires", "the vote narrowly"), no function word and no time word."""
    return (low.isalpha() and text[word.start()].islower() and not low.endswith(("ed", "ing", "s", "ly"))
            and low not in _FUNCTION_WORDS and low not in vocab.trigger_openers and low not in vocab.not_names and low not in vocab.irregular_verbs
            and low not in vocab.bare_past_verbs and low not in vocab.present_verbs
            and low not in vocab.state_adjectives and low not in vocab.not_triggers)


def _is_modifier(i: int, words: list[re.Match], lowered: list[str], vocab: Vocabulary) -> bool:
    low = lowered[i]
    if not low.endswith(("ed", "ing")) or i == 0:
        return False
    previous = lowered[i - 1]
    if i + 1 >= len(lowered) or words[i + 1].start() - words[i].end() != 1:
        return False  # nothing after it, or punctuation between
    following = lowered[i + 1]
    if not following.isalpha() or _is_function_word(following, vocab) or following.endswith("ly") \
            or following in vocab.subject_pronouns or following in ("to", "of", "by", "with", "as", "into", "than"):
        return False
    before = i - 1
    if (previous.endswith("ly") or previous == "still") and i >= 2:  # "a closely held firm", "a still unspecified date"
        before -= 1
        previous = lowered[before]
    if previous not in vocab.not_names and _FIGURE_BETWEEN.fullmatch(
            words[0].string, words[before].end(), words[before + 1].start()):
        return low not in vocab.ing_event_nouns  # "10% operating margins", not "discovered April 8 buried"
    opener = previous in vocab.determiners or previous in vocab.comparatives or _MODIFIER_OPENER.fullmatch(previous) \
        or (low.endswith("ed") and previous in _PREPOSITIONS_BEFORE_MODIFIER)
    return bool(opener) and low not in vocab.ing_event_nouns


# What follows a verb and not a noun: an object's determiner or pronoun, a figure, or a particle.
_OBJECT_AFTER = re.compile(
    r"\s+(?:\$|\d|(?:a|an|the|its|his|her|their|our|it|itself|them|him|us|up|out|off|aside|down|back|home|"
    r"into|in|on)\b)", re.IGNORECASE)


# A figure after a word, possibly hedged: "up 2 pence", "down only 25 cents", "up $1.50".
_FIGURE_AFTER = re.compile(r"\s+(?:only\s+|just\s+|about\s+|nearly\s+|almost\s+|slightly\s+)?[$€£]?\d")


def _object_follows(word: re.Match) -> bool:
    return bool(_OBJECT_AFTER.match(word.string, word.end()))


# A third-person present form: "holds", "owns", "reaches"; not "business", "status", "various".
_PRESENT_S = re.compile(r"(?:[^su]s)$")


def _is_function_word(low: str, vocab: Vocabulary) -> bool:
    return (low in vocab.determiners or low in vocab.not_names or low in vocab.between_words
            or low in vocab.modal_auxiliaries or low in vocab.be_forms or low in vocab.have_forms)


def _after_helper(i: int, lowered: list[str], vocab: Vocabulary) -> bool:
    """Whether a modal, "have" or "be" comes before word i (with only adverbs between)."""
    previous = lowered[i - 1] if i > 0 else ""
    if not (previous in vocab.modal_auxiliaries or previous in vocab.have_forms or previous in vocab.be_forms
            or previous in vocab.between_words or previous.endswith("ly")):
        return False  # most words: neither a helper nor an adverb before them (as the loop below finds)
    j = i - 1
    while j >= 0 and _is_between_word(lowered[j], vocab):
        j -= 1
    if j < 0:
        return False
    helper = lowered[j]
    if helper in vocab.modal_auxiliaries:
        return True
    if helper in vocab.have_forms or helper in vocab.be_forms:
        return _is_participle(lowered[i], vocab) or _is_ing_verb(lowered[i], vocab)
    return False


def _is_between_word(low: str, vocab: Vocabulary) -> bool:
    """A word that may stand between a helper and its verb: "not", "also", and manner adverbs in -ly
    ("will formally take")."""
    return low in vocab.between_words or (low.endswith("ly") and len(low) >= 5 and low not in vocab.determiners)


def _next_content(i: int, lowered: list[str], vocab: Vocabulary) -> str | None:
    j = i + 1
    while j < len(lowered) and _is_between_word(lowered[j], vocab):
        j += 1
    return lowered[j] if j < len(lowered) else None


def _is_participle(low: str, vocab: Vocabulary) -> bool:
    return low in vocab.irregular_verbs or low in vocab.bare_past_verbs or (low.endswith("ed") and len(low) >= 4 and low not in vocab.ed_not_verbs)


def _is_ing_verb(low: str, vocab: Vocabulary) -> bool:
    return low.endswith("ing") and len(low) >= 5 and low not in vocab.ing_not_verbs


class _SentenceParts:
    """A sentence's triggers (those not inside a time expression) and its clauses, each found once, when
    first asked for: many sentences read for their triggers never need their clauses."""

    def __init__(self, text: str, expressions: list[TemporalExpression], vocab: Vocabulary) -> None:
        self.text, self.vocab = text, vocab
        self.lowered = lowered_for_words(text)
        self.expression_starts = {e.start for e in expressions}
        self.taken = sorted((e.start, e.end) for e in expressions)
        self.triggers_of: dict[Span, list[Trigger]] = {}
        self.clauses_of: dict[Span, list[Span]] = {}

    def __call__(self, sentence: Span) -> tuple[list[Trigger], list[Span]]:
        return self.triggers(sentence), self.clauses(sentence)

    def triggers(self, sentence: Span) -> list[Trigger]:
        if sentence not in self.triggers_of:
            self.triggers_of[sentence] = [t for t in find_triggers(self.text, *sentence, self.vocab,
                                                                   lowered_text=self.lowered)
                                          if not _overlaps((t.start, t.end), self.taken)]
        return self.triggers_of[sentence]

    def clauses(self, sentence: Span) -> list[Span]:
        if sentence not in self.clauses_of:
            vocab = self.vocab
            self.clauses_of[sentence] = clause_spans(
                self.text, *sentence, vocab.clause_openers, vocab.clause_openers_after_comma,
                keep_before=self.expression_starts, reporting_verbs=vocab.reporting_verbs)
        return self.clauses_of[sentence]


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
    parts = _SentenceParts(text, expressions, vocab)
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
            chosen = _choose_trigger(expression, triggers, clauses, text)
        if chosen:
            relation = "on" if chosen[1] == "time_modifies_noun" else _relation(text, sentence[0], expression, vocab)
            links.append(VagueLink(chosen[0], expression, relation, chosen[1]))
    return links


def extract_events(text: str, expressions: list[TemporalExpression],
                   sentences: list[Span] | None = None) -> list[Event]:
    """One Event per trigger, dated by the DATE/TIME expressions linked to it, in text order.
    `sentences` are the text's sentence spans, when the caller has them already."""
    vocab = vocabulary()
    sentences = sentence_spans(text) if sentences is None else sentences
    parts = _SentenceParts(text, expressions, vocab)
    links: list[_Link] = []
    for expression in expressions:
        if not dates_events(expression):
            continue
        sentence = sentence_at(sentences, expression.start)
        if sentence is None:
            continue
        triggers, clauses = parts(sentence)
        relation = _relation(text, sentence[0], expression, vocab)
        chosen = _choose_trigger(expression, triggers, clauses, text)
        if chosen:
            trigger, rule = chosen
            if rule == "time_modifies_noun":
                relation = "on"  # "before next week's talks": the signal is the noun phrase's, the talks are in that week
            links.append(_Link(trigger, expression, relation, rule, _clause_of(clauses, trigger.start)))
        if chosen and chosen[1] == "time_modifies_noun":
            clause = _clause_of(clauses, expression.start)
            verb = _verb_after_modified_subject(
                text, expression, [t for t in triggers if t.start >= expression.end and t.end <= clause[1]])
            if verb:  # "third-quarter profit grew": the profit and its growth are both of that quarter
                links.append(_Link(verb, expression, "on", "time_modifies_subject", clause))
        for trigger, rule in _triggers_sharing_time(text, expression, triggers, clauses):
            links.append(_Link(trigger, expression, "on", rule, _clause_of(clauses, trigger.start)))
    links += _sentence_links(text, sentences, expressions, links, vocab, parts)
    links += _aspect_infinitive_links(text, links, vocab, parts, sentences)
    links += _carried_links(text, sentences, expressions, links, vocab, parts)
    links += _report_day_links(text, sentences, expressions, links, vocab, parts)
    links += _same_event_links(text, sentences, links, parts)
    run_of = _time_runs(text, sentences, expressions, parts)
    links += _coordinated_links(links, run_of)
    return _events_from_links(text, sentences, links, run_of)


# Before an event noun: a determiner or possessive that points back to one already told ("the
# ceremony", "Slepian's slaying"), with up to two words between ("the memorial ceremony").
_DEFINITE_BEFORE = re.compile(
    r"(?:\b(?:the|this|that|these|those|its|his|her|their)|['’]s?)\s+(?:[A-Za-z-]+\s+){0,2}$", re.IGNORECASE)
_DEFINITE_REACH = 40  # characters before the noun


def _same_event_links(text: str, sentences: list[Span], links: list[_Link], parts: _SentenceParts) -> list[_Link]:
    """An undated event noun with a definite determiner ("The ceremony will take place ...") names an
    event the story already dated, by the same noun ("... a ceremony on March 12"): it takes the time of
    the last such mention before it. Weaker evidence than a link in its sentence; marked so by its rule."""
    dated: dict[str, list[tuple[int, _Link]]] = {}
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
            found.append(_Link(trigger, earlier.expression, "on", "same_event_as_earlier",
                               _clause_of(parts.clauses(sentence), trigger.start)))
    return found


def _time_runs(text: str, sentences: list[Span], expressions: list[TemporalExpression],
               parts: _SentenceParts) -> dict[int, list[TemporalExpression]]:
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


def _coordinated_links(links: list[_Link], run_of: dict[int, list[TemporalExpression]]) -> list[_Link]:
    """A trigger linked to one time of a run is linked to the others too: the event happened at each."""
    found = []
    for link in links:
        members = run_of.get(link.expression.start, ())
        if len(members) > 1:
            found += [_Link(link.trigger, other, link.relation, link.rule, link.clause)
                      for other in members if other is not link.expression]
    return found


# "in 1952, West Germany in 1955 and Spain in 1982": between two times of a list, the next thing
# listed (a few words, no event word among them) and the same preposition.
_LIST_ITEM = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:[^\s,;.]+\s+){1,4}?(?P<signal>in|on)\s+")
_SIGNAL_BEFORE = re.compile(r"\b(in|on)\s+$")


def _paired_in_a_list(text: str, sentences: list[Span], first: TemporalExpression, second: TemporalExpression,
                      parts: _SentenceParts) -> bool:
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
_TO_BETWEEN = re.compile(r"\s+to\s+")


def _aspect_infinitive_links(text: str, links: list[_Link], vocab: Vocabulary,
                             parts: _SentenceParts,
                             sentences: list[Span]) -> list[_Link]:
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
                and _TO_BETWEEN.fullmatch(text, link.trigger.end, following.start):
            linked.add((following.start, following.end))
            found.append(_Link(following, link.expression, link.relation, "infinitive_after_phase_verb", link.clause))
    return found


def _times_by_sentence(sentences: list[Span], expressions: list[TemporalExpression]) -> list[list[TemporalExpression]]:
    """For each sentence, its expressions that date events or are vague references, in one pass."""
    starts = [s[0] for s in sentences]
    grouped: list[list[TemporalExpression]] = [[] for _ in sentences]
    for expression in expressions:
        index = bisect.bisect_right(starts, expression.start) - 1
        if index >= 0 and expression.start < sentences[index][1] and (
                dates_events(expression) or is_vague_reference(expression)):
            grouped[index].append(expression)
    return grouped


_REPORT_GRANULARITIES = frozenset({"day", "part_of_day", "time", "hour", "minute"})


def _report_day_links(text: str, sentences: list[Span], expressions: list[TemporalExpression],
                      links: list[_Link], vocab: Vocabulary,
                      parts: _SentenceParts) -> list[_Link]:
    """A report ("said", "told") in a sentence with no time of its own, dated by the day the story last
    dated a report on ("officials said Tuesday ... the ambassador said"): news reports a day's
    statements together. Only days, only reports made before, at any distance; marked by its rule."""
    report_days = sorted(((link.trigger.start, link.expression) for link in links
                          if link.trigger.text.lower() in vocab.reporting_verbs and link.relation == "on"
                          and link.expression.granularity in _REPORT_GRANULARITIES), key=lambda pair: pair[0])
    report_starts = [start for start, _ in report_days]
    lead = _lead_day(sentences, expressions)
    if not report_days and lead is None:
        return []
    linked = {(link.trigger.start, link.trigger.end) for link in links}
    found = []
    for sentence, own in zip(sentences, _times_by_sentence(sentences, expressions)):
        if vocab.reporting_verbs.isdisjoint(map(str.lower, _LETTERS.findall(text, *sentence))):
            continue
        triggers = parts.triggers(sentence)
        for trigger in triggers:
            if (trigger.start, trigger.end) in linked or trigger.text.lower() not in vocab.reporting_verbs \
                    or not _past_main_verb(text, sentence, trigger, vocab) \
                    or (own and not _times_are_reported(text, sentence, trigger, triggers, parts.clauses(sentence),
                                                        own, vocab)):
                continue
            earlier = bisect.bisect_left(report_starts, trigger.start)
            if earlier:
                found.append(_Link(trigger, report_days[earlier - 1][1], "on", "report_same_day",
                                   _clause_of(parts.clauses(sentence), trigger.start)))
            elif lead is not None and lead.end <= sentence[0]:
                found.append(_Link(trigger, lead, "on", "report_lead_day",
                                   _clause_of(parts.clauses(sentence), trigger.start)))
    return found


_LEAD_SENTENCES = 2
# Before a reporting verb that attributes what precedes it: a comma or closing quote, then its subject in
# one to four words (", Castro said", ", the official added"), or nothing when the subject follows
# (", said Jorge Mas Santos").
_ATTRIBUTION_SUBJECT_BEFORE = re.compile(r"(?:,|''|[\"”’])\s*(?:[A-Za-z][\w.'’-]*\s+){1,4}$")
_ATTRIBUTION_VERB_FIRST = re.compile(r"(?:,|''|[\"”’])\s*$")
_SUBJECT_AFTER = re.compile(r"\s+(?:[A-Z]|the\b|an?\b)")


def _times_are_reported(text: str, sentence: Span, trigger: Trigger, triggers: list[Trigger], clauses: list[Span],
                        times: list[TemporalExpression], vocab: Vocabulary) -> bool:
    """Whether a reporting verb's sentence names times only inside the statement it reports: before it in
    an attribution ("..., Castro said") or after it in its "that" clause ("said that ... in March")."""
    if trigger.text.lower() not in vocab.reporting_verbs or not times:
        return False
    if all(e.start < trigger.start for e in times):
        return _is_attribution(text, sentence, trigger, triggers)
    clause = _clause_of(clauses, trigger.start)
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
                 and e.granularity in _REPORT_GRANULARITIES), None)


# Between a trigger and a time in another clause of its sentence: an aside (dashes, brackets) or a
# semicolon; the time does not reach across these. Relative and "when" clauses it does reach: news
# sentences mostly tell one moment ("perished when their boat sank ... in late November").
_SEPARATES = re.compile(r"[—–(:;]")
# A noun heading a compound whose first word is an event noun: by its ending ("negotiations",
# "agreement", "membership") or as a head that names an event or its setting.
_NOUN_HEAD = re.compile(r"[a-z]{3,}(?:tions?|sions?|ments?|ships?|ances?|ences?)|ceremon(?:y|ies)|rall(?:y|ies)"
                        r"|campaigns?|programs?|programmes?|projects?|shows?|sites?|period|process|sessions?")
# A plural noun: a lowercase word in -s, but not -ss, -us, -is ("process", "status", "crisis").
_PLURAL_NOUN = re.compile(r"[a-z]{3,}[^su'’]s")
# After "to", a word with a plural or noun ending is a destination ("to farmers"), not an infinitive.
_NOUN_ENDING = re.compile(r"(?:[^s]s|ion|ions|ment|ments|ity|ness|ance|ence|ship|ism|ist|ers?|ors?)$")
_WORD_BEFORE = re.compile(r"\b([A-Za-z']+)\s+(?:not\s+|also\s+|still\s+|never\s+)?$")
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


def _carried_links(text: str, sentences: list[Span], expressions: list[TemporalExpression],
                   links: list[_Link], vocab: Vocabulary,
                   parts: _SentenceParts) -> list[_Link]:
    """Events of a sentence that names no time, dated by the time the story is telling: the last time
    that dated a main-clause event "on" it ("Shoigu met Kim on Tuesday. ... Afterward, he told reporters
    ..."), however far back: the story stays in its time until it names another (a time of a sentence's
    own that dates no main event leaves the story's time unknown). Only a sentence telling a past event
    goes on in that time, and in it its event nouns and the verbs it tells at that time (_past_main_verb,
    _told_in_present): "will work", "is demined", "had agreed" are not. Weaker evidence than a link
    inside the sentence, and marked so by its rule."""
    narrative = _narrative_times(text, sentences, links, vocab)
    current = None
    found = []
    rule, previous_end = CARRIED_RULE, None
    for sentence, own in zip(sentences, _times_by_sentence(sentences, expressions)):
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
            elif any(dates_events(e) and _relation(text, sentence[0], e, vocab) == "on" for e in own):
                current = None  # a time of its own that dates no main event: the story's time is unclear
            continue
        if current is None:
            continue
        triggers = parts.triggers(sentence)
        past_verbs = {t.start for t in triggers if _past_main_verb(text, sentence, t, vocab)}
        if not past_verbs:
            continue
        clauses = parts.clauses(sentence)
        for trigger in triggers:
            if trigger.text.lower() in vocab.reporting_verbs and current.granularity not in _REPORT_GRANULARITIES:
                continue  # a statement reported without a time was made on a news day, not "in 1959"
            if trigger.kind in ("infinitive", "copula") or (
                    trigger.kind == "measure" and trigger.text.lower() not in _CLOSING_WORDS):
                continue  # a copula's state or an amount is carried into no time; a price quote is the session's
            clause = _clause_of(clauses, trigger.start)
            past = trigger.start in past_verbs
            if trigger.kind in ("verb", "copula") and not past \
                    and not _told_in_present(text, sentence, clause, trigger, vocab):
                continue
            if current.anchor == "publication_date" and current.direction == "future" and (
                    past or _helper_before(text, sentence, trigger) in _PAST_OR_PERFECT_HELPERS):
                continue  # "will leave tomorrow. ... Castro read from a letter": not tomorrow
            found.append(_Link(trigger, current, "on", rule, clause))
    return found


def _narrative_times(text: str, sentences: list[Span], links: list[_Link],
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
    helper = _helper_before(text, sentence, trigger)
    if helper in vocab.modal_auxiliaries or helper in _NOT_TOLD_HELPERS:
        return False
    if helper in _PREPOSITIONS and trigger.text.lower().endswith("ing"):
        return False  # "will work on demining the region": a gerund, whose time is its governing verb's
    if _first_word(text, clause) not in vocab.future_clause_openers:
        return True
    low = trigger.text.lower()  # a past or progressive form in such a clause still narrates
    return helper not in _PRESENT_HELPERS and (low.endswith(("ed", "ing")) or low in vocab.irregular_verbs)


def _helper_before(text: str, sentence: Span, trigger: Trigger) -> str:
    """The word before a verb, past "not", "also", "still" and "never", in lowercase ("" if none)."""
    before = _WORD_BEFORE.search(text, max(sentence[0], trigger.start - 25), trigger.start)
    return before.group(1).lower() if before else ""


def _first_word(text: str, span: Span) -> str:
    first = _FIRST_WORD.match(text, span[0], span[1])
    return first.group().lower() if first else ""


def _past_main_verb(text: str, sentence: Span, trigger: Trigger, vocab: Vocabulary) -> bool:
    """A verb in the simple past ("told", "was", "were killed"), not after a modal, "has", "had" or "to"."""
    low = trigger.text.lower()
    tells = trigger.kind in ("verb", "copula") or (trigger.kind == "measure" and low in _CLOSING_WORDS)
    if not tells or not (low in vocab.irregular_verbs or low.endswith("ed") or low in ("was", "were")):
        return False
    helper = _helper_before(text, sentence, trigger)
    return helper not in vocab.modal_auxiliaries and helper not in _PAST_HELPERS


def _sentence_links(text: str, sentences: list[Span], expressions: list[TemporalExpression],
                    links: list[_Link], vocab: Vocabulary,
                    parts: _SentenceParts) -> list[_Link]:
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
            clause = _clause_of(clauses, trigger.start)
            # "fell to $3 million from $4 million a year earlier": the time of the figure compared with
            usable = [e for e in times if e.start not in period_ends and not (
                e.start > trigger.end and clause[0] <= e.start < clause[1]
                and e.start - trigger.end <= _COMPARISON_REACH and _compares_with_base(text, trigger.end, e.start))]
            in_clause = [e for e in usable if clause[0] <= e.start < clause[1]]
            word_before = _WORD_BEFORE.search(text, max(sentence[0], trigger.start - 25), trigger.start)
            if (word_before and word_before.group(1).lower() in vocab.modal_auxiliaries) \
                    or trigger.kind in ("copula", "infinitive"):
                # "would raise taxes", "agreed to send", "It was his third visit": not events of the
                # sentence's time, unless a time follows in their own clause ("will redeem ... on Oct. 31"),
                # or an infinitive of purpose follows the time ("travel on March 12 to submit the document")
                later = [e for e in in_clause if e.start > trigger.end]
                if later and trigger.kind != "copula":
                    found.append(_Link(trigger, later[0], _relation(text, sentence[0], later[0], vocab),
                                       "time_after_in_clause", clause))
                elif trigger.kind == "infinitive" and (purpose_of := next(
                        (e for e in usable if _TO_BETWEEN.fullmatch(text, e.end, trigger.start)), None)):
                    found.append(_Link(trigger, purpose_of, _relation(text, sentence[0], purpose_of, vocab),
                                       "infinitive_after_time", clause))
                continue
            if _times_are_reported(text, sentence, trigger, triggers, clauses, times, vocab):
                continue  # "... as soon as Tuesday, Castro said": the time is the statement's, not the saying's
            reachable = in_clause or [e for e in usable if not _SEPARATES.search(
                text, min(e.end, trigger.end), max(e.start, trigger.start))]
            if not reachable:
                continue
            nearest = min(reachable, key=lambda e: abs(e.start - trigger.start))
            found.append(_Link(trigger, nearest, _relation(text, sentence[0], nearest, vocab),
                               "nearest_in_clause" if in_clause else "nearest_in_sentence", clause))
    return found


def _clause_of(clauses: list[Span], offset: int) -> Span:
    index = bisect.bisect_right(clauses, (offset, math.inf)) - 1
    if index >= 0 and clauses[index][0] <= offset < clauses[index][1]:
        return clauses[index]
    return next(c for c in clauses if c[0] <= offset < c[1])  # not ordered: look through them all


def _choose_trigger(expression: TemporalExpression, triggers: list[Trigger],
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
    if before and before[-1].kind in ("verb", "copula", "state") and _compares_with_base(
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


def _compares_with_base(text: str, start: int, end: int) -> bool:
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


def _relation(text: str, sentence_start: int, expression: TemporalExpression, vocab: Vocabulary) -> str:
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


def _events_from_links(text: str, sentences: list[Span], links: list[_Link],
                       run_of: dict[int, list[TemporalExpression]]) -> list[Event]:
    by_trigger: dict[tuple[int, int], list[_Link]] = {}
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


def _nearest_run(group: list[_Link], trigger_start: int, run_of: dict[int, list[TemporalExpression]]) -> list[_Link]:
    """The links of one trigger whose times belong together (_time_runs): the run nearest the trigger.
    Separate times ("will meet Friday to approve a timetable for the spring") date different things,
    so only the nearest run is kept."""
    if len(group) == 1:
        return group  # most triggers have one expression: its own run
    runs: dict[int, list[_Link]] = {}
    for link in group:  # sorted by expression start
        members = run_of.get(link.expression.start)
        runs.setdefault(members[0].start if members else link.expression.start, []).append(link)

    def distance(run: list[_Link]) -> int:
        return min(abs(link.expression.start - trigger_start) for link in run)

    return min(runs.values(), key=distance)


def _deduplicated(group: list[_Link]) -> list[_Link]:
    if len(group) == 1:
        return group
    seen, unique = set(), []
    for link in sorted(group, key=lambda l: l.expression.start):
        if link.expression.start not in seen:
            seen.add(link.expression.start)
            unique.append(link)
    return unique


def _combined_relation(group: list[_Link]) -> str:
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


def _overlaps(span: Span, others: list[Span]) -> bool:
    """Whether span overlaps one of `others`, which are sorted and do not overlap each other."""
    index = bisect.bisect_right(others, (span[0], math.inf)) - 1
    return (index >= 0 and others[index][1] > span[0]) or (index + 1 < len(others) and others[index + 1][0] < span[1])

