"""A time's own trigger, the strongest links: the trigger a time governs in its clause (choose_trigger),
the noun it premodifies and that noun phrase's verb, the triggers right after it that share it (a "when"
clause, a coordinated verb); and the relation the time's signal word gives."""
from __future__ import annotations

import re
import string

from dateline.events.links import Link, dates_events
from dateline.events.reported_clause import REPORTED_CLAUSE_RULE, reported_clause_verb
from dateline.events.sentence_parts import SentenceParts, clause_of
from dateline.events.trigger_vocabulary import Vocabulary, vocabulary
from dateline.events.triggers import Trigger
from dateline.model import TemporalExpression
from dateline.sentences import Span, sentence_at


# A clause right after a time phrase that the phrase dates too: "since last year, when officials
# said", "on Friday night as he stood". A bare "as" only without a comma (", as" is often causal).
_SAME_TIME_CLAUSE = re.compile(r"\s*(?:,\s*)?(?:when|while)\b|\s+as\b", re.IGNORECASE)
# "... on Thanksgiving Day and brought ashore": a verb coordinated right after the time phrase.
_AND_AFTER = re.compile(r"\s*,?\s*and\s+", re.IGNORECASE)
# "until last year and now serves": the coordinated verb has a time word of its own.
_OWN_TIME_WORD = re.compile(r"\b(?:now|then|today|currently|later|earlier|soon|still)\b", re.IGNORECASE)
# "Sunday's debate", "its 1988 recapitalization": the time phrase modifies the noun after it.
_POSSESSIVE_AFTER = re.compile(r"['’]s?\s+", re.IGNORECASE)


def governing_links(text: str, sentences: list[Span], expressions: list[TemporalExpression],
                    vocab: Vocabulary, parts: SentenceParts) -> list[Link]:
    """Each time that dates events tied to the trigger it governs in its clause (choose_trigger), to the
    verb of the noun phrase it premodifies, and to the triggers right after it that share it
    (_triggers_sharing_time): the strongest links, in the order of the times."""
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
        if chosen and chosen[1] == "nearest_before_in_clause":
            reported = reported_clause_verb(text, chosen[0], expression, triggers, clause_of(clauses, expression.start),
                                            vocab)
            if reported is not None:  # "said net income in the third quarter jumped": the jump's time
                chosen = reported, REPORTED_CLAUSE_RULE
        if chosen:
            trigger, rule = chosen
            if rule == "time_modifies_noun":
                relation = "on"  # "before next week's talks": the signal is the noun phrase's, the talks are in that week
            links.append(Link(trigger, expression, relation, rule, clause_of(clauses, trigger.start)))
            noun = _event_noun_object(text, trigger, triggers) if rule in _VERB_RULES else None
            if noun is not None:  # "Late last week, representatives began negotiations": the negotiations then
                links.append(Link(noun, expression, relation, SUPPORT_VERB_OBJECT_RULE, clause_of(clauses, noun.start)))
        if chosen and chosen[1] == "time_modifies_noun":
            clause = clause_of(clauses, expression.start)
            verb = _verb_after_modified_subject(
                text, expression, [t for t in triggers if t.start >= expression.end and t.end <= clause[1]])
            if verb:  # "third-quarter profit grew": the profit and its growth are both of that quarter
                links.append(Link(verb, expression, "on", "time_modifies_subject", clause))
            verb = _verb_in_dated_event(text, expression, [t for t in triggers
                                                           if clause[0] <= t.start and t.end <= expression.start])
            if verb:  # "rejected the plan in the March 3 election": the rejection took place in the election
                links.append(Link(verb, expression, "on", "verb_in_dated_event", clause))
        for trigger, rule in _triggers_sharing_time(text, expression, triggers, clauses):
            links.append(Link(trigger, expression, "on", rule, clause_of(clauses, trigger.start)))
    return links


SUPPORT_VERB_OBJECT_RULE = "object_of_support_verb"
_VERB_RULES = frozenset({"nearest_before_in_clause", "nearest_after_in_clause"})
# Verbs whose object noun is the event itself: "began negotiations", "held talks", "staged a protest".
_SUPPORT_VERBS = frozenset({"began", "begin", "begins", "started", "start", "starts", "held", "hold", "holds",
                            "opened", "open", "opens", "launched", "launch", "launches", "resumed", "resume",
                            "resumes", "concluded", "conclude", "concludes", "completed", "complete", "completes",
                            "conducted", "conduct", "conducts", "staged", "stage", "stages", "carried", "wrapped",
                            "ended", "end", "ends", "called", "convened", "convene", "convenes", "attended",
                            "attend", "attends", "joined", "join", "joins"})


