"""End to end: `dateline run` (the Dagster job `main`) from raw files to the published timeline.

Each run is a fresh process, as a run launched by the sensor or the schedule is, so its wall time
includes starting Python and loading Dagster. Its memory is that of the whole process tree (the run,
and under the multiprocess executor its fork server and step processes), sampled while it runs
(benchmarks/process_memory.py); the run process's own high-water mark (ru_maxrss) is kept too.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import BenchArticle, write_jsonl_files, write_txt_files
from benchmarks.process_memory import TreeMemory, TreeSampler
from benchmarks.run_steps import PartTime, outside_tagging_seconds, part_times, step_spans
from dateline.engine.snapshot import raw_snapshot, snapshot_changes
from dateline.store.layout import PROJECT_ROOT
from dateline.store.timeline_builds import published_timeline

LAYOUTS = {
    "txt+meta.json": write_txt_files,
    "10 x .jsonl": write_jsonl_files,
}


@dataclass
class RunFigures:
    seconds: float
    run_process_rss_bytes: int  # the run process's own high-water mark
    tree: TreeMemory  # the whole process tree, sampled
    files_read: int  # raw files the run parsed (from its summary)
    files_tagged: int  # raw files whose events it rebuilt
    executor: str  # in_process or multiprocess, as the run chose
    run_id: str
    started_at: float  # epoch seconds when the process was launched

    @property
    def peak_rss_bytes(self) -> int:
        """The peak of the tree's summed RSS (shared pages counted once per process: an upper bound)."""
        return max(self.tree.peak_rss_bytes, self.run_process_rss_bytes)


def _summary_count(output: str, key: str) -> int:
    found = re.search(rf"\b{key}=(\d+)", output)
    if not found:
        raise RunFailed(f"no {key}= in the run's summary:\n{output}")
    return int(found.group(1))


class RunFailed(RuntimeError):
    pass


def run_dateline(data_dir: Path, dagster_home: Path, *extra: str) -> RunFigures:
    """One `dateline run --data DATA_DIR [EXTRA...]` in a new process; raises RunFailed with its output if it fails."""
    environ = dict(os.environ, DAGSTER_HOME=str(dagster_home))
    command = [sys.executable, "-m", "pipelines.cli", "run", "--quiet", "--data", str(data_dir), *extra]
    with tempfile.TemporaryFile() as output:
        started, started_at = time.perf_counter(), time.time()
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=environ, stdout=output, stderr=subprocess.STDOUT)
        sampler = TreeSampler(process.pid).start()
        _, status, usage = os.wait4(process.pid, 0)
        tree = sampler.stop()
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode(errors="replace")
    if process.returncode != 0:
        raise RunFailed(f"dateline run failed ({process.returncode}):\n{text}")
    if text.startswith("dateline run: nothing to do"):  # unchanged input: no Dagster run was started
        return RunFigures(seconds, usage.ru_maxrss * 1024, tree, 0, 0, "none (up to date)", "", started_at)
    executor = re.search(r"executor=(\w+)", text)
    run_id = re.search(r"^run (\S+): succeeded", text, re.MULTILINE)
    return RunFigures(  # ru_maxrss is in KiB on Linux
        seconds, usage.ru_maxrss * 1024, tree, _summary_count(text, "files_read"), _summary_count(text, "files_tagged"),
        executor.group(1) if executor else "?", run_id.group(1) if run_id else "?", started_at,
    )


def timeline_published_after(figures: RunFigures, dagster_home: Path) -> float | None:
    """Seconds from the run's launch to its materialization of the `timeline` asset (the published
    file in place), from the instance's event log; None if that run did not publish it. The run goes
    on after that to rebuild the clusters from the new timeline."""
    import dagster as dg

    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        event = instance.get_latest_materialization_event(dg.AssetKey("timeline"))
    if event is None or event.run_id != figures.run_id:
        return None
    return event.timestamp - figures.started_at


@dataclass
class EndToEndRow:
    layout: str
    articles: int
    megabytes: float
    run: RunFigures
    events: int
    parts: list[PartTime]  # where the run's wall time went

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.run.seconds

    @property
    def outside_tagging_seconds(self) -> float:
        return outside_tagging_seconds(self.parts, self.run.seconds)


def full_run(articles: list[BenchArticle], layout: str, workdir: Path) -> EndToEndRow:
    """Write the articles in `layout` into a new data folder under workdir and run the pipeline on it."""
    data = workdir / data_folder_name(layout, len(articles))
    LAYOUTS[layout](articles, data / "raw")
    figures = run_dateline(data, workdir / "dagster_home")
    return EndToEndRow(layout, len(articles), sum(a.size_bytes for a in articles) / 1e6, figures, _timeline_rows(data),
                       run_parts(figures, workdir / "dagster_home"))


def run_parts(figures: RunFigures, dagster_home: Path) -> list[PartTime]:
    return part_times(step_spans(dagster_home, figures.run_id), figures.started_at, figures.seconds)


def data_folder_name(layout: str, articles: int) -> str:
    return f"{layout.replace(' ', '').replace('+', '_').replace('.', '')}-{articles}"


@dataclass
class IncrementalFigures:
    idle: RunFigures  # a run with nothing new: the fixed cost of a run (start-up, checks, publishing)
    sensor_seconds: float  # what the sensor does per tick: stat raw/, compare with its cursor
    run: RunFigures  # `dateline run` reading only the new file, re-publishing the timeline
    changed_files: int
    published_after: float | None  # seconds from the run's launch to the timeline published

    @property
    def total_seconds(self) -> float:
        """From the file landing to the run finished (the clusters rebuilt too)."""
        return self.sensor_seconds + self.run.seconds

    @property
    def timeline_seconds(self) -> float | None:
        """From the file landing to the timeline updated."""
        return None if self.published_after is None else self.sensor_seconds + self.published_after


