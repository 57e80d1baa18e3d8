"""Publication dates from the future, judged against the run's clock (given by the caller, never read here).

An article published later than the run's date plus one day (FUTURE_TOLERANCE: a publisher east of the
run's zone may already be on tomorrow's date) is not an article yet: its date is wrong, or the clock of
whatever wrote it is. It becomes a `future_published` quarantine row rather than dating events in a
future no one has reported on. The file holding it is read again by the first run whose date makes the
publication date plausible (`recheck_from`), so nothing stays quarantined once its day has come.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from dateline.ingest import reasons
from dateline.model import Article, Quarantined

FUTURE_TOLERANCE = timedelta(days=1)


def latest_plausible(today: date) -> date:
    """The latest publication date a run on `today` accepts."""
    return today + FUTURE_TOLERANCE


def recheck_from(published: date) -> date:
    """The first run date on which an article published on `published` is no longer from the future."""
    return published - FUTURE_TOLERANCE


def split_future(articles: Sequence[Article], today: date) -> tuple[list[Article], list[Quarantined], date | None]:
    """(articles kept, future_published rows, the first run date on which any of those would be kept)."""
    latest = latest_plausible(today)
    kept: list[Article] = []
    future: list[Quarantined] = []
    recheck: date | None = None
    for article in articles:
        published = article.published_local_date
        if published <= latest:
            kept.append(article)
            continue
        again = recheck_from(published)
        recheck = again if recheck is None else min(recheck, again)
        future.append(Quarantined(
            source_file=article.source_file,
            source_line=article.source_line,
            reason=reasons.FUTURE_PUBLISHED,
            detail=(f"published {published.isoformat()}, later than the run's date {today.isoformat()} plus one "
                    f"day: the date (or the clock that wrote it) is wrong; the file is read again by the first "
                    f"run on or after {again.isoformat()}"),
        ))
    return kept, future, recheck
