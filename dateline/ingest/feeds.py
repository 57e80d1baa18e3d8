"""RSS and Atom feeds (.xml/.rss/.atom) -> one input unit per entry, through feedparser.

Every entry is one unit, numbered from 1 in document order (its `source_line`). An entry's text is its
full content where the feed carries one, else its summary; HTML in either is turned into text, one
paragraph per line, so feed footers can be removed like in any other article. The entry's own
language wins over the feed's. A feed whose XML is broken is still read when feedparser recovers
entries from it; one with no entry at all is `empty_file` when it is a well-formed feed, `bad_feed`
otherwise.

The bytes are handed to feedparser as a stream, never as a string: given a string that looks like a
url or a path, feedparser would fetch or open it.
"""
from __future__ import annotations

import hashlib
import io
from collections import OrderedDict
from dataclasses import dataclass, field

import feedparser

from dateline.ingest import reasons
from dateline.ingest.html_text import html_to_text

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_COUNT_CACHE_SIZE = 512


@dataclass(frozen=True, slots=True)
class FeedEntry:
    metadata: dict[str, object]
    text: str | None


@dataclass(slots=True)
class ParsedFeed:
    entries: list[FeedEntry] = field(default_factory=list)
    rejection: tuple[str, str] | None = None  # (reason, detail) when the file yields no entry


def parse_feed(data: bytes) -> ParsedFeed:
    try:
        parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=False)
    except Exception as error:  # a third-party parser on hostile bytes: report, never crash the run
        return _remember(data, ParsedFeed(rejection=(reasons.BAD_FEED, f"feedparser failed: {type(error).__name__}: {error}")))
    feed_info = parsed.get("feed", {})
    publisher = _plain(feed_info.get("title_detail"), feed_info.get("title"))
    feed_language = _text_or_none(feed_info.get("language"))
    entries = [_entry(raw, publisher, feed_language) for raw in parsed.get("entries", [])]
    if entries:
        return _remember(data, ParsedFeed(entries))
    problem = parsed.get("bozo_exception")
    if parsed.get("version") and not parsed.get("bozo"):
        return _remember(data, ParsedFeed(rejection=(reasons.EMPTY_FILE, f"the {parsed['version']} feed has no entries")))
    detail = "not a readable RSS or Atom feed" + (f": {problem}" if problem else " (no feed element found)")
    return _remember(data, ParsedFeed(rejection=(reasons.BAD_FEED, detail)))


def count_feed_entries(data: bytes) -> int:
    """How many entries parse_feed finds in these bytes (0 if none); remembered per content."""
    digest = hashlib.sha256(data).digest()
    if digest not in _COUNTS:
        parse_feed(data)
    return _COUNTS[digest]


# Input accounting recounts every feed after ingest; remembering the count by content spares a second
# parse of the same bytes in the same process.
_COUNTS: OrderedDict[bytes, int] = OrderedDict()


def _remember(data: bytes, parsed: ParsedFeed) -> ParsedFeed:
    _COUNTS[hashlib.sha256(data).digest()] = len(parsed.entries)
    while len(_COUNTS) > _COUNT_CACHE_SIZE:
        _COUNTS.popitem(last=False)
    return parsed


def _entry(raw: dict, publisher: str | None, feed_language: str | None) -> FeedEntry:
    text, text_language = _body(raw)
    metadata: dict[str, object] = {
        "title": _one_line(_plain(raw.get("title_detail"), raw.get("title"))),
        "url": _text_or_none(raw.get("link")),
        "byline": _text_or_none(raw.get("author")),
        "publisher": _one_line(publisher),
        "published": _text_or_none(raw.get("published")) or _text_or_none(raw.get("updated")),
        "language": text_language or feed_language,
    }
    return FeedEntry({name: value for name, value in metadata.items() if value is not None}, text)


def _body(raw: dict) -> tuple[str | None, str | None]:
    """(text, language) of the full content if any, else of the summary."""
    candidates = [*raw.get("content", []), raw.get("summary_detail")]
    for detail in candidates:
        if not detail:
            continue
        text = _plain(detail, detail.get("value"))
        if text and text.strip():
            return text, _text_or_none(detail.get("language"))
    return None, None


def _plain(detail: dict | None, value: object) -> str | None:
    """A feed value as plain text: HTML (by its declared type) turned into text."""
    if not isinstance(value, str):
        return None
    kind = (detail or {}).get("type", "text/html")
    return html_to_text(value) if kind in _HTML_TYPES else value


def _one_line(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None


def _text_or_none(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
