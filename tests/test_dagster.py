"""The Dagster code location over real files on a real (temporary) Dagster instance.

Also the incremental, shard-based work the assets call (dateline.engine and dateline.store), since that is what makes a
run re-read only what changed.
"""
from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from assets.resources import DataPaths
from dateline.engine.accounting import account, recount_inputs
from dateline.engine.ingesting import sync_articles
from dateline.engine.raw_files import RawFolderMissing, read_one_file
from dateline.engine.staging import build_timeline
from dateline.engine.tagging import sync_events
from dateline.ingest import list_raw_inputs
from dateline.store import datasets
from dateline.store.layout import ARTICLES, EVENTS, QUARANTINE, staged_timeline_path, timeline_pointer_path
from dateline.store.manifest import Manifest
from dateline.store.timeline_builds import published_timeline
from dateline.timeline import SCHEMA_VERSION, TIMELINE_SCHEMA
from pipelines.definitions import build_definitions, defs
from pipelines.sensors import raw_files_sensor
from tests.clock import TODAY

REPO_ROOT = Path(__file__).resolve().parents[1]


def write_json(path: Path, obj: object) -> None:
    path.write_text(json.dumps(obj), encoding="utf-8")


def write_raw_folder(raw: Path) -> None:
    """Four raw files: 4 articles and 2 rejected inputs (a broken .jsonl line, an undated .txt)."""
    write_json(raw / "minister.json", {
        "published": "2025-06-17T10:00:00Z", "title": "Talks | resume", "publisher": "Wire",
        "text": "The minister said Tuesday that the talks would resume. Officials met in Geneva last week.",
    })
    (raw / "harbour.txt").write_text(
        "The harbour reopened on March 3 after repairs that began last year.\n", encoding="utf-8")
    write_json(raw / "harbour.meta.json", {"published": "2025-03-10", "title": "Harbour reopens"})
    (raw / "feed.jsonl").write_text(
        json.dumps({"published": "2024-09-10", "text": "The union voted Tuesday to strike."}) + "\n"
        + "{not json\n\n"
        + json.dumps({"published": "2024-09-12", "text": "Talks collapsed on Wednesday, the union said."}) + "\n",
        encoding="utf-8",
    )
    (raw / "undated.txt").write_text("Something happened on Monday.\n", encoding="utf-8")


def run_main(data: Path, instance: dg.DagsterInstance) -> dg.ExecuteInProcessResult:
    job = build_definitions(str(data)).resolve_job_def("main")
    return job.execute_in_process(instance=instance, raise_on_error=False)


def metadata_of(result: dg.ExecuteInProcessResult, node: str) -> dict[str, object]:
    [materialization] = result.asset_materializations_for_node(node)
    return {key: value.value for key, value in materialization.metadata.items()}


def checks_of(result: dg.ExecuteInProcessResult) -> dict[str, bool]:
    return {evaluation.check_name: evaluation.passed for evaluation in result.get_asset_check_evaluations()}


def shard_mtimes(processed: Path) -> dict[str, int]:
    return {
        f"{p.parent.name}/{p.name}": p.stat().st_mtime_ns
        for name in (ARTICLES, QUARANTINE, EVENTS)
        for p in (processed / name).glob("*.parquet")
    }


@pytest.fixture
def instance():
    with dg.instance_for_test() as test_instance:
        yield test_instance


