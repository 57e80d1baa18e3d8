"""HTML article pages (.html/.htm) -> metadata and main text, through trafilatura.

trafilatura separates the article from navigation, ads and footers and reads the page's metadata:
title, author, canonical url, site name and the publication date. The date comes from the page's own
markup only (meta tags, JSON-LD, <time>): the "extensive" search that guesses dates from the visible
text or the url is off, because a wrong publication date misdates every relative expression.
The page's language is its <html lang>.
"""
from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml import html as lxml_html

_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_PARSER = lxml_html.HTMLParser(no_network=True, remove_comments=True)


@dataclass(frozen=True, slots=True)
class HtmlPage:
    metadata: dict[str, str]  # title, byline, url, publisher, published, language: those the page gives
    text: str | None  # None when no main text could be told apart


def read_html_page(markup: str) -> HtmlPage:
    language = _document_language(markup)
    document = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params=_DATE_PARAMS,
    )
    metadata = {"language": language} if language else {}
    if document is None:
        return HtmlPage(metadata, None)
    fields = {
        "title": document.title,
        "byline": document.author,
        "url": document.url,
        "publisher": document.sitename,
        "published": document.date,
    }
    metadata |= {name: value for name, value in fields.items() if isinstance(value, str) and value.strip()}
    text = document.text if isinstance(document.text, str) and document.text.strip() else None
    return HtmlPage(metadata, text + "\n" if text and not text.endswith("\n") else text)


def _document_language(markup: str) -> str | None:
    try:
        root = lxml_html.document_fromstring(markup, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
    value = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    return value.strip() or None if value else None
