"""TimeML in and out, and the domain commands `tag`, `timeml` and `eval`, scored with the shared scorers."""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from dateline.cli import main
from dateline.timeml import TimemlError, annotate, parse_timeml, publication_date, render_timeml

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED_TIMEML = SHARED / "seed" / "timeml"
SCORERS = SHARED / "eval"

needs_shared = pytest.mark.skipif(not (SEED_TIMEML / "input").is_dir() or not SCORERS.is_dir(),
                                  reason=f"the shared seed and scorers are absent (looked in {SHARED})")

SMALL_DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>small</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
Smith &amp; Sons said Tuesday that profits &lt;before tax&gt; rose 5% in 1997.
</TEXT>
</TimeML>
"""


def plain_text(tml: str) -> str:
    body = re.search(r"<TEXT[^>]*>(.*)</TEXT>", tml, re.S).group(1)
    return "".join(html.unescape(chunk) for chunk in re.split(r"<[^>]*>", body))


def score(script: str, gold: Path, system: Path) -> dict:
    finished = subprocess.run([sys.executable, str(SCORERS / script), str(gold), str(system), "--json"],
                              capture_output=True, text=True, check=True)
    return json.loads(finished.stdout)


@needs_shared
def test_timeml_on_the_seed_scores_full_value_f1_and_dates_every_gold_anchor(tmp_path):
    assert main(["timeml", str(SEED_TIMEML / "input"), str(tmp_path / "out")]) == 0
    timex = score("timex_score.py", SEED_TIMEML / "gold", tmp_path / "out")
    anchors = score("anchor_score.py", SEED_TIMEML / "gold", tmp_path / "out")
    assert timex["problems"] == [] and timex["value"]["f1"] == 1.0
    assert anchors["gold_anchors"] == 13 and anchors["dated_right"] == 1.0


@needs_shared
def test_the_plain_text_survives_annotation(tmp_path):
    assert main(["timeml", str(SEED_TIMEML / "input"), str(tmp_path)]) == 0
    for source in (SEED_TIMEML / "input").glob("*.tml"):
        written = (tmp_path / source.name).read_text(encoding="utf-8")
        assert plain_text(written) == plain_text(source.read_text(encoding="utf-8"))
        assert written.count("<TLINK") >= 13


def test_escaped_text_round_trips_and_links_point_at_written_tags(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "small.tml").write_text(SMALL_DOC, encoding="utf-8")
    assert main(["timeml", str(tmp_path / "in"), str(tmp_path / "out")]) == 0
    written = (tmp_path / "out" / "small.tml").read_text(encoding="utf-8")
    assert plain_text(written) == plain_text(SMALL_DOC)
    assert "Smith &amp; Sons" in written and "&lt;before tax&gt;" in written
    assert '<TIMEX3 tid="t1" type="DATE" value="1998-01-06">Tuesday</TIMEX3>' in written
    assert '<EVENT eid="e1" class="OCCURRENCE">said</EVENT>' in written
    assert '<TLINK lid="l1" relType="IS_INCLUDED" eventID="e1" relatedToTime="t1" />' in written
    assert written.rstrip().endswith("</TimeML>")


def test_a_vague_reference_gets_an_event_and_a_tlink():
    document = parse_timeml(SMALL_DOC.replace("rose 5% in 1997", "are now higher"))
    written = render_timeml(document, annotate(document))
    assert '<TIMEX3 tid="t2" type="DATE" value="PRESENT_REF">now</TIMEX3>' in written
    eid = re.search(r'<EVENT eid="(e\d+)" class="OCCURRENCE">higher</EVENT>', written).group(1)
    assert f'relType="IS_INCLUDED" eventID="{eid}" relatedToTime="t2" />' in written
    assert plain_text(written) == plain_text(SMALL_DOC.replace("rose 5% in 1997", "are now higher"))


def test_dct_values_in_all_three_shapes_give_the_publication_date():
    assert publication_date("19980108") == date(1998, 1, 8)
    assert publication_date("1998-08-07T12:34:00") == date(1998, 8, 7)
    assert parse_timeml(SMALL_DOC).published == date(1998, 1, 8)
    with pytest.raises(TimemlError, match="not a calendar date"):
        publication_date("XXXX-XX-XX")
    with pytest.raises(TimemlError, match="no <DCT>"):
        parse_timeml("<TimeML><TEXT>Said Tuesday.</TEXT></TimeML>")


def test_a_failing_file_is_reported_and_the_rest_are_written(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.tml").write_text(SMALL_DOC, encoding="utf-8")
    (tmp_path / "in" / "bad.tml").write_text(SMALL_DOC.replace("1998-01-08", "someday"), encoding="utf-8")
    assert main(["timeml", str(tmp_path / "in"), str(tmp_path / "out")]) == 1
    assert (tmp_path / "out" / "good.tml").is_file() and not (tmp_path / "out" / "bad.tml").exists()
    assert "bad.tml: failed" in capsys.readouterr().err


def test_tag_prints_one_json_line_per_expression(tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text("Officials said Tuesday that talks would continue for two weeks.", encoding="utf-8")
    assert main(["tag", "--published", "2025-06-17", str(article)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["text"], r["type"], r["value"]) for r in rows] == [
        ("Tuesday", "DATE", "2025-06-17"), ("two weeks", "DURATION", "P2W")]
    assert rows[0]["earliest"] == "2025-06-17" and rows[1]["earliest"] is None
    assert {"start", "end", "granularity", "anchor", "direction", "direction_source", "rule", "mod"} <= rows[0].keys()


def test_tag_rejects_a_bad_publication_date(tmp_path, capsys):
    assert main(["tag", "--published", "17/06/2025", str(tmp_path / "unused.txt")]) == 2
    assert "--published must be a date" in capsys.readouterr().err


def test_eval_without_a_shared_folder_says_so(tmp_path, capsys):
    assert main(["eval", "--shared", str(tmp_path / "absent")]) == 2
    assert "no scorers" in capsys.readouterr().err


@needs_shared
def test_eval_scores_a_shared_folder_holding_only_the_seed(tmp_path, capsys):
    shutil.copytree(SCORERS, tmp_path / "eval")
    shutil.copytree(SEED_TIMEML, tmp_path / "seed" / "timeml")
    assert main(["eval", "--shared", str(tmp_path), "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["corpus"], row["docs"], row["gold_timex"], row["value_f1"]) == ("seed", 1, 17, 1.0)
    assert (row["dated_right"], row["gold_anchors"], row["failed"]) == (13, 13, 0)


GOLD_ANCHORS_DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>anchors</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
<EVENT eid="e1">Smith</EVENT> &amp; <TIMEX3 tid="t3" type="DATE" value="1997">Sons</TIMEX3> <EVENT eid="e2">said</EVENT> \
<TIMEX3 tid="t1" type="DATE" value="1998-01-06">Tuesday</TIMEX3> that profits &lt;before tax&gt; <EVENT eid="e3">rose</EVENT> 5% in \
<TIMEX3 tid="t2" type="DATE" value="1996">1997</TIMEX3>.
</TEXT>
<TLINK lid="l1" relType="IS_INCLUDED" eventID="e2" relatedToTime="t1" />
<TLINK lid="l2" relType="IS_INCLUDED" eventID="e1" relatedToTime="t1" />
<TLINK lid="l3" relType="IS_INCLUDED" eventID="e3" relatedToTime="t2" />
<TLINK lid="l4" relType="DURING" eventID="e2" relatedToTime="t3" />
</TimeML>
"""


@needs_shared
def test_anchor_errors_put_each_missed_gold_anchor_under_its_cause(tmp_path, capsys):
    shutil.copytree(SCORERS, tmp_path / "eval")
    for folder in ("input", "gold"):
        (tmp_path / "corpora" / "mini" / folder).mkdir(parents=True)
    (tmp_path / "corpora" / "mini" / "input" / "anchors.tml").write_text(SMALL_DOC, encoding="utf-8")
    (tmp_path / "corpora" / "mini" / "gold" / "anchors.tml").write_text(GOLD_ANCHORS_DOC, encoding="utf-8")
    assert main(["eval", "--shared", str(tmp_path), "--anchor-errors", "mini", "--examples", "1"]) == 0
    out = capsys.readouterr().out
    assert "== mini: 4 gold anchors, 1 dated right, 3 not" in out  # said -> Tuesday is right
    assert "-- timex missed: 1 " in out and "'said' -> 'Sons'" in out
    assert "-- no trigger: 1 " in out and "'Smith' -> 'Tuesday'" in out
    assert "-- value wrong: 1 " in out and "gold 1996 system 1997" in out
    assert main(["eval", "--shared", str(tmp_path), "--anchor-errors", "nosuch"]) == 2
