"""Finding triggers: the words of a sentence that name an event, and the kind of each (verb, copula,
noun, state, infinitive or measure), by rules over the vocabulary and the words around them, as no
part-of-speech tagger is available."""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from dateline.events.trigger_vocabulary import Vocabulary, vocabulary
from dateline.events.non_events import names_an_event
from dateline.events.word_shapes import (FUNCTION_WORDS, NOUN_ENDING, NOUN_HEAD, PLURAL_NOUN, is_compound_head,
                                         is_function_word)
from dateline.sentences import ascii_lowered


_WORD = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*|['’](?:s|re|ve|ll|d)\b|n['’]t\b")


@dataclass(frozen=True, slots=True)
class Trigger:
    text: str
    start: int
    end: int
    kind: str  # verb, copula, noun, state (an adjective), infinitive, measure (see _trigger_kind)
    row: bool = True  # whether it names an event a timeline row shows (dateline.events.non_events)


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
            triggers.append(Trigger(text[word.start():word.end()], word.start(), word.end(), kind,
                                    names_an_event(i, words, lowered, vocab, kind, text)))
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
        if word.group().endswith("ed") and _NAME_AFTER_ED.match(text, word.end()):
            return True  # a name in -ed opening the sentence: "Mohamed, 24, rented", "Ahmed said"
        return bool(following and text[following.start()].isupper() and following.start() - word.end() == 1)
    return word.start() > sentence_start and text[word.start() - 1] in "-0123456789"


# After a capitalised -ed word opening a sentence, what shows it is a name, not a participle ("Armed
# men", "Faced with"): a comma, or a verb of saying.
_NAME_AFTER_ED = re.compile(r",|\s+(?:said|says|told|added|asked)\b")


def lowered_for_words(text: str) -> str:
    """The text with ASCII letters lowered and curly apostrophes made straight: every character stays
    one character, so offsets into it are offsets into the text."""
    return ascii_lowered(text).replace("’", "'")


def _trigger_kind(i: int, words: list[re.Match], lowered: list[str], vocab: Vocabulary, text: str) -> str | None:
    """The kind of trigger words[i] is, if any (words: found in the lowered copy of `text`; lowered: the
    words in lowercase)."""
    low = lowered[i]
    if low in vocab.modal_auxiliaries or low in vocab.not_triggers or (
            low in FUNCTION_WORDS and low not in ("up", "down")) or low in vocab.subject_pronouns \
            or low in vocab.determiners:
        return None
    if is_manner_adverb(low, vocab):
        return None  # "will formally take", "he previously held": the verb after it is the trigger
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
    if low in vocab.ing_event_nouns and previous not in vocab.determiners and _ends_noun_phrase(i, words, lowered, vocab, text):
        return _event_noun_kind(i, words, lowered, vocab, text)  # "the Oct. 23 killing", "a three hour meeting"
    if low.isalpha() and low not in vocab.determiners and _after_helper(i, lowered, vocab):
        return "verb"  # "will work", "did not say", "has reported"
    if low in vocab.present_verbs and (i == 0 or previous in vocab.determiners or previous in FUNCTION_WORDS):
        return None  # a noun: "Reports in Kenya said", "following reports that", "the reports"
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
    if (previous in vocab.subject_pronouns or previous in vocab.present_adverbs or previous in ("which", "who")) and (
            low in ("up", "down") or _POSSESSIVE_AFTER.match(words[i].string, words[i].end())
            or (previous in vocab.subject_pronouns and _object_of_complex_verb(i - 1, lowered))):
        # "strike it down"; "in which lawyers' fees"; "made it clear": "it" is an object, the adjective no verb
        return None
    if (previous in vocab.subject_pronouns
            or (previous in vocab.present_adverbs and _PRESENT_S.search(low)
                and following not in vocab.be_forms and following not in vocab.have_forms
                and following not in vocab.modal_auxiliaries)) \
            and low.isalpha() and len(low) >= 3 and not is_function_word(low, vocab) \
            and not (previous in vocab.present_adverbs and _PEOPLE_NOUN.search(low)) \
            and not (previous == "that" and _reported_clause_opens(i - 1, words, lowered, vocab)):
        # "we extend", "they believe", "now holds"; not "now officials are", "that terrorists", nor the
        # subject of a reported clause ("said Tuesday that rebels attacked")
        return "verb"
    if previous in ("which", "who") and low.isalpha() and len(low) >= 3 and not is_function_word(low, vocab) \
            and not NOUN_ENDING.search(low):
        return "verb"  # "the rights, which expire Nov. 21", "those who live there"
    if previous == "to" and low.isalpha() and len(low) >= 3 and not NOUN_ENDING.search(low) \
            and low not in vocab.determiners and low not in vocab.not_names \
            and low not in vocab.be_forms and low not in vocab.have_forms \
            and _right_after_to(i, words, lowered):
        return "infinitive"  # "due to expire Friday": dated only where a time is in its own clause
    return None