def incremental_run(data: Path, workdir: Path, article: BenchArticle) -> IncrementalFigures:
    """After a full run on `data`: one new article lands in raw/; the sensor notices it; the job runs.

    A run with nothing new comes first, forced (`--force`: else `dateline run` starts none). It shows
    the fixed cost of a Dagster run, and it catches the code having changed since the full run (the
    manifest's code fingerprint then makes every file be read again, which its files_read shows).
    """
    raw = data / "raw"
    idle = run_dateline(data, workdir / "dagster_home", "--force")
    before = raw_snapshot(raw)
    write_txt_files([article], raw)
    started = time.perf_counter()
    changes = snapshot_changes(before, raw_snapshot(raw))
    sensor_seconds = time.perf_counter() - started
    figures = run_dateline(data, workdir / "dagster_home")
    published_after = timeline_published_after(figures, workdir / "dagster_home")
    return IncrementalFigures(idle, sensor_seconds, figures, len(changes), published_after)


def _timeline_rows(data: Path) -> int:
    return published_timeline(data / "processed").rows


def parse_args(argv: list[str] | None = None):
    import argparse

    parser = argparse.ArgumentParser(prog="python -m benchmarks.end_to_end", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,10000", help="article counts, one full run each (default: %(default)s)")
    parser.add_argument("--layout", choices=sorted(LAYOUTS), default="txt+meta.json")
    parser.add_argument("--shared", type=Path, default=None, help="the shared folder (default: ../shared)")
    args = parser.parse_args(argv)
    args.sizes = sorted(int(size) for size in str(args.sizes).split(","))
    return args


def main(argv: list[str] | None = None) -> None:
    """Full runs at each size, where each run's time went, then a second run over the largest folder
    unchanged; the figures beside issue 18's targets."""
    from benchmarks.bench import machine_lines, marginal_costs, print_table
    from benchmarks.corpus import build_corpus, load_seeds
    from dateline.console import configure_logging
    from dateline.evaluate import shared_folder

    args = parse_args(argv)
    configure_logging()
    print("# dateline end to end: `dateline run` (job `main`), raw files -> published timeline, a new process per run")
    for line in machine_lines():
        print(line)
    articles = build_corpus(load_seeds(shared_folder(args.shared)), max(args.sizes))
    with tempfile.TemporaryDirectory(prefix="dateline-e2e-") as folder:
        workdir = Path(folder)
        rows = [full_run(articles[:size], args.layout, workdir) for size in args.sizes]
        largest = workdir / data_folder_name(args.layout, rows[-1].articles)
        second = run_dateline(largest, workdir / "dagster_home")
        forced = run_dateline(largest, workdir / "dagster_home", "--force")
    print(f"\n## Where the time went ({args.layout}), wall seconds (steps that ran at once counted once)")
    parts = [part.part for part in rows[-1].parts]
    by_size = [{part.part: part for part in row.parts} for row in rows]
    print_table(["part", *(f"{row.articles} articles" for row in rows)],
                [[part, *(f"{sizes[part].wall_seconds:.2f}" if part in sizes else "-" for sizes in by_size)]
                 for part in parts]
                + [["whole run", *(f"{row.run.seconds:.2f}" for row in rows)],
                   ["outside tagging", *(f"{row.outside_tagging_seconds:.2f}" for row in rows)],
                   ["executor", *(row.run.executor for row in rows)],
                   ["peak RSS MB, all processes", *(f"{row.run.peak_rss_bytes / 1e6:.0f}" for row in rows)],
                   ["peak PSS MB, all processes", *(f"{row.run.tree.peak_pss_bytes / 1e6:.0f}" for row in rows)],
                   ["timeline rows", *(str(row.events) for row in rows)]])
    print("memory: the whole process tree sampled every 0.1 s; RSS counts pages shared after a fork in every "
          "process (an upper bound), PSS divides them among their users")
    tagging = [part for part in rows[-1].parts if part.part == "tagging"]
    if tagging:
        print(f"tagging at {rows[-1].articles}: {tagging[0].step_seconds:.1f} s in {tagging[0].steps} steps "
              f"({1000 * tagging[0].step_seconds / rows[-1].articles:.2f} ms of step time per article)")
    print(f"\nsecond run over the {rows[-1].articles} articles unchanged: {second.seconds:.2f} s "
          f"(executor {second.executor}, files read {second.files_read}, tagged {second.files_tagged})")
    print(f"the same with --force (a Dagster run whose steps find nothing to do): {forced.seconds:.2f} s "
          f"(files read {forced.files_read}, tagged {forced.files_tagged})")
    print("\n## Issue 18's targets")
    final = rows[-1]
    lines = [[f"{final.articles} articles, wall", "<= 45 s", f"{final.run.seconds:.1f} s"],
             [f"{final.articles} articles, outside tagging", "<= 5 s", f"{final.outside_tagging_seconds:.1f} s"],
             [f"{final.articles} articles, peak memory", "<= 1500 MB",
              f"RSS {final.run.peak_rss_bytes / 1e6:.0f} MB, PSS {final.run.tree.peak_pss_bytes / 1e6:.0f} MB"],
             ["second run, nothing changed", "<= 2 s", f"{second.seconds:.2f} s"],
             ["marginal s per 1k articles", "steady (linear)",
              ", ".join(f"{cost:.1f} ({low}->{high})" for low, high, cost in
                        marginal_costs([(row.articles, row.run.seconds) for row in rows])) or "-"]]
    print_table(["what", "target", "measured"], lines)


if __name__ == "__main__":
    main()
