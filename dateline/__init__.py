"""dateline: news articles to a timeline of when things happened.

The domain library. It never imports Dagster; the Dagster layer lives in `assets/` and `pipelines/`.

For analysts, two entry points (imported when first used, so that `import dateline` stays light):

    dateline.tag(text, published="2025-06-17")     # the text's temporal expressions, resolved
    dateline.read_timeline(who="Acme", between=("2025-01-01", "2025-06-30"))   # a pandas DataFrame
"""

__version__ = "0.1.0"
__all__ = ["read_timeline", "tag"]


def tag(text: str, published: object):
    """The temporal expressions of `text`, resolved against its publication date (an ISO string, a
    date, a datetime or a pandas Timestamp), in text order."""
    from dateline.tagger import tag as tag_text
    from dateline.timeline_query import as_day

    return tag_text(text, as_day(published))


def __getattr__(name: str):
    if name == "read_timeline":
        from dateline.timeline_query import read_timeline

        return read_timeline
    raise AttributeError(f"module 'dateline' has no attribute {name!r}")
