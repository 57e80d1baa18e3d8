"""dateline.ingest on real files in tmp_path folders, the bundled data/raw samples and the shared seed article."""
from __future__ import annotations

import json
import os
from collections import Counter
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from dateline.ingest import (
    IngestResult,
    list_raw_inputs,
    parse_published,
    read_raw_folder,
    read_raw_input,
)
from dateline.engine.raw_files import stat_signature
from dateline.ingest import reasons
from dateline.ingest.boilerplate import FEED_FOOTER_PATTERNS, footer_pattern_for, strip_feed_footers
from dateline.ingest.folder import scan_raw_inputs
from dateline.ingest.ids import article_id
from dateline.model import Article, Quarantined

REPO_ROOT = Path(__file__).resolve().parents[1]
BUNDLED_RAW = REPO_ROOT / "data" / "raw"
SEED = REPO_ROOT.parent / "shared" / "seed"
SEED_NAME = "north-korea-workers-kursk"

BODY = "CALDER CITY — The council voted on Tuesday to extend the pilot.\nIt runs until last year's levels return.\n"
META = {"title": "Council Extends Pilot", "publisher": "Calder Herald", "published": "2024-09-10T21:05:00-04:00"}


def write(folder: Path, name: str, content: str | bytes | dict | list) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, (dict, list)):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def front_matter(fields: dict[str, str], body: str = BODY) -> str:
    header = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return f"---\n{header}---\n{body}"


def keys(records: list[Article] | list[Quarantined]) -> list[tuple[str, int | None]]:
    return [(record.source_file, record.source_line) for record in records]


def assert_accounted(result: IngestResult) -> None:
    """Every input unit exactly once, as an article or a quarantine row."""
    outcomes = keys(result.articles) + keys(result.quarantined)
    assert len(result.inputs) == len(set(result.inputs)), "an input unit was listed twice"
    assert len(outcomes) == len(set(outcomes)), "an input unit became two outcomes"
    assert set(outcomes) == set(result.inputs)


def only_article(raw: Path, name: str) -> Article:
    articles, quarantined, inputs = read_raw_input(raw / name, raw)
    assert quarantined == []
    assert len(articles) == 1 and inputs == [(name, None)]
    return articles[0]


def only_quarantine(raw: Path, name: str) -> Quarantined:
    articles, quarantined, inputs = read_raw_input(raw / name, raw)
    assert articles == []
    assert len(quarantined) == 1 and inputs == keys(quarantined)
    return quarantined[0]


# --- formats ---------------------------------------------------------------------------------------


def test_txt_with_sidecar_reads_metadata_and_keeps_text_exact(tmp_path: Path) -> None:
    write(tmp_path, "world/council.txt", BODY)
    write(tmp_path, "world/council.meta.json", {**META, "byline": "A. Reporter", "note": "ignored key"})
    article = only_article(tmp_path, "world/council.txt")
    assert article.source_file == "world/council.txt" and article.source_line is None
    assert article.text == BODY
    assert (article.title, article.publisher, article.byline) == ("Council Extends Pilot", "Calder Herald", "A. Reporter")
    assert article.url is None and article.language is None
    assert article.published_local_date == date(2024, 9, 10)
    assert article.published_utc == datetime(2024, 9, 11, 1, 5, tzinfo=timezone.utc)


def test_txt_with_front_matter_keeps_values_as_written(tmp_path: Path) -> None:
    fields = {"title": "Council Extends Pilot", "published": "June 17, 2025 11:40 PM EDT", "language": "en"}
    write(tmp_path, "council.txt", front_matter(fields))
    article = only_article(tmp_path, "council.txt")
    assert article.text == BODY  # everything after the closing line, byte for byte
    assert article.published_local_date == date(2025, 6, 17)
    # "no" (Norwegian) stays the text written, not YAML's boolean False, and is not English.
    write(tmp_path, "council.txt", front_matter(fields | {"language": "no"}))
    row = only_quarantine(tmp_path, "council.txt")
    assert row.reason == reasons.UNSUPPORTED_LANGUAGE and "'no'" in row.detail


def test_json_article_and_text_aliases(tmp_path: Path) -> None:
    write(tmp_path, "a.json", {**META, "text": BODY, "url": "https://example.org/a"})
    write(tmp_path, "b.json", {**META, "body": "Body alias text."})
    write(tmp_path, "c.json", {**META, "content": "Content alias text."})
    assert only_article(tmp_path, "a.json").url == "https://example.org/a"
    assert only_article(tmp_path, "b.json").text == "Body alias text."
    assert only_article(tmp_path, "c.json").text == "Content alias text."


