"""Quarantine reason codes: short, stable strings that reports and asset checks can group by.

Never rename a code once data has been written with it; add a new one instead.
"""
from __future__ import annotations

UNREADABLE_FILE = "unreadable_file"  # the operating system refused to read it
NOT_UTF8 = "not_utf8"  # bytes that are not UTF-8 (no guessing of other encodings)
UNSUPPORTED_FORMAT = "unsupported_format"  # an extension no reader handles
EMPTY_FILE = "empty_file"  # a .jsonl without a single non-blank line, or a feed without entries
ORPHAN_SIDECAR = "orphan_sidecar"  # a .meta.json without its .txt
BAD_SIDECAR = "bad_sidecar"  # the .meta.json is not a readable JSON object
BAD_FRONT_MATTER = "bad_front_matter"  # an unterminated or invalid YAML header
AMBIGUOUS_METADATA = "ambiguous_metadata"  # a .txt with both a sidecar and front matter
BAD_JSON = "bad_json"  # a .json file or .jsonl line that does not parse
NOT_AN_OBJECT = "not_an_object"  # valid JSON, but not an object ({...})
WRONG_TYPE = "wrong_type"  # a field holding a number, list, ... where text belongs
EMPTY_TEXT = "empty_text"  # no article text, or only whitespace and feed footers
MISSING_PUBLISHED = "missing_published"  # no publication date at all
UNPARSEABLE_PUBLISHED = "unparseable_published"  # a publication date that is not a full calendar date
DUPLICATE_ARTICLE = "duplicate_article"  # the same text already read from another input
FILE_TOO_LARGE = "file_too_large"  # a raw file over limits.MAX_FILE_BYTES, not read
TEXT_TOO_LONG = "text_too_long"  # one article's text over limits.MAX_TEXT_CHARS
BAD_FEED = "bad_feed"  # a .xml/.rss/.atom file that is not a readable RSS or Atom feed
UNSUPPORTED_LANGUAGE = "unsupported_language"  # not English (said by the metadata, or detected)
UNSAFE_LINK = "unsafe_link"  # a symbolic link to something outside raw/, or to a folder: not followed
BINARY_TEXT = "binary_text"  # text holding NUL characters: binary data, or UTF-16 without a byte-order mark
IMPLAUSIBLE_TEXT = "implausible_text"  # far denser in date words than any prose: a listing, a dump or an attack
FUTURE_PUBLISHED = "future_published"  # published later than the run's date plus one day (dateline.ingest.clock)

ALL_REASONS: tuple[str, ...] = (
    UNREADABLE_FILE,
    NOT_UTF8,
    UNSUPPORTED_FORMAT,
    EMPTY_FILE,
    ORPHAN_SIDECAR,
    BAD_SIDECAR,
    BAD_FRONT_MATTER,
    AMBIGUOUS_METADATA,
    BAD_JSON,
    NOT_AN_OBJECT,
    WRONG_TYPE,
    EMPTY_TEXT,
    MISSING_PUBLISHED,
    UNPARSEABLE_PUBLISHED,
    DUPLICATE_ARTICLE,
    FILE_TOO_LARGE,
    TEXT_TOO_LONG,
    BAD_FEED,
    UNSUPPORTED_LANGUAGE,
    UNSAFE_LINK,
    BINARY_TEXT,
    IMPLAUSIBLE_TEXT,
    FUTURE_PUBLISHED,
)
