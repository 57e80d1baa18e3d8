"""Finding temporal expressions: text → Mentions (spans plus what the text says), nothing resolved.

Each rule is a compiled regular expression built from the vocabulary's macros. One pass finds the
anchor words (digits, month names, units...); each rule then scans only the windows around anchors of
its own kind that hold its clue words too (a linear scan: no nested quantifiers over the same
characters). Candidates that overlap are settled by length, then rule priority, and the named checks of
dateline.find_checks drop readings that are not temporal ("May I", "a march on the capital", "2000
soldiers", "ABC's This Week").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .find_checks import not_a_time
from .find_rules import RULE_CLUE_PATTERNS, RULE_CLUES, RULE_NEEDS, RULE_TABLE, _macros
from .lexicon import lexicon
from .model import Mention
from .offsets_from_days import joined_offsets
from .time_of_day import joined_to_days
from .sentences import ascii_lowered
from .text_shape import anchor_words as _anchor_words


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str  # which resolver handles the mention
    pattern: re.Pattern
    priority: int = 0  # breaks ties between candidates of the same length
    needs: frozenset[str] = frozenset()  # anchor categories, one of which every match contains
    clue: tuple[str, ...] = ()  # words one of which every match holds (in lower case)
    clue_pattern: re.Pattern | None = None  # matches part of every match, in the lowercased text
    # The same pattern without IGNORECASE, for the lowercased text: it matches there exactly where
    # `pattern` matches in the text (as it has no capital letters), and twice as fast.
    lowered_pattern: re.Pattern | None = None



@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    macros = _macros(lexicon())
    compiled = []
    for name, kind, template, priority in RULE_TABLE:
        pattern = template
        for key in sorted(macros, key=len, reverse=True):
            pattern = pattern.replace("{" + key + "}", macros[key])
        if _capital_letters(pattern):
            raise ValueError(f"rule {name} must be written in lower case, not {_capital_letters(pattern)}")
        clue = tuple(RULE_CLUES.get(name, "").split())
        clue_pattern = re.compile(RULE_CLUE_PATTERNS[name], re.ASCII) if name in RULE_CLUE_PATTERNS else None
        compiled.append(Rule(name, kind, re.compile(pattern, re.IGNORECASE | re.ASCII), priority,
                             frozenset(RULE_NEEDS[name]), clue, clue_pattern, re.compile(pattern, re.ASCII)))
    return tuple(compiled)


def _capital_letters(pattern: str) -> list[str]:
    """The capital letters a pattern matches literally (escapes such as \\S and group names aside)."""
    return re.findall(r"[A-Z]", re.sub(r"\\.|\(\?P<\w+>", "", pattern))


# How far a rule's match can reach around an anchor word: (characters before its start, after its end,
# lookaheads included). By default as far as "at least the past twenty four" + unit + " ago", or a
# dateline's city before its month. The rules that need the categories below reach less far (with room
# left for extra spaces), and digits are the most frequent anchors: narrower windows, less scanning.
# A figure or a month further on is an anchor of its own and brings its own reach.
_DEFAULT_REACH = (60, 40)
_REACH = {
    "digit": (30, 25),  # "the beginning of 1990"; "1990 per cent" (not a year), "the 1988 fiscal year"
    "weekday": (25, 10),  # "the this coming Tuesday", "Wed."
    "deictic": (15, 10),  # "earlier today"
    "reference": (0, 0),  # the words themselves: "the near future"
}
_REST_OF_WORD = re.compile(r"(?:(?<=\w)\w+)?")  # nothing, unless the window ends inside a word


def _regions(lowered: str) -> list[tuple[int, int, set[str]]]:
    """Merged windows of text around anchor words, with the anchor categories each holds. A window
    ends at the end of a word: cut inside one, a rule's "(?!\\w)" would hold where it does not."""
    length = len(lowered)
    windows = []
    for word_start, word_end, category in _anchor_words(lowered):
        before, after = _REACH.get(category, _DEFAULT_REACH)
        windows.append((max(0, word_start - before), min(length, word_end + after), category))
    windows.sort()  # a wide window may start before the narrow ones of the anchors just before its own
    regions: list[list] = []
    for start, end, category in windows:
        if regions and start > regions[-1][1]:  # the last region is complete: end it at a word's end
            regions[-1][1] = _REST_OF_WORD.match(lowered, regions[-1][1]).end()
        if regions and start <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], end)
            regions[-1][2].add(category)
        else:
            regions.append([start, end, {category}])
    if regions:
        regions[-1][1] = _REST_OF_WORD.match(lowered, regions[-1][1]).end()
    return [(start, end, found) for start, end, found in regions]


