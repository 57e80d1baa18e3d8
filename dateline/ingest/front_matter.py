"""YAML front matter: a metadata header at the very top of a .txt article.

    ---
    title: ...
    published: June 17, 2025 11:40 PM EDT
    ---
    Article text ...

The header opens with a line "---" as the first line and closes with the next line that is "---" or
"..."; the article text is everything after the closing line, byte for byte. Every value is read as
plain text (YAML's BaseLoader), so "published: 2025-06-17" stays the string written and "language: no"
stays "no" rather than becoming a boolean.
"""
from __future__ import annotations

from dataclasses import dataclass

import yaml

_OPENING = "---"
_CLOSINGS = ("---", "...")


class FrontMatterError(ValueError):
    """A header that opens but is unterminated, is not valid YAML, or is not a mapping."""


@dataclass(frozen=True, slots=True)
class FrontMatter:
    fields: dict[str, object]
    body: str


def has_front_matter(text: str) -> bool:
    first_line = text.split("\n", 1)[0]
    return first_line.rstrip() == _OPENING


def split_front_matter(text: str) -> FrontMatter:
    """The header's fields and the text after it; FrontMatterError if the header is broken."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != _OPENING:
        raise FrontMatterError("the text does not start with a '---' line")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _CLOSINGS:
            header = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            return FrontMatter(fields=_load_mapping(header), body=body)
    raise FrontMatterError("the front matter opened with '---' is never closed by a '---' or '...' line")


def _load_mapping(header: str) -> dict[str, object]:
    try:
        loaded = yaml.load(header, Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        raise FrontMatterError(f"front matter is not valid YAML: {_one_line(error)}") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise FrontMatterError(f"front matter must be key: value lines, got a YAML {type(loaded).__name__}")
    return {str(key): value for key, value in loaded.items()}


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())