def _event_noun_object(text: str, verb: Trigger, triggers: list[Trigger]) -> Trigger | None:
    """The event noun a support verb takes as its object, right after it (an article, a figure, adjectives
    between; "wrapped up" and "carried out" with their particle): "began negotiations", "held a
    two-day summit", "staged a protest"."""
    if verb.kind != "verb" or verb.text.lower() not in _SUPPORT_VERBS:
        return None
    following = next((t for t in triggers if t.start >= verb.end), None)
    if following is None or following.kind != "noun":
        return None
    start = _PARTICLE.match(text, verb.end)
    return following if _OBJECT_BETWEEN.fullmatch(text, start.end() if start else verb.end, following.start) else None


_PARTICLE = re.compile(r"\s+(?:up|out|off)\b", re.IGNORECASE)


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
    if before and before[-1].kind in ("verb", "copula", "state", "measure") and compares_with_base(
            text, before[-1].end, expression.start):
        return None  # "grew 19% from a year ago": the time dates the base figure, not the growth
    if before:
        for_period = bool(_FOR_BEFORE.search(text, max(clause[0], expression.start - 40), expression.start))
        return _head_before(before, text, vocabulary(), for_period), "nearest_before_in_clause"
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


# "for" before a time: the period an amount or a result is for ("reported sales of $5 million for the
# quarter", "for the quarter ended Sept. 29"), not when it was reported.
_FOR_BEFORE = re.compile(r"\bfor\s+(?:(?!(?:on|in|at|by|since|until|during|after|before)\b)[\w'’-]+\s+){0,4}$", re.IGNORECASE)


# Verbs that make a result public: with "for" a period, they are not in it ("reported sales for the quarter").
_REPORTS_OF_RESULTS = frozenset({"report", "reports", "reported", "reporting", "post", "posts", "posted", "posting",
                                 "announce", "announces", "announcing", "disclose", "discloses", "disclosing",
                                 "publish", "publishes", "published", "publishing", "release", "releases",
                                 "released", "releasing"})


def _head_before(before: list[Trigger], text: str, vocab: Vocabulary, for_period: bool = False) -> Trigger:
    """The trigger a time right after it dates: the nearest before, but the verb over an amount that is
    its object ("posted net income of $3 million in the quarter"), and a reporting verb over the event it
    reports ("reported a 12% rise in profit on Wednesday": the reporting, not the rise). An event noun
    object of another verb shares its time ("will attend a ceremony on March 12": the ceremony). A
    period after "for" is what was reported on, not when: "reported a $20 million loss for its fourth
    quarter" dates the loss, not the reporting (`for_period`)."""
    nearest = before[-1]
    if nearest.kind == "verb" and len(before) >= 2 and before[-2].text.lower() in vocab.object_complement_verbs \
            and text[before[-2].end:nearest.start].isspace() and not nearest.text.lower().endswith("ing"):
        return before[-2]  # "was found abandoned in December": the finding, not the abandoning, was then
    if nearest.kind not in ("noun", "measure"):
        return nearest
    for earlier in reversed(before[:-1]):
        if for_period and (earlier.text.lower() in vocab.reporting_verbs or earlier.text.lower() in _REPORTS_OF_RESULTS):
            # the object the result is ("sales" of "reported sales ... for the quarter ended Sept. 29")
            return next((t for t in before if t.start > earlier.end and t.text.lower() not in ("ended", "ending")),
                        nearest)
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
# So does "compared with" or "versus" and a few words ("found, compared with roughly $650 last year").
_COMPARISON_BASE = re.compile(
    r"\d[\d,.]*\s*(?:%|percent|\w+illion|cents?)?\b.*\bfrom\s+(?:\S+\s+){0,5}$"
    r"|\b(?!fewer\b)[a-z]{2,}er\s+than\s+$"
    r"|\b(?:compared\s+(?:with|to)|versus|vs\.)\s+(?:\S+\s+){0,6}$"
    # "jumped from fewer than 100,000 in 1980": the figure the change started from, then its time
    r"|\bfrom\s+(?:[a-z]+\s+){0,3}\$?\d[\d,.]*\s*(?:%|percent|\w+illion|cents?)?\s+(?:in|on|at|during)\s+$",
    re.IGNORECASE)
_BASE_WORD = re.compile(r"from|than|compared|versus|vs\.", re.IGNORECASE)


def compares_with_base(text: str, start: int, end: int) -> bool:
    """Whether _COMPARISON_BASE is found in text[start:end]. It needs "from" or "than", which most stretches
    lack: looking for those first spares its backtracking there."""
    return bool(_BASE_WORD.search(text, start, end) and _COMPARISON_BASE.search(text, start, end))


