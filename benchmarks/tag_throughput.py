"""Find+resolve throughput of dateline's tagger on the dev corpora's texts, one core, warm.

    .venv/bin/python benchmarks/tag_throughput.py [--shared PATH] [--runs N]

Prints KB/s and documents/s, the best and the median of N runs. A report, not a test: no threshold.
"""
from __future__ import annotations

import argparse
import platform
import statistics
import time
from pathlib import Path

from dateline.console import configure_logging, progress
from dateline.evaluate import shared_folder
from dateline.tagger import tag
from dateline.timeml import read_timeml


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    configure_logging()
    corpora = shared_folder(args.shared) / "corpora"
    documents = [read_timeml(path) for path in sorted(corpora.glob("*/input/*.tml"))]
    if not documents:
        raise SystemExit(f"no TimeML inputs under {corpora}")
    size_kb = sum(len(d.text.encode("utf-8")) for d in documents) / 1024
    for d in documents[:5]:  # warm: compile the patterns, load the vocabulary
        tag(d.text, d.published)
    seconds = []
    for _ in progress(range(args.runs), desc="passes", unit="pass"):
        started = time.perf_counter()
        for d in documents:
            tag(d.text, d.published)
        seconds.append(time.perf_counter() - started)
    best, median = min(seconds), statistics.median(seconds)
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}")
    print(f"corpus: {len(documents)} documents, {size_kb:.0f} KB of text")
    print(f"find+resolve: best {size_kb / best:.0f} KB/s ({len(documents) / best:.0f} docs/s), "
          f"median {size_kb / median:.0f} KB/s over {args.runs} runs")


if __name__ == "__main__":
    main()