def _matches(text: str):
    """(rule, match) for every rule match inside the regions holding its anchors and clues (offsets into the text)."""
    lowered = ascii_lowered(text)
    for start, end, found in _regions(lowered):
        region = lowered[start:end]
        holds = region.__contains__
        for rule in _rules_for(frozenset(found)):
            # the clues, as _holds_clues checks them, inline: this loop runs for every rule in every region
            if rule.clue and not any(map(holds, rule.clue)):
                continue
            if rule.clue_pattern is not None and rule.clue_pattern.search(region) is None:
                continue
            # found in the lowercased copy; matched again in the text for the groups as written
            for m in rule.lowered_pattern.finditer(lowered, start, end):
                yield rule, rule.pattern.match(text, m.start(), end)


@lru_cache(maxsize=1)
def _rules_needing() -> dict[str, tuple[int, ...]]:
    """For each anchor category, the positions in rules() of the rules that need it (rule order kept)."""
    needing: dict[str, list[int]] = {}
    for index, rule in enumerate(rules()):
        for category in rule.needs:
            needing.setdefault(category, []).append(index)
    return {category: tuple(indexes) for category, indexes in needing.items()}


@lru_cache(maxsize=4096)
def _rules_for(categories: frozenset[str]) -> tuple[Rule, ...]:
    """The rules a region holding anchors of these categories may match, in rule order (regions
    repeat a few combinations of categories)."""
    needing, all_rules = _rules_needing(), rules()
    return tuple(all_rules[index] for index in sorted({i for category in categories for i in needing.get(category, ())}))


def _holds_clues(region: str, rule: Rule) -> bool:
    """Whether the (lowercased) region holds the rule's clues, as every match of the rule does."""
    if rule.clue and not any(map(region.__contains__, rule.clue)):
        return False
    return rule.clue_pattern is None or rule.clue_pattern.search(region) is not None


