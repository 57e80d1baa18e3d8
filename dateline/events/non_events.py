"""Triggers that name no event: words the linking passes still read, so that a time dates them rather
than the trigger next to them, but that make no timeline row (Trigger.row is False).

- an amount that names no figure: "net income rose 11%" (the rise is the event), "a decline in
  sales", "lower earnings", "the sales force"; an amount stated with its figure for a period is kept
  ("had sales of $40 million", "reported earnings of 23 cents a share", "$110 million in sales");
- a comparison that modifies a noun or an adverbial one ("higher costs", "closed lower"); one said of
  its subject is kept ("rates were lower than a year ago");
- a copula whose predicate is a figure or a comparison: "net was $10.5 million", "the index was down
  15.82", "the rate was 7.2 percent", "volume was flat" (the comparison, if any, is the row); a copula
  stating a role, a place or a condition stays ("was defense minister until last year");
- a verb that relates two things rather than tells a happening ("results included a gain", "a unit
  that represents 20% of sales"), unless a helper makes it one ("was included in the index");
- an adjective made of a participle ("unidentified sources", "unfettered access"; vocabulary
  participle_adjectives), and an -ed form between a number, a quantifier or an adjective and its noun
  ("three suspected weapons sites", "convertible subordinated debentures");
- a state adjective before its noun ("a pessimistic outlook", "due process"); after it, it stays ("notes
  due Nov. 1", "is ready to travel");
- a present verb form that is a noun here, the subject of the verb after it: "newspaper reports have
  said";
- an -ing form inside a compound noun, after a noun or adjective and before the noun it modifies ("the
  chief operating officer", "a bank holding company", "the capital restructuring program"); and one of
  the vocabulary's ing_modifiers right before a bare noun, whatever comes before it ("Operating profit
  rose", "reflecting declining prices", "the shipping business");
- an -ed form before a bare noun where no verb can stand: opening the sentence, after a preposition, a
  verb of saying or an -ing verb opening a phrase ("Armed men", "to improved results", "citing expected
  losses");
- a copula that only introduces or dates something ("the following are", "today is", "the record date
  is Nov. 9", "there was no word", "it was not until ... that");
- a trigger inside a fixed phrase (vocabulary phrases_without_event: "in order to", "on order", "stock
  of record"), "due to" of a cause ("due to its loss"), "have to" of obligation ("had to apply"), and an
  amount that is the subject of a change even after "reported" ("reported that net income rose"), and
  a speech filler set off by commas ("You know, ...", "has, I think, been"), and "cost" as a noun ("the
  cost of building").
"""
from __future__ import annotations

import re
from functools import cache

from dateline.events.trigger_vocabulary import Vocabulary
from dateline.events.word_shapes import FUNCTION_WORDS, NOUN_HEAD, PLURAL_NOUN, is_compound_head, is_function_word

# What states an amount's figure after it: "of $3 million", "of about 23 cents", "of C$6.5 million",
# "of #50 million", "of 4.7 million Canadian dollars", "a year earlier of $382 million".
_FIGURE_OF = re.compile(r"(?:\s+(?:a|the|this|that|last|one|[a-z]+-?earlier|ago|year|quarter|earlier|before))*"
                        r"\s+of\s+(?:(?:about|nearly|almost|roughly|some|only|just|over|under|around|"
                        r"more\s+than|less\s+than|at\s+least)\s+)?(?:[A-Z]{0,3}[$€£¥#]|\d)")
# After an amount and what qualifies it, its figure in the same clause: "net income was $2.1 million",
# "sales for the full year were $6.6 billion", "revenue totaled $1 billion".
_FIGURE_LATER = re.compile(r"[^.;:,()\"“”]{0,45}?\b(?:was|were|is|are|totaled|totalled|amounted\s+to|came\s+to)\s+"
                           r"(?:(?:about|nearly|almost|roughly|some|only|just|over|under|around|more\s+than|"
                           r"less\s+than|at\s+least)\s+)?(?:[A-Z]{0,3}[$€£¥#]|\d)")
# Before an amount, the change it is measured in: "a 20% gain in net income", "a sharp decline in sales".
_CHANGE_IN = re.compile(r"\b(?:gain|gains|decline|declines|drop|drops|rise|rises|increase|increases|decrease|"
                        r"decreases|jump|fall|falls|growth|slump|surge|plunge|leap)\s+in\s+(?:[a-z-]+\s+){0,3}$")
