"""The news as it arrives: HTML article pages, RSS/Atom feeds, news-crawler JSON lines, other languages.

Every file here is written by the test itself into a temporary raw folder and read by the real readers
(trafilatura, feedparser, py3langid); folder-level tests go through dateline.engine (ingesting, accounting).
"""
from __future__ import annotations

import html
import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from dateline.engine.accounting import account
from dateline.engine.ingesting import sync_articles
from dateline.ingest import read_raw_folder, read_raw_input, reasons
from dateline.ingest.ids import article_id
from dateline.ingest.language import is_english_tag, judge_language
from dateline.model import Article, Quarantined
from tests.clock import TODAY

PARAGRAPHS = [
    "The council voted on Tuesday to extend the pilot program, officials said after a long meeting.",
    "It runs until last year's levels return, the mayor said, adding that the budget would be reviewed next month.",
]
FRENCH = (
    "Le conseil municipal a voté mardi la prolongation du programme pilote, ont indiqué les responsables "
    "après une longue réunion. Le maire a ajouté que le budget serait réexaminé le mois prochain."
)
GERMAN = (
    "Der Stadtrat hat am Dienstag nach langer Debatte beschlossen, das Pilotprogramm zu verlängern. "
    "Der Bürgermeister sagte, der Haushalt werde im nächsten Monat überprüft."
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def read(raw: Path, name: str) -> tuple[list[Article], list[Quarantined], list]:
    return read_raw_input(raw / name, raw)


def article_page(*, head: str = "", lang: str = "en", body_extra: str = "", paragraphs=PARAGRAPHS) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Council | Herald</title>{head}'
        '<script>var published = "March 3, 1999"; document.write("Tuesday");</script>'
        "<style>p { color: red } /* last year */</style></head><body>"
        '<nav><a href="/">Home</a> | <a href="/world">World</a></nav>'
        f"<article><h1>Council extends pilot</h1>{body}{body_extra}</article>"
        "<footer>Copyright 2024 Herald Media. All rights reserved.</footer></body></html>"
    )


PAGE_HEAD = (
    '<meta property="og:title" content="Council extends pilot">'
    '<meta name="author" content="Jane Roe">'
    '<meta property="article:published_time" content="2024-09-10T21:05:00-04:00">'
    '<link rel="canonical" href="https://herald.example/news/council-pilot">'
)


# --- HTML pages ------------------------------------------------------------------------------------


def test_html_page_gives_main_text_title_author_date_and_canonical_url(tmp_path: Path) -> None:
    write(tmp_path, "council.html", article_page(head=PAGE_HEAD))
    [article], quarantined, units = read(tmp_path, "council.html")
    assert quarantined == [] and units == [("council.html", None)]
    assert (article.title, article.byline, article.url) == (
        "Council extends pilot", "Jane Roe", "https://herald.example/news/council-pilot"
    )
    assert article.published_local_date == date(2024, 9, 10) and article.language == "en"
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    # Navigation, footer, script and style are not article text.
    for noise in ("Home", "Copyright", "March 3, 1999", "document.write", "color: red"):
        assert noise not in article.text


def test_html_page_date_wins_over_the_sidecar_which_fills_what_the_page_lacks(tmp_path: Path) -> None:
    sidecar = {"published": "2020-01-01", "publisher": "Herald Wire", "title": "Sidecar title"}
    write(tmp_path, "dated.html", article_page(head=PAGE_HEAD))
    write(tmp_path, "dated.meta.json", json.dumps(sidecar))
    write(tmp_path, "undated.html", article_page(paragraphs=[p.replace("council", "board") for p in PARAGRAPHS]))
    write(tmp_path, "undated.meta.json", json.dumps(sidecar))
    result = read_raw_folder(tmp_path)
    by_file = {a.source_file: a for a in result.articles}
    assert by_file["dated.html"].published_local_date == date(2024, 9, 10)  # the page's own date
    assert by_file["dated.html"].title == "Council extends pilot"
    assert by_file["undated.html"].published_local_date == date(2020, 1, 1)  # the sidecar's
    assert by_file["undated.html"].publisher == "Herald Wire"
    assert result.quarantined == [] and result.inputs == [("dated.html", None), ("undated.html", None)]