def test_definitions_load_and_wire_the_graph():
    dg.Definitions.validate_loadable(defs)
    job = defs.resolve_job_def("main")
    assert {node.name for node in job.nodes_in_topological_order} >= {"articles", "timeline_staging", "timeline",
                                                                      "clusters"}
    graph = defs.resolve_asset_graph()
    assert graph.get(dg.AssetKey("clusters")).parent_keys == {dg.AssetKey("timeline")}
    assert graph.get(dg.AssetKey("entities")).parent_keys == {dg.AssetKey("timeline")}
    assert graph.get(dg.AssetKey("timeline")).parent_keys == {dg.AssetKey("timeline_staging")}
    assert graph.get(dg.AssetKey("timeline_staging")).parent_keys == {dg.AssetKey("articles")}
    assert graph.get(dg.AssetKey("timeline_picture")).parent_keys == {dg.AssetKey("timeline")}
    for key, group in (("articles", "ingest"), ("timeline_staging", "timeline"), ("timeline", "timeline"),
                       ("clusters", "timeline"), ("entities", "timeline")):
        spec = graph.get(dg.AssetKey(key))
        assert spec.group_name == group and "parquet" in spec.kinds and spec.description
    checks = {(key.asset_key.path[-1], key.name): graph.get_check_spec(key) for key in graph.asset_check_keys}
    assert set(checks) == {("articles", "inputs_accounted_for"), ("timeline_staging", "staged_timeline_valid"),
                           ("timeline", "timeline_valid"), ("timeline", "timeline_default_view"),
                           ("clusters", "clusters_well_formed"), ("entities", "entities_well_formed")}
    assert [name for (_, name), spec in checks.items() if not spec.blocking] == ["timeline_default_view"]
    schedule = defs.resolve_schedule_def("daily_timeline")
    assert (schedule.cron_schedule, schedule.execution_timezone) == ("0 6 * * *", "UTC")
    with dg.instance_for_test() as scratch:  # the job's auto_executor chooses when the run starts
        [request] = schedule.evaluate_tick(dg.build_schedule_context(instance=scratch)).run_requests
    assert request.run_config == {}
    assert defs.resolve_sensor_def("raw_files_sensor").minimum_interval_seconds == 30


def test_data_paths_follow_dateline_data_and_fail_loudly_without_raw(tmp_path, monkeypatch):
    monkeypatch.setenv("DATELINE_DATA", str(tmp_path))
    paths = build_definitions().resources["paths"]
    assert Path(paths.data_dir) == tmp_path
    with pytest.raises(RawFolderMissing, match="does not exist"):
        paths.raw()


def test_main_job_publishes_a_checked_timeline_and_accounts_for_every_input(data_dir, instance):
    write_raw_folder(data_dir / "raw")
    result = run_main(data_dir, instance)
    assert result.success
    assert checks_of(result) == {"inputs_accounted_for": True, "staged_timeline_valid": True,
                                 "timeline_valid": True, "timeline_default_view": True,
                                 "clusters_well_formed": True, "entities_well_formed": True}

    articles = metadata_of(result, "articles")
    assert (articles["files"], articles["files_read"], articles["inputs"]) == (4, 4, 6)
    assert (articles["articles"], articles["quarantined"]) == (4, 2)
    assert articles["dagster/row_count"] == 4
    assert "Talks \\| resume" in articles["preview"]  # pipes escaped so the markdown table holds
    processed = data_dir / "processed"
    assert len(pd.read_parquet(processed / "articles")) == 4
    quarantine = pd.read_parquet(processed / "quarantine")
    assert sorted(quarantine["reason"]) == ["bad_json", "missing_published"]

    published = published_timeline(processed)
    timeline = metadata_of(result, "timeline")
    assert timeline["path"] == published.location() and timeline["files"] == len(published.parts)
    table = published.read()
    assert table.num_rows == timeline["dagster/row_count"] > 0
    assert table.schema.equals(TIMELINE_SCHEMA) and table.schema.metadata[b"dateline.schema_version"] == SCHEMA_VERSION.encode()
    assert [c.name for c in timeline["dagster/column_schema"].columns] == TIMELINE_SCHEMA.names
    frame = pd.read_parquet(processed / "timeline")
    assert len(frame) == table.num_rows and str(frame["published"].dtype) == "datetime64[us, UTC]"
    assert "harbour" not in {p.name for p in processed.iterdir()}  # nothing written outside the layout
    run = instance.get_run_by_id(result.run_id)
    assert run is not None and run.is_success


