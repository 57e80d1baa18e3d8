"""Sentence and clause spans of plain text, as character offsets into that text.

Rule-based and deliberately simple: news text is split at line breaks and at sentence-final
punctuation followed by a capitalised start, except after common abbreviations and initials.
Clauses are the places a time phrase can reach: a time phrase rarely dates a verb across a
semicolon, a dash, or a subordinating word such as "when" or ", as".
"""
from __future__ import annotations

import bisect
import math
import re
from collections.abc import Collection, Iterable

Span = tuple[int, int]

# Longer than any news sentence (they rarely pass 500 characters); longer runs are cut into pieces.
MAX_SENTENCE_CHARS = 2000

# Abbreviations after which a period does not end a sentence (compared without the period).
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof rev gen col lt sgt capt cmdr adm gov sen rep pres st jr sr sen
    corp inc co ltd bros dept univ no vs etc jan feb mar apr jun jul aug sep sept oct nov dec
    mt ft ave blvd u.s u.n u.k e.u a.m p.m""".split()
)

# A candidate sentence end: . ! or ? (a run of them), then any closing quotes or brackets.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
# What the next sentence may start with: a capital, a digit, or an opening quote/bracket.
_NEXT_START = re.compile(r"\s+[\"'“‘`(\[]*[A-Z0-9]")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")
_LONGEST_ABBREVIATION = 12  # characters: longer words before a period are never in _ABBREVIATIONS

_DASHES = re.compile(r"\s+(?:—|–|--)\s+|—|–|;|:(?=\s)")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_FIGURE_AFTER = re.compile(r"\s*[$€£]?\d")
_NOT_SPACE = re.compile(r"\S")
_COMMA = re.compile(r",(?=\s)")  # not the comma of "1,000"


def ascii_lowered(text: str) -> str:
    """The text with its ASCII letters lowered (as IGNORECASE with ASCII matches them) and nothing else
    changed: bytes.lower() touches no other character, so every offset into it is one into the text."""
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def sentence_spans(text: str) -> list[Span]:
    """Spans of the sentences of `text`, trimmed of surrounding whitespace, in order."""
    spans: list[Span] = []
    for line_start, line_end in _lines(text):
        start = line_start
        for end_match in _END.finditer(text, line_start, line_end):
            end = end_match.end()
            if not _NEXT_START.match(text, end, line_end):
                continue
            if _is_abbreviation(text, line_start, end_match.start(), end_match.group()):
                continue
            spans.append(_trim(text, start, end))
            start = end
        if start < line_end:
            spans.append(_trim(text, start, line_end))
    return [piece for span in spans if span[0] < span[1] for piece in _pieces(text, span)]


def _pieces(text: str, span: Span) -> Iterable[Span]:
    """A run of text too long to be a sentence (hostile input, a table flattened into one line) cut at
    spaces into pieces of at most MAX_SENTENCE_CHARS: what is done per sentence then stays linear."""
    start, end = span
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        piece = _trim(text, start, cut)
        if piece[0] < piece[1]:
            yield piece
        start = _trim(text, cut, end)[0]
    if start < end:
        yield start, end


def sentence_at(spans: list[Span], offset: int) -> Span | None:
    """The sentence span holding `offset`, if any (spans in order, as sentence_spans gives them)."""
    index = bisect.bisect_right(spans, (offset, math.inf)) - 1
    if index >= 0 and spans[index][0] <= offset < spans[index][1]:
        return spans[index]
    return None


def clause_spans(
    text: str,
    start: int,
    end: int,
    openers: Collection[str],
    openers_after_comma: Collection[str],
    keep_before: Collection[int] = (),
    reporting_verbs: Collection[str] = (),
) -> list[Span]:
    """Split text[start:end] into clause spans.

    Breaks fall at semicolons, colons and dashes, before each word in `openers` and after the
    first comma that follows it (the subordinate clause it opens ends there: "When talks ended, he
    left"), and before each word in `openers_after_comma` that follows a comma. A word in either
    list is not a break when what follows it (a word or a figure) starts at an offset in
    `keep_before`: in "until last year" and "since 1993" the opener introduces a time phrase, not a
    clause. A "that" within three words after one of `reporting_verbs` opens the reported statement
    ("said Tuesday that ..."), a clause of its own.
    """
    cuts = {start, end}
    for mark in _DASHES.finditer(text, start, end):
        cuts.add(mark.start())
        cuts.add(mark.end())
    words = list(_WORD.finditer(text, start, end))
    for index, word in enumerate(words):
        lowered = word.group().lower()
        if lowered in openers:
            pass
        elif lowered in openers_after_comma and text[start:word.start()].rstrip().endswith(",") \
                and not _FIGURE_AFTER.match(text, word.end()):
            pass  # not ", or 6.43,": a figure restated, not a clause
        elif lowered == "that" and _after_reporting_verb(words, index, reporting_verbs):
            pass
        else:
            continue
        if _next_start(text, word.end(), end) in keep_before:
            continue
        cuts.add(word.start())
        if lowered in openers:  # a subordinate clause ends at its comma: "When talks ended, he left."
            comma = _COMMA.search(text, word.end(), end)
            if comma:
                cuts.add(comma.end())
    ordered = sorted(cuts)
    clauses = [_trim(text, a, b) for a, b in zip(ordered, ordered[1:])]
    return [clause for clause in clauses if clause[0] < clause[1]]


def _next_start(text: str, position: int, end: int) -> int | None:
    """Where the next word or figure after `position` and before `end` starts: the time phrase of
    "since 1993" as well as of "until last year"."""
    found = _NOT_SPACE.search(text, position, end)
    return found.start() if found else None


def _after_reporting_verb(words: list[re.Match], index: int, reporting_verbs: Collection[str]) -> bool:
    """Whether words[index] ("that") follows a reporting verb within three words, and the verb's subject
    does not come right after it ("said a message that was read" is a relative clause)."""
    for back in range(1, 4):
        if index - back < 0:
            return False
        if words[index - back].group().lower() in reporting_verbs:
            return back == 1 or words[index - back + 1].group().lower() not in ("a", "an", "the")
    return False


def _lines(text: str) -> Iterable[Span]:
    position = 0
    for line in text.split("\n"):
        yield position, position + len(line)
        position += len(line) + 1


def _is_abbreviation(text: str, line_start: int, period_at: int, mark: str) -> bool:
    if not mark.startswith(".") or len(mark.rstrip("\"'”’)]")) > 1:
        return False
    # Only the word just before the period matters: looking further back would make a long line quadratic.
    before = _WORD_BEFORE.search(text, max(line_start, period_at - _LONGEST_ABBREVIATION), period_at)
    if not before:
        return False
    word = before.group(1)
    if len(word) == 1 and word.isupper():  # an initial: "Sergei K. Shoigu"
        return True
    return word.lower().strip(".") in _ABBREVIATIONS


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
