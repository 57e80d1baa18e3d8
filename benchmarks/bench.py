"""dateline's benchmark: tagging throughput against its peers, the pipeline end to end, one new article.

    .venv/bin/python -m benchmarks.bench            # the full benchmark (up to an hour on a busy 2-core machine)
    .venv/bin/python -m benchmarks.bench --smoke    # 300 articles, for CI (about two minutes)

Run from the project folder. It prints figures and the targets beside them, and never fails on a
figure: a benchmark reports, it does not judge (a failing run of the pipeline does fail it).
Every tool reads the same generated corpus (benchmarks/corpus.py), written into a temporary folder
that is removed afterwards; data/raw is only read.
"""
from __future__ import annotations

import argparse
import os
import platform
import tempfile
from pathlib import Path

from benchmarks import end_to_end, peers
from benchmarks.corpus import build_corpus, load_seeds
from dateline.console import configure_logging, progress
from dateline.engine.work_groups import usable_cores
from dateline.evaluate import shared_folder

# The targets of issue 5 (2-core machine).
TARGET_DATEPARSER_RATIO = 30
TARGET_HEIDELTIME_RATIO = 300
TARGET_FULL_RUN_ARTICLES = 10_000
TARGET_FULL_RUN_SECONDS = 45
TARGET_PEAK_RSS_BYTES = 1.5e9
TARGET_INCREMENTAL_SECONDS = 10


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true",
                        help="a small version: 300 articles end to end, 40 for the peers, 2 timed passes")
    parser.add_argument("--sizes", default="1000,5000,10000", help="article counts for the end-to-end runs")
    parser.add_argument("--peer-articles", type=int, default=150,
                        help="articles timed for dateline against dateparser (and, the first --heideltime-articles of them, HeidelTime)")
    parser.add_argument("--heideltime-articles", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5, help="timed passes per tool, at least (dateline and dateparser go on until "
                        "their passes add up to 3 s); the median is reported")
    parser.add_argument("--skip-end-to-end", action="store_true")
    parser.add_argument("--shared", type=Path, default=None, help="the shared folder (default: ../shared)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.sizes, args.peer_articles, args.heideltime_articles, args.runs = "300", 40, 20, 2
    args.sizes = [int(size) for size in str(args.sizes).split(",")]
    return args


def machine_lines() -> list[str]:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")]
        cpu = names[0] if names else cpu
    memory = ""
    if hasattr(os, "sysconf") and "SC_PHYS_PAGES" in os.sysconf_names:
        memory = f", {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB memory"
    cores = usable_cores()
    load = ", load average %.2f %.2f %.2f" % os.getloadavg() if hasattr(os, "getloadavg") else ""
    return [
        f"machine: {cpu}, {cores} cores{memory}{load}",
        f"system: {platform.platform()}, Python {platform.python_version()}",
    ]


def print_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(str(cell).rjust(width) for cell, width in zip(row, widths)))


def throughput_section(articles, args) -> dict[str, float]:
    """Time dateline and each peer on the same articles; returns the ratios, by peer."""
    print(f"\n## Find+resolve throughput: warm, one core, the median of at least {args.runs} passes "
          f"(dateline and dateparser: more, until their passes add up to {peers.MIN_TIMED_SECONDS:.0f} s)")
    sample = articles[: args.peer_articles]
    results = [(peers.dateline_throughput(sample, args.runs), peers.dateparser_throughput(sample, args.runs))]
    heideltime_sample = sample[: args.heideltime_articles]
    try:
        heideltime = peers.heideltime_throughput(heideltime_sample, args.runs)
        results.append((peers.dateline_throughput(heideltime_sample, args.runs), heideltime))
    except peers.PeerUnavailable as reason:
        print(f"HeidelTime skipped: {reason}")
    rows, ratios = [], {}
    for ours, peer in results:
        ratio = peer.median_seconds / ours.median_seconds
        ratios[peer.tool] = ratio
        for result in (ours, peer):
            rows.append([result.tool, result.articles, f"{result.kilobytes:.0f}", len(result.pass_seconds),
                         f"{result.median_seconds:.3f}", f"{result.kb_per_second:.1f}", f"{result.articles_per_second:.1f}",
                         result.expressions, f"{ratio:.1f}x" if result is peer else ""])
    print_table(["tool", "articles", "KB", "passes", "median s", "KB/s", "articles/s", "expressions", "dateline is"], rows)
    return ratios