def test_jsonl_counts_non_blank_lines_and_keeps_good_lines_around_a_bad_one(tmp_path: Path) -> None:
    lines = [
        json.dumps({**META, "text": "First article."}),
        "",
        '{"published": "2024-01-16", "text": "broken',
        "   ",
        json.dumps({**META, "text": "Second article."}),
    ]
    write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    articles, quarantined, inputs = read_raw_input(tmp_path / "feed.jsonl", tmp_path)
    assert inputs == [("feed.jsonl", 1), ("feed.jsonl", 3), ("feed.jsonl", 5)]  # blank lines are not inputs
    assert [(a.source_line, a.text) for a in articles] == [(1, "First article."), (5, "Second article.")]
    assert [(q.source_line, q.reason) for q in quarantined] == [(3, reasons.BAD_JSON)]


def test_list_raw_inputs_is_sorted_recursive_and_skips_hidden_files_and_attached_sidecars(tmp_path: Path) -> None:
    write(tmp_path, "b.json", {})
    write(tmp_path, "a/z.txt", BODY)
    write(tmp_path, "a/z.meta.json", META)
    write(tmp_path, "a/orphan.meta.json", META)
    write(tmp_path, ".gitkeep", "")
    write(tmp_path, ".cache/x.json", {})
    names = [path.relative_to(tmp_path).as_posix() for path in list_raw_inputs(tmp_path)]
    assert names == ["a/orphan.meta.json", "a/z.txt", "b.json"]


def test_scan_gives_each_input_its_name_and_the_stat_signature_of_it_and_its_sidecar(tmp_path: Path) -> None:
    write(tmp_path, "upper.TXT", BODY)
    write(tmp_path, "upper.meta.json", META)  # the sidecar of upper.TXT
    write(tmp_path, "odd.txt", BODY)
    write(tmp_path, "odd.META.JSON", META)  # not the name the reader looks for: an input of its own
    write(tmp_path, "deep/er/page.html", "<p>Text.</p>")
    write(tmp_path, "deep/er/page.meta.json", META)
    write(tmp_path, "feed.jsonl", "{}\n")
    os.symlink(tmp_path / "nowhere.json", tmp_path / "broken.json")
    os.symlink(tmp_path / "deep", tmp_path / "linked-folder")
    scanned = scan_raw_inputs(tmp_path)
    assert [found.relative for found in scanned] == [
        "broken.json", "deep/er/page.html", "feed.jsonl", "linked-folder", "odd.META.JSON", "odd.txt", "upper.TXT"]
    for found in scanned:
        assert found.path == tmp_path / found.relative
        assert found.signature == stat_signature(found.path)
    by_name = {found.relative: found for found in scanned}
    assert by_name["upper.TXT"].signature[0] == len(BODY.encode()) + (tmp_path / "upper.meta.json").stat().st_size
    assert by_name["odd.txt"].signature[0] == len(BODY.encode())
    assert list_raw_inputs(tmp_path) == [found.path for found in scanned]


def test_missing_raw_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError, match="raw folder"):
        read_raw_folder(tmp_path / "nowhere")


# --- quarantine reasons ----------------------------------------------------------------------------

