"""One input's metadata and text -> an Article, or a Quarantined row saying what is wrong with it.

Shared by every format, so the same rules hold whether the metadata came from a sidecar, front matter
or a JSON object:
- `published` is required (missing, null or blank -> missing_published; anything parse_published refuses,
  including numbers -> unparseable_published).
- title, url, publisher, byline, language are optional text: null or blank counts as missing, any other
  non-text value (12345, a list) -> wrong_type rather than a guessed conversion. Values are stripped.
- the text must be a string (else wrong_type) and hold something besides whitespace once the feed
  footers are removed (else empty_text). It is otherwise kept exactly as given.
- keys not listed here (e.g. a "note") are ignored.
- a string holding an unpaired surrogate (possible through JSON/YAML escapes) -> not_utf8.
"""
from __future__ import annotations

from collections.abc import Mapping

from dateline.ingest import reasons
from dateline.ingest.boilerplate import strip_feed_footers
from dateline.ingest.ids import article_id
from dateline.ingest.published import parse_published
from dateline.model import Article, Quarantined

OPTIONAL_TEXT_FIELDS: tuple[str, ...] = ("title", "url", "publisher", "byline", "language")
PUBLISHED_FIELD = "published"


def assemble_article(
    metadata: Mapping[str, object],
    text: object,
    source_file: str,
    source_line: int | None,
) -> Article | Quarantined:
    def quarantine(reason: str, detail: str) -> Quarantined:
        return Quarantined(source_file=source_file, source_line=source_line, reason=reason, detail=detail)

    used = [(name, metadata.get(name)) for name in (*OPTIONAL_TEXT_FIELDS, PUBLISHED_FIELD)] + [("text", text)]
    for name, value in used:
        if isinstance(value, str) and not _is_valid_unicode(value):
            # JSON and YAML escapes can smuggle in lone surrogates ("\\ud800"), which no UTF-8 file can hold.
            return quarantine(reasons.NOT_UTF8, f"'{name}' holds an unpaired surrogate escape, which is not valid text")

    optional: dict[str, str | None] = {}
    for name in OPTIONAL_TEXT_FIELDS:
        value = metadata.get(name)
        if value is not None and not isinstance(value, str):
            return quarantine(reasons.WRONG_TYPE, f"'{name}' must be text, got {type(value).__name__} {value!r}")
        optional[name] = (value.strip() or None) if isinstance(value, str) else None

    published_value = metadata.get(PUBLISHED_FIELD)
    if published_value is None or (isinstance(published_value, str) and not published_value.strip()):
        return quarantine(reasons.MISSING_PUBLISHED, "no 'published' date, so relative dates cannot be resolved")
    try:
        published_utc, published_local_date = parse_published(published_value)
    except ValueError as error:
        return quarantine(reasons.UNPARSEABLE_PUBLISHED, str(error))

    if text is None:
        return quarantine(reasons.EMPTY_TEXT, "no article text")
    if not isinstance(text, str):
        return quarantine(reasons.WRONG_TYPE, f"the article text must be text, got {type(text).__name__}")
    cleaned = strip_feed_footers(text)
    if not cleaned.strip():
        return quarantine(reasons.EMPTY_TEXT, "the article text is empty (or only a feed footer)")

    return Article(
        article_id=article_id(cleaned),
        source_file=source_file,
        source_line=source_line,
        text=cleaned,
        published_utc=published_utc,
        published_local_date=published_local_date,
        **optional,
    )


def _is_valid_unicode(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
