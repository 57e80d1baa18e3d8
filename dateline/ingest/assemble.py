"""One input's metadata and text -> an Article, or a Quarantined row saying what is wrong with it.

Shared by every format, so the same rules hold whether the metadata came from a sidecar, front matter,
a JSON object, a feed entry or an HTML page:
- each field may go by several names (FIELD_NAMES): the news-crawler names (`date_publish`,
  `source_domain`, `authors`) are read too; the first name present with a value wins.
- `published` is required (missing, null or blank -> missing_published; anything parse_published refuses,
  including numbers -> unparseable_published).
- title, url, publisher, byline, language are optional text: null or blank counts as missing, any other
  non-text value (12345, a dict) -> wrong_type rather than a guessed conversion. Values are stripped.
  `authors` may be a list of names, joined with ", ".
- the text must be a string (else wrong_type), at most limits.MAX_TEXT_CHARS long (else text_too_long),
  and hold something besides whitespace once the feed footers are removed (else empty_text). It is
  otherwise kept exactly as given.
- a NUL character in the text -> binary_text (binary data, or UTF-16 without a byte-order mark).
- a text of limits.DENSITY_CHECK_MIN_CHARS or more, denser in date words than any prose ("June 4 June 5
  ...", a calendar dump) -> implausible_text: tagging it would cost far more than an article's worth.
- not English (the `language` given, or else detected from the text) -> unsupported_language.
- keys not listed here (e.g. a "note") are ignored.
- a string holding an unpaired surrogate (possible through JSON/YAML escapes) -> not_utf8.
"""
from __future__ import annotations

import reprlib
from collections.abc import Mapping

from dateline.ingest import reasons
from dateline.ingest.boilerplate import strip_feed_footers
from dateline.ingest.ids import article_id
from dateline.ingest.language import judge_language
from dateline.ingest.limits import DENSITY_CHECK_MIN_CHARS, MAX_DATE_WORDS_PER_1000_CHARS, MAX_TEXT_CHARS
from dateline.ingest.published import parse_published
from dateline.model import Article, Quarantined
from dateline.text_shape import date_word_density

# Field -> the keys it may be written under, in order of preference.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "url": ("url",),
    "publisher": ("publisher", "source_domain"),
    "byline": ("byline", "author", "authors"),
    "language": ("language",),
    "published": ("published", "date_publish"),
}
OPTIONAL_TEXT_FIELDS: tuple[str, ...] = ("title", "url", "publisher", "byline", "language")
PUBLISHED_FIELD = "published"
LIST_FIELDS = frozenset({"authors"})  # keys whose value may be a list of strings


def field_value(metadata: Mapping[str, object], name: str) -> tuple[str, object]:
    """(key used, value) of a field: the first of its names holding a non-null value."""
    keys = FIELD_NAMES[name]
    for key in keys:
        if metadata.get(key) is not None:
            return key, metadata[key]
    return keys[0], None


def assemble_article(
    metadata: Mapping[str, object],
    text: object,
    source_file: str,
    source_line: int | None,
) -> Article | Quarantined:
    def quarantine(reason: str, detail: str) -> Quarantined:
        return Quarantined(source_file=source_file, source_line=source_line, reason=reason, detail=detail)

    used = [field_value(metadata, name) for name in FIELD_NAMES] + [("text", text)]
    for key, value in used:
        strings = value if isinstance(value, list) else [value]
        if any(isinstance(item, str) and not _is_valid_unicode(item) for item in strings):
            # JSON and YAML escapes can smuggle in lone surrogates ("\\ud800"), which no UTF-8 file can hold.
            return quarantine(reasons.NOT_UTF8, f"'{key}' holds an unpaired surrogate escape, which is not valid text")

    optional: dict[str, str | None] = {}
    for name in OPTIONAL_TEXT_FIELDS:
        key, value = field_value(metadata, name)
        if key in LIST_FIELDS and isinstance(value, list) and all(isinstance(item, str) for item in value):
            value = ", ".join(item.strip() for item in value if item.strip())
        if value is not None and not isinstance(value, str):
            return quarantine(reasons.WRONG_TYPE, f"'{key}' must be text, got {type(value).__name__} {_short(value)}")
        optional[name] = (value.strip() or None) if isinstance(value, str) else None

    if optional["language"] is not None and not judge_language(optional["language"], "").english:
        return quarantine(
            reasons.UNSUPPORTED_LANGUAGE,
            f"the metadata says the language is {optional['language']!r}; only English is tagged",
        )

    published_key, published_value = field_value(metadata, PUBLISHED_FIELD)
    if published_value is None or (isinstance(published_value, str) and not published_value.strip()):
        return quarantine(reasons.MISSING_PUBLISHED, "no 'published' date, so relative dates cannot be resolved")
    try:
        published_utc, published_local_date = parse_published(published_value)
    except ValueError as error:
        return quarantine(reasons.UNPARSEABLE_PUBLISHED, f"'{published_key}': {error}")

    if text is None:
        return quarantine(reasons.EMPTY_TEXT, "no article text")
    if not isinstance(text, str):
        return quarantine(reasons.WRONG_TYPE, f"the article text must be text, got {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        return quarantine(
            reasons.TEXT_TOO_LONG,
            f"the text has {len(text):,} characters, over the limit of {MAX_TEXT_CHARS:,} for one article",
        )
    if "\x00" in text:
        at = text.index("\x00")
        return quarantine(
            reasons.BINARY_TEXT,
            f"the text holds a NUL character (at {at:,}): binary data, or UTF-16 saved without a byte-order mark",
        )
    cleaned = strip_feed_footers(text)
    if not cleaned.strip():
        return quarantine(reasons.EMPTY_TEXT, "the article text is empty (or only a feed footer)")
    if len(cleaned) >= DENSITY_CHECK_MIN_CHARS:
        density = date_word_density(cleaned)
        if density > MAX_DATE_WORDS_PER_1000_CHARS:
            return quarantine(
                reasons.IMPLAUSIBLE_TEXT,
                f"{density:.0f} date words per 1,000 characters (news prose has under 25, the limit is "
                f"{MAX_DATE_WORDS_PER_1000_CHARS}): a listing or generated text, not an article",
            )

    if optional["language"] is None:
        verdict = judge_language(None, cleaned)
        if not verdict.english:
            return quarantine(
                reasons.UNSUPPORTED_LANGUAGE,
                f"no language in the metadata and the text reads as {verdict.language!r} "
                f"(probability {verdict.confidence:.2f}); only English is tagged",
            )

    return Article(
        article_id=article_id(cleaned),
        source_file=source_file,
        source_line=source_line,
        text=cleaned,
        published_utc=published_utc,
        published_local_date=published_local_date,
        **optional,
    )


def _short(value: object) -> str:
    return reprlib.repr(value)  # bounded, however large or nested the value


def _is_valid_unicode(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
