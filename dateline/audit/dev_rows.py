"""The timeline rows of the dev documents, made as the pipeline makes an article's rows.

Each TimeML document of the dev corpora becomes an Article whose publication date is the document's
DCT; its rows come from dateline.engine.tagging.events_for_article, the function a pipeline tagging
step calls for every article (tag, then dateline.enrich.timeline_events, then the timeline rows).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from dateline.engine.tagging import events_for_article
from dateline.model import Article
from dateline.timeml import TimemlDocument, read_timeml

DEV_CORPORA = ("timebank", "aquaint")


@dataclass(frozen=True, slots=True)
class DevRow:
    """One timeline row and the dev document it was read from."""

    document: str  # "corpus/file.tml"
    published: date  # the document's DCT as a calendar date
    row: dict  # the timeline row, as the pipeline writes it


def dev_documents(shared: Path) -> list[tuple[str, Path]]:
    """(name "corpus/file.tml", path) of every dev document present, corpora in DEV_CORPORA order,
    files in name order within each."""
    documents = []
    for corpus in DEV_CORPORA:
        folder = shared / "corpora" / corpus / "input"
        if folder.is_dir():
            documents += [(f"{corpus}/{path.name}", path) for path in sorted(folder.glob("*.tml"))]
    return documents


def dev_rows(shared: Path) -> list[DevRow]:
    """Every timeline row of every dev document, in document order, then text order."""
    rows = []
    for name, path in dev_documents(shared):
        document = read_timeml(path)
        rows += [DevRow(name, document.published, row)
                 for row in events_for_article(article_of(name, document))]
    return rows


def article_of(name: str, document: TimemlDocument) -> Article:
    """The document as an accepted article published (at midnight UTC) on its DCT's date."""
    return Article(
        article_id=name,
        source_file=name,
        source_line=None,
        text=document.text,
        published_utc=datetime.combine(document.published, time(), UTC),
        published_local_date=document.published,
        title=document.title,
    )
