"""Batches per second on Dagster's celery executor, with one worker and with two, for the same input.

Starts its own PostgreSQL (the instance) and Redis (the broker) on free loopback ports, as the scale tests
do (tests/scale: Debian's postgresql and redis-server must be installed), writes the benchmark corpus's
articles as raw files, and for each worker count runs `dateline run --executor celery --batches N` on a
fresh copy of them with that many `dagster-celery` workers (one task at a time each). It prints the whole
run's time and the tagging batches' rate: batches that succeeded, divided by the time from the first
batch's start to the last batch's end, read from the run's event log in PostgreSQL.

    .venv/bin/python -m benchmarks.celery_batches --articles 2000 --batches 24

A report, no threshold. On one machine the workers share its cores, so two workers gain only as far as
the cores are free; across machines each brings its own.
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.scale.celery_cluster import celery_workers, missing_redis, redis_server
from tests.scale.postgres_server import missing_postgres, start_postgres, stop_postgres

TAGGING_STEP = "timeline_staging.tag_group["


@dataclass
class WorkerFigures:
    workers: int
    run_seconds: float
    batches: int
    tagging_seconds: float

    @property
    def batches_per_second(self) -> float:
        return self.batches / self.tagging_seconds if self.tagging_seconds else 0.0


def tagging_span(postgres, database: str, run_id: str) -> tuple[int, float]:
    """(tagging batches that succeeded, seconds from the first one's start to the last one's end)."""
    rows = postgres.query(
        database, "SELECT step_key, dagster_event_type, timestamp FROM event_logs WHERE run_id = %s "
        "AND dagster_event_type IN ('STEP_START', 'STEP_SUCCESS') AND step_key LIKE %s",
        (run_id, TAGGING_STEP + "%"))
    starts = [stamp for _, kind, stamp in rows if kind == "STEP_START"]
    ends = [stamp for _, kind, stamp in rows if kind == "STEP_SUCCESS"]
    if not starts or not ends:
        return 0, 0.0
    return len(ends), (max(ends) - min(starts)).total_seconds()


def run_with_workers(count: int, raw: Path, postgres, redis_url: str, batches: int, work: Path) -> WorkerFigures:
    from tests.scale.runs import RUN_LINE, cluster_env, dateline_run

    folder = work / f"workers-{count}"
    data = folder / "data"
    shutil.copytree(raw, data / "raw")
    (data / "processed").mkdir()
    database = f"dateline_bench_{count}"
    env = cluster_env(postgres, database, redis_url, folder, data, batches)
    with celery_workers([f"w{number}" for number in range(1, count + 1)], env, folder, Path.cwd()):
        started = time.perf_counter()
        out = dateline_run(data, Path(env["DAGSTER_HOME"]), "celery", env["DATELINE_PG_URL"],
                           extra_env={key: env[key] for key in ("DATELINE_CELERY_BROKER", "DATELINE_TAG_BATCHES")},
                           timeout=3600)
        run_seconds = time.perf_counter() - started
    [run_id] = RUN_LINE.findall(out)
    done, span = tagging_span(postgres, database, run_id)
    return WorkerFigures(count, run_seconds, done, span)


def main(argv: list[str] | None = None) -> None:
    from benchmarks.bench import machine_lines
    from benchmarks.corpus import build_corpus, load_seeds, write_txt_files
    from dateline.evaluate import shared_folder

    parser = argparse.ArgumentParser(prog="python -m benchmarks.celery_batches", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles in the input (default: %(default)s)")
    parser.add_argument("--batches", type=int, default=24, help="tagging batches, --batches of the run (default: %(default)s)")
    parser.add_argument("--workers", default="1,2", help="worker counts, one run each (default: %(default)s)")
    parser.add_argument("--shared", type=Path, default=None, help="the shared folder (default: ../shared)")
    args = parser.parse_args(argv)
    for reason in (missing_postgres(), missing_redis()):
        if reason:
            raise SystemExit(f"celery_batches: {reason}")

    print("# dateline on the celery executor: tagging batches per second, by number of workers")
    for line in machine_lines():
        print(line)
    print(f"# {args.articles} articles as .txt + .meta.json, --batches {args.batches}, one task at a time per worker")
    articles = build_corpus(load_seeds(shared_folder(args.shared)), args.articles)
    with tempfile.TemporaryDirectory(prefix="dateline-celery-bench-") as scratch:
        work = Path(scratch)
        write_txt_files(articles, work / "raw")
        postgres = start_postgres()
        try:
            with redis_server(work / "redis") as redis_url:
                figures = [run_with_workers(int(count), work / "raw", postgres, redis_url, args.batches, work)
                           for count in args.workers.split(",")]
        finally:
            stop_postgres(postgres)
    print(f"{'workers':>7}  {'run s':>7}  {'batches':>7}  {'tagging s':>9}  {'batches/s':>9}")
    for row in figures:
        print(f"{row.workers:>7}  {row.run_seconds:>7.1f}  {row.batches:>7}  {row.tagging_seconds:>9.1f}  "
              f"{row.batches_per_second:>9.2f}")
    if len(figures) > 1 and figures[0].batches_per_second:
        print(f"# {figures[-1].workers} workers / {figures[0].workers}: "
              f"{figures[-1].batches_per_second / figures[0].batches_per_second:.2f}x the batches per second")


if __name__ == "__main__":
    main()
