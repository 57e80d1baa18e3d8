"""One reader per raw format. Each returns exactly one outcome (Article or Quarantined) per input unit.

Input units: a whole file, except .jsonl where every non-blank line is one unit (blank or
whitespace-only lines are not inputs and are skipped; a .jsonl with no other line is one unit,
quarantined as empty_file).

- .txt: the whole file is the article text; the metadata comes from a sidecar <name>.meta.json (a JSON
  object) or from YAML front matter (see front_matter.py), never both. Neither -> missing_published.
  A "text" key in the sidecar is ignored: the .txt is the text.
- .json: one article object; .jsonl: one article object per line.
  The text is under "text", or else "body", or else "content" (the first of these keys present).
- Text is UTF-8 (a leading byte-order mark is allowed); other encodings are quarantined as not_utf8
  rather than guessed.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from dateline.ingest import reasons
from dateline.ingest.assemble import assemble_article
from dateline.ingest.front_matter import FrontMatterError, has_front_matter, split_front_matter
from dateline.model import Article, Quarantined

Outcome = Article | Quarantined

SIDECAR_SUFFIX = ".meta.json"
TEXT_FIELDS: tuple[str, ...] = ("text", "body", "content")
_BOM = "\ufeff"


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
    """Whether the .txt this sidecar describes exists (news.meta.json -> news.txt or news.TXT)."""
    stem = sidecar.name[: -len(SIDECAR_SUFFIX)]
    candidates = (sidecar.with_name(stem + suffix) for suffix in (".txt", ".TXT"))
    # Only the exact name read_txt looks for counts, so a sidecar is never both unlisted and unread.
    return any(txt.is_file() and sidecar_for(txt) == sidecar for txt in candidates)


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
            obj = _load_object(_decode(raw_line), one_line=True)
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
            f"no reader for {path.suffix or 'files without an extension'!s}; supported: .txt (+ .meta.json), .json, .jsonl",
        )
    ]


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise _Rejected(reasons.UNREADABLE_FILE, f"{type(error).__name__}: {error.strerror or error}") from None


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Rejected(reasons.NOT_UTF8, f"not UTF-8: byte {data[error.start]:#04x} at offset {error.start}") from None
    return text.removeprefix(_BOM)


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
    try:
        return _load_object(_decode(_read_bytes(sidecar)))
    except _Rejected as rejected:
        raise _Rejected(reasons.BAD_SIDECAR, f"{sidecar.name}: {rejected.detail}") from None


def _text_of(obj: Mapping[str, object]) -> object:
    for name in TEXT_FIELDS:
        if name in obj:
            return obj[name]
    return None


def _json_kind(value: object) -> str:
    kinds = {list: "array", str: "string", bool: "boolean", int: "number", float: "number", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)
