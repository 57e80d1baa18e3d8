"""HTML fragments (a feed entry's content, an HTML title) -> plain text with one paragraph per line.

Paragraph breaks matter downstream: feed footers are removed as whole trailing lines, and sentences
must not run together across paragraphs. Script, style and similar elements carry no article text
and are dropped with their content; entities are decoded; markup never survives as text.
"""
from __future__ import annotations

import html
import re

from lxml import etree
from lxml import html as lxml_html

BLOCK_TAGS = frozenset(
    "address article aside blockquote dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section summary table td th tr ul".split()
)
DROPPED_TAGS = frozenset("script style template noscript head iframe object embed svg math button select".split())
_SPACES = re.compile(r"[ \t\f\v\r\u00a0]+")
_ANY_TAG = re.compile(r"<[^>]*>")
_DROPPED_BLOCK = re.compile(r"<(script|style|template|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# huge_tree: without it libxml2 gives up on documents nested deeper than 256 levels and returns nothing.
_PARSER = lxml_html.HTMLParser(huge_tree=True, no_network=True)


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment; plain text (no tag, no entity) comes back unchanged."""
    if "<" not in markup and "&" not in markup:
        return markup
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div", parser=_PARSER)
    except (etree.ParserError, ValueError):
        return _stripped(markup)
    pieces: list[str] = []
    dropped_depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event in ("comment", "pi"):  # their own text is not shown, what follows them is
            if not dropped_depth and element.tail:
                pieces.append(element.tail)
            continue
        if event == "start":
            if tag in DROPPED_TAGS:
                dropped_depth += 1
            elif not dropped_depth:
                if tag in BLOCK_TAGS or tag == "br":
                    pieces.append("\n")
                if tag and element.text:
                    pieces.append(element.text)
            continue
        if tag in DROPPED_TAGS:
            dropped_depth -= 1
        elif not dropped_depth and tag in BLOCK_TAGS:
            pieces.append("\n")
        if not dropped_depth and element.tail and element is not root:
            pieces.append(element.tail)
    text = _tidy("".join(pieces))
    # libxml2 gives up on absurdly deep nesting (thousands of levels) and returns an empty tree.
    return text or _stripped(markup)


def _stripped(markup: str) -> str:
    """Crude fallback for markup lxml refuses (NUL bytes, an encoding declaration, extreme depth)."""
    return _tidy(html.unescape(_ANY_TAG.sub("\n", _DROPPED_BLOCK.sub("\n", markup))))


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    kept = [line for line in lines if line]
    return "\n".join(kept) + "\n" if kept else ""