def test_html_page_without_any_date_or_text_is_quarantined(tmp_path: Path) -> None:
    write(tmp_path, "undated.html", article_page())
    write(tmp_path, "shell.html", "<html><head><title>Loading…</title></head><body><script>app()</script></body></html>")
    assert read(tmp_path, "undated.html")[1][0].reason == reasons.MISSING_PUBLISHED
    assert read(tmp_path, "shell.html")[1][0].reason in {reasons.EMPTY_TEXT, reasons.MISSING_PUBLISHED}


def test_html_page_in_its_declared_charset_is_decoded(tmp_path: Path) -> None:
    page = article_page(head=PAGE_HEAD, paragraphs=[p + " Café society agreed." for p in PARAGRAPHS])
    write(tmp_path, "latin.html", page.replace('charset="utf-8"', 'charset="iso-8859-1"').encode("latin-1"))
    [article], _, _ = read(tmp_path, "latin.html")
    assert "Café society agreed." in article.text


def test_html_page_in_another_language_is_quarantined(tmp_path: Path) -> None:
    write(tmp_path, "de.html", article_page(head=PAGE_HEAD, lang="de", paragraphs=[GERMAN]))
    [row] = read(tmp_path, "de.html")[1]
    assert row.reason == reasons.UNSUPPORTED_LANGUAGE and "'de'" in row.detail


# --- feeds -----------------------------------------------------------------------------------------


def rss(items: list[str], *, channel_language: str = "en-us") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Riverside Gazette</title>'
        f"<link>https://gazette.example/</link><language>{channel_language}</language>{''.join(items)}</channel></rss>"
    )


def rss_item(title: str, published: str | None, *, summary: str = "", content: str = "", link: str = "") -> str:
    parts = [f"<title>{html.escape(title)}</title>", f"<link>{link}</link>" if link else ""]
    parts.append(f"<pubDate>{published}</pubDate>" if published else "")
    parts.append("<dc:creator>Sam Adeyemi</dc:creator>")
    parts.append(f"<description>{html.escape(summary)}</description>" if summary else "")
    parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else "")
    return "<item>" + "".join(parts) + "</item>"


def paragraphs_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def test_rss_entries_become_articles_numbered_by_entry(tmp_path: Path) -> None:
    footer = "The post Council Extends Pilot appeared first on Riverside Gazette."
    items = [
        rss_item(
            "Council <em>extends</em> pilot",
            "Tue, 10 Sep 2024 21:05:00 -0400",
            summary="A short teaser.",
            content=paragraphs_html([*PARAGRAPHS, footer]),
            link="https://gazette.example/council",
        ),
        rss_item("Teaser only", "Wed, 11 Sep 2024 08:00:00 +0000", summary="<p>The ferry resumed service on Monday.</p>"),
        rss_item("No date", None, summary="The bridge closed on Friday."),
        rss_item("Sometime", "sometime soon", summary="The tunnel opened on Sunday."),
    ]
    write(tmp_path, "gazette.rss", rss(items))
    articles, quarantined, units = read(tmp_path, "gazette.rss")
    assert units == [("gazette.rss", n) for n in (1, 2, 3, 4)]
    first, second = articles
    assert (first.source_line, second.source_line) == (1, 2)
    assert first.text == "\n".join(PARAGRAPHS) + "\n"  # the full content, feed footer gone
    assert first.title == "Council extends pilot" and first.byline == "Sam Adeyemi"
    assert (first.publisher, first.url, first.language) == ("Riverside Gazette", "https://gazette.example/council", "en-us")
    assert first.published_local_date == date(2024, 9, 10)
    assert first.published_utc == datetime(2024, 9, 11, 1, 5, tzinfo=timezone.utc)
    assert second.text == "The ferry resumed service on Monday.\n"  # the summary, HTML turned into text
    assert [(q.source_line, q.reason) for q in quarantined] == [
        (3, reasons.MISSING_PUBLISHED),
        (4, reasons.UNPARSEABLE_PUBLISHED),
    ]


