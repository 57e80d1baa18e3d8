"""Runs the example corpus (dateline/examples/*.yaml): every case is a test."""
from __future__ import annotations

from datetime import date
from importlib import resources

import pytest
import yaml

from dateline.tagger import tag

CHECKED_FIELDS = ("type", "value", "mod", "quant", "earliest", "latest", "granularity", "anchor", "direction_source", "rule")


def _cases():
    folder = resources.files("dateline").joinpath("examples")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        for index, case in enumerate(yaml.safe_load(entry.read_text("utf-8"))):
            yield pytest.param(case, id=f"{entry.name}:{index}:{case['text'][:40]}")


def _as_text(value):
    return value.isoformat() if isinstance(value, date) else (None if value is None else str(value))


@pytest.mark.parametrize("case", list(_cases()))
def test_example(case):
    found = tag(case["text"], case["published"])
    assert [e.text for e in found] == [x["text"] for x in case["expect"]], "spans found differ from the expected ones"
    for expression, expected in zip(found, case["expect"]):
        for name in CHECKED_FIELDS:
            if name in expected:
                assert _as_text(getattr(expression, name)) == _as_text(expected[name]), (
                    f"{expected['text']!r}: {name} is {getattr(expression, name)!r}, expected {expected[name]!r} "
                    f"(rule {expression.rule})")


def test_corpus_is_not_empty_and_has_negatives():
    cases = [p.values[0] for p in _cases()]
    assert len(cases) >= 40
    assert sum(1 for c in cases if not c["expect"]) >= 6


def test_publication_date_is_required():
    with pytest.raises(TypeError):
        tag("said Tuesday", "2025-06-17")