# name -> (files to write, the input to read, expected reason)
QUARANTINE_CASES: dict[str, tuple[dict[str, str | bytes | dict | list], str, str]] = {
    "txt_without_metadata": ({"a.txt": BODY}, "a.txt", reasons.MISSING_PUBLISHED),
    "json_without_published": ({"a.json": {"text": BODY}}, "a.json", reasons.MISSING_PUBLISHED),
    "published_null": ({"a.json": {"text": BODY, "published": None}}, "a.json", reasons.MISSING_PUBLISHED),
    "published_blank": ({"a.json": {"text": BODY, "published": "  "}}, "a.json", reasons.MISSING_PUBLISHED),
    "published_garbage": ({"a.json": {"text": BODY, "published": "sometime soon"}}, "a.json", reasons.UNPARSEABLE_PUBLISHED),
    "published_number": ({"a.json": {"text": BODY, "published": 12345}}, "a.json", reasons.UNPARSEABLE_PUBLISHED),
    "published_relative": ({"a.json": {"text": BODY, "published": "yesterday"}}, "a.json", reasons.UNPARSEABLE_PUBLISHED),
    "title_number": ({"a.json": {**META, "text": BODY, "title": 12345}}, "a.json", reasons.WRONG_TYPE),
    "text_list": ({"a.json": {**META, "text": ["a", "b"]}}, "a.json", reasons.WRONG_TYPE),
    "front_matter_list_value": ({"a.txt": "---\npublished: 2024-01-01\ntitle: [a, b]\n---\nText.\n"}, "a.txt", reasons.WRONG_TYPE),
    "no_text": ({"a.json": META}, "a.json", reasons.EMPTY_TEXT),
    "blank_text": ({"a.json": {**META, "text": " \n\t "}}, "a.json", reasons.EMPTY_TEXT),
    "only_a_footer": ({"a.json": {**META, "text": "The post X appeared first on Y.\n"}}, "a.json", reasons.EMPTY_TEXT),
    "empty_txt_with_sidecar": ({"a.txt": "", "a.meta.json": META}, "a.txt", reasons.EMPTY_TEXT),
    "latin1_txt": ({"a.txt": "Caf\xe9 opens.".encode("latin-1"), "a.meta.json": META}, "a.txt", reasons.NOT_UTF8),
    "escaped_surrogate": ({"a.json": '{"published": "2024-01-01", "text": "bad \\ud800 text"}'}, "a.json", reasons.NOT_UTF8),
    "broken_json": ({"a.json": '{"title": "x",'}, "a.json", reasons.BAD_JSON),
    "deeply_nested_json": ({"a.json": "[" * 100_000}, "a.json", reasons.BAD_JSON),
    "json_array": ({"a.json": [META]}, "a.json", reasons.NOT_AN_OBJECT),
    "jsonl_only_blank_lines": ({"a.jsonl": "\n  \n\n"}, "a.jsonl", reasons.EMPTY_FILE),
    "markdown": ({"notes.md": "# Notes\n"}, "notes.md", reasons.UNSUPPORTED_FORMAT),
    "no_extension": ({"README": "About these files.\n"}, "README", reasons.UNSUPPORTED_FORMAT),
    "orphan_sidecar": ({"gone.meta.json": META}, "gone.meta.json", reasons.ORPHAN_SIDECAR),
    "sidecar_broken_json": ({"a.txt": BODY, "a.meta.json": "{nope"}, "a.txt", reasons.BAD_SIDECAR),
    "sidecar_array": ({"a.txt": BODY, "a.meta.json": [META]}, "a.txt", reasons.BAD_SIDECAR),
    "front_matter_unclosed": ({"a.txt": "---\npublished: 2024-01-01\nText.\n"}, "a.txt", reasons.BAD_FRONT_MATTER),
    "front_matter_bad_yaml": ({"a.txt": "---\npublished: [2024\n---\nText.\n"}, "a.txt", reasons.BAD_FRONT_MATTER),
    "front_matter_not_mapping": ({"a.txt": "---\n- a\n- b\n---\nText.\n"}, "a.txt", reasons.BAD_FRONT_MATTER),
    "sidecar_and_front_matter": (
        {"a.txt": front_matter({"published": "2024-01-01"}), "a.meta.json": META},
        "a.txt",
        reasons.AMBIGUOUS_METADATA,
    ),
}


@pytest.mark.parametrize("case", sorted(QUARANTINE_CASES))
def test_bad_input_is_quarantined_with_its_reason(tmp_path: Path, case: str) -> None:
    files, target, reason = QUARANTINE_CASES[case]
    for name, content in files.items():
        write(tmp_path, name, content)
    row = only_quarantine(tmp_path, target)
    assert (row.source_file, row.reason) == (target, reason)
    assert row.detail.strip()


def test_unreadable_file_is_quarantined(tmp_path: Path) -> None:
    link = tmp_path / "gone.json"
    try:
        os.symlink(tmp_path / "missing-target.json", link)
    except (OSError, NotImplementedError):
        pytest.skip("this file system cannot create symlinks")
    assert [path.name for path in list_raw_inputs(tmp_path)] == ["gone.json"]
    assert only_quarantine(tmp_path, "gone.json").reason == reasons.UNREADABLE_FILE


