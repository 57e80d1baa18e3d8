"""Finding temporal expressions: text → Mentions (spans plus what the text says), nothing resolved.

Each rule is a compiled regular expression built from the vocabulary's macros. One pass finds the
anchor words (digits, month names, units...); each rule then scans only the windows around anchors of
its own kind that hold its clue words too (a linear scan: no nested quantifiers over the same
characters). Candidates that overlap are settled by length, then rule priority, and context filters
drop readings that are not temporal ("May I", "a march on the capital", "2000 soldiers", "ABC's This Week").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from . import range_rules
from .composite_rules import RESTATED_AFTER, may_be_two_years
from .find_rules import RULE_CLUE_PATTERNS, RULE_CLUES, RULE_NEEDS, RULE_TABLE, _macros
from .informal import lower_case_month_allowed, weekday_abbreviation_is_a_day, weekday_case_allowed
from .lexicon import lexicon, normal
from .model import Mention
from .time_of_day import hour_beside_a_day, joined_to_days
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


# Words before a latent month name ("May", "March") that make it a month.
_MONTH_SIGNALS = frozenset(
    "in on since until till by from through to during of before after early late mid last next this "
    "between and or since, until, the".split()
)
# "2000 soldiers", "1990 tax returns": a plural noun (not a verb or function word ending in s) after the number
_QUANTITY_NOUN = re.compile(r"\s+(?:[a-z]+\s+)?(?!(?:as|is|was|has|does|goes|this|its|his|thus|plus|us|yes|whereas)\b)[a-z]+[^s\W]s\b")
# A determiner or possessive before the number makes it a year modifying the noun ("the 1992 protests",
# "its 1988 recapitalization", "the company's 1989 results")
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|its|their|his|her|our|that|this|these|those)|'s|s')\s+$", re.I)


_COUNT_AFTER = re.compile(r"\s+(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|several|few|couple)\b)", re.I)


_LAST_WORD = re.compile(r"([A-Za-z']+)[\s,]*$")
_CAPITALISED = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z]*")
_LETTER = re.compile(r"[A-Za-z]")
# "in 1816 the veterans ...", "as late as 1781 senior officials ...": after these words a number is a year
_YEAR_PREPOSITION_BEFORE = re.compile(r"\b(?:in|since|until|till|during|before|after|(?:as\s+)?(?:late|early)\s+as)\s+$", re.I)
_FALL_OF = re.compile(r"\s+of\s+(?!(?:that|the\s+same|this|last|next|each|every)\s+year\b)", re.I)
_NUMBER_NOUN_BEFORE = re.compile(r"(?:no\.|number|flight|route|room|model|boeing|airbus)\s*$")  # "flight 1990"
# "1990 levels", "1990 and 1991": words after a year that keep it a year before a plural noun
_STILL_A_YEAR_AFTER = re.compile(r"\s+(?:and|was|were|is|has|had|as|levels?|figures?|prices?)\b")


def _previous_word(text: str, start: int) -> str:
    m = _LAST_WORD.search(text[max(0, start - 30):start])
    return m.group(1).lower() if m else ""


# Words that news text writes in lower case; capitalised inside a sentence they belong to a name
# ("ABC's This Week", "60 Minutes", "VOA Today", "High Noon").
_COMMON_TEMPORAL_WORDS = frozenset(
    "second seconds minute minutes hour hours day days week weeks weekend month months quarter quarters year "
    "years decade decades century today tomorrow yesterday tonight now noon midnight morning afternoon evening "
    "night daily weekly monthly annually yearly min mins hr hrs wk wks yr yrs mth mths nite tonite".split())
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"'`“‘(\[_-])\s*$")


def _inside_a_name(text: str, m: re.Match) -> bool:
    """Whether a capitalised common time word inside the match makes it part of a name."""
    for word in _CAPITALISED.finditer(m.group()):
        if word.group().lower() in _COMMON_TEMPORAL_WORDS:
            at = m.start() + word.start()
            first = _LETTER.search(m.group(), 0, word.start()) is None  # the match's first word
            if (not first or not _SENTENCE_START.search(text[max(0, at - 3):at])) \
                    and not text[max(0, m.start() - 80):m.end() + 80].isupper() \
                    and not _capitals_say_nothing(text, m, word.group(), first):
                return True
    return False


_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# Short words a title leaves in lower case ("Now Available in Singapore")
_TITLE_SMALL_WORDS = frozenset("a an the of in on at to for and or but with by from as is are vs".split())


def _capitals_say_nothing(text: str, m: re.Match, word: str, first: bool) -> bool:
    """Whether the words around the match are capitalised as it is, so its capital marks no name: shouted
    in capitals ("VOTE NOW!", the word and a neighbour all capitals), or a title in which every word
    is capitalised ("Soundbar Now Available in Singapore": two words each side, small words aside). A
    capital inside the match still marks a name in a title ('"This Week With David Brinkley"')."""
    before = [w for w in _WORD.findall(text, max(0, m.start() - 60), m.start()) if w.lower() not in _TITLE_SMALL_WORDS][-2:]
    after = [w for w in _WORD.findall(text, m.end(), m.end() + 60) if w.lower() not in _TITLE_SMALL_WORDS][:2]
    if word.isupper() and len(word) > 1 and any(w.isupper() and len(w) > 1 for w in before[-1:] + after[:1]):
        return True
    return first and len(before) == 2 and len(after) == 2 and all(w[0].isupper() for w in before + after)


def _keep(text: str, rule: Rule, m: re.Match) -> bool:
    """Context filters: readings that look temporal but are not."""
    groups = m.groupdict()
    if rule.name == "numeric_date" and groups.get("m") and may_be_two_years(groups):
        return False  # "the 2011-12 season": two years (dateline.range_rules), not December 2011
    if rule.name == "clock_four_figures" and RESTATED_AFTER.search(text, max(0, m.start() - 12), m.start()):
        return False  # "10:35 a.m. (0735 GMT)": the same time again
    if rule.name == "half" and normal(groups["h"]) == "last" and not (groups.get("y") or groups.get("y2")):
        return False  # "the last half" of something that is not a year
    if m.start() and text[m.start() - 1] == "#" and m.group()[:1].isalpha():
        return False  # "Happy #Friday", "#Christmas season": a hashtag labels a topic
    if rule.name == "holiday":  # "easter" in lower case is a direction; "christmas", "xmas" are the day
        return groups["holiday"][:1].isupper() or normal(groups["holiday"]) not in lexicon().holidays_need_capitals
    if _inside_a_name(text, m):
        return False
    if rule.name == "set_frequency" and re.match(r"\s+[A-Z]", text[m.end():m.end() + 2]):
        return False  # "the party daily Granma": a newspaper
    if rule.name == "reference" and normal(groups["ref"]) == "the past" and _COUNT_AFTER.match(text, m.end()):
        return False  # "for the past three summers": a count of something, not the past at large
    if rule.name == "deictic_day" and normal(groups.get("deictic") or "") in ("today", "tomorrow") and len(m.group()) <= 8:
        after = re.match(r"['’]s\s+([a-z]+)", text[m.end():m.end() + 30])
        if after and after.group(1).lower() in lexicon().generic_after_today:
            return False  # "today's youth", "in today's world": nowadays, not the day
        if normal(groups["deictic"]) == "tomorrow" and re.search(r"\bof\s+$", text[max(0, m.start() - 4):m.start()]):
            return False  # "the people of tomorrow": the future at large
    if rule.name == "clock_at_hour" and not hour_beside_a_day(text, m):
        return False  # "at 5" alone: five of anything
    if rule.name == "noon" and re.search(r"\bhigh\s+$", text[max(0, m.start() - 6):m.start()].lower()):
        return False  # "high noon": a moment of decision, not a time
    month = groups.get("month")
    if month is not None:
        word = normal(month)
        if not month[:1].isupper() or rule.name == "month_abbreviation":
            # "a march on the capital", "may" (but "in november", "march 5", "in jun")
            return lower_case_month_allowed(text, rule.name, m, _previous_word(text, m.start()))
        if rule.name == "month" and word in lexicon().latent_months and not (groups.get("rel") or groups.get("pop")):
            # "May I", "March on": a bare latent month needs a signal word before it, or a year after
            if _previous_word(text, m.start()) not in _MONTH_SIGNALS:
                return False
            if word == "may" and re.match(r"\s+(?:I|we|you|he|she|it|they|be|have|not)\b", text[m.end():]):
                return False
    season = groups.get("season")
    if season is not None and rule.name == "season" and normal(season) == "fall" and not groups.get("y") \
            and _FALL_OF.match(text, m.end()):
        return False  # "the fall of Budapest": a defeat, not autumn ("the fall of 1862", "of that year" are)
    if season is not None and rule.name == "season":
        if normal(season) in lexicon().ambiguous_seasons and not (groups.get("pop") or groups.get("the") or groups.get("y")):
            if _previous_word(text, m.start()) not in ("in", "this", "last", "next", "and", "or", "since", "until", "during", "through"):
                return False
    if rule.name in ("year", "year_range"):
        if groups.get("pop") in (None, "") and not groups.get("fiscal"):
            if _QUANTITY_NOUN.match(text, m.end()) and not _DETERMINER_BEFORE.search(text, max(0, m.start() - 12), m.start()) \
                    and not _STILL_A_YEAR_AFTER.match(text, m.end()) \
                    and not _YEAR_PREPOSITION_BEFORE.search(text, max(0, m.start() - 16), m.start()):
                return False  # "2000 soldiers", "1990 returns"
            if _NUMBER_NOUN_BEFORE.search(text[max(0, m.start() - 12):m.start()].lower()):
                return False  # "flight 1990", "Boeing 2000"
    if rule.name in range_rules.RANGE_ENDS:  # "Route 1920-22": as the start goes
        start = m.start() - 5 if rule.name == "year_range_end" else m.start()  # (its match opens on the start)
        if _NUMBER_NOUN_BEFORE.search(text[max(0, start - 12):start].lower()):
            return False
    if rule.name == "weekday" and not weekday_case_allowed(m.group("wd")) \
            and not weekday_abbreviation_is_a_day(text, m, _previous_word(text, m.start())):
        return False  # "monday" is a weekday; "sun.", "wed." are other words, unless "on wed."
    if rule.name == "weekday_abbreviation" \
            and not weekday_abbreviation_is_a_day(text, m, _previous_word(text, m.start())):
        return False  # "I sat down", "the sun rose"
    if rule.name == "duration":
        num = normal(groups["num"])
        unit = normal(groups["unit"])
        if num in ("a", "an", "one") and re.match(r"\s+(?:ago|later|earlier)\b", text[m.end():]):
            return False
        if "," in num or ("." in num and not num.replace(".", "").isdigit()) or re.fullmatch(r"(?:1[6-9]|20)\d\d", num):
            return False  # "1,000 years" is not a span we resolve; "the 1988 quarter" is a year
        if num in ("some", "many") and not groups.get("mod"):
            return False
        if unit in ("second", "seconds") and num in ("a",):
            return False  # "a second time"
        if num == "second":
            return False
    if rule.name == "duration_hyphen" and normal(groups["num"]) in ("a", "an", "second", "some", "many"):
        return False
    return True


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
        if not _keep(text, rule, m):
            continue
        fields = {k: v for k, v in m.groupdict().items() if v is not None and k != "span"}
        taken_starts.insert(index, start)
        taken_ends.insert(index, end)
        chosen.append(Mention(start, end, original[start:end], rule.kind, rule.name, fields))
    chosen.sort(key=lambda mention: mention.start)
    return _coordinated(text, joined_to_days(original, chosen))


_COORDINATED = re.compile(r"\s+(?:and|or|to|through|into)\s+")
_LISTED = re.compile(r"\s*(?:,|&|,?\s+and|,?\s+or)\s*")  # "every Monday, Wednesday and Friday": each is a set
_SECOND_DAY = re.compile(r"(?:\s*[-–]\s*|\s+(?:and|or|to|through)\s+)(3[01]|[12]\d|0?[1-9])\b(?![,.:/-]?\d|\s*(?:%|percent))"
                         r"(?:,?\s+((?:1[6-9]|20)\d\d)\b(?![,.]?\d))?")  # "March 5-9, 1918": the year is both days'

# "10-12 October", "2 to 4 July 2013": the first day of a range written before the month the second names
_FIRST_DAY = re.compile(r"(?<![\w$.,/:-])(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s*(?:-|–|to|and|&)\s*$")


def _coordinated(text: str, mentions: list[Mention]) -> list[Mention]:
    """Coordination shares what the first member says: "this past winter and spring" (the modifier),
    "April 24 and 25" (the month)."""
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
