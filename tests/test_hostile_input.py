"""Hostile and broken input, generated here into temporary raw folders and run through the real pipeline.

For every kind: no crash, the expected outcome (an article, or a quarantine row with a clear reason),
and the accounting holds: every raw file, every line of a .jsonl and every entry of a feed is in
processed/articles/ or processed/quarantine/ exactly once. Nothing is ever written outside processed/.

The full-size kinds (50 MB, over the size limit, a 1 MB sentence, pathological megabytes) go through
ingest and accounting; tagging them at that size is measured by benchmarks/pathological_input.py, and a
smaller copy of each pathological text goes through the whole pipeline up to the published timeline.
"""
from __future__ import annotations

import codecs
import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
import pandas as pd
import pyarrow.parquet as pq
import pytest
from markdown_it import MarkdownIt

from benchmarks.pathological_input import PATHOLOGICAL
from dateline.engine.accounting import account
from dateline.engine.ingesting import ArticlesSyncReport, sync_articles
from dateline.engine.staging import stage_timeline
from dateline.engine.tagging import sync_events
from dateline.ingest import reasons
from dateline.ingest.limits import MAX_DATE_WORDS_PER_1000_CHARS, MAX_FILE_BYTES, MAX_TEXT_CHARS
from dateline.store import datasets
from dateline.store.layout import ARTICLES, EVENTS, QUARANTINE, STAGING
from dateline.store.publishing import publish_timeline, timeline_problems
from dateline.text_shape import date_word_density
from pipelines.definitions import build_definitions
from tests.clock import TODAY

ARTICLE = "article"  # expected outcome: accepted
GOOD = "The council voted on Tuesday to extend the pilot, officials said. It ends next month."
META = {"published": "2024-09-10T21:05:00-04:00", "title": "Council", "language": "en"}
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def good(text: str = GOOD, **fields: object) -> dict:
    return {**META, "text": text, **fields}


def jbytes(obj: object) -> bytes:
    return json.dumps(obj).encode("utf-8")


def jsonl(*lines: object) -> bytes:
    return b"\n".join(line if isinstance(line, bytes) else jbytes(line) for line in lines) + b"\n"


def sidecar(text: bytes, meta: dict | None = None) -> dict[str, bytes]:
    return {"a.txt": text, "a.meta.json": jbytes(meta or META)}


# Regex-pathological texts: the ones benchmarks/pathological_input.py times at 1 MB.
MEGABYTE = 1_000_000


@dataclass
class Kind:
    """Files to write (name -> bytes, or a callable writing the file itself) and each unit's expected outcome."""

    files: dict[str, bytes | Callable[[Path], None]]
    expect: dict[tuple[str, int | None], str]  # (file, line/entry) -> ARTICLE or a reason
    note: str = ""
    skip: str = ""  # why this kind cannot be built here (e.g. root reads any file)


def one(name: str, outcome: str, content: bytes) -> Kind:
    return Kind({name: content}, {(name, None): outcome})


def lines(name: str, content: bytes, outcomes: dict[int, str]) -> Kind:
    return Kind({name: content}, {(name, line): outcome for line, outcome in outcomes.items()})


def symlink_to(target: str | Callable[[Path], Path]) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        os.symlink(target(path) if callable(target) else target, path)
    return make


def outside_article(path: Path) -> Path:
    """A perfectly good article outside raw/: a link to it must not be read."""
    secret = path.parents[2] / "outside" / "secret.json"
    secret.parent.mkdir(exist_ok=True)
    secret.write_bytes(jbytes(good("Secret outside raw: the vault opened on Monday.")))
    return secret


def fifo(path: Path) -> None:
    os.mkfifo(path)


def unreadable(path: Path) -> None:
    path.write_bytes(jbytes(good("Locked away since Friday.")))
    path.chmod(0)


def sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as handle:
            handle.truncate(size)
    return make


def big_text(path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        chunk = "The council met on Tuesday and again on Friday. " * 20_000  # ~1 MB
        for _ in range(50):
            handle.write(chunk)


def feed(entries: list[str]) -> bytes:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><language>en</language>'
            + "".join(entries) + "</channel></rss>").encode()


