"""Every rule has an example: each finder rule fires on an example text, each check of the finder's filter
changes what is found in one (a negative it drops), each resolver resolves an example's mention. A rule
with no example is either dead (remove it) or undocumented (add an invented example to dateline/examples/)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from dateline import find, find_checks
from dateline import offsets_from_days
from dateline.find_rules import RULE_TABLE
from dateline.resolve import RESOLVERS


@lru_cache(maxsize=1)
def _example_texts() -> tuple[str, ...]:
    texts = []
    for entry in sorted(resources.files("dateline").joinpath("examples").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            texts += [case["text"] for case in yaml.safe_load(entry.read_text("utf-8"))]
    return tuple(texts)


def _found(texts) -> list[list[tuple]]:
    return [[(m.start, m.end, m.rule, m.kind) for m in find.find_mentions(text)] for text in texts]


def test_every_finder_rule_fires_on_an_example():
    fired = {m[2].split("+")[0] for mentions in _found(_example_texts()) for m in mentions}
    assert sorted({rule.name for rule in find.rules()} - fired) == []


def test_the_checks_name_rules_that_exist():
    names = {rule.name for rule in find.rules()}
    for applied in find_checks.CHECKS:
        assert (applied.rules or set()) | applied.skip <= names, applied.check.__name__


def test_every_check_drops_a_reading_of_an_example(monkeypatch):
    texts = _example_texts()
    with_all = _found(texts)
    idle = []
    for applied in find_checks.CHECKS:
        monkeypatch.setattr(find_checks, "CHECKS", tuple(a for a in find_checks.CHECKS if a is not applied))
        find_checks.checks_for.cache_clear()
        if _found(texts) == with_all:
            idle.append(applied.check.__name__)
        monkeypatch.undo()
    find_checks.checks_for.cache_clear()
    assert idle == []


def test_every_kind_has_its_resolver_and_every_resolver_an_example():
    kinds = {kind for _, kind, _, _ in RULE_TABLE} | {offsets_from_days.KIND}  # and the kind of a joined count
    assert kinds == set(RESOLVERS), "a kind without a resolver, or a resolver no rule gives mentions to"
    resolved = set()
    for mentions in _found(_example_texts()):
        resolved |= {kind for *_, kind in mentions}
    assert sorted(set(RESOLVERS) - resolved) == []

