"""The entity scorer (`dateline eval --entities`) on a small gold set written by hand for it
(tests/entity_scoring: two TimeML documents and their entity and timeline annotations)."""
from __future__ import annotations

import json
from datetime import date
import subprocess
import sys
from pathlib import Path

import yaml

from dateline.entities.scoring import (
    Counts,
    GoldDocument,
    GoldEntity,
    SystemDocument,
    _score_identity,
    _score_linking,
    score_entities,
)

FIXTURE = Path(__file__).resolve().parent / "entity_scoring"
REPO_ROOT = Path(__file__).resolve().parents[1]


def test_the_fixture_scores_as_counted_by_hand():
    scores = score_entities(FIXTURE / "gold", FIXTURE / "corpora").as_dict()
    # Every gold mention (names, "it", "its", "The company", "Doe", "she") is linked; the one system
    # mention outside the gold is "Ohio", which the gold does not annotate.
    assert scores["mention_linking"] == {"precision": 0.9167, "recall": 1.0, "f1": 0.9565, "right": 11,
                                              "system": 12, "gold": 11}
    # "Acme Corp." in one document and "ACME" in the other get one id.
    assert scores["cross_document_identity"]["right"] == scores["cross_document_identity"]["gold"] == 1
    # Acme: "said" (Monday) and "cut" (last year) are found; so is Beta's "agreed" (Tuesday). The other
    # rows of those entities ("buy", Beta's "said") are not in the gold timeline.
    assert (scores["entity_timeline"]["right"], scores["entity_timeline"]["gold"]) == (3, 3)
    assert scores["entity_timeline"]["system"] == 6


def test_a_mislinked_mention_and_a_split_identity_lower_the_scores():
    gold = GoldDocument("d.tml", "x", (GoldEntity("acme", "Acme", "organization", ((0, 4), (10, 12), (20, 27))),))
    system = SystemDocument(mentions=[(0, 4, "org_a"), (10, 12, "org_b"), (20, 27, "org_a"), (30, 34, "org_c")],
                            events=[])
    mapped, counts = {}, Counts()
    _score_linking(gold, system, mapped, counts)
    assert mapped == {("d.tml", "acme"): "org_a"}
    assert (counts.recalled, counts.expected, counts.right, counts.found) == (2, 3, 2, 4)

    identity = Counts()
    _score_identity({("a.tml", "acme"): "org_a", ("b.tml", "acme"): "org_x", ("c.tml", "beta"): "org_a"}, identity)
    assert (identity.expected, identity.found, identity.right) == (1, 1, 0)


def test_the_command_prints_the_scores_and_fails_without_gold(tmp_path):
    command = [sys.executable, "-m", "dateline.cli", "eval", "--shared", str(FIXTURE), "--json", "--entities"]
    done = subprocess.run([*command, str(FIXTURE / "gold")], capture_output=True, text=True, cwd=REPO_ROOT)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["documents"] == 2
    missing = subprocess.run([*command, str(tmp_path)], capture_output=True, text=True, cwd=REPO_ROOT)
    assert missing.returncode == 2 and "no entity gold" in missing.stderr


