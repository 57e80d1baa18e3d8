"""The temporal tagger: find the expressions in a text, then resolve them against the publication date."""
from __future__ import annotations

from datetime import date

from .find import find_mentions
from .model import TemporalExpression
from .narrative import is_narrative
from .part_of_period import narrowed
from .resolve import Resolver


def tag(text: str, published: date) -> list[TemporalExpression]:
    """Every temporal expression in `text`, resolved against `published` (the publisher's local date).

    The publication date is required: nothing here reads the clock.
    """
    if not isinstance(published, date):
        raise TypeError(f"published must be a datetime.date, not {type(published).__name__}")
    mentions = find_mentions(text)
    resolver = Resolver(text, published, narrative=is_narrative(mentions, published))
    expressions = []
    for mention in mentions:
        resolved = resolver.resolve(mention)
        if resolved is not None:
            expressions.append(narrowed(resolved))  # "late November": the month's last third
    return expressions