def test_the_entities_dataset_gives_one_id_to_a_company_across_articles(data_dir, instance):
    raw, processed = data_dir / "raw", data_dir / "processed"
    write_raw_folder(raw)
    write_json(raw / "acme-1.json", {
        "published": "2025-06-17", "text": "Acme Corp. said on Tuesday that it would close a plant in Ohio. "
                                           "The company cut 300 jobs last year."})
    write_json(raw / "acme-2.json", {
        "published": "2025-06-18", "text": "Shares of ACME fell on Wednesday after its chief executive resigned."})
    result = run_main(data_dir, instance)
    assert result.success and checks_of(result)["entities_well_formed"]
    entities = pd.read_parquet(processed / "entities")
    assert metadata_of(result, "entities")["dagster/row_count"] == len(entities) and entities["entity_id"].is_unique
    acme = entities[entities["aliases"].apply(lambda names: "ACME" in list(names))]
    assert len(acme) == 1 and acme["kind"].iloc[0] == "organization" and acme["name"].iloc[0] == "Acme Corp."
    assert acme["articles"].iloc[0] == 2 and acme["mentions"].iloc[0] >= 4  # names, "it", "the company", "its"
    articles = pd.read_parquet(processed / "articles").set_index("source_file")["article_id"]
    assert sorted(acme["article_ids"].iloc[0]) == sorted([articles["acme-1.json"], articles["acme-2.json"]])
    # What Acme did, across articles: the timeline rows it takes part in carry its id.
    timeline = pd.read_parquet(processed / "timeline")
    did = timeline[timeline["entity_ids"].apply(lambda ids: acme["entity_id"].iloc[0] in list(ids))]
    assert {"said", "cut"} <= set(did["trigger"]) and set(did["article_id"]) >= {articles["acme-1.json"]}

    # The file that named it twice goes: its article leaves the entities when the timeline is republished.
    (raw / "acme-1.json").unlink()
    assert run_main(data_dir, instance).success
    acme = pd.read_parquet(processed / "entities").set_index("entity_id").loc[acme["entity_id"].iloc[0]]
    assert list(acme["article_ids"]) == [articles["acme-2.json"]]


def test_a_second_run_reads_only_the_changed_file_and_duplicates_nothing(data_dir, instance):
    raw, processed = data_dir / "raw", data_dir / "processed"
    write_raw_folder(raw)
    assert run_main(data_dir, instance).success
    before = shard_mtimes(processed)
    old_id = pd.read_parquet(processed / "articles").set_index("source_file").loc["harbour.txt", "article_id"]

    harbour = raw / "harbour.txt"
    harbour.write_text(harbour.read_text() + "It will close again next month.\n", encoding="utf-8")
    result = run_main(data_dir, instance)
    assert result.success
    articles = metadata_of(result, "articles")
    assert (articles["files_read"], articles["files_skipped"]) == (1, 3)
    assert metadata_of(result, "timeline_staging")["files_tagged"] == 1
    after = shard_mtimes(processed)
    harbour_shard = datasets.shard_name("harbour.txt")
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed and all(harbour_shard in name for name in changed)

    frame = pd.read_parquet(processed / "articles")
    assert len(frame) == 4 and frame["article_id"].is_unique
    timeline = pd.read_parquet(processed / "timeline")
    assert not timeline.duplicated(["article_id", "trigger_start"]).any()
    new_id = frame.set_index("source_file").loc["harbour.txt", "article_id"]
    assert new_id != old_id and old_id not in set(timeline["article_id"]) and new_id in set(timeline["article_id"])
    assert len(timeline) == metadata_of(result, "timeline")["dagster/row_count"]
    # The timeline patched for one file equals one rebuilt from every event shard.
    assert pq.read_table(processed / "timeline").to_pylist() == build_timeline(processed).to_pylist()

    # Nothing changed: nothing is read or tagged again, and no timeline or clusters file rewritten.
    written = {path: path.stat().st_mtime_ns for path in (Path(timeline_pointer_path(processed)),
                                                           *Path(published_timeline(processed).folder).iterdir(),
                                                           processed / "clusters" / "part-0.parquet",
                                                           staged_timeline_path(processed))}
    again = run_main(data_dir, instance)
    assert metadata_of(again, "articles")["files_read"] == 0
    assert metadata_of(again, "timeline_staging")["files_tagged"] == 0
    assert {path: path.stat().st_mtime_ns for path in written} == written
    assert metadata_of(again, "clusters")["dagster/row_count"] == metadata_of(result, "clusters")["dagster/row_count"]