def test_duplicate_under_another_name_is_quarantined_naming_the_kept_copy(tmp_path: Path) -> None:
    write(tmp_path, "a.json", {**META, "text": BODY})
    write(tmp_path, "b.jsonl", json.dumps({**META, "text": "Other story."}) + "\n" + json.dumps({**META, "text": BODY}))
    result = read_raw_folder(tmp_path)
    assert keys(result.articles) == [("a.json", None), ("b.jsonl", 1)]
    [duplicate] = result.quarantined
    assert (duplicate.source_file, duplicate.source_line, duplicate.reason) == ("b.jsonl", 2, reasons.DUPLICATE_ARTICLE)
    assert "a.json" in duplicate.detail
    assert_accounted(result)


def test_every_reason_code_is_exercised_by_a_test() -> None:
    tested = {reason for _, _, reason in QUARANTINE_CASES.values()}
    tested |= {reasons.UNREADABLE_FILE, reasons.DUPLICATE_ARTICLE}  # their own tests above
    from tests.test_hostile_input import REASONS_TESTED_THERE

    tested |= REASONS_TESTED_THERE
    from tests.test_future_published import REASONS_TESTED_HERE

    tested |= REASONS_TESTED_HERE
    assert tested == set(reasons.ALL_REASONS)


def test_missing_optional_fields_are_none_not_quarantined(tmp_path: Path) -> None:
    write(tmp_path, "a.json", {"published": "2024-01-15", "text": BODY, "title": None, "byline": "  "})
    article = only_article(tmp_path, "a.json")
    assert (article.title, article.byline, article.publisher) == (None, None, None)


def test_jsonl_bad_utf8_line_only_costs_that_line(tmp_path: Path) -> None:
    good = json.dumps({**META, "text": "Good line."}).encode()
    bad = b'{"published": "2024-01-01", "text": "Caf\xe9"}'
    write(tmp_path, "feed.jsonl", good + b"\n" + bad + b"\n" + b"[1, 2]\n")
    articles, quarantined, inputs = read_raw_input(tmp_path / "feed.jsonl", tmp_path)
    assert [a.source_line for a in articles] == [1]
    assert [(q.source_line, q.reason) for q in quarantined] == [(2, reasons.NOT_UTF8), (3, reasons.NOT_AN_OBJECT)]
    assert len(inputs) == 3


def test_accounting_holds_on_a_folder_mixing_every_kind_of_input(tmp_path: Path) -> None:
    for index, (files, _, _) in enumerate(QUARANTINE_CASES.values()):
        for name, content in files.items():
            write(tmp_path, f"case{index:02d}/{name}", content)
    write(tmp_path, "good/a.json", {**META, "text": BODY})
    write(tmp_path, "good/copy.json", {**META, "text": BODY})
    write(tmp_path, "good/feed.jsonl", json.dumps({**META, "text": "x"}) + "\n\n{bad\n")
    write(tmp_path, ".gitkeep", "")
    result = read_raw_folder(tmp_path)
    assert_accounted(result)
    assert keys(result.articles) == [("good/a.json", None), ("good/feed.jsonl", 1)]
    assert len(result.quarantined) == len(QUARANTINE_CASES) + 2  # + the copy and the bad .jsonl line


# --- ids -------------------------------------------------------------------------------------------


def test_ids_are_stable_across_reads_and_depend_only_on_wording(tmp_path: Path) -> None:
    write(tmp_path, "a.json", {**META, "text": BODY})
    first = read_raw_folder(tmp_path).articles[0].article_id
    assert read_raw_folder(tmp_path).articles[0].article_id == first
    assert first == article_id(BODY) and first.startswith("a") and len(first) == 17
    assert article_id("One  line.\r\nTwo.\n\n") == article_id("One line. Two.")
    assert article_id("One line. Two.") != article_id("One line. Three.")