def end_to_end_section(articles, args, workdir: Path):
    print("\n## End to end: `dateline run` (Dagster job `main`), raw files -> published timeline, new process each")
    rows, largest = [], {}
    runs = [(layout, size) for layout in end_to_end.LAYOUTS for size in args.sizes]
    for layout, size in progress(runs, desc="end-to-end runs", unit="run"):
        row = end_to_end.full_run(articles[:size], layout, workdir)
        rows.append(row)
        largest[layout] = row
    print_table(
        ["layout", "articles", "MB", "executor", "wall s", "outside tagging s", "articles/s", "s per 1k", "peak RSS MB",
         "peak PSS MB", "processes", "timeline rows"],
        [[r.layout, r.articles, f"{r.megabytes:.1f}", r.run.executor, f"{r.run.seconds:.1f}", f"{r.outside_tagging_seconds:.1f}",
          f"{r.articles_per_second:.0f}", f"{1000 * r.run.seconds / r.articles:.2f}",
          f"{r.run.peak_rss_bytes / 1e6:.0f}", f"{r.run.tree.peak_pss_bytes / 1e6:.0f}", r.run.tree.peak_processes,
          r.events] for r in rows],
    )
    print("outside tagging: the wall time of the run less that of its tagging steps; "
          "`python -m benchmarks.end_to_end` prints it part by part.")
    print("Memory is the whole process tree, sampled every 0.1 s: RSS sums each process's resident pages "
          "(pages shared after a fork counted in each: an upper bound); PSS divides shared pages among their users.")
    print("\n## Incremental: one new article (.txt + .meta.json) lands in raw/ after the full run")
    increments = {}
    new_article = articles[max(args.sizes)]
    for layout, row in largest.items():
        data = workdir / end_to_end.data_folder_name(layout, row.articles)
        increments[layout] = end_to_end.incremental_run(data, workdir, new_article)
    print_table(
        ["after", "idle run s", "sensor tick s", "executor", "run s", "landing -> timeline s",
         "landing -> run done s", "files read", "files tagged", "peak RSS MB"],
        [[f"{largest[layout].articles} {layout}", f"{inc.idle.seconds:.1f}", f"{inc.sensor_seconds:.2f}",
          inc.run.executor, f"{inc.run.seconds:.1f}", _seconds(inc.timeline_seconds), f"{inc.total_seconds:.1f}",
          inc.run.files_read, inc.run.files_tagged, f"{inc.run.peak_rss_bytes / 1e6:.0f}"]
         for layout, inc in increments.items()],
    )
    print("landing -> timeline: the sensor's tick, then the run from its launch to the `timeline` asset's "
          "materialization (the published file in place); the run then rebuilds the clusters.")
    if any(inc.run.files_read > 1 for inc in increments.values()):
        print("More than the new file was read: the code changed between the runs (see the manifest's code "
              "fingerprint), so that figure is a full rebuild, not an increment.")
    return rows, increments


def targets_section(ratios: dict[str, float], rows, increments) -> None:
    print("\n## Targets")
    lines = []
    for tool, target in (("dateparser.search_dates", TARGET_DATEPARSER_RATIO), ("HeidelTime 2.2.1 (one JVM)", TARGET_HEIDELTIME_RATIO)):
        measured = ratios.get(tool)
        lines.append([f"find+resolve vs {tool}", f">= {target}x",
                      "skipped" if measured is None else f"{measured:.1f}x", _verdict(measured, lambda m: m >= target)])
    for row in rows:
        if row.articles == TARGET_FULL_RUN_ARTICLES:
            lines.append([f"{row.articles} articles ({row.layout}) wall", f"<= {TARGET_FULL_RUN_SECONDS} s",
                          f"{row.run.seconds:.1f} s", _verdict(row.run.seconds, lambda m: m <= TARGET_FULL_RUN_SECONDS)])
            lines.append([f"{row.articles} articles ({row.layout}) peak RSS, all processes", f"<= {TARGET_PEAK_RSS_BYTES / 1e9} GB",
                          f"{row.run.peak_rss_bytes / 1e9:.2f} GB (PSS {row.run.tree.peak_pss_bytes / 1e9:.2f})",
                          _verdict(row.run.peak_rss_bytes, lambda m: m <= TARGET_PEAK_RSS_BYTES)])
    for layout in sorted({row.layout for row in rows}):
        steps = marginal_costs([(r.articles, r.run.seconds) for r in rows if r.layout == layout])
        if steps:
            # Linear cost shows as a steady marginal cost; the fixed cost of a run (start-up, steps)
            # is what makes the average per article fall with size.
            lines.append([f"marginal s per 1k articles ({layout})", "linear: steady",
                          ", ".join(f"{cost:.1f} ({low}->{high})" for low, high, cost in steps), ""])
    for layout, inc in increments.items():
        lines.append([f"one new article ({layout} folder): timeline updated", f"<= {TARGET_INCREMENTAL_SECONDS} s",
                      _seconds(inc.timeline_seconds, " s"),
                      "NOT met" if inc.timeline_seconds is None
                      else _verdict(inc.timeline_seconds, lambda m: m <= TARGET_INCREMENTAL_SECONDS)])
    print_table(["what", "target", "measured", ""], lines)


def marginal_costs(runs: list[tuple[int, float]]) -> list[tuple[int, int, float]]:
    """(smaller size, larger size, seconds per 1,000 articles added) between consecutive run sizes."""
    runs = sorted(runs)
    return [(low, high, 1000 * (t_high - t_low) / (high - low))
            for (low, t_low), (high, t_high) in zip(runs, runs[1:]) if high > low]


def _seconds(value: float | None, unit: str = "") -> str:
    return "not published" if value is None else f"{value:.1f}{unit}"


def _verdict(measured, meets) -> str:
    if measured is None:
        return ""
    return "met" if meets(measured) else "NOT met"


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    configure_logging()
    print("# dateline benchmark" + (" (smoke: small sizes, figures only)" if args.smoke else ""))
    for line in machine_lines():
        print(line)
    print("Figures on a shared or busy machine are noisy; throughput is the median of several passes, "
          "each end-to-end figure is one run.")
    seeds = load_seeds(shared_folder(args.shared))
    articles = build_corpus(seeds, max(max(args.sizes) + 1, args.peer_articles))
    size_mb = sum(a.size_bytes for a in articles[: max(args.sizes)]) / 1e6
    print(f"corpus: {len(seeds)} seed texts (dev corpora + data/raw samples) -> {max(args.sizes)} articles, "
          f"{size_mb:.1f} MB, mean {1000 * size_mb / max(args.sizes):.1f} KB per article")
    ratios = throughput_section(articles, args)
    rows, increments = [], {}
    if not args.skip_end_to_end:
        with tempfile.TemporaryDirectory(prefix="dateline-bench-") as folder:
            rows, increments = end_to_end_section(articles, args, Path(folder))
    targets_section(ratios, rows, increments)


if __name__ == "__main__":
    main()