def test_cross_file_duplicates_are_kept_once_and_follow_deletions(data_dir):
    raw, processed = data_dir / "raw", data_dir / "processed"
    write_raw_folder(raw)
    (raw / "zz-copy.json").write_bytes((raw / "minister.json").read_bytes())
    report = sync_articles(raw, processed, today=TODAY)
    assert (report.inputs, report.articles, report.quarantined, report.duplicates) == (7, 4, 3, 1)
    quarantine = pd.read_parquet(processed / "quarantine")
    duplicate = quarantine[quarantine["reason"] == "duplicate_article"]
    assert list(duplicate["source_file"]) == ["zz-copy.json"] and "minister.json" in duplicate["detail"].iloc[0]
    assert account(raw, processed).balanced
    sync_events(processed)

    # The kept copy's file goes away: the other copy becomes the article, and is no longer quarantined.
    (raw / "minister.json").unlink()
    report = sync_articles(raw, processed, today=TODAY)
    assert (report.files_removed, report.articles, report.quarantined) == (1, 4, 2)
    articles = pd.read_parquet(processed / "articles")
    assert "zz-copy.json" in set(articles["source_file"]) and articles["article_id"].is_unique
    assert "duplicate_article" not in set(pd.read_parquet(processed / "quarantine")["reason"])
    assert account(raw, processed).balanced
    events = sync_events(processed)
    assert events.files_tagged == 1  # only the promoted copy is tagged


