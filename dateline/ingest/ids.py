"""Article ids derived from the content, so re-runs and re-sent copies map to the same id."""
from __future__ import annotations

import hashlib

ID_PREFIX = "a"  # keeps ids valid identifiers and partition keys (never starting with a digit)
ID_HEX_DIGITS = 16  # 64 bits: collisions are negligible at newsroom scale


def article_id(text: str) -> str:
    """"a" + the first 16 hex digits of sha256 over the text with all whitespace runs collapsed.

    Collapsing whitespace makes the id survive re-wrapping, CRLF vs LF and trailing blank lines,
    while any change of wording gives a new id.
    """
    normalised = " ".join(text.split())
    digest = hashlib.sha256(normalised.encode("utf-8")).hexdigest()
    return ID_PREFIX + digest[:ID_HEX_DIGITS]