def test_atom_entries_take_their_own_language_over_the_feeds(tmp_path: Path) -> None:
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Valley Courier</title><id>urn:x</id>
<updated>2024-01-02T10:00:00Z</updated>
<entry><title type="html">Pilot &lt;b&gt;extended&lt;/b&gt;</title><id>urn:1</id><link href="https://courier.example/1"/>
<author><name>Jane Roe</name></author><updated>2024-01-02T10:00:00+01:00</updated>
<content type="html">{html.escape(paragraphs_html(PARAGRAPHS))}</content><summary>Teaser.</summary></entry>
<entry xml:lang="de"><title>Pilotprogramm</title><id>urn:2</id><updated>2024-01-03T10:00:00+01:00</updated>
<content type="text">{GERMAN}</content></entry>
</feed>"""
    write(tmp_path, "courier.atom", atom)
    [article], [row], units = read(tmp_path, "courier.atom")
    assert units == [("courier.atom", 1), ("courier.atom", 2)]
    assert (article.title, article.byline, article.url) == ("Pilot extended", "Jane Roe", "https://courier.example/1")
    assert article.text == "\n".join(PARAGRAPHS) + "\n" and article.published_local_date == date(2024, 1, 2)
    assert (row.source_line, row.reason) == (2, reasons.UNSUPPORTED_LANGUAGE) and "'de'" in row.detail


def test_seed_article_as_a_feed_entry_reads_like_the_seed_file(tmp_path: Path, seed_dir: Path) -> None:
    """The seed is a real feed entry (footer included): as RSS it must give the same article."""
    name = "north-korea-workers-kursk"
    text = (seed_dir / f"{name}.txt").read_text(encoding="utf-8")
    meta = json.loads((seed_dir / f"{name}.meta.json").read_text(encoding="utf-8"))
    item = rss_item(meta["title"], meta["published"], summary="Teaser", content=paragraphs_html(text.splitlines()))
    write(tmp_path, "feed.xml", rss([item]))
    [from_feed], [], _ = read(tmp_path, "feed.xml")
    seed = read_raw_input(seed_dir / f"{name}.txt", seed_dir)[0][0]
    assert from_feed.article_id == seed.article_id == article_id(seed.text)  # same words, footer removed
    assert "appeared first on" not in from_feed.text
    assert from_feed.published_local_date == seed.published_local_date == date(2025, 6, 17)


def test_broken_empty_and_foreign_xml_files_are_one_quarantine_row_each(tmp_path: Path) -> None:
    write(tmp_path, "cut.xml", rss([rss_item("x", "Tue, 10 Sep 2024 21:05:00 -0400", summary="y")])[:120])
    write(tmp_path, "empty-channel.rss", rss([]))
    write(tmp_path, "note.xml", "<note><to>Tove</to></note>")
    write(tmp_path, "url.rss", "http://127.0.0.1:9/feed")  # never fetched: bytes go to feedparser as a stream
    write(tmp_path, "empty.atom", "")
    reasons_by_file = {q.source_file: q.reason for q in read_raw_folder(tmp_path).quarantined}
    assert reasons_by_file == {
        "cut.xml": reasons.BAD_FEED,
        "empty-channel.rss": reasons.EMPTY_FILE,
        "note.xml": reasons.BAD_FEED,
        "url.rss": reasons.BAD_FEED,
        "empty.atom": reasons.BAD_FEED,
    }


# --- news-crawler JSON lines -----------------------------------------------------------------------


def test_news_crawler_jsonl_fields(tmp_path: Path) -> None:
    crawler = {
        "authors": ["Jane Roe", "Sam Adeyemi"], "date_download": "2024-09-11 08:00:00",
        "date_publish": "2024-09-10 21:05:00", "description": "Teaser", "language": "en",
        "source_domain": "herald.example", "title": "Council extends pilot", "maintext": " ".join(PARAGRAPHS),
        "url": "https://herald.example/council", "image_url": None, "title_page": None, "title_rss": None,
    }
    lines = [
        crawler,
        {"title": "Old crawler", "text": "The ferry resumed service on Monday.", "maintext": None,
         "published": "2024-09-11", "source_domain": "ferry.example", "language": None},
        crawler | {"maintext": GERMAN, "language": "de", "url": "https://herald.example/de"},
        crawler | {"maintext": "The bridge closed on Friday.", "date_publish": None},
        crawler | {"maintext": "The tunnel opened.", "authors": [1, 2]},
    ]
    write(tmp_path, "crawl.jsonl", "\n".join(json.dumps(line) for line in lines) + "\n")
    articles, quarantined, units = read(tmp_path, "crawl.jsonl")
    assert len(units) == 5
    first, second = articles
    assert (first.byline, first.publisher, first.url) == ("Jane Roe, Sam Adeyemi", "herald.example", crawler["url"])
    assert first.published_local_date == date(2024, 9, 10) and first.text == crawler["maintext"]
    assert (second.text, second.publisher) == ("The ferry resumed service on Monday.", "ferry.example")
    assert [(q.source_line, q.reason) for q in quarantined] == [
        (3, reasons.UNSUPPORTED_LANGUAGE),
        (4, reasons.MISSING_PUBLISHED),
        (5, reasons.WRONG_TYPE),
    ]


# --- language --------------------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["en", "EN", "en-US", "en_GB", "eng", "English"])
def test_english_tags(tag: str) -> None:
    assert is_english_tag(tag)


@pytest.mark.parametrize("tag", ["de", "fr-FR", "no", "Deutsch", "zh-Hant", "xx"])
def test_other_tags(tag: str) -> None:
    assert not is_english_tag(tag)


def test_language_is_detected_when_the_metadata_is_silent(tmp_path: Path) -> None:
    base = {"published": "2024-09-10"}
    for name, text in (("fr.json", FRENCH), ("de.json", GERMAN), ("en.json", " ".join(PARAGRAPHS)), ("short.json", "Le 3 mai.")):
        write(tmp_path, name, json.dumps(base | {"text": text}))
    result = read_raw_folder(tmp_path)
    assert sorted(a.source_file for a in result.articles) == ["en.json", "short.json"]  # too short to judge
    rows = {q.source_file: q for q in result.quarantined}
    assert {name: row.reason for name, row in rows.items()} == {
        "de.json": reasons.UNSUPPORTED_LANGUAGE,
        "fr.json": reasons.UNSUPPORTED_LANGUAGE,
    }
    assert "'fr'" in rows["fr.json"].detail and "probability" in rows["fr.json"].detail
    assert judge_language(None, " ".join(PARAGRAPHS)).english


def test_every_format_through_the_pipeline_is_accounted_for(data_dir: Path) -> None:
    raw, processed = data_dir / "raw", data_dir / "processed"
    write(raw, "pages/council.html", article_page(head=PAGE_HEAD))
    write(raw, "feeds/gazette.rss", rss([
        rss_item("One", "Tue, 10 Sep 2024 21:05:00 -0400", content=paragraphs_html(PARAGRAPHS[:1])),
        rss_item("Two", "bad date", summary="x"),
        rss_item("Three", "Wed, 11 Sep 2024 08:00:00 +0000", summary=FRENCH),
    ], channel_language=""))
    write(raw, "crawl.jsonl", json.dumps({"maintext": "The ferry resumed on Monday.", "date_publish": "2024-09-11"}) + "\n{bad\n")
    report = sync_articles(raw, processed, today=TODAY)
    assert (report.files, report.inputs, report.articles, report.quarantined) == (3, 6, 3, 3)
    accounting = account(raw, processed)
    assert accounting.balanced, (accounting.missing, accounting.extra)
    assert accounting.inputs == 6