# --- publication dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "utc", "local"),
    [
        ("Tue, 17 Jun 2025 12:40:00 +0000", datetime(2025, 6, 17, 12, 40), date(2025, 6, 17)),
        ("Mon, 16 Jun 2025 22:10:00 -0500", datetime(2025, 6, 17, 3, 10), date(2025, 6, 16)),
        ("June 17, 2025 11:40 PM EDT", datetime(2025, 6, 18, 3, 40), date(2025, 6, 17)),
        ("2025-06-17T23:40:00", datetime(2025, 6, 17, 23, 40), date(2025, 6, 17)),  # no zone: as written, UTC
        ("2025-06-18T01:30:00+09:00", datetime(2025, 6, 17, 16, 30), date(2025, 6, 18)),
        ("2025-06-17T12:40:00Z", datetime(2025, 6, 17, 12, 40), date(2025, 6, 17)),
        ("2025-06-17", datetime(2025, 6, 17), date(2025, 6, 17)),
        (datetime(2025, 6, 17, 12, 40), datetime(2025, 6, 17, 12, 40), date(2025, 6, 17)),
        (date(2025, 6, 17), datetime(2025, 6, 17), date(2025, 6, 17)),
    ],
)
def test_published_forms(written: object, utc: datetime, local: date) -> None:
    instant, local_date = parse_published(written)
    assert instant == utc.replace(tzinfo=timezone.utc) and instant.utcoffset().total_seconds() == 0
    assert local_date == local


@pytest.mark.parametrize(
    "written",
    ["sometime soon", "", "   ", "12:40", "12:40 PM EDT", "Tuesday", "June 17", "June 2025", "yesterday",
     "now", "3 days ago", "1750164000", "2025-02-30", "0001-01-01T00:00:00+05:00", 12345, None, ["2025-06-17"]],
)
def test_published_garbage_raises_value_error(written: object) -> None:
    with pytest.raises(ValueError) as raised:
        parse_published(written)
    assert str(raised.value)


# --- feed footers ----------------------------------------------------------------------------------


def test_feed_footer_removed_and_the_rest_byte_identical() -> None:
    story = "Talks resumed on Monday.\r\nA vote is due Friday.\r\n"
    text = story + "The post Talks Resume appeared first on Calder Herald.\r\n\r\n"
    assert strip_feed_footers(text) == story
    assert strip_feed_footers(story) == story


def test_footer_wording_inside_the_story_is_kept() -> None:
    text = "She wrote: The post Talks Resume appeared first on Calder Herald.\nThe post X appeared first on Y.\nMore story.\n"
    assert strip_feed_footers(text) == text


def test_every_footer_pattern_matches_its_example() -> None:
    for pattern in FEED_FOOTER_PATTERNS:
        assert footer_pattern_for(pattern.example) is pattern
    assert footer_pattern_for("The council first appeared on Tuesday.") is None


def test_footer_never_reaches_the_article(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BODY + "The post Council Extends Pilot appeared first on Calder Herald.\n")
    write(tmp_path, "a.meta.json", META)
    article = only_article(tmp_path, "a.txt")
    assert article.text == BODY and article.article_id == article_id(BODY)


# --- the bundled samples and the seed article ------------------------------------------------------


def test_bundled_samples_read_as_five_articles_and_two_quarantine_rows() -> None:
    result = read_raw_folder(BUNDLED_RAW)
    assert_accounted(result)
    assert len(result.articles) == 5 and len(result.inputs) == 7
    assert sorted((q.source_file, q.source_line, q.reason) for q in result.quarantined) == [
        ("feed-batch-2024.jsonl", 2, reasons.BAD_JSON),
        ("undated-wire-brief.txt", None, reasons.MISSING_PUBLISHED),
    ]
    by_file = {article.source_file: article for article in result.articles}
    strike = by_file["2024-09-10-calder-transit-strike.txt"]
    assert strike.published_local_date == date(2024, 9, 10)
    assert strike.published_utc == datetime(2024, 9, 11, 1, 5, tzinfo=timezone.utc)
    ferry = by_file["2025-03-04-port-ellery-ferry.txt"]
    assert "appeared first on" not in ferry.text and "this past winter" in ferry.text
    assert ferry.published_local_date == date(2025, 3, 4)
    assert Counter(article.published_local_date.year for article in result.articles) == Counter(
        {2022: 1, 2023: 1, 2024: 2, 2025: 1}
    )


def test_seed_article_reads_with_its_local_date_and_without_its_footer() -> None:
    seed_txt = SEED / f"{SEED_NAME}.txt"
    if not seed_txt.is_file():
        pytest.skip(f"shared seed article not found at {seed_txt}")
    article = only_article(SEED, seed_txt.name)
    assert article.published_local_date == date(2025, 6, 17)
    assert article.published_utc == datetime(2025, 6, 17, 12, 40, tzinfo=timezone.utc)
    assert "appeared first on" not in article.text
    original = seed_txt.read_text(encoding="utf-8")
    assert original.startswith(article.text) and article.text.endswith("Central Asia.\n")
