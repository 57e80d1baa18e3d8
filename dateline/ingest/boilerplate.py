"""Feed footers: lines a feed appends to an article that are not part of the story.

They must go before tagging: "The post North Korea Will Send 5,000 Workers ... appeared first on ..." would
otherwise yield mentions of its own. Only whole lines at the end of the text are removed (a footer is
a footer because of where it stands), so a sentence quoting such wording inside the story is kept.
Everything before the first removed line stays byte-identical; whitespace after it goes with it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FooterPattern:
    name: str
    regex: re.Pattern[str]  # must match a whole line (without its line break and surrounding spaces)
    example: str  # a line it must match; checked by the tests


# The table: add a feed's footer here, with an example, rather than in code.
FEED_FOOTER_PATTERNS: tuple[FooterPattern, ...] = (
    FooterPattern(
        name="wordpress_appeared_first",
        regex=re.compile(r"The post .+ appeared first on .+?\.?", re.IGNORECASE),
        example="The post Council Approves Budget appeared first on Riverside Gazette.",
    ),
    FooterPattern(
        name="first_appeared_on",
        regex=re.compile(r"The (?:post|article|story) .+ first appeared on .+?\.?", re.IGNORECASE),
        example="The article Council Approves Budget first appeared on Riverside Gazette.",
    ),
    FooterPattern(
        name="originally_published",
        regex=re.compile(
            r"(?:This|The) (?:article|story|post) (?:was )?originally (?:appeared|published) (?:on|in|at|by) .+?\.?",
            re.IGNORECASE,
        ),
        example="This article was originally published on The Valley Courier.",
    ),
)


def footer_pattern_for(line: str) -> FooterPattern | None:
    """The pattern a single line matches as a whole, if any."""
    stripped = line.strip()
    for pattern in FEED_FOOTER_PATTERNS:
        if pattern.regex.fullmatch(stripped):
            return pattern
    return None


def strip_feed_footers(text: str) -> str:
    """The text without the feed footer lines at its end (blank lines between footers are skipped over)."""
    lines = text.splitlines(keepends=True)
    cut = len(lines)  # lines[cut:] is what gets removed
    index = len(lines) - 1
    while index >= 0:
        line = lines[index]
        if not line.strip():
            index -= 1
            continue
        if footer_pattern_for(line) is None:
            break
        cut = index
        index -= 1
    return "".join(lines[:cut])