def test_gold_offsets_point_at_their_text():
    from dateline.timeml import read_timeml

    for path in sorted((FIXTURE / "gold" / "documents").glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = read_timeml(FIXTURE / "corpora" / gold["corpus"] / "input" / gold["document"]).text
        for entity in gold["entities"]:
            for mention in entity["mentions"]:
                assert text[mention["start"]:mention["end"]] == mention["text"]


def test_the_timeline_error_listing_gives_each_miss_and_wrong_row_a_cause(tmp_path):
    from dateline.entities.timeline_errors import format_timeline_errors, timeline_errors

    gold = tmp_path / "gold"
    (gold / "documents").mkdir(parents=True)
    for path in (FIXTURE / "gold" / "documents").glob("*.yaml"):
        (gold / "documents" / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    event = "{{document: {}, trigger: {}, start: {}, end: {}, earliest: {}, latest: {}, granularity: day, quote: x}}"
    (gold / "timelines.yaml").write_text("\n".join([
        "entities:",
        "  - {id: acme, name: Acme Corp., events: [",
        "      " + event.format("acme.tml", "said", 12, 16, "2025-06-15", "2025-06-15") + ",",  # the row says Monday the 16th
        "      " + event.format("acme.tml", "cut", 78, 81, "2024-01-01", "2024-12-31") + ",",
        "      " + event.format("acme.tml", "resigned", 133, 141, "2025-06-17", "2025-06-17") + ",",  # "its chief executive"
        "      " + event.format("acme.tml", "close", 41, 46, "2025-06-16", "2025-06-16") + "]}",  # a trigger, undated
        "  - {id: beta, name: Beta Inc., events: [",
        "      " + event.format("beta.tml", "agreed", 11, 17, "2025-06-17", "2025-06-17") + ",",
        "      " + event.format("beta.tml", "billion", 48, 55, "2025-06-17", "2025-06-17") + "]}",  # no event row
    ]) + "\n", encoding="utf-8")
    errors = timeline_errors(gold, FIXTURE / "corpora")
    missed = {(e.entity, e.trigger): e.cause for e in errors if e.side == "missed"}
    assert missed == {("acme", "said"): "date_wrong", ("acme", "resigned"): "not_a_participant",
                      ("acme", "close"): "no_row_trigger_not_dated", ("beta", "billion"): "no_row_trigger_not_found"}
    wrong = {(e.entity, e.trigger): e.cause for e in errors if e.side == "wrong"}
    # "agreed on Tuesday to buy": Tuesday is the agreement's, so the purchase's row is rated low
    # (complement_after_time, dateline.confidence)
    assert wrong == {("acme", "said"): "date_wrong", ("acme", "buy"): "low_confidence_not_in_gold",
                     ("beta", "buy"): "low_confidence_not_in_gold", ("beta", "said"): "low_confidence_not_in_gold"}
    said = next(e for e in errors if e.side == "wrong" and e.trigger == "said" and e.entity == "acme")
    assert said.gold == (date(2025, 6, 15), date(2025, 6, 15)) and said.system == (date(2025, 6, 16), date(2025, 6, 16))
    listing = format_timeline_errors(errors)
    assert "== gold timeline events missed: 4" in listing and "== system rows matching no gold event: 4" in listing
    assert "Jane Doe, its chief executive, resigned on Tuesday." in listing


def test_the_default_view_listing_misses_a_right_row_rated_low_as_rated_low(tmp_path):
    from dateline.entities.timeline_errors import timeline_errors

    gold = tmp_path / "gold"
    (gold / "documents").mkdir(parents=True)
    for path in (FIXTURE / "gold" / "documents").glob("*.yaml"):
        (gold / "documents" / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    # Beta's "said" row is dated by the nearest time of its sentence, rated low; take its days as gold
    (gold / "timelines.yaml").write_text(
        "entities:\n  - {id: beta, name: Beta Inc., events: [{document: beta.tml, trigger: said, start: 62, end: 66, "
        "earliest: 2026-03-01, latest: 2026-03-31, granularity: month, quote: x}]}\n", encoding="utf-8")
    every_row = timeline_errors(gold, FIXTURE / "corpora")
    assert not [e for e in every_row if e.side == "missed"]
    shown = timeline_errors(gold, FIXTURE / "corpora", shown_only=True)
    assert [(e.side, e.cause, e.trigger) for e in shown if e.side == "missed"] == [("missed", "rated_low", "said")]
    assert "(low)" in next(e.detail for e in shown if e.cause == "rated_low")


def test_the_command_lists_timeline_errors():
    command = [sys.executable, "-m", "dateline.cli", "eval", "--shared", str(FIXTURE), "--entities",
               str(FIXTURE / "gold"), "--errors"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT)
    assert done.returncode == 0, done.stderr
    # the three rows are rated low ("agreed on Tuesday to buy": the agreement's day; "would close")
    assert "== system rows matching no gold event: 3" in done.stdout and "3  low_confidence_not_in_gold" in done.stdout
