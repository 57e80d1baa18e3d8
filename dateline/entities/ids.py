"""One id per entity across articles, computed from one article alone: a hash of its kind and its
normalised canonical name.

Normalising folds what differs between writings of one name and nothing else: case, accents,
punctuation, a leading "the", "&" (or "amp", an "&amp;" that lost its marks) against "and", and for organisations and products their legal
suffix (cleanco: "Acme Corp.", "Acme Corporation", "ACME" -> "acme"); for people the middle initials
("Sergei K. Shoigu" -> "sergei shoigu"). An acronym is not expanded without its long form in the same
article, so "IBM" alone and "International Business Machines" are two ids: guessing would merge
unrelated firms.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from cleanco import basename

ENTITY_KINDS = ("person", "organization", "place", "product")
_PREFIX = {"person": "per", "organization": "org", "place": "plc", "product": "prd"}
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_INITIAL = re.compile(r"^[a-z]$")


@lru_cache(maxsize=65_536)
def normalized_name(name: str, kind: str) -> str:
    """The name as compared across articles (see the module's docstring)."""
    if kind in ("organization", "product"):
        name = basename(name) or name
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c)).replace("&", " and ")
    words = _NOT_ALNUM.sub(" ", folded.replace("'s ", " ").replace("’s ", " ")).split()
    words = [w if w != "amp" or i in (0, len(words) - 1) else "and" for i, w in enumerate(words)]  # lost "&"
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    if kind == "person" and len(words) > 2:
        words = [words[0]] + [w for w in words[1:-1] if not _INITIAL.match(w)] + [words[-1]]
    if kind == "organization" and len(words) > 1 and "".join(words) == name.replace(".", "").lower():
        words = ["".join(words)]  # "A.C.M.E." and "ACME"
    return " ".join(words)


def entity_id(kind: str, canonical_name: str) -> str:
    """A stable id: the same kind and normalised name give the same id in any article, any run."""
    key = f"{kind}\n{normalized_name(canonical_name, kind)}"
    return f"{_PREFIX[kind]}_{hashlib.sha1(key.encode()).hexdigest()[:16]}"