# After a copula, a figure as its predicate: "was $10.5 million", "were up 2 pence", "was at $1.57",
# "is almost 148 million shares", "was 7.2 percent".
_FIGURE_PREDICATE = re.compile(r"\s+(?:(?:about|nearly|almost|roughly|some|only|just|over|under|around|more\s+than|"
                               r"less\s+than|at\s+least|up|down|off|at|unchanged|still)\s+)*"
                               r"(?:[A-Z]{0,3}[$€£¥#]|\d)")
# Before an amount, a verb that states it for its period, with only its modifiers between: "posted lower
# earnings for the quarter", "has had positive net sales every month", "expects to report earnings".
_REPORTED_BEFORE = re.compile(r"\b(?:report|reports|reported|post|posts|posted|record|records|recorded|achieve|"
                              r"achieves|achieved|had|has|have)\s+(?:[{}a-z-]+\s+){0,2}$", re.IGNORECASE)
# After an amount, a verb of change whose subject it is: "net income rose 21%", "profit jumped".
_CHANGE_AFTER = re.compile(r"\s+(?:[a-z]+ly\s+)?(?:rose|fell|jumped|grew|climbed|dropped|declined|increased|"
                           r"decreased|slipped|slid|surged|soared|plunged|plummeted|tumbled|edged|gained|advanced|"
                           r"doubled|tripled|rebounded|improved|narrowed|widened|shrank|sank|eased|dipped|"
                           r"will\s+rise|will\s+fall)\b")
# Before an amount, its figure: "$110 million in sales", "2.3 billion dollars in revenue".
_FIGURE_IN = re.compile(r"(?:\d|million|billion|trillion|dollars|pounds|euros|yen|francs|marks)\)?\s+in\s+$",
                        re.IGNORECASE)


def names_an_event(i: int, words: list[re.Match], lowered: list[str], vocab: Vocabulary, kind: str,
                   text: str) -> bool:
    """Whether trigger words[i] of `kind` names an event a timeline row shows (words: found in the
    lowered copy of `text`; lowered: the words in lowercase)."""
    low = lowered[i]
    if kind == "measure":
        if low in vocab.have_forms:
            # obligation: "had to apply", "before having to flee": the verb after it is the event
            return not (i + 1 < len(lowered) and lowered[i + 1] == "to")
        if low in vocab.amount_nouns:
            return _states_its_figure(i, words, lowered)
        if low in vocab.comparatives:
            return _said_of_subject(i, lowered, vocab)
        return True
    if kind == "copula":
        return not _FIGURE_PREDICATE.match(text, words[i].end()) and not (
            i + 1 < len(lowered) and lowered[i + 1] in vocab.comparatives) and not _copula_of_no_event(
            i, words, lowered, vocab, text)
    if low in _phrase_words(vocab.phrases_without_event) and _inside_fixed_phrase(words[i], vocab):
        return False  # "in order to", "in charge of", "on order", "payable to stock of record"
    if kind == "infinitive" and i >= 2 and lowered[i - 2] == "due" and _CAUSE_AFTER_DUE.match(text, words[i - 2].end()):
        return False  # "cancelled due to heavy snow": a cause, no infinitive
    if kind == "state":
        # "a pessimistic outlook", "due process"; "cut the dividend due to its loss" (a cause)
        return not (_before_bare_noun(i, words, lowered, vocab, text) or (low == "due" and _CAUSE_AFTER_DUE.match(
            text, words[i].end())))
    if kind == "verb":
        if low == "cost" and _COST_NOUN_AFTER.match(text, words[i].end()):
            return False  # "the cost of building", "high cost and low volume": an amount; "will cost the party" stays
        if low in _ASIDE_VERBS and i and lowered[i - 1] in ("you", "i") and _is_aside(i, words, text):
            return False  # "You know, since ...", "has, I think, been demolished": a filler, not a thought
        if low in vocab.relation_verbs:
            return _after_helper(i, lowered, vocab)
        if low in vocab.participle_adjectives:
            return _after_helper(i, lowered, vocab)  # "unidentified sources"; "the case was unresolved"
        if low in vocab.present_verbs:
            # a noun, the subject of the verb after it: "newspaper reports have said", "radio reports said"
            following = lowered[i + 1] if i + 1 < len(lowered) else ""
            return not (following in vocab.reporting_verbs or following in vocab.have_forms
                        or following in vocab.be_forms)
        if low.endswith("ing"):
            return not (_inside_compound(i, words, lowered, vocab, text)
                        or _modifier_before_noun(i, words, lowered, vocab, text))
        if low.endswith("ed"):
            return not (_modifies_after_quantity_or_adjective(i, words, lowered, vocab, text)
                        or _participle_before_noun(i, words, lowered, vocab, text))
    return True


