"""The store reads through a pyarrow file system (dateline.store.filesystem): a plain path is on the
local disk, a URI names its file system. Shown here with a file:// URI, which pyarrow resolves itself,
against the same folder read as a path: the same tables, the same build id, the same checks."""
from __future__ import annotations

from pathlib import Path

import pyarrow.fs as pafs

from dateline.store import datasets
from dateline.store.filesystem import LOCAL, resolve
from dateline.store.layout import ARTICLES, EVENTS, QUARANTINE
from dateline.store.timeline_builds import published_timeline
from dateline.store.publishing import timeline_build, timeline_file_problems
from tests.test_crash_and_concurrency import run_pipeline_in_process, write_articles


def test_a_plain_path_is_local_and_a_uri_names_its_file_system(tmp_path: Path) -> None:
    assert resolve(tmp_path) == (LOCAL, str(tmp_path))
    filesystem, path = resolve(tmp_path.as_uri())
    assert isinstance(filesystem, pafs.LocalFileSystem) and path == str(tmp_path)


def test_datasets_and_timeline_files_read_through_a_uri_as_through_a_path(data_dir: Path) -> None:
    raw, processed = data_dir / "raw", data_dir / "processed"
    write_articles(raw, 12)
    (raw / "undated.txt").write_text("Something happened on Monday.\n", encoding="utf-8")  # a quarantine row
    run_pipeline_in_process(raw, processed)
    uri = processed.as_uri()
    for dataset in (ARTICLES, QUARANTINE, EVENTS):
        local = datasets.read_dataset(processed, dataset)
        assert local.num_rows > 0, dataset
        assert datasets.read_dataset(uri, dataset).equals(local), dataset
        assert datasets.read_head(uri, dataset, 3).equals(datasets.read_head(processed, dataset, 3)), dataset
    shard = sorted(p.stem for p in (processed / EVENTS).glob("shard-*.parquet"))[0]
    by_uri = datasets.read_shard(uri, EVENTS, shard, dictionary_columns=["trigger"])
    assert by_uri.num_rows and by_uri.equals(datasets.read_shard(processed, EVENTS, shard, dictionary_columns=["trigger"]))
    assert datasets.read_shard(uri, EVENTS, "shard-zz").num_rows == 0  # a missing shard is empty
    assert datasets.read_dataset(f"{uri}/nowhere", EVENTS).num_rows == 0  # so is a missing folder

    published = published_timeline(processed)
    by_uri = published_timeline(processed.as_uri())  # the pointer followed through the URI's file system
    assert by_uri.build == published.build != "" and by_uri.parts == published.parts
    assert by_uri.read().equals(published.read())
    first_file = Path(published.paths()[0])
    assert timeline_build(first_file.as_uri()) == timeline_build(first_file) == published.build
    assert timeline_build((processed / "missing.parquet").as_uri()) == ""
    assert timeline_file_problems(by_uri) == timeline_file_problems(published)
    assert timeline_file_problems(first_file.as_uri()) == timeline_file_problems(first_file)
