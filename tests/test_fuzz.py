"""Fuzzing the readers, the publication-date parser and the tagger with hypothesis: only documented outcomes.

- parse_published: a (UTC instant, local date) pair, or ValueError; nothing else.
- read_raw_input on arbitrary bytes in every format: never raises; exactly one outcome per input unit,
  the same units the accounting recount finds; every quarantine row carries a known reason and a detail.
- tag (and event extraction, as the pipeline runs it) on arbitrary text and publication dates: spans
  inside the text and equal to it, known types, earliest <= latest.

Derandomized with modest example counts, so CI is fast and a run's outcome never depends on luck.
"""
from __future__ import annotations

import json
import string
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.engine.accounting import count_input_units
from dateline.events import extract_events
from dateline.ingest import parse_published, read_raw_input, reasons
from dateline.model import Article, Quarantined
from dateline.tagger import tag

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

TEMPORAL_WORDS = (
    "Monday Tuesday Friday June May March last next this week month year ago later earlier since until "
    "on in at the and - 4 17 1999 2024 2025 '90s mid- early late quarter spring winter today yesterday "
    "said will had been , . ; ( ) : / 3:30 p.m. a.m. EDT +0000 T Z"
).split()
temporal_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(TEMPORAL_WORDS), max_size=60).map(" ".join),
    st.lists(st.one_of(st.sampled_from(TEMPORAL_WORDS), st.text(string.printable, max_size=5)), max_size=60).map("".join),
)
dates = st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
ARTICLE_KEYS = ["published", "date_publish", "text", "maintext", "body", "title", "language", "authors", "url", "publisher"]
json_articles = st.dictionaries(
    st.one_of(st.sampled_from(ARTICLE_KEYS), st.text(max_size=8)),
    st.one_of(json_values, temporal_text, st.sampled_from(["2024-09-10", "Tue, 10 Sep 2024 12:00:00 +0000", "en", "de"])),
    max_size=8,
)
SUFFIXES = [".txt", ".json", ".jsonl", ".html", ".xml", ".rss", ".atom", ".md"]


@FUZZ
@given(st.one_of(temporal_text, json_values, st.datetimes(), st.dates()))
def test_parse_published_returns_a_pair_or_raises_value_error(value: object) -> None:
    try:
        instant, local = parse_published(value)
    except ValueError:
        return
    assert isinstance(instant, datetime) and instant.utcoffset() == timedelta(0)
    assert isinstance(local, date) and 1800 <= local.year <= 2200


def check_read(raw: Path, name: str) -> None:
    articles, quarantined, units = read_raw_input(raw / name, raw)
    outcomes = [(o.source_file, o.source_line) for o in [*articles, *quarantined]]
    assert sorted(outcomes, key=str) == sorted(units, key=str) and len(set(units)) == len(units)
    assert sorted(count_input_units(raw / name, raw), key=str) == sorted(units, key=str)
    for row in quarantined:
        assert isinstance(row, Quarantined) and row.reason in reasons.ALL_REASONS and row.detail.strip()
    for article in articles:
        assert isinstance(article, Article) and article.text.strip() and "\x00" not in article.text


@FUZZ
@given(data=st.binary(max_size=600), suffix=st.sampled_from(SUFFIXES))
def test_readers_on_arbitrary_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    name = f"fuzz{suffix}"
    (tmp_path / name).write_bytes(data)
    check_read(tmp_path, name)


@FUZZ
@given(objects=st.lists(json_articles, min_size=1, max_size=4), as_lines=st.booleans())
def test_readers_on_arbitrary_json_articles(tmp_path: Path, objects: list[dict], as_lines: bool) -> None:
    if as_lines:
        name = "fuzz.jsonl"
        (tmp_path / name).write_text("\n".join(json.dumps(o) for o in objects), encoding="utf-8")
    else:
        name = "fuzz.json"
        (tmp_path / name).write_text(json.dumps(objects[0]), encoding="utf-8")
    check_read(tmp_path, name)


@FUZZ
@given(text=temporal_text, title=st.text(max_size=30), published=dates)
def test_readers_on_arbitrary_feed_entries_and_pages(tmp_path: Path, text: str, title: str, published: date) -> None:
    from xml.sax.saxutils import escape

    stamp = published.strftime("%a, %d %b %Y 12:00:00 +0000")
    rss = (f'<rss version="2.0"><channel><title>{escape(title)}</title><item><title>{escape(title)}</title>'
           f"<pubDate>{stamp}</pubDate><description>{escape(text)}</description></item></channel></rss>")
    page = (f'<html lang="en"><head><title>{escape(title)}</title><meta property="article:published_time" '
            f'content="{published.isoformat()}"></head><body><article><p>{escape(text)}</p></article></body></html>')
    (tmp_path / "feed.rss").write_text(rss, encoding="utf-8", errors="surrogatepass")
    (tmp_path / "page.html").write_text(page, encoding="utf-8", errors="surrogatepass")
    check_read(tmp_path, "feed.rss")
    check_read(tmp_path, "page.html")


@FUZZ
@given(text=temporal_text, published=dates)
def test_tagger_and_events_on_arbitrary_text(text: str, published: date) -> None:
    expressions = tag(text, published)
    for expression in expressions:
        assert 0 <= expression.start < expression.end <= len(text)
        assert text[expression.start:expression.end] == expression.text
        assert expression.type in {"DATE", "TIME", "DURATION", "SET"}
        if expression.earliest and expression.latest:
            assert expression.earliest <= expression.latest
    for event in extract_events(text, expressions):
        assert 0 <= event.trigger_start < event.trigger_end <= len(text)
        assert event.earliest <= event.latest