def entry(text: str, published: str = "Tue, 10 Sep 2024 12:00:00 +0000") -> str:
    return f"<item><title>x</title><pubDate>{published}</pubDate><description>{text}</description></item>"


HTML_WITH_SCRIPT = (
    '<html lang="en"><head><meta property="article:published_time" content="2024-09-10">'
    "<script>var d = 'June 4, 1999'; alert('last year')</script><style>body{} /* Tuesday */</style></head>"
    "<body><article><p>" + " ".join([GOOD] * 4) + "</p></article></body></html>"
)


def build_kinds() -> dict[str, Kind]:
    utf16 = good("Les Misérables opened on Tuesday, the theatre said, to long queues all week.")
    kinds: dict[str, Kind] = {
        "empty_txt": Kind(sidecar(b""), {("a.txt", None): reasons.EMPTY_TEXT}),
        "empty_json": one("a.json", reasons.BAD_JSON, b""),
        "empty_jsonl": one("a.jsonl", reasons.EMPTY_FILE, b""),
        "empty_feed_file": one("a.xml", reasons.BAD_FEED, b""),
        "empty_html": one("a.html", reasons.EMPTY_TEXT, b""),
        "whitespace_txt": Kind(sidecar(b" \n\t\r\n  \n"), {("a.txt", None): reasons.EMPTY_TEXT}),
        "whitespace_json": one("a.json", reasons.BAD_JSON, b"  \n\t "),
        "whitespace_jsonl": one("a.jsonl", reasons.EMPTY_FILE, b"\n \n\t\n\r\n"),
        "binary_txt": Kind(sidecar(bytes(range(256)) * 4), {("a.txt", None): reasons.NOT_UTF8}),
        "binary_json": one("a.json", reasons.NOT_UTF8, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"),
        "binary_feed": one("a.rss", reasons.BAD_FEED, b"\x00\x01\x02\xff\xfe binary \x00"),
        "nul_bytes_in_text": Kind(sidecar(b"The council met\x00 on Tuesday."), {("a.txt", None): reasons.BINARY_TEXT}),
        "nul_escape_in_json": one("a.json", reasons.BINARY_TEXT, jbytes(good("A\u0000B on Tuesday."))),
        "binary_lines_among_good": lines(
            "a.jsonl", jsonl(good(), b"\x00\xff\xfe\x00", good("Second story on Friday.")),
            {1: ARTICLE, 2: reasons.NOT_UTF8, 3: ARTICLE},
        ),
        "utf16_bom_txt": Kind(sidecar(codecs.BOM_UTF16_LE + utf16["text"].encode("utf-16-le")), {("a.txt", None): ARTICLE}),
        "utf16_bom_json": one("a.json", ARTICLE, codecs.BOM_UTF16_BE + json.dumps(utf16 | {"text": "Other " + utf16["text"]}).encode("utf-16-be")),
        "utf16_without_bom": Kind(sidecar("The council met on Tuesday.".encode("utf-16-le")), {("a.txt", None): reasons.BINARY_TEXT}),
        "utf8_bom_json": one("a.json", ARTICLE, codecs.BOM_UTF8 + jbytes(good("With a byte-order mark on Monday."))),
        "latin1_txt": Kind(sidecar("Caf\xe9 opened on Tuesday.".encode("latin-1")), {("a.txt", None): reasons.NOT_UTF8}),
        "cp1252_json": one("a.json", reasons.NOT_UTF8, json.dumps(good("\u201cQuoted\u201d on Monday."), ensure_ascii=False).encode("cp1252")),
        "cp1252_line_among_good": lines(
            "a.jsonl", jsonl(good("Fine line on Monday."), json.dumps(good("\u201cSmart\u201d"), ensure_ascii=False).encode("cp1252")),
            {1: ARTICLE, 2: reasons.NOT_UTF8},
        ),
        "mixed_line_endings_txt": Kind(sidecar(b"Line one on Monday.\r\nLine two on Tuesday.\rLine three.\nEnd.\r\n"), {("a.txt", None): ARTICLE}),
        "mixed_line_endings_jsonl": lines(
            "a.jsonl", jbytes(good("CRLF line on Monday.")) + b"\r\n" + jbytes(good("LF line on Friday.")) + b"\n\r\n",
            {1: ARTICLE, 2: ARTICLE},
        ),
        "fifty_megabyte_text": Kind({"a.txt": big_text, "a.meta.json": jbytes(META)}, {("a.txt", None): reasons.TEXT_TOO_LONG}),
        "over_the_size_limit": one("a.jsonl", reasons.FILE_TOO_LARGE, sparse(MAX_FILE_BYTES + 1)),  # type: ignore[arg-type]
        "line_over_the_text_limit": lines(
            "a.jsonl", jsonl(good("x " * (MAX_TEXT_CHARS // 2 + 1)), good("Short story on Monday.")),
            {1: reasons.TEXT_TOO_LONG, 2: ARTICLE},
        ),
        "malformed_json": one("a.json", reasons.BAD_JSON, b'{"published": "2024-09-10", "text": "unterminated'),
        "json_array": one("a.json", reasons.NOT_AN_OBJECT, jbytes([good()])),
        "json_scalar_lines": lines("a.jsonl", b'"just a string"\n42\nnull\n', {1: reasons.NOT_AN_OBJECT, 2: reasons.NOT_AN_OBJECT, 3: reasons.NOT_AN_OBJECT}),
        "published_is_a_number": one("a.json", reasons.UNPARSEABLE_PUBLISHED, jbytes(good(published=12345))),
        "published_is_nan": one("a.json", reasons.UNPARSEABLE_PUBLISHED, b'{"published": NaN, "text": "Tuesday."}'),
        "title_null": one("a.json", ARTICLE, jbytes(good("Untitled story on Monday.", title=None))),
        "title_is_a_number": one("a.json", reasons.WRONG_TYPE, jbytes(good(title=12345))),
        "text_is_a_list": one("a.json", reasons.WRONG_TYPE, jbytes(good(text=["a", "b"]))),
        "deeply_nested_field": one("a.json", reasons.WRONG_TYPE, b'{"published": "2024-09-10", "text": "x", "title": ' + b"[" * 500 + b"]" * 500 + b"}"),
        "deeply_nested_json": one("a.json", reasons.BAD_JSON, b"[" * 200_000),
        "bad_line_among_good": lines(
            "a.jsonl", jsonl(good("First on Monday."), b'{"published": "2024-', good("Third on Friday.")),
            {1: ARTICLE, 2: reasons.BAD_JSON, 3: ARTICLE},
        ),
        "missing_published": one("a.json", reasons.MISSING_PUBLISHED, jbytes({"text": GOOD})),
        "unparseable_published": one("a.json", reasons.UNPARSEABLE_PUBLISHED, jbytes(good(published="sometime soon"))),
        "far_future_published": one("a.json", reasons.UNPARSEABLE_PUBLISHED, jbytes(good(published="3024-01-01"))),
        "pre_1800_published": one("a.json", reasons.UNPARSEABLE_PUBLISHED, jbytes(good(published="1066-10-14"))),
        "same_article_two_names": Kind(
            {"first.json": jbytes(good("Twice told on Monday.")), "second.json": jbytes(good("Twice  told on\nMonday."))},
            {("first.json", None): ARTICLE, ("second.json", None): reasons.DUPLICATE_ARTICLE},
        ),
        "html_with_script_and_style": one("a.html", ARTICLE, HTML_WITH_SCRIPT.encode()),
        "feed_entries_good_and_bad": lines(
            "a.rss", feed([entry("Ferry resumed on Monday."), entry("Bridge closed.", "sometime soon"), entry("")]),
            {1: ARTICLE, 2: reasons.UNPARSEABLE_PUBLISHED, 3: reasons.EMPTY_TEXT},
        ),
        "truncated_feed": one("a.atom", reasons.BAD_FEED, b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><ti'),
        "markdown_and_html_title": one("a.json", ARTICLE, jbytes(good(
            "Markup in the title, on Monday.", title="**Bold** <script>alert(1)</script> [x](javascript:alert(1)) | `c`"))),
        "dotdot_in_fields": one("a.json", ARTICLE, jbytes(good(
            "Paths in fields on Friday.", url="../../../../etc/passwd", publisher="../../x", article_id="../../../escape",
            source_file="../../../escape.json", title="..\\..\\windows"))),
        "dotdot_in_file_names": Kind(
            {"a..b.json": jbytes(good("Dots one on Monday.")), "x..\\..\\c.json": jbytes(good("Dots two on Friday.")),
             "x\nnewline name.json": jbytes(good("Newline name on Sunday."))},
            {("a..b.json", None): ARTICLE, ("x..\\..\\c.json", None): ARTICLE, ("x\nnewline name.json", None): ARTICLE},
        ),
        "lone_surrogate_escape": one("a.json", reasons.NOT_UTF8, b'{"published": "2024-09-10", "text": "bad \\udc00 text"}'),
        "not_english": one("a.json", reasons.UNSUPPORTED_LANGUAGE, jbytes(good(
            "Der Stadtrat hat am Dienstag beschlossen, das Pilotprogramm zu verlängern, sagte der Bürgermeister.",
            language=None))),
        "orphan_sidecar": one("gone.meta.json", reasons.ORPHAN_SIDECAR, jbytes(META)),
        "unsupported_extension": one("a.pdf", reasons.UNSUPPORTED_FORMAT, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        "symlink_outside_raw": one("a.json", reasons.UNSAFE_LINK, symlink_to(outside_article)),  # type: ignore[arg-type]
        "symlink_to_a_folder": one("linked", reasons.UNSAFE_LINK, symlink_to(lambda p: p.parent)),  # type: ignore[arg-type]
        "broken_symlink": one("a.json", reasons.UNREADABLE_FILE, symlink_to("does-not-exist.json")),  # type: ignore[arg-type]
        "symlink_loop": one("a.json", reasons.UNREADABLE_FILE, symlink_to("a.json")),  # type: ignore[arg-type]
        "named_pipe": one("a.jsonl", reasons.UNREADABLE_FILE, fifo),  # type: ignore[arg-type]
        "unreadable_permissions": Kind(
            {"a.json": unreadable}, {("a.json", None): reasons.UNREADABLE_FILE},  # type: ignore[dict-item]
            skip="running as root, which reads files whatever their permissions" if IS_ROOT else "",
        ),
        "one_megabyte_sentence": one("a.json", ARTICLE, jbytes(good(PATHOLOGICAL["one_sentence_no_punctuation"](MEGABYTE)))),
    }
    for name in ("digits", "and_run", "numbers_and_dashes"):
        kinds[f"pathological_{name}_megabyte"] = one("a.json", ARTICLE, jbytes(good(PATHOLOGICAL[name](MEGABYTE))))
    # A megabyte of nothing but dates is no prose: refused before tagging, with the reason.
    for name in ("weekday_run", "month_day_run"):
        kinds[f"pathological_{name}_megabyte"] = one("a.json", reasons.IMPLAUSIBLE_TEXT,
                                                     jbytes(good(PATHOLOGICAL[name](MEGABYTE))))
    return kinds


KINDS = build_kinds()
BUILT_KINDS = {name: kind for name, kind in KINDS.items() if not kind.skip}
REASONS_TESTED_THERE: set[str] = {
    outcome for kind in BUILT_KINDS.values() for outcome in kind.expect.values() if outcome != ARTICLE
}


def write_kinds(raw: Path, kinds: dict[str, Kind]) -> dict[tuple[str, int | None], str]:
    """Each kind in its own folder of raw/; returns the expected outcome of every unit."""
    expected = {}
    for name, kind in kinds.items():
        folder = raw / name
        folder.mkdir(parents=True)
        for file_name, content in kind.files.items():
            path = folder / file_name
            if callable(content):
                content(path)
            else:
                path.write_bytes(content)
        expected |= {(f"{name}/{file}", line): outcome for (file, line), outcome in kind.expect.items()}
    return expected


def tree(root: Path, skip: Path) -> dict[str, int]:
    """Every path under root (not following links) outside `skip`, with its size."""
    found = {}
    for folder, subfolders, names in os.walk(root):
        if Path(folder) == skip or skip in Path(folder).parents:
            subfolders[:] = []
            continue
        for name in names + subfolders:
            path = Path(folder) / name
            info = path.lstat()
            found[str(path.relative_to(root))] = 0 if stat.S_ISDIR(info.st_mode) else info.st_size
    return found


@dataclass
class Ingested:
    root: Path
    raw: Path
    processed: Path
    expected: dict[tuple[str, int | None], str]
    report: ArticlesSyncReport
    outcomes: dict[tuple[str, int | None], list[tuple[str, str]]] = field(default_factory=dict)
    outside_before: dict[str, int] = field(default_factory=dict)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    root = tmp_path_factory.mktemp("hostile")
    raw, processed = root / "data" / "raw", root / "data" / "processed"
    raw.mkdir(parents=True)
    processed.mkdir()
    expected = write_kinds(raw, BUILT_KINDS)
    before = tree(root, processed)
    report = sync_articles(raw, processed, today=TODAY)
    result = Ingested(root, raw, processed, expected, report, outside_before=before)
    articles = datasets.read_dataset(processed, ARTICLES, ["source_file", "source_line"]).to_pylist()
    quarantine = datasets.read_dataset(processed, QUARANTINE).to_pylist()
    for row in articles:
        result.outcomes.setdefault((row["source_file"], row["source_line"]), []).append((ARTICLE, ""))
    for row in quarantine:
        result.outcomes.setdefault((row["source_file"], row["source_line"]), []).append((row["reason"], row["detail"]))
    yield result
    for path in raw.rglob("*"):  # let pytest clean up: give back permissions, break the pipe
        if path.is_file() and not path.is_symlink():
            path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_the_corpus_holds_at_least_forty_kinds_of_bad_input() -> None:
    assert len(BUILT_KINDS) >= 40, sorted(BUILT_KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_gets_its_outcome_and_a_clear_reason(ingested: Ingested, kind: str) -> None:
    if KINDS[kind].skip:
        pytest.skip(KINDS[kind].skip)
    for (file, line), outcome in KINDS[kind].expect.items():
        unit = (f"{kind}/{file}", line)
        got = ingested.outcomes.get(unit)
        assert got and len(got) == 1, f"{unit}: {got}"
        reason, detail = got[0]
        assert reason == outcome, f"{unit}: {reason} ({detail})"
        if reason != ARTICLE:
            assert len(detail) > 10 and reason in reasons.ALL_REASONS


def test_every_raw_file_line_and_entry_is_accounted_for(ingested: Ingested) -> None:
    accounting = account(ingested.raw, ingested.processed)
    assert accounting.balanced, (accounting.missing[:5], accounting.extra[:5])
    assert set(ingested.outcomes) == set(ingested.expected)  # nothing more, nothing less
    assert ingested.report.inputs == accounting.inputs == len(ingested.expected)


def test_nothing_is_written_outside_processed(ingested: Ingested) -> None:
    assert tree(ingested.root, ingested.processed) == ingested.outside_before
    allowed = {"", ARTICLES, QUARANTINE, EVENTS, STAGING}
    for path in ingested.processed.rglob("*"):
        assert path.parent == ingested.processed or path.parent.name in allowed, path
        if path.parent.name in {ARTICLES, QUARANTINE}:
            assert datasets.is_shard_file(path), path  # named by a hash, never by anything in the input
    articles = pd.read_parquet(ingested.processed / "articles")
    assert "Secret outside raw" not in " ".join(articles["text"])  # the linked outside file was never read


def test_a_file_changed_after_processing_replaces_its_rows(data_dir: Path) -> None:
    raw, processed = data_dir / "raw", data_dir / "processed"
    feed_file = raw / "feed.jsonl"
    feed_file.write_bytes(jsonl(good("Alpha on Monday."), good("Beta on Tuesday."), b"{broken"))
    sync_articles(raw, processed, today=TODAY)
    feed_file.write_bytes(jsonl(good("Alpha on Monday."), good("Gamma on Friday."), good("Delta on Sunday.")))
    report = sync_articles(raw, processed, today=TODAY)
    assert report.files_read == 1
    articles = pd.read_parquet(processed / "articles")
    assert sorted(articles["text"]) == ["Alpha on Monday.", "Delta on Sunday.", "Gamma on Friday."]
    assert articles["article_id"].is_unique and list(articles["source_line"].sort_values()) == [1, 2, 3]
    assert not (processed / "quarantine").exists() or pd.read_parquet(processed / "quarantine").empty
    assert account(raw, processed).balanced


def test_a_feed_of_ten_thousand_entries_is_accounted_entry_by_entry(data_dir: Path) -> None:
    raw, processed = data_dir / "raw", data_dir / "processed"
    entries = [
        entry(f"Story number {i} said the ferry resumed on Monday.", "no date" if i % 1000 == 0 else "Tue, 10 Sep 2024 12:00:00 +0000")
        for i in range(10_000)
    ]
    (raw / "big.rss").write_bytes(feed(entries))
    report = sync_articles(raw, processed, today=TODAY)
    assert (report.inputs, report.articles, report.quarantined) == (10_000, 9_990, 10)
    quarantine = pd.read_parquet(processed / "quarantine")
    assert sorted(quarantine["source_line"]) == list(range(1, 10_001, 1000))
    assert set(quarantine["reason"]) == {reasons.UNPARSEABLE_PUBLISHED}
    assert account(raw, processed).balanced


def test_pathological_texts_go_through_the_whole_pipeline(data_dir: Path) -> None:
    """Smaller copies (20 KB) of each pathological text, tagged and published: no crash, all accounted."""
    raw, processed = data_dir / "raw", data_dir / "processed"
    for name, make in PATHOLOGICAL.items():
        (raw / f"{name}.json").write_bytes(jbytes(good(make(20_000))))
    (raw / "normal.json").write_bytes(jbytes(good()))
    ingested = sync_articles(raw, processed, today=TODAY)
    dense = [name for name, make in PATHOLOGICAL.items() if date_word_density(make(20_000)) > MAX_DATE_WORDS_PER_1000_CHARS]
    assert sorted(dense) == ["month_day_run", "relative_run", "weekday_run"]  # the rest reads as prose
    quarantine = pd.read_parquet(processed / "quarantine")
    refused = dict(zip(quarantine["source_file"], quarantine["reason"]))
    assert {f"{name}.json": reasons.IMPLAUSIBLE_TEXT for name in dense}.items() <= refused.items()
    assert ingested.articles + ingested.quarantined == len(PATHOLOGICAL) + 1 and ingested.articles > len(dense)
    events = sync_events(processed)
    table = pq.read_table(stage_timeline(processed)[0])
    published = publish_timeline(processed)
    assert published.read().num_rows == published.rows == table.num_rows > 0
    assert account(raw, processed).balanced
    problems = timeline_problems(table)
    assert not problems["schema"] and not problems["nulls"] and not problems["earliest_after_latest"]


def test_markup_in_titles_shows_as_text_in_the_dagster_preview(data_dir: Path) -> None:
    title = "**Bold** <script>alert(1)</script> [x](javascript:alert(1)) | `c` <img src=x onerror=alert(2)>"
    (data_dir / "raw" / "a.json").write_bytes(jbytes(good("Markup on Monday.", title=title)))
    with dg.instance_for_test() as instance:
        job = build_definitions(str(data_dir)).resolve_job_def("main")
        result = job.execute_in_process(instance=instance, raise_on_error=False)
    assert result.success
    [materialization] = result.asset_materializations_for_node("articles")
    preview = materialization.metadata["preview"].value
    rendered = MarkdownIt("commonmark").enable("table").render(preview)
    for markup in ("<script", "<img", "<strong>", "<a ", "<code>"):
        assert markup not in rendered, rendered
    shown = rendered.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    assert title[:60] in shown  # the title, as written (cells are cut at 80 characters)