def test_the_accounting_recount_agrees_with_the_reader(data_dir):
    raw = data_dir / "raw"
    write_raw_folder(raw)
    (raw / "empty.jsonl").write_text("\n  \n", encoding="utf-8")
    (raw / "orphan.meta.json").write_text("{}", encoding="utf-8")
    (raw / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (raw / "sub").mkdir()
    (raw / "sub" / "crlf.jsonl").write_bytes(b'{"published": "2025-01-01", "text": "x"}\r\n\r\n{"a": 1}\r\n')
    read_units = [u for path in list_raw_inputs(raw) for u in read_one_file(path, raw).units]
    assert sorted(recount_inputs(raw).elements(), key=str) == sorted(read_units, key=str)
    assert len(read_units) == 11


def test_touched_but_unchanged_files_are_not_reread(data_dir):
    raw, processed = data_dir / "raw", data_dir / "processed"
    write_raw_folder(raw)
    sync_articles(raw, processed, today=TODAY)
    os.utime(raw / "feed.jsonl", ns=(1, 1))
    assert sync_articles(raw, processed, today=TODAY).files_read == 0
    assert Manifest.load(processed).files["feed.jsonl"].mtime_ns == 1


def test_a_failing_check_blocks_publishing(data_dir, instance):
    write_raw_folder(data_dir / "raw")
    processed = data_dir / "processed"
    assert run_main(data_dir, instance).success
    pointer = Path(timeline_pointer_path(processed))
    published_bytes = pointer.read_bytes()
    published_rows = published_timeline(processed).read()

    # Rows whose range runs backwards (as a bug in dating would produce) in the staged timeline, which
    # the next run reuses for the raw files that did not change.
    staged = staged_timeline_path(processed)
    table = pq.read_table(staged)
    later = pa.array([day.replace(year=day.year + 1) for day in table.column("latest").to_pylist()], pa.date32())
    pq.write_table(table.set_column(table.schema.get_field_index("earliest"), "earliest", later), staged)
    result = run_main(data_dir, instance)
    assert not result.success
    assert checks_of(result) == {"inputs_accounted_for": True, "staged_timeline_valid": False}
    [failed] = [e for e in result.get_asset_check_evaluations() if not e.passed]
    assert failed.metadata["earliest_after_latest"].value == table.num_rows
    assert result.asset_materializations_for_node("timeline") == []
    assert pointer.read_bytes() == published_bytes and published_timeline(processed).read().equals(published_rows)

    # Re-processing everything rebuilds the staged timeline from the raw files and publishes again.
    job = build_definitions(str(data_dir)).resolve_job_def("main")
    redo = job.execute_in_process(
        instance=instance, run_config={"ops": {"articles": {"config": {"reprocess_all": True}}}}
    )
    assert redo.success and metadata_of(redo, "articles")["files_read"] == 4
    assert published_timeline(processed).read().to_pylist() == pq.read_table(staged).to_pylist()


def test_the_timeline_asset_carries_its_own_checks_and_previews_its_newest_rows(data_dir, instance):
    write_raw_folder(data_dir / "raw")
    result = run_main(data_dir, instance)
    assert result.success
    on_timeline = {e.check_name: e for e in result.get_asset_check_evaluations() if e.asset_key == dg.AssetKey("timeline")}
    assert set(on_timeline) == {"timeline_valid", "timeline_default_view"}
    assert on_timeline["timeline_valid"].passed and on_timeline["timeline_valid"].metadata["is_the_staged_build"].value
    assert on_timeline["timeline_valid"].metadata["rows_out_of_order"].value == 0
    # what the UI's Checks tab of the timeline asset lists: the checks recorded against its key
    records = instance.event_log_storage.get_asset_check_execution_history(
        dg.AssetCheckKey(dg.AssetKey("timeline"), "timeline_valid"), limit=5)
    assert len(records) == 1

    table = published_timeline(data_dir / "processed").read().to_pandas()
    default_view = table[table["confidence"].astype(str).isin(["high", "medium"])]
    newest = default_view.sort_values(["latest", "earliest", "published"], ascending=False).iloc[0]
    preview = metadata_of(result, "timeline")["preview"].splitlines()
    first_row = [cell.strip().replace("\\", "") for cell in preview[2].strip("|").split("|")]
    assert first_row[:2] == [newest["earliest"].isoformat(), newest["latest"].isoformat()]
    assert table["latest"].max() > table["latest"].iloc[0]  # the file's first row (the old preview) is older
    staging_preview = metadata_of(result, "timeline_staging")["preview"].splitlines()
    assert staging_preview[2] == preview[2]


def test_a_published_timeline_out_of_order_fails_its_check_and_blocks_what_is_built_on_it(data_dir, instance):
    write_raw_folder(data_dir / "raw")
    assert run_main(data_dir, instance).success
    timeline = published_timeline(data_dir / "processed")
    largest = max(timeline.parts, key=lambda part: part.rows)
    published = Path(timeline.folder) / largest.name
    table = pq.read_table(published)
    assert table.num_rows > 1
    pq.write_table(table.take(list(reversed(range(table.num_rows)))), published)  # same build id, wrong order
    result = run_main(data_dir, instance)
    assert not result.success
    checks = checks_of(result)
    assert checks["staged_timeline_valid"] and not checks["timeline_valid"]
    assert "clusters_well_formed" not in checks and result.asset_materializations_for_node("clusters") == []
    [failed] = [e for e in result.get_asset_check_evaluations() if e.check_name == "timeline_valid"]
    assert failed.metadata["rows_out_of_order"].value > 0


def test_a_failing_accounting_check_blocks_the_timeline(data_dir, instance):
    write_raw_folder(data_dir / "raw")
    processed = data_dir / "processed"
    assert run_main(data_dir, instance).success
    # A file copied into the dataset by hand: its rows match no raw input.
    stray = pd.read_parquet(processed / "articles").head(1).assign(source_file="not-in-raw.json")
    pq.write_table(pa.Table.from_pandas(stray, preserve_index=False).cast(datasets.ARTICLES_SCHEMA),
                   processed / "articles" / "by-hand.parquet")
    result = run_main(data_dir, instance)
    assert not result.success
    assert checks_of(result) == {"inputs_accounted_for": False}
    [evaluation] = result.get_asset_check_evaluations()
    assert evaluation.metadata["extra"].value == 1
    assert result.asset_materializations_for_node("timeline_staging") == []
    assert result.asset_materializations_for_node("timeline") == []


def test_sensor_requests_a_run_for_new_changed_or_deleted_files_and_skips_otherwise(data_dir, instance):
    raw = data_dir / "raw"
    write_raw_folder(raw)
    resources = {"paths": DataPaths(data_dir=str(data_dir))}

    def evaluate(cursor: str | None):
        return raw_files_sensor(dg.build_sensor_context(instance=instance, cursor=cursor, resources=resources))

    first = evaluate(None)
    assert isinstance(first, dg.SensorResult) and len(first.run_requests) == 1
    # What changed is counted against what the pipeline has read (nothing yet): every input, its
    # sidecar part of the article beside it.
    assert first.run_requests[0].tags["dateline/changed_files"] == str(len(list_raw_inputs(raw)))
    assert isinstance(evaluate(first.cursor), dg.SkipReason)

    write_json(raw / "new.json", {"published": "2025-01-02", "text": "It snowed on Monday."})
    second = evaluate(first.cursor)
    assert len(second.run_requests) == 1 and second.run_requests[0].run_key != first.run_requests[0].run_key
    (raw / "new.json").unlink()
    third = evaluate(second.cursor)
    assert len(third.run_requests) == 1

    # The same file dropped again, byte for byte and with the same mtime, still gets a new run.
    write_json(raw / "new.json", {"published": "2025-01-02", "text": "It snowed on Monday."})
    stat = (raw / "new.json").stat()
    os.utime(raw / "new.json", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    fourth = evaluate(third.cursor)
    assert fourth.run_requests[0].run_key not in {r.run_requests[0].run_key for r in (first, second, third)}
    assert isinstance(evaluate(fourth.cursor), dg.SkipReason)


def test_sensor_counts_against_what_was_read_and_keeps_a_cursor_of_constant_size(data_dir, instance):
    raw = data_dir / "raw"
    write_raw_folder(raw)
    resources = {"paths": DataPaths(data_dir=str(data_dir))}

    def evaluate(cursor: str | None):
        return raw_files_sensor(dg.build_sensor_context(instance=instance, cursor=cursor, resources=resources))

    assert run_main(data_dir, instance).success
    # A fresh cursor (a new deployment) on a folder the pipeline has read: nothing to run.
    settled = evaluate(None)
    assert settled.run_requests in (None, []) and "nothing the timeline lacks" in str(settled.skip_reason)

    (raw / "many").mkdir()
    for number in range(300):
        write_json(raw / "many" / f"{number:04d}.json", {"published": "2025-01-02", "text": f"Story {number} ran on Monday."})
    grown = evaluate(settled.cursor)
    assert grown.run_requests[0].tags == {"dateline/changed_files": "300", "dateline/deleted_files": "0"}
    assert len(grown.cursor) == len(settled.cursor) < 120

    (raw / "many" / "0000.json").unlink()  # never read: not a deletion for the pipeline
    (raw / "minister.json").unlink()  # read by the run above
    shrunk = evaluate(grown.cursor)
    assert shrunk.run_requests[0].tags == {"dateline/changed_files": "299", "dateline/deleted_files": "1"}


def test_the_timeline_picture_is_drawn_once_per_timeline_and_shown_in_the_metadata(data_dir, instance):
    write_raw_folder(data_dir / "raw")
    first = run_main(data_dir, instance)
    assert first.success
    picture = metadata_of(first, "timeline_picture")
    assert picture["drawn"] is True and picture["layout"] == "events" and picture["events_drawn"] >= 3
    assert picture["picture"].startswith("![the timeline](data:image/png;base64,")
    png = (data_dir / "processed" / "picture" / "timeline.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and base64.b64encode(png).decode() in picture["picture"]
    page = (data_dir / "processed" / "picture" / "timeline.html").read_text(encoding="utf-8")
    # Self-contained: plotly's script is inlined, nothing is fetched from the network.
    assert "Plotly" in page and not re.search(r"<script[^>]+src=", page) and "The minister" in page
    again = run_main(data_dir, instance)
    assert metadata_of(again, "timeline_picture")["drawn"] is False  # the same timeline: not drawn again
    assert metadata_of(again, "timeline_picture")["picture"] == picture["picture"]


def test_dateline_run_command(data_dir, tmp_path):
    write_raw_folder(data_dir / "raw")
    home = tmp_path / "dagster_home"
    env = os.environ | {"DATELINE_DATA": str(data_dir), "DAGSTER_HOME": str(home)}
    done = subprocess.run([sys.executable, "-m", "pipelines.cli", "run"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "succeeded" in done.stdout and "articles=4" in done.stdout and "quarantined=2" in done.stdout
    assert published_timeline(data_dir / "processed").location() in done.stdout
    assert published_timeline(data_dir / "processed").rows == len(pd.read_parquet(data_dir / "processed" / "timeline"))
    assert any((home / "history").glob("runs*")), "the run was not recorded on the persistent instance"

    env["DATELINE_DATA"] = str(tmp_path / "nowhere")
    failed = subprocess.run([sys.executable, "-m", "pipelines.cli", "run"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert failed.returncode == 2 and failed.stdout == ""
    assert failed.stderr.count("\n") == 1 and "no raw/ folder" in failed.stderr  # one line, no traceback


def test_a_run_launched_without_config_executes_a_small_change_in_one_process(data_dir, tmp_path):
    """What the UI's 'Materialize all' does: no execution config, so the job's auto executor chooses."""
    write_raw_folder(data_dir / "raw")
    home = tmp_path / "dagster_home"
    home.mkdir()
    env = os.environ | {"DATELINE_DATA": str(data_dir), "DAGSTER_HOME": str(home)}
    done = subprocess.run([sys.executable, "-m", "dagster", "job", "execute", "-m", "pipelines.definitions",
                           "-j", "main"], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    assert "Executing steps in process" in log and "multiprocess" not in log
    assert "RUN_SUCCESS" in log
    assert published_timeline(data_dir / "processed").rows > 0


def test_seed_article_gives_the_expected_events(seed_article, seed_dir, data_dir, instance):
    expected = yaml.safe_load((seed_dir / "north-korea-workers-kursk.expected-events.yaml").read_text())["events"]
    result = run_main(data_dir, instance)
    assert result.success
    rows = pd.read_parquet(data_dir / "processed" / "timeline")
    available = [(r.trigger, r.earliest, r.latest) for r in rows.itertuples()]
    found, missed = 0, []
    for event in expected:
        key = (event["trigger"], event["earliest"], event["latest"])
        if key in available:
            available.remove(key)
            found += 1
        else:
            missed.append(key)
    assert found >= 11, f"{found}/12 expected events in the timeline; missing {missed}"


def test_dateline_run_uses_the_project_dagster_home_unless_one_is_set(tmp_path):
    from pipelines.cli import default_dagster_home, ensure_dagster_home

    environ: dict[str, str] = {}
    assert ensure_dagster_home(environ) == default_dagster_home() == REPO_ROOT / ".dagster"
    assert environ["DAGSTER_HOME"] == str(REPO_ROOT / ".dagster")
    environ = {"DAGSTER_HOME": str(tmp_path / "elsewhere")}
    assert ensure_dagster_home(environ) == tmp_path / "elsewhere" and (tmp_path / "elsewhere").is_dir()
    # a new home gets the project's instance settings (no warning, no telemetry notice); a home's own are kept
    settings = tmp_path / "elsewhere" / "dagster.yaml"
    assert settings.read_text() == (REPO_ROOT / ".dagster" / "dagster.yaml").read_text()
    settings.write_text("telemetry:\n  enabled: false\n")
    ensure_dagster_home(environ)
    assert settings.read_text() == "telemetry:\n  enabled: false\n"


def test_dateline_schema_describes_what_a_run_publishes(data_dir, instance):
    """`dateline schema`: each dataset's files, as a glob under processed/, hold exactly the listed columns
    and types; every timeline column says what it holds."""
    write_raw_folder(data_dir / "raw")
    assert run_main(data_dir, instance).success
    done = subprocess.run([sys.executable, "-m", "dateline.cli", "schema"], capture_output=True, text=True,
                          timeout=60, cwd=REPO_ROOT)
    assert done.returncode == 0, done.stderr
    schemas = json.loads(done.stdout)
    assert set(schemas) == {"timeline", "clusters", "entities", "articles", "quarantine"}
    for name, described in schemas.items():
        files = sorted((data_dir / "processed").glob(described["files"]))
        assert files, f"no files for {name} at {described['files']}"
        written = pq.read_schema(files[0])
        assert [(c["name"], c["type"], c["nullable"]) for c in described["columns"]] == \
            [(f.name, str(f.type), f.nullable) for f in written], name
    assert all(column["description"] for column in schemas["timeline"]["columns"])
