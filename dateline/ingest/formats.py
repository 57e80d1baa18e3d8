"""One reader per raw format. Each returns exactly one outcome (Article or Quarantined) per input unit.

Input units: a whole file, except .jsonl where every non-blank line is one unit (blank or
whitespace-only lines are not inputs and are skipped; a .jsonl with no other line is one unit,
quarantined as empty_file) and feeds, where every entry is one unit (see feeds.py).

- .txt: the whole file is the article text; the metadata comes from a sidecar <name>.meta.json (a JSON
  object) or from YAML front matter (see front_matter.py), never both. Neither -> missing_published.
  A "text" key in the sidecar is ignored: the .txt is the text.
- .html/.htm: an article page (see html_page.py); the page's own metadata wins, a sidecar
  <name>.meta.json fills in what the page lacks (typically `published`).
- .xml/.rss/.atom: an RSS or Atom feed, one article per entry (see feeds.py).
- .json: one article object; .jsonl: one article object per line (news-crawler output included).
  The text is under "text", "body", "content" or "maintext" (the first of these holding a value).
- Text is UTF-8; a leading byte-order mark is allowed, and one marking UTF-16 decodes the file as
  UTF-16 (except in .jsonl, which is read line by line). Other encodings are quarantined as not_utf8
  rather than guessed; an HTML page may declare its charset in a <meta> tag.
- A file over limits.MAX_FILE_BYTES is not read (file_too_large).
"""
from __future__ import annotations

import codecs
import json
import re
from collections.abc import Mapping
from pathlib import Path

from dateline.ingest import reasons
from dateline.ingest.assemble import assemble_article
from dateline.ingest.feeds import parse_feed
from dateline.ingest.front_matter import FrontMatterError, has_front_matter, split_front_matter
from dateline.ingest.html_page import read_html_page
from dateline.ingest.limits import MAX_FILE_BYTES
from dateline.model import Article, Quarantined

Outcome = Article | Quarantined

SIDECAR_SUFFIX = ".meta.json"
TEXT_FIELDS: tuple[str, ...] = ("text", "body", "content", "maintext")
SIDECAR_OWNER_SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm")  # formats a sidecar can describe
_BOM = "\ufeff"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)