# The rules are compiled ASCII-only (Unicode-aware \b, \w and \s make every pattern about a third
# slower). Other spaces, such as the no-break space of "June&nbsp;4", are read as plain spaces: one
# character for one, so every offset stays the same.
_UNICODE_SPACES = {ord(c): " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                   "\u2008\u2009\u200a\u202f\u205f\u3000"} | {ord(c): "\n" for c in "\u2028\u2029\x85"}


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


def find_mentions(text: str) -> list[Mention]:
    """All temporal expressions in the text, as found (not resolved), sorted by start offset."""
    original, text = text, text if text.isascii() else text.translate(_UNICODE_SPACES)
    candidates = []
    for rule, m in _matches(text):
        start, end = m.span("span") if "span" in rule.pattern.groupindex and m.group("span") else m.span()
        end = start + len(text[start:end].rstrip())
        if end <= start or (text.find("\n", start, end) >= 0 and _PARAGRAPH_BREAK.search(text, start, end)):
            continue  # no expression crosses a paragraph break ("in March\n\n2019 figures ...")
        candidates.append((start, end, rule, m))
    # longest first, then priority, then leftmost; accept what does not overlap what was accepted and
    # passes the context filters (checked last: only for the candidates that could be accepted)
    candidates.sort(key=lambda c: (-(c[1] - c[0]), -c[2].priority, c[0]))
    # Accepted spans never overlap, so kept sorted by start only the two neighbours of a new span can
    # clash with it: a bisect per candidate keeps this linear-ish on texts with thousands of mentions.
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    chosen = []
    for start, end, rule, m in candidates:
        index = bisect.bisect_left(taken_starts, start)
        if (index and taken_ends[index - 1] > start) or (index < len(taken_starts) and taken_starts[index] < end):
            continue
        if not_a_time(text, rule.name, m):  # the filter: dateline.find_checks
            continue
        fields = {k: v for k, v in m.groupdict().items() if v is not None and k != "span"}
        taken_starts.insert(index, start)
        taken_ends.insert(index, end)
        chosen.append(Mention(start, end, original[start:end], rule.kind, rule.name, fields))
    chosen.sort(key=lambda mention: mention.start)
    return joined_offsets(text, _coordinated(text, joined_to_days(original, chosen)))


_COORDINATED = re.compile(r"\s+(?:and|or|to|through|into)\s+")
# "June, July and August 1916", "(July-November 1954)"
_SHARING_A_YEAR = re.compile(r"\s*,\s*|\s*[-\u2013]\s*|\s*,?\s+(?:and|or|to|through|into)\s+")
_LISTED = re.compile(r"\s*(?:,|&|,?\s+and|,?\s+or)\s*")  # "every Monday, Wednesday and Friday": each is a set
_SECOND_DAY = re.compile(r"(?:\s*[-–]\s*|\s+(?:and|or|to|through)\s+)(3[01]|[12]\d|0?[1-9])\b(?![,.:/-]?\d|\s*(?:%|percent))"
                         r"(?:,?\s+((?:1[6-9]|20)\d\d)\b(?![,.]?\d))?")  # "March 5-9, 1918": the year is both days'

# "10-12 October", "2 to 4 July 2013": the first day of a range written before the month the second names
_FIRST_DAY = re.compile(r"(?<![\w$.,/:-])(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s*(?:-|–|to|and|&)\s*$")


def _coordinated(text: str, mentions: list[Mention]) -> list[Mention]:
    """Coordination shares what the first member says: "this past winter and spring" (the modifier),
    "April 24 and 25" (the month); and what the last says: "in August and September 1914" (the year)."""
    out = list(mentions)
    for i in range(1, len(out)):
        previous, current = out[i - 1], out[i]
        if current.kind == previous.kind == "season" and "rel" in previous.fields \
                and "rel" not in current.fields and "y" not in current.fields \
                and _COORDINATED.fullmatch(text, previous.end, current.start):
            fields = dict(current.fields, rel=previous.fields["rel"], coordinated="1")
            out[i] = Mention(current.start, current.end, current.text, current.kind, current.rule + "+coordinated", fields)
        elif previous.kind == "set" and "wd" in previous.fields and current.kind == "weekday" \
                and not ({"rel", "pod"} & current.fields.keys()) and _LISTED.fullmatch(text, previous.end, current.start):
            fields = {"wd": current.fields["wd"], "each": previous.fields.get("each", "every"), "coordinated": "1"}
            out[i] = Mention(current.start, current.end, current.text, "set", current.rule + "+coordinated", fields)
    for i in range(len(out) - 2, -1, -1):  # from the end: "in June, July and August 1914" passes the year back
        current, following = out[i], out[i + 1]
        if current.kind in ("month", "season") and not ({"y", "rel", "ybc", "spelled", "that_year"} & current.fields.keys()) \
                and following.kind in ("month_year", "season", "month") and "y" in following.fields \
                and _SHARING_A_YEAR.fullmatch(text, current.end, following.start):
            # "in August and September 1914", "the spring and early summer of 1943": the year is both's
            kind = "month_year" if current.kind == "month" else "season"
            out[i] = Mention(current.start, current.end, current.text, kind, current.rule + "+shared_year",
                             dict(current.fields, y=following.fields["y"]))
        elif current.kind == "weekday" and following.kind == "set" and following.fields.get("pods2") \
                and not ({"rel", "pod"} & current.fields.keys()) and _SHARING_A_YEAR.fullmatch(text, current.end, following.start):
            # "on Monday and Tuesday nights": each is a set of nights
            out[i] = Mention(current.start, current.end, current.text, "set", current.rule + "+coordinated",
                             {"wd": current.fields["wd"], "pods": following.fields["pods2"], "coordinated": "1"})
    additions, dropped = [], set()
    for i, mention in enumerate(out):
        if mention.kind == "month_day" and mention.rule != "slash_month_day":
            m = _SECOND_DAY.match(text, mention.end)
            clash = [j for j, o in enumerate(out) if j not in dropped and o.start < m.end() and m.start(1) < o.end] if m else []
            if m and m.group(2) and clash and all(out[j].rule == "year" and out[j].start >= m.start(2) for j in clash):
                dropped.update(clash)  # "9, 1918": the year is the day's
                clash = []
            if m and not clash:
                fields = {"month": mention.fields["month"], "d": m.group(1)}
                if m.group(2):
                    fields["y"] = m.group(2)
                    out[i] = Mention(mention.start, mention.end, mention.text, "date", mention.rule + "+range_year",
                                     dict(mention.fields, y=m.group(2)))
                kind = "date" if m.group(2) else "month_day"
                additions.append(Mention(m.start(1), m.end(), text[m.start(1):m.end()], kind, "month_day+second_day", fields))
        if mention.rule in ("day_month", "day_month_year"):
            m = _FIRST_DAY.search(text, max(0, mention.start - 12), mention.start)
            if m and not any(o.start < m.end(1) and m.start(1) < o.end for o in out):
                fields = {k: v for k, v in mention.fields.items() if k in ("month", "y")} | {"d": m.group(1)}
                additions.append(Mention(m.start(1), m.end(1), m.group(1), mention.kind, mention.rule + "+first_day", fields))
    kept = [mention for j, mention in enumerate(out) if j not in dropped]
    return sorted(kept + additions, key=lambda mention: mention.start)