# "due to" of a cause: before a determiner, a possessive, a name or a figure ("due to its loss", "due to
# Friday's storm", "due to heavy rain"), not an infinitive ("due to expire Friday").
_CAUSE_AFTER_DUE = re.compile(r"\s+to\s+(?:a|an|the|its|his|her|their|our|this|that|these|those|some|[A-Z]|\d|\$|"
                              r"[a-z]+['’]s\b|[a-z]+(?:y|ed|ing|ion|ions|ness|ity|ent|ant|al|ic|ous|ive|ful|less|ers?|ors?)\b)")


@cache
def _fixed_phrases(phrases: frozenset[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
                      + r")\b", re.IGNORECASE)


@cache
def _phrase_words(phrases: frozenset[str]) -> frozenset[str]:
    return frozenset(word for phrase in phrases for word in phrase.split())


def _inside_fixed_phrase(word: re.Match, vocab: Vocabulary) -> bool:
    """Whether the word is inside one of the vocabulary's phrases_without_event ("in order to")."""
    start = max(0, word.start() - 24)
    for match in _fixed_phrases(vocab.phrases_without_event).finditer(word.string, start, word.end() + 24):
        if match.start() <= word.start() and word.end() <= match.end():
            return True
    return False


# After "cost", what shows it is the noun, an amount: "of", a conjunction or punctuation.
_COST_NOUN_AFTER = re.compile(r"\s*(?:[,.;:)]|(?:of|and|or)\b)")
# Verbs of speech fillers and asides: "you know", "I mean", "I think", set off by commas.
_ASIDE_VERBS = frozenset({"know", "mean", "think", "guess", "suppose"})


def _is_aside(i: int, words: list[re.Match], text: str) -> bool:
    """Whether "you know" or "I think" at words[i - 1:i + 1] stands apart: a comma after it, and before
    it a comma or the start of the sentence."""
    if not re.match(r"\s*,", text[words[i].end():words[i].end() + 3]):
        return False
    before = text[:words[i - 1].start()].rstrip(" \"'“‘`")
    return not before or before[-1] in ",.!?\n"


# Adverbs of place and time that look like a bare noun after an -ing form: "working together", "coming home".
_ADVERBS_AFTER_VERB = frozenset({"together", "home", "abroad", "overseas", "downtown", "ahead", "forward", "apart",
                                 "tonight", "today", "tomorrow", "yesterday", "hard", "late", "overtime"})
# Past forms of the verbs that take a gerund (vocabulary gerund_verbs) that no suffix rule reaches.
_IRREGULAR_GERUND_PASTS = frozenset({"began", "begun", "kept", "quit", "went", "gone", "spent"})


def _modifier_before_noun(i: int, words: list[re.Match], lowered: list[str], vocab: Vocabulary, text: str) -> bool:
    """One of the vocabulary's ing_modifiers right before a bare noun ("operating profit", "declining
    prices"), unless a verb that takes a gerund comes before it ("started processing claims")."""
    low = lowered[i]
    if low not in vocab.ing_modifiers or not _before_bare_noun(i, words, lowered, vocab, text) \
            or lowered[i + 1] in _ADVERBS_AFTER_VERB:
        return False
    previous = lowered[i - 1] if i else ""
    return not (previous in vocab.gerund_verbs or previous in _IRREGULAR_GERUND_PASTS
                or (previous.endswith("ed") and (previous[:-1] in vocab.gerund_verbs
                                                 or previous[:-2] in vocab.gerund_verbs)))


# Subjects of a copula that state no event: what introduces a list ("the following are"), the day
# itself ("today is a sad day").
_LIST_OR_DAY_SUBJECTS = frozenset({"following", "below", "today", "tonight", "tomorrow", "yesterday"})
# A date or a day as the copula's predicate: "the record date is Nov. 9", "the deadline is Friday".
_DATE_PREDICATE = re.compile(
    r"\s+(?:(?:on|in|at|now|still|set\s+for)\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)", re.IGNORECASE)


# What a copula after "there" says is absent: "there was no word", "there has been little progress".
_NOTHING_AFTER = re.compile(r"\s+(?:(?:still|yet|also|again)\s+)?(?:no|none|nothing|little)\b", re.IGNORECASE)


def _copula_of_no_event(i: int, words: list[re.Match], lowered: list[str], vocab: Vocabulary, text: str) -> bool:
    """A copula that only introduces or dates something: after "there" with nothing after it ("there was
    no word": the absence of a thing is no event; "there were engineers in the group" stays), after a list's or a day's word ("the
    following are", "today is the eighth day"), before a date ("the record date is Nov. 9"), or in "it
    was not until ... that" (the clause after "that" tells the event)."""
    j = i - 1
    while j >= 0 and (lowered[j] in vocab.have_forms or lowered[j] in vocab.modal_auxiliaries
                      or lowered[j] in vocab.between_words):
        j -= 1
    subject = lowered[j] if j >= 0 else ""
    if subject in _LIST_OR_DAY_SUBJECTS or (subject == "there" and _NOTHING_AFTER.match(text, words[i].end())):
        return True
    if _DATE_PREDICATE.match(text, words[i].end()):
        return True
    return subject == "it" and lowered[i + 1:i + 3] == ["not", "until"]


def _states_its_figure(i: int, words: list[re.Match], lowered: list[str]) -> bool:
    """"sales of $40 million", "$110 million in sales", "sales for the year were $6.6 billion", the
    amount a company reports or has for a period ("posted lower earnings for the quarter"), and the
    amount a change is measured in ("a 20% gain in net income", dated as the change is); not "on
    revenue of $13.6 billion", where the
    amount is the base of another figure ("earned $1.7 billion on revenue of ...")."""
    word = words[i]
    if _FIGURE_OF.match(word.string, word.end()):
        return _before_adjectives(i, lowered) != "on"
    if _FIGURE_LATER.match(word.string, word.end()) or _CHANGE_IN.search(word.string, max(0, word.start() - 60),
                                                                         word.start()):
        return True
    if _REPORTED_BEFORE.search(word.string, max(0, word.start() - 50), word.start()):
        # "reported net income of ...", but not "reported that net income rose 21%": the rise is the row
        return not _CHANGE_AFTER.match(word.string, word.end())
    start = words[i - 1].start() if i else word.start()
    return i > 0 and lowered[i - 1] == "in" and bool(_FIGURE_IN.search(word.string, max(0, start - 24), word.start()))


def _before_adjectives(i: int, lowered: list[str]) -> str:
    """The word before the amount's noun phrase: "on" in "on net revenue", "on a 4% rise in"."""
    j = i - 1
    while j >= 0 and lowered[j] in ("net", "total", "operating", "pretax", "gross", "annual", "quarterly"):
        j -= 1
    return lowered[j] if j >= 0 else ""


# Degree words between "be" and a comparison: "is much lower", "were far higher".
_DEGREE = frozenset({"much", "far", "even", "still", "slightly", "somewhat", "considerably", "no", "little", "a", "bit",
                     "lot", "substantially", "significantly", "marginally"})


def _said_of_subject(i: int, lowered: list[str], vocab: Vocabulary) -> bool:
    """A comparison after a form of "be" ("were lower", "is much lower", "was essentially flat")."""
    j = i - 1
    while j >= 0 and (lowered[j].endswith("ly") or lowered[j] in vocab.between_words or lowered[j] in _DEGREE):
        j -= 1
    return j >= 0 and lowered[j] in vocab.be_forms


def _after_helper(i: int, lowered: list[str], vocab: Vocabulary) -> bool:
    j = i - 1
    while j >= 0 and (lowered[j].endswith("ly") or lowered[j] in vocab.between_words):
        j -= 1
    return j >= 0 and (lowered[j] in vocab.be_forms or lowered[j] in vocab.have_forms
                       or lowered[j] in vocab.modal_auxiliaries)


def _inside_compound(i: int, words: list[re.Match], lowered: list[str], vocab: Vocabulary, text: str) -> bool:
    """An -ing form between a noun or adjective and the noun it modifies, with a single space on each
    side: "chief operating officer", "bank holding company", "the Unix operating system". Not after a
    plural noun, which may be the verb's subject ("customers holding contracts"), nor after a verb form
    ("began trading shares"), nor before anything but a bare noun ("holding the bonds")."""
    if i == 0 or i + 1 >= len(words):
        return False
    word, before, after = words[i], words[i - 1], words[i + 1]
    if before.end() + 1 != word.start() or word.end() + 1 != after.start():
        return False
    if not _before_bare_noun(i, words, lowered, vocab, text):
        return False  # "holding the bonds", "carrying him", "departing each Thursday"
    previous = lowered[i - 1]
    if text[before.start()].isupper():
        return before.start() > 0 and not _opens_sentence(text, before.start())  # a name: "the Unix operating system"
    return (previous.isalpha() and len(previous) >= 3 and not is_function_word(previous, vocab)
            and previous not in vocab.subject_pronouns and previous not in vocab.irregular_verbs
            and previous not in vocab.bare_past_verbs and previous not in vocab.present_verbs
            and previous not in vocab.reporting_verbs and previous not in vocab.comparatives
            and previous not in FUNCTION_WORDS and previous not in vocab.gerund_verbs
            and previous not in _OBJECT_PRONOUNS and previous not in ("thus", "thereby")
            and not previous.endswith(("ed", "ing", "ly"))
            and not PLURAL_NOUN.fullmatch(previous))


_OBJECT_PRONOUNS = frozenset({"me", "him", "her", "us", "them", "it", "you", "himself", "herself", "itself",
                              "themselves", "ourselves", "myself", "yourself", "one", "each", "all", "both"})


# Number words and quantifiers before a participle that modifies a noun: "three suspected weapons sites",
# "all armored vehicles".
_QUANTITIES = frozenset("""one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred hundreds thousand thousands dozen dozens all both several few many various numerous""".split())
# Adjective endings: a participle after such a word modifies the noun after it ("convertible subordinated
# debentures", "a massive armored column").
_ADJECTIVE_ENDING = re.compile(r"[a-z]{3,}(?:ible|able|ive|ous|ful|less)")


def _modifies_after_quantity_or_adjective(i: int, words: list[re.Match], lowered: list[str], vocab: Vocabulary,
                                          text: str) -> bool:
    """An -ed form between a number, a quantifier or an adjective and a bare noun: "three suspected weapons
    sites", "convertible subordinated debentures"."""
    if i == 0 or not (lowered[i - 1] in _QUANTITIES or _ADJECTIVE_ENDING.fullmatch(lowered[i - 1])):
        return False
    return _before_bare_noun(i, words, lowered, vocab, text) and words[i - 1].end() + 1 == words[i].start()


# Prepositions after which an -ed form before a bare noun can only modify it ("to improved results", "by
# armed men", "after prolonged talks"); the triggers' own rule (triggers._is_modifier) reads the others.
_PREPOSITIONS = frozenset({"to", "through", "by", "at", "after", "before", "during", "among", "between", "without",
                           "within", "toward", "towards", "upon", "via", "across", "beyond", "like", "unlike",
                           "throughout", "amid", "despite", "against", "from", "with", "of", "for", "in", "on",
                           "under", "over", "about", "into", "than", "as"})


def _participle_before_noun(i: int, words: list[re.Match], lowered: list[str], vocab: Vocabulary, text: str) -> bool:
    """An -ed form right before a bare noun where no verb can stand: opening the sentence ("Armed men
    stormed", "Weakened prices have"), after a preposition ("to improved results", "through restricted
    shares"), or right after a verb of saying or an -ing verb opening a phrase, whose object the noun is
    ("said increased demand", ", citing expected losses")."""
    if not _before_bare_noun(i, words, lowered, vocab, text):
        return False
    if i == 0 or _opens_sentence(text, words[i].start()):
        return text[words[i].start()].isupper()
    if words[i - 1].end() + 1 != words[i].start():
        return False  # punctuation between: "said: increased", "the plan, approved Friday"
    previous = lowered[i - 1]
    if previous in _PREPOSITIONS or previous in vocab.reporting_verbs or previous in vocab.present_verbs:
        return True
    if previous.endswith("ing") and previous not in vocab.ing_event_nouns and previous not in vocab.ing_not_verbs:
        return _opens_sentence(text, words[i - 1].start()) or "," in text[words[i - 2].end():words[i - 1].start()]
    return False


def _before_bare_noun(i: int, words: list[re.Match], lowered: list[str], vocab: Vocabulary, text: str) -> bool:
    """Whether words[i] is followed, after one space, by a lowercase noun with no determiner ("outlook" in
    "a pessimistic outlook", "debentures" in "subordinated debentures")."""
    if i + 1 >= len(words) or words[i].end() + 1 != words[i + 1].start():
        return False
    after, following = words[i + 1], lowered[i + 1]
    if not text[after.start()].islower() or is_function_word(following, vocab) or following in FUNCTION_WORDS \
            or following in _OBJECT_PRONOUNS:
        return False
    return bool(PLURAL_NOUN.fullmatch(following) or NOUN_HEAD.fullmatch(following)
                or is_compound_head(text, after, following, vocab))


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?\n"