class _Rejected(Exception):
    """Internal: carries a quarantine reason out of a helper."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def sidecar_for(txt_path: Path) -> Path:
    """news.txt -> news.meta.json, beside it."""
    return txt_path.with_name(txt_path.stem + SIDECAR_SUFFIX)


def is_sidecar_name(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def has_article_beside(sidecar: Path) -> bool:
    """Whether the article this sidecar describes exists (news.meta.json -> news.txt, news.HTML, ...)."""
    stem = sidecar.name[: -len(SIDECAR_SUFFIX)]
    suffixes = [case(suffix) for suffix in SIDECAR_OWNER_SUFFIXES for case in (str.lower, str.upper)]
    candidates = (sidecar.with_name(stem + suffix) for suffix in suffixes)
    # Only the exact name the reader looks for counts, so a sidecar is never both unlisted and unread.
    return any(owner.is_file() and sidecar_for(owner) == sidecar for owner in candidates)


def takes_sidecar(path: Path) -> bool:
    return path.suffix.lower() in SIDECAR_OWNER_SUFFIXES


def read_txt(path: Path, source_file: str) -> list[Outcome]:
    try:
        text = _decode(_read_bytes(path))
        sidecar = sidecar_for(path)
        if sidecar.is_file():
            if has_front_matter(text):
                raise _Rejected(
                    reasons.AMBIGUOUS_METADATA,
                    f"has both front matter and the sidecar {sidecar.name}; keep one of them",
                )
            metadata = _read_sidecar(sidecar)
            return [assemble_article(metadata, text, source_file, None)]
        if has_front_matter(text):
            try:
                front = split_front_matter(text)
            except FrontMatterError as error:
                raise _Rejected(reasons.BAD_FRONT_MATTER, str(error)) from None
            return [assemble_article(front.fields, front.body, source_file, None)]
        raise _Rejected(
            reasons.MISSING_PUBLISHED,
            f"a .txt needs a sidecar {sidecar.name} or YAML front matter giving its publication date",
        )
    except _Rejected as rejected:
        return [Quarantined(source_file, None, rejected.reason, rejected.detail)]


def read_html(path: Path, source_file: str) -> list[Outcome]:
    try:
        page = read_html_page(_decode_html(_read_bytes(path)))
        sidecar = sidecar_for(path)
        metadata = {**_read_sidecar(sidecar), **page.metadata} if sidecar.is_file() else page.metadata
    except _Rejected as rejected:
        return [Quarantined(source_file, None, rejected.reason, rejected.detail)]
    if page.text is None:
        return [Quarantined(source_file, None, reasons.EMPTY_TEXT, "no article text could be extracted from the page")]
    return [assemble_article(metadata, page.text, source_file, None)]


def read_feed(path: Path, source_file: str) -> list[Outcome]:
    try:
        feed = parse_feed(_read_bytes(path))
    except _Rejected as rejected:
        return [Quarantined(source_file, None, rejected.reason, rejected.detail)]
    if feed.rejection:
        return [Quarantined(source_file, None, *feed.rejection)]
    return [
        assemble_article(entry.metadata, entry.text, source_file, index)
        for index, entry in enumerate(feed.entries, start=1)
    ]


def read_json(path: Path, source_file: str) -> list[Outcome]:
    try:
        obj = _load_object(_decode(_read_bytes(path)))
    except _Rejected as rejected:
        return [Quarantined(source_file, None, rejected.reason, rejected.detail)]
    return [assemble_article(obj, _text_of(obj), source_file, None)]


def read_jsonl(path: Path, source_file: str) -> list[Outcome]:
    try:
        data = _read_bytes(path)
    except _Rejected as rejected:
        return [Quarantined(source_file, None, rejected.reason, rejected.detail)]
    outcomes: list[Outcome] = []
    for line_number, raw_line in enumerate(data.split(b"\n"), start=1):
        if not raw_line.strip():
            continue  # blank lines are layout, not inputs
        try:
            obj = _load_object(_decode(raw_line, allow_utf16=False), one_line=True)
        except _Rejected as rejected:
            outcomes.append(Quarantined(source_file, line_number, rejected.reason, rejected.detail))
            continue
        outcomes.append(assemble_article(obj, _text_of(obj), source_file, line_number))
    if not outcomes:
        return [Quarantined(source_file, None, reasons.EMPTY_FILE, "the .jsonl file has no non-blank line")]
    return outcomes


def read_orphan_sidecar(path: Path, source_file: str) -> list[Outcome]:
    expected = path.name[: -len(SIDECAR_SUFFIX)] + ".txt"
    return [Quarantined(source_file, None, reasons.ORPHAN_SIDECAR, f"metadata without its article text {expected}")]


def read_unsupported(path: Path, source_file: str) -> list[Outcome]:
    return [
        Quarantined(
            source_file,
            None,
            reasons.UNSUPPORTED_FORMAT,
            f"no reader for {path.suffix or 'files without an extension'!s}; supported: .txt, .html/.htm "
            "(either + .meta.json), .json, .jsonl, .xml/.rss/.atom feeds",
        )
    ]


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Rejected(
                reasons.FILE_TOO_LARGE,
                f"{size:,} bytes, over the limit of {MAX_FILE_BYTES:,}; split it into smaller files",
            )
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)  # bounded even if the file grows while being read
    except OSError as error:
        raise _Rejected(reasons.UNREADABLE_FILE, f"{type(error).__name__}: {error.strerror or error}") from None


def _decode(data: bytes, *, allow_utf16: bool = True) -> str:
    if allow_utf16 and data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16").removeprefix(_BOM)
        except UnicodeDecodeError as error:
            raise _Rejected(reasons.NOT_UTF8, f"starts with a UTF-16 byte-order mark but is not UTF-16: {error.reason}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Rejected(reasons.NOT_UTF8, f"not UTF-8: byte {data[error.start]:#04x} at offset {error.start}") from None
    return text.removeprefix(_BOM)


def _decode_html(data: bytes) -> str:
    """UTF-8 (or UTF-16 by its byte-order mark), else the charset the page declares in a <meta> tag."""
    try:
        return _decode(data)
    except _Rejected:
        declared = _DECLARED_CHARSET.search(data[:4096])
        if declared is None:
            raise
        name = declared.group(1).decode("ascii", "replace")
        try:
            return data.decode(codecs.lookup(name).name)
        except (LookupError, UnicodeError, ValueError):  # unknown, or not a text codec
            raise _Rejected(reasons.NOT_UTF8, f"not UTF-8, and not the charset {name!r} the page declares") from None


def _load_object(text: str, *, one_line: bool = False) -> Mapping[str, object]:
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"column {error.colno}" if one_line else f"line {error.lineno} column {error.colno}"
        raise _Rejected(reasons.BAD_JSON, f"invalid JSON: {error.msg} at {where}") from None
    except RecursionError:
        raise _Rejected(reasons.BAD_JSON, "invalid JSON: nested too deeply to read") from None
    if not isinstance(loaded, dict):
        raise _Rejected(reasons.NOT_AN_OBJECT, f"expected a JSON object {{...}}, got a JSON {_json_kind(loaded)}")
    return loaded


def _read_sidecar(sidecar: Path) -> Mapping[str, object]:
    if sidecar.is_symlink():  # it could name any file on the machine; raw/ holds its own metadata
        raise _Rejected(reasons.BAD_SIDECAR, f"{sidecar.name}: a sidecar must be a regular file, not a symbolic link")
    try:
        return _load_object(_decode(_read_bytes(sidecar)))
    except _Rejected as rejected:
        raise _Rejected(reasons.BAD_SIDECAR, f"{sidecar.name}: {rejected.detail}") from None


def _text_of(obj: Mapping[str, object]) -> object:
    for name in TEXT_FIELDS:
        if obj.get(name) is not None:
            return obj[name]
    return None


def _json_kind(value: object) -> str:
    kinds = {list: "array", str: "string", bool: "boolean", int: "number", float: "number", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)
