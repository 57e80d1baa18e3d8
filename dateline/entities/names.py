"""Where an article names something: runs of capitalised words, as written, before any kind is decided.

A run may hold connectors ("Bank of England", "Osama bin Laden"), an ampersand ("Smith & Sons",
"AT&T", and "Smith amp Sons" where a conversion left "&amp;" as "amp"), digits ("Jet 747", "Airbus A380") and a lowercase legal suffix ("Acme plc"). It is cut after
a possessive ("Russia's Kursk"), loses the function words and common nouns that open a sentence
("The", "Shares of"), and is dropped where it lies in a time expression ("Thanksgiving Day"), is
the letters of a currency ("AU$", "US$") or is glued to "pro-" or "anti-" ("a pro-Castro rally"); a
place glued to "-based" that opens it is dropped ("Boston-based Oasis Capital" -> "Oasis Capital").
A given name and a surname before "of" a body are a person and the body (person_of_body).
Two runs joined by "and" are one organisation's name where the whole reads as one (names_joined_by_and:
"the Food and Drug Administration", "the Bureau of Alcohol and Tobacco Affairs").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Sequence

from dateline.entities.gender import is_given_name
from dateline.entities.vocabulary import EntityVocabulary, entity_vocabulary
from dateline.gazetteer import gazetteer
from dateline.sentences import Span

_TITLE_ABBREVIATION = r"(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Maj|Sen|Rep|Gov|Sgt|Capt|Adm|Prof|Rev|Gov|Pres)\."
_WORD_TOKEN = r"[A-Z][A-Za-z0-9]*(?:[-'’&][A-Za-z0-9]+)*"
_NAME_TOKEN = rf"(?:{_TITLE_ABBREVIATION}|[A-Z]\.(?:[A-Z]\.)+|[A-Z]\.|{_WORD_TOKEN})"
_NUMBER_TOKEN = r"\d{1,4}(?![\d,.%])[A-Za-z]?"  # "747", "380"; not "1,000", "3.5", "10%"
# "amp" is an ampersand whose marks an HTML conversion lost ("Smith &amp; Sons" -> "Smith amp Sons"):
# between two capitalised words it joins them as "&" does (rule lost_ampersand).
_CONNECTOR = r"(?:of|de|del|da|di|van|von|bin|ibn|al|el|es|la|le|du|&|amp)"
# Every run starts with a capital: the lookahead says so to the engine, which then passes the other
# characters at once (the run is searched for over the whole article: twice as fast).
NAME_RUN = re.compile(
    rf"(?=[A-Z]){_NAME_TOKEN}(?:\s+(?:(?:{_CONNECTOR}\s+(?=[A-Z]))?{_NAME_TOKEN}|{_NUMBER_TOKEN}))*")
_TOKEN = re.compile(r"\S+")
_YEAR = re.compile(r"1[0-9]{3}|2[0-9]{3}")
# After a number, a plural noun or "percent" makes it a quantity, not part of the name ("Acme 10 jobs").
_QUANTITY_AFTER = re.compile(r"\s+(?:percent|per\b|[a-z]+s\b)")
_LOWERCASE_SUFFIX_AFTER = re.compile(r"\s+([a-z]{2,4})\b\.?")
_LOWERCASE_WORD = re.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")
_LEADING_QUOTE = re.compile(r"[\"“‘'(\[]*\s*$")

Found = tuple[str, int, int]  # the name as written, its start and end


def find_names(text: str, not_names: Collection[str], sentence_starts: Sequence[int],
               times: Sequence[Span] = (), vocabulary: EntityVocabulary | None = None) -> list[Found]:
    """Every capitalised name of the text in order, cut and cleaned as the module says.
    `not_names` are the function words that open a run without being part of a name ("The", "It")."""
    vocab = vocabulary or entity_vocabulary()
    ordered_times = sorted(times)
    time_starts, time_ends = [a for a, _ in ordered_times], [b for _, b in ordered_times]
    found = []
    for run in NAME_RUN.finditer(text):
        for name in _split(text, run, not_names, sentence_starts, vocab):
            name = _without_trailing_quantity(text, *name)
            name = _with_lowercase_suffix(text, *name, vocab) if name else None
            if name and _inside_a_time(name[1], name[2], time_starts, time_ends):
                name = _before_a_time(text, *name, time_starts, time_ends)
            if name and not _after_stance_prefix(text, name[1], vocab):
                found.append(name)
    return _without_common_openers(text, _joined_by_and(text, found, vocab), sentence_starts)


_AND_BETWEEN = re.compile(r"[ \t]+and[ \t]+")
_THE_BEFORE = re.compile(r"(?:^|\W)the[ \t]+$", re.IGNORECASE)


def _joined_by_and(text: str, found: list[Found], vocab: EntityVocabulary) -> list[Found]:
    """Rule names_joined_by_and: "A and B" is one organisation's name, not two names, when
    - A holds an organisation's head and its "of" ("Bureau of Alcohol and Tobacco Affairs", "U.S. Department
      of Health and Human Services"), B being no place and not a second body of the same head ("the Bank
      of England and Deutsche Bank", "the University of Chicago and Northwestern University" stay two);
    - or "the" comes before A, a single word that is no head of its own, and B ends with an organisation's
      head ("the Food and Drug Administration"; not "the Treasury and Federal Reserve", whose B opens with a
      word such as "Federal" that opens names of its own, nor "the Senate and House Intelligence Committee")."""
    if len(found) < 2:
        return found
    joined: list[Found] = [found[0]]
    for name in found[1:]:
        first = joined[-1]
        if name[1] - first[2] <= 9 and _AND_BETWEEN.fullmatch(text, first[2], name[1]) \
                and _one_organisation(text, first, name, vocab):
            joined[-1] = (text[first[1]:name[2]], first[1], name[2])
        else:
            joined.append(name)
    return joined


def _one_organisation(text: str, first: Found, second: Found, vocab: EntityVocabulary) -> bool:
    left, right = first[0].split(), second[0].split()
    places = gazetteer()
    if len(right) > 3 or any(places.country(n) or places.city(n) or places.us_state(n) for n in (first[0], second[0])):
        return False
    right_head = right[-1].lower().rstrip(".")
    if right_head in vocab.legal_suffixes or right[0].lower() in vocab.ambiguous_titles:
        return False
    head = next((i for i in range(len(left) - 2) if left[i + 1] == "of" and left[i].lower() in vocab.organization_heads), None)
    if head is not None:  # "Bureau of ...", "U.S. Department of ..."
        return right_head != left[head].lower() and right[0].lower() not in vocab.organization_heads
    return (len(left) == 1 and left[0].isalpha() and left[0].lower() not in vocab.organization_heads
            and right_head in vocab.organization_heads and bool(_THE_BEFORE.search(text, max(0, first[1] - 5), first[1])))


def _after_stance_prefix(text: str, start: int, vocab: EntityVocabulary) -> bool:
    """Rule stance_prefix: a name glued to "pro-" or "anti-" ("a pro-Castro rally", "anti-Acme
    protesters") makes an adjective of a stance; the name is no mention of its own."""
    if start < 2 or text[start - 1] not in "-‐–":
        return False
    word_start = start - 1
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    return text[word_start:start - 1].lower() in vocab.stance_prefixes


def _without_common_openers(text: str, found: list[Found], sentence_starts: Sequence[int]) -> list[Found]:
    """Rule sentence_initial_common_word, for a lone word: one that opens a sentence and that the
    article also writes in lowercase is a common word ("Time and again, he endures" beside "at the same
    time"), not a name."""
    openers = [f for f in found if " " not in f[0] and f[0].isalpha() and not f[0].isupper()
               and _opens_sentence(text, f[1], sentence_starts)]
    if not openers:
        return found
    written = {f[0].lower() for f in openers}
    lowercase = {word for word in _LOWERCASE_WORD.findall(text) if word in written}
    return [f for f in found if f not in openers or f[0].lower() not in lowercase] if lowercase else found


def _split(text: str, run: re.Match, not_names: Collection[str], sentence_starts: Sequence[int],
           vocab: EntityVocabulary) -> list[Found]:
    """A run cut after possessives ("Russia's Kursk", "Mr. Putin's Security Council") and at a verb
    capitalised in a headline, each piece without its opening function words and the currency letters
    that end it."""
    pieces, start = [], run.start()
    group = run.group()
    possessive = "'s" in group or "’s" in group
    for token in _TOKEN.finditer(text, run.start(), run.end()) if possessive or " " in group else ():
        if possessive and token.group()[-2:] in ("'s", "’s"):
            pieces.append((start, token.end() - 2))
            start = token.end()
        elif token.start() > start and token.group().lower() in vocab.run_breaking_words:
            end = token.start()
            while end > start and text[end - 1].isspace():
                end -= 1
            pieces.append((start, end))  # a headline's verb: "Kremlin Says", "North Korea Will Send"
            start = len(text) if token.end() >= run.end() else token.end() + 1
    if start < run.end():
        pieces.append((start, run.end()))
    pieces = [piece for a, b in pieces if b > a for piece in _person_then_body(text, a, b, vocab)]
    found = []
    for a, b in pieces:
        a = _after_compound_adjective(text, a, b)
        a = _skip_leading_words(text, a, b, not_names, sentence_starts, vocab)
        b = _before_currency(text, a, b, vocab)
        if a < b:
            found.append((text[a:b], a, b))
    return found


_OF = re.compile(r"\s+of\s+")


def _person_then_body(text: str, start: int, end: int, vocab: EntityVocabulary) -> list[Span]:
    """Rule person_of_body: "Tomas Berg of Harlow Ltd." is a person and the body she works for, two names:
    a given name and one or two more words before "of", an organisation's head or legal suffix ending the
    words after it ("Bank of Norway", "Duke of Kent" stay whole)."""
    of = _OF.search(text, start, end) if text.find(" of ", start, end) >= 0 else None
    if of is None:
        return [(start, end)]
    person, body = text[start:of.start()].split(), text[of.end():end].split()
    last = body[-1].lower().rstrip(".") if body else ""
    if 2 <= len(person) <= 3 and is_given_name(person[0]) and (last in vocab.organization_heads or last in vocab.legal_suffixes):
        return [(start, of.start()), (of.end(), end)]
    return [(start, end)]


# Rule compound_adjective_opens: "Salt Lake City-based First Security", "Boston-based Oasis Capital": the
# place glued to "-based", "-owned", "-led" ... describes the name after it and is no part of it.
_COMPOUND_ADJECTIVE = re.compile(r"\S+-(?:based|owned|led|backed|controlled|funded|run|born)(?=\s)")


def _after_compound_adjective(text: str, start: int, end: int) -> int:
    last = None
    for found in _COMPOUND_ADJECTIVE.finditer(text, start, end):
        last = found
    if last is None:
        return start
    after = last.end()
    while after < end and text[after].isspace():
        after += 1
    return after


def _skip_leading_words(text: str, start: int, end: int, not_names: Collection[str], sentence_starts: Sequence[int],
                        vocab: EntityVocabulary) -> int:
    """Past "The", "It" ... and, at a sentence's start, past a common noun before a connector
    (rule sentence_initial_common_word: "Shares of Acme" -> "Acme")."""
    opens_sentence = _opens_sentence(text, start, sentence_starts)
    for token in _TOKEN.finditer(text, start, end):
        word = token.group().lower().rstrip(".")
        if word in not_names and not token.group().startswith(("Mr", "Ms", "Dr")):
            continue
        if opens_sentence and token.start() == start and word in vocab.sentence_initial_common_words:
            continue
        if word in vocab.run_breaking_words and token.start() > start:
            continue  # the verb a headline cut the run at: "Will Send Workers" after "North Korea"
        return token.start()
    return end


def _opens_sentence(text: str, start: int, sentence_starts: Sequence[int]) -> bool:
    """At a sentence's start, or after a period the sentence splitter kept ("Boeing Co. Shares of")."""
    index = bisect_right(sentence_starts, start) - 1
    if index >= 0 and _LEADING_QUOTE.fullmatch(text, sentence_starts[index], start):
        return True
    before = text[max(0, start - 3):start].rstrip()
    return before.endswith((".", "!", "?"))


def _before_currency(text: str, start: int, end: int, vocab: EntityVocabulary) -> int:
    """Rule currency_prefix: letters glued to a currency mark ("AU$", "US$ 5") are no name; the run
    ends before them."""
    if text.startswith(vocab.currency_marks, end):
        last = text.rfind(" ", start, end)
        return start if last < 0 else len(text[:last].rstrip())
    return end


def _without_trailing_quantity(text: str, name: str, start: int, end: int) -> Found | None:
    """A number ending a run is part of the name ("Jet 747") unless it is a year or a quantity
    ("Acme 2019", "Acme 10 jobs")."""
    last = name.rsplit(None, 1)
    if len(last) == 2 and last[1][0].isdigit():
        if _YEAR.fullmatch(last[1]) or _QUANTITY_AFTER.match(text, end):
            end = start + len(last[0].rstrip())
            return (text[start:end], start, end)
    return (name, start, end)


def _with_lowercase_suffix(text: str, name: str, start: int, end: int, vocab: EntityVocabulary) -> Found:
    """A lowercase legal suffix right after a name is part of it ("Acme plc"), and so is the period of
    an abbreviated one ("Acme Corp.")."""
    last = name.rsplit(None, 1)[-1]
    if len(name.split()) >= 2 and text.startswith(".", end) and last.lower() in vocab.lowercase_legal_suffixes:
        return (text[start:end + 1], start, end + 1)
    suffix = _LOWERCASE_SUFFIX_AFTER.match(text, end)
    if suffix and suffix.group(1) in vocab.lowercase_legal_suffixes:
        end = suffix.end()
        return (text[start:end], start, end)
    return (name, start, end)


def _before_a_time(text: str, name: str, start: int, end: int, time_starts: list[int],
                   time_ends: list[int]) -> Found | None:
    """Rule name_before_time: wire copy puts the day between a name and its verb ("Iran Saturday
    condemned", "President Bill Clinton Saturday vowed"); the name is the words before the time. A name
    that starts inside a time ("Thanksgiving Day") is none."""
    index = bisect_right(time_starts, start)
    if index > 0 and time_ends[index - 1] > start or index >= len(time_starts) or time_starts[index] >= end:
        return None
    cut = text[start:time_starts[index]].rstrip(" ,")
    return (cut, start, start + len(cut)) if cut and cut[-1].isalnum() or cut.endswith(".") else None


def _inside_a_time(start: int, end: int, time_starts: list[int], time_ends: list[int]) -> bool:
    index = bisect_right(time_starts, start) - 1
    return index >= 0 and time_ends[index] > start or (index + 1 < len(time_starts) and time_starts[index + 1] < end)