# Words before "to" that make it a preposition, so the word after it is a noun: "according to press
# reports", "owing to weather", "prior to closing", "in addition to wages".
_PREPOSITION_BEFORE_TO = frozenset({"according", "owing", "thanks", "prior", "next", "addition", "contrary",
                                    "close", "closer", "relative", "similar", "compared", "opposed", "subject",
                                    "pursuant", "regard", "respect", "exposure", "access", "return", "way"})
# Object pronouns: after "to" they are what is given or told to, never a verb ("turn him over to him").
_PRONOUNS_AFTER_TO = frozenset({"me", "him", "her", "us", "them", "it", "you", "himself", "herself", "itself",
                                "themselves", "ourselves", "myself", "yourself", "one", "each", "all", "both"})


def _right_after_to(i: int, words: list[re.Match], lowered: list[str]) -> bool:
    """Whether the "to" before words[i] can mark an infinitive: with only a space between (a figure between
    makes it a destination: "declined to 3.8 percent", "has risen to 12, hospital officials said"),
    no preposition before it ("according to press reports") and no pronoun after it."""
    return (words[i - 1].end() + 1 == words[i].start() and lowered[i] not in _PRONOUNS_AFTER_TO
            and not (i >= 2 and lowered[i - 2] in _PREPOSITION_BEFORE_TO))


def is_manner_adverb(low: str, vocab: Vocabulary) -> bool:
    """An adverb in -ly ("formally", "previously", "categorically"): never the event, but a word between a
    helper or subject and the verb. Not a short word or one in -ply ("rally", "apply", "supply") nor any
    word the vocabulary lists ("assembly")."""
    return low.endswith("ly") and len(low) >= 6 and not low.endswith("ply") and low not in vocab.trigger_words


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
_MARKET_SESSION_BEFORE = frozenset({"composite", "over-the-counter", "exchange", "nasdaq", "board"})
# A price quote's verb: "closed at $45", "closing up 2 cents", "finished unchanged at 260 pence".
CLOSING_WORDS = frozenset({"closed", "closing", "close", "closes", "finished", "finishing", "ended", "settled",
                           "opened", "opening"})
_PRICE_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:at|up|down|unchanged|higher|lower)\b(?:\s+(?:at|by|to))?\s*[$€£]?\d",
                          re.IGNORECASE)


def _is_measure_phrase(i: int, words: list[re.Match], lowered: list[str]) -> bool:
    low, previous = lowered[i], lowered[i - 1] if i else ""
    return (low in ("ended", "ending") and previous in _PERIOD_NOUNS) or (
        low == "trading" and previous in _MARKET_SESSION_BEFORE) or (
        low in CLOSING_WORDS and bool(_PRICE_AFTER.match(words[i].string, words[i].end())))




# Between a determiner or possessive and the -ing noun ending its phrase: figures, a date, abbreviations.
_NOUN_PHRASE_GAP = re.compile(r"(?:[\s\d.$%-]|(?<=\d),)*")
_PREMODIFIERS_REACH = 3  # words between the determiner and the noun


