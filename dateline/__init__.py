"""dateline: news articles to a timeline of when things happened.

The domain library. It never imports Dagster; the Dagster layer lives in `assets/` and `pipelines/`.
"""

__version__ = "0.1.0"
