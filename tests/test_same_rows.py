"""The house around the language chain changes no row: the timeline the Dagster job publishes (engine:
read ahead, ingest, tag in groups, stage; store: shards, manifest, publishing) equals, row for row,
the timeline the language chain makes directly from the same files, with no engine and no store:
dateline.ingest reads the folder, tagger -> enrich -> headlines -> timeline rows, sorted once.

On the sample articles of data/raw/ and on a few dev documents (TimeBank and AQUAINT, written as
.txt + .meta.json with their DCT as the publication date), through `dateline run` in a new process
with each executor (multiprocess: reading and tagging split into groups, one step per core).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dateline.enrich import article_timeline
from dateline.headlines import headline_events
from dateline.ingest import read_raw_folder
from dateline.model import Article
from dateline.tagger import tag
from dateline.timeline import combine_and_sort, event_rows, rows_to_table
from dateline.timeml import read_timeml
from tests.conftest import REPO_ROOT, SHARED

# A few dev documents of different sources and lengths (names as in the shared corpora).
DEV_DOCUMENTS = ("timebank/ABC19980108.1830.0711.tml", "timebank/wsj_0904.tml", "timebank/NYT19980206.0460.tml",
                 "aquaint/APW19980807.0261.tml", "aquaint/NYT19980907.0112.tml")


def chain_rows(article: Article) -> list[dict]:
    """An article's timeline rows made by the language chain alone."""
    expressions = tag(article.text, article.published_local_date)
    events, _ = article_timeline(article.text, expressions, article.published_local_date)
    from_title = headline_events(article.title, article.text, events, article.published_local_date)
    return event_rows(article, events) + event_rows(article, from_title, from_title=True)


def timeline_from_the_chain(raw: Path):
    articles = read_raw_folder(raw).articles
    return combine_and_sort([rows_to_table([row for article in articles for row in chain_rows(article)])])


def write_dev_documents(raw: Path) -> int:
    written = 0
    for name in DEV_DOCUMENTS:
        path = SHARED / "corpora" / name.replace("/", "/input/")
        if not path.exists():
            continue
        document = read_timeml(path)
        stem = name.replace("/", "-").removesuffix(".tml")
        (raw / f"{stem}.txt").write_text(document.text, encoding="utf-8")
        meta = {"published": document.published.isoformat(), "title": document.title or ""}
        (raw / f"{stem}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
        written += 1
    return written


@pytest.mark.parametrize("executor", ["in_process", "multiprocess"])
def test_the_published_timeline_is_the_language_chains_row_for_row(data_dir: Path, tmp_path: Path, executor: str) -> None:
    raw = data_dir / "raw"
    for path in (REPO_ROOT / "data" / "raw").iterdir():
        if path.is_file() and not path.name.startswith("."):
            shutil.copy(path, raw / path.name)
    if not write_dev_documents(raw):
        pytest.skip(f"no dev document under {SHARED / 'corpora'} (the shared/ folder beside the repository)")
    expected = timeline_from_the_chain(raw)
    assert expected.num_rows > 100  # the samples and the dev documents give rows to compare

    env = dict(os.environ, DAGSTER_HOME=str(tmp_path / "dagster_home"))
    command = [sys.executable, "-m", "pipelines.cli", "run", "--data", str(data_dir), "--executor", executor]
    done = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"executor={executor}" in done.stdout
    published = pq.read_table(data_dir / "processed" / "timeline")  # the month files, as analysts read them
    assert published.schema.equals(expected.schema)
    assert published.num_rows == expected.num_rows
    for number, (got, want) in enumerate(zip(published.to_pylist(), expected.to_pylist())):
        assert got == want, f"row {number} differs"
