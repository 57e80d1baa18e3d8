"""Duplicate articles: the same text arriving twice (re-sent by a feed, saved under another name)."""
from __future__ import annotations

from collections.abc import Iterable

from dateline.ingest import reasons
from dateline.model import Article, Quarantined


def describe_source(source_file: str, source_line: int | None) -> str:
    return source_file if source_line is None else f"{source_file} line {source_line}"


def deduplicate_articles(articles: Iterable[Article]) -> tuple[list[Article], list[Quarantined]]:
    """Keep the first article per article_id (in the order given); later copies become duplicate_article rows."""
    kept: dict[str, Article] = {}
    duplicates: list[Quarantined] = []
    for article in articles:
        first = kept.get(article.article_id)
        if first is None:
            kept[article.article_id] = article
            continue
        duplicates.append(
            Quarantined(
                source_file=article.source_file,
                source_line=article.source_line,
                reason=reasons.DUPLICATE_ARTICLE,
                detail=(
                    f"same text as {describe_source(first.source_file, first.source_line)}, "
                    f"which is kept (article_id {article.article_id})"
                ),
            )
        )
    return list(kept.values()), duplicates