def _modified_noun(text: str, expression: TemporalExpression, after: list[Trigger]) -> Trigger | None:
    """An event noun that the time phrase premodifies: "Sunday's debate", "its 1988 merger"."""
    if not after or after[0].kind not in ("noun", "measure") or after[0].text.lower() in ("ended", "ending"):
        return None  # "its fourth quarter ended June 30": the period's end, no noun the time premodifies
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
    """The verb whose subject the time premodifies: "third-quarter profit grew", "Sunday's crowd cheered",
    "The March 3 election drew". Only a compound ("third-quarter"), possessive ("Sunday's") or
    determined ("the March 3 election") time, which cannot be an adverbial itself."""
    verb = next((t for t in after if t.kind not in ("noun", "measure")), None)
    if verb is None or verb.kind != "verb":
        return None
    if not (_POSSESSIVE_AFTER.match(text, expression.end) or "-" in expression.text
            or _DETERMINER_BEFORE.search(text, max(0, expression.start - 12), expression.start)):
        return None
    if _PREPOSITION_BEFORE.search(text, max(0, expression.start - 20), expression.start):
        return None  # "The location for Friday's ceremony was chosen": the noun is no subject
    start = expression.end
    possessive = _POSSESSIVE_AFTER.match(text, start)
    if possessive:
        start = possessive.end() - 1
    return verb if _SUBJECT_GAP.fullmatch(text, start, verb.start) else None


# "in the March 3 election", "during Sunday's debate": a preposition of place in time, then the noun
# phrase the time premodifies.
_INSIDE_EVENT_BEFORE = re.compile(r"\b(?:in|at|during|amid)\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)
# A preposition before a premodifying time (and its determiner): the noun phrase is a preposition's
# object inside another phrase, not the subject of the verb after it.
_PREPOSITION_BEFORE = re.compile(r"\b(?:for|of|at|before|after|since|until|from|to|on|during|about|over|with|"
                                 r"against|under|than)\s+(?:(?:the|a|an|this|that|its|his|her|their)\s+)?$",
                                 re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|this|that|its|his|her|their)\s+$", re.IGNORECASE)


def _verb_in_dated_event(text: str, expression: TemporalExpression, before: list[Trigger]) -> Trigger | None:
    """The verb of the clause whose event took place inside an event the time dates ("He spoke during
    Sunday's debate", "voted in the March 3 election"; an object between is not crossed, as "rejected the
    plan in the March 3 election" is not taken: "charged Kopp with murder in the 1995 shooting" reads the
    same), the nearest trigger before the preposition when it is a verb, with no punctuation between."""
    opener = _INSIDE_EVENT_BEFORE.search(text, max(0, expression.start - 20), expression.start)
    if opener is None or not before or before[-1].kind != "verb":
        return None
    verb = before[-1]
    return None if re.search(r"[,;:]", text[verb.end:opener.start()]) else verb


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
    if _CLEFT_THAT.match(text, expression.end) and _CLEFT_BEFORE.search(
            text, max(0, expression.start - 40), expression.start):
        # "it was not until Tuesday that Castro revealed", "It was on Friday that the talks broke down"
        that_clause = [t for t in triggers if t.start > expression.end and t.kind in ("verb", "noun")]
        if that_clause and not shared:
            shared.append((that_clause[0], "clause_after_time"))
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
        if vocab.signals[signal] == "until" and _NOT_UNTIL.search(text, max(sentence_start, expression.start - 20),
                                                                   expression.start):
            return "on"  # "it was not until Tuesday that Castro revealed": he revealed it on Tuesday
        return vocab.signals[signal]
    if signal in vocab.season_signals and expression.granularity == "season":
        return vocab.season_signals[signal]
    # A season named without a preposition ("fought this past winter") spans the event.
    return "during" if expression.granularity == "season" else "on"


# A cleft: "it was (not until) TIME that ...": the time dates the verb of the "that" clause.
_CLEFT_BEFORE = re.compile(r"\bit\s+(?:was|is|wasn['’]t|isn['’]t)\s+(?:not\s+|only\s+)?"
                           r"(?:(?:until|till|on|in|at|during|after|before|since)\s+)?$", re.IGNORECASE)
_CLEFT_THAT = re.compile(r"\s*,?\s+that\s+", re.IGNORECASE)
# "not until", "wasn't until": the day it happened at last.
_NOT_UNTIL = re.compile(r"(?:\bnot|n['’]t)\s+(?:until|till)\s+$", re.IGNORECASE)


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