def _ends_noun_phrase(i: int, words: list[re.Match], lowered: list[str], vocab: Vocabulary, text: str) -> bool:
    """Whether an -ing event noun ends a noun phrase opened by a determiner or a possessive, with at most
    three premodifiers between that are no verb forms: "the Oct. 23 killing", "a three hour meeting",
    "the sniper slaying", "Slepian's shooting" (not "the rebels kept fighting", "the men are meeting")."""
    for j in range(i - 1, max(-1, i - 2 - _PREMODIFIERS_REACH), -1):
        if not _NOUN_PHRASE_GAP.fullmatch(text, words[j].end(), words[j + 1].start()):
            return False
        low = lowered[j]
        if low in vocab.determiners or low.endswith(("'s", "s'")):
            return True
        if text[words[j].start()].isupper():
            continue  # a name or a month: "the May 4 shooting", "the Hebron killing"
        if not low.isalpha() or low.endswith(("ed", "ing", "ly")) or low in FUNCTION_WORDS \
                or is_function_word(low, vocab) or low in vocab.subject_pronouns or low in vocab.irregular_verbs \
                or low in vocab.present_verbs or low in vocab.bare_past_verbs or low in vocab.reporting_verbs:
            return False
    return False


def _event_noun_kind(i: int, words: list[re.Match], lowered: list[str], vocab: Vocabulary, text: str) -> str | None:
    """An event noun is a trigger unless it premodifies the noun after it: "construction workers",
    "election officials" name people, not an event; in "the signing ceremony", "merger negotiations",
    "the purchase price", "a shooting war" the noun after it is what is named."""
    following = lowered[i + 1] if i + 1 < len(lowered) else ""
    if following and words[i + 1].start() - words[i].end() == 1 and (
            PLURAL_NOUN.fullmatch(following) or NOUN_HEAD.fullmatch(following)
            or is_compound_head(text, words[i + 1], following, vocab)):
        return None
    return "noun"


def _is_modifier(i: int, words: list[re.Match], lowered: list[str], vocab: Vocabulary) -> bool:
    low = lowered[i]
    if not low.endswith(("ed", "ing")) or i == 0:
        return False
    previous = lowered[i - 1]
    if i + 1 >= len(lowered) or words[i + 1].start() - words[i].end() != 1:
        return False  # nothing after it, or punctuation between
    following = lowered[i + 1]
    if not following.isalpha() or is_function_word(following, vocab) or following.endswith("ly") \
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


# A plural possessive: "lawyers' fees".
_POSSESSIVE_AFTER = re.compile(r"['’](?:\s|$)")
# Verbs whose object "it" is followed by its complement: "made it clear", "found it hard", "keep it open".
_COMPLEX_VERBS = frozenset({"make", "makes", "made", "making", "find", "finds", "found", "finding", "keep", "keeps",
                            "kept", "keeping", "consider", "considers", "considered", "considering", "deem", "deems",
                            "deemed", "render", "renders", "rendered", "leave", "leaves", "left", "leaving"})


# Adjectives that complete such a verb and its object ("made it clear"); a verb may too ("make it work").
_COMPLEMENT_ADJECTIVES = frozenset({"clear", "plain", "easy", "easier", "hard", "harder", "difficult", "possible",
                                    "impossible", "necessary", "public", "known", "sure", "certain", "likely",
                                    "unlikely", "free", "safe", "safer", "open", "worse", "better", "tough",
                                    "tougher", "legal", "illegal", "official", "unclear", "obvious", "essential"})


def _object_of_complex_verb(pronoun: int, lowered: list[str]) -> bool:
    return pronoun >= 1 and lowered[pronoun] in ("it", "them", "him", "her") and lowered[pronoun - 1] in _COMPLEX_VERBS \
        and lowered[pronoun + 1] in _COMPLEMENT_ADJECTIVES


def _object_follows(word: re.Match) -> bool:
    return bool(_OBJECT_AFTER.match(word.string, word.end()))


# A third-person present form: "holds", "owns", "reaches"; not "business", "status", "various", "basis".
_PRESENT_S = re.compile(r"(?:[^sui]s)$")
# A plural noun of people or groups, not a verb in -s: "investigators", "terrorists", "officials".
_PEOPLE_NOUN = re.compile(r"(?:ists|ors|ians|ials)$")


def _reported_clause_opens(that: int, words: list[re.Match], lowered: list[str], vocab: Vocabulary) -> bool:
    """Whether the "that" at words[that] opens what a reporting verb up to three words before it reports,
    with no punctuation between ("said that", "said Tuesday that", "said in a statement that"; not
    "she said, would produce an initiative that")."""
    for j in range(that - 1, max(-1, that - 5), -1):
        if re.search(r"[,;:]", words[j].string[words[j].end():words[j + 1].start()]):
            return False
        if lowered[j] in vocab.reporting_verbs or lowered[j] in vocab.present_verbs:
            return True
    return False


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
