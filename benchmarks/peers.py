"""Find+resolve throughput of dateline and of its peers, on the same articles, warm, one core.

- dateline: `dateline.tagger.tag(text, published)`.
- dateparser: `dateparser.search.search_dates(text, languages=["en"], settings={"RELATIVE_BASE": published})`.
- HeidelTime 2.2.1 (English, news, TreeTagger): driven by HTBatch (../shared/bench/heideltime) over
  many documents in one JVM, set up by benchmarks/heideltime_setup.sh into build/heideltime/.

Timings cover the tagging calls only, not reading or writing files. "Warm": each tool has run once
over the articles (patterns compiled, JIT compiled) before the timed passes.
"""
from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from benchmarks.corpus import BenchArticle
from dateline.store.layout import PROJECT_ROOT
from dateline.tagger import tag

HEIDELTIME_DIR = PROJECT_ROOT / "build" / "heideltime"


@dataclass
class Throughput:
    tool: str
    articles: int
    kilobytes: float
    pass_seconds: list[float]  # one per timed pass
    expressions: int  # found in one pass: a sanity check that the tool did the work

    @property
    def median_seconds(self) -> float:
        return statistics.median(self.pass_seconds)

    @property
    def kb_per_second(self) -> float:
        return self.kilobytes / self.median_seconds

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.median_seconds


def _kilobytes(articles: list[BenchArticle]) -> float:
    return sum(a.size_bytes for a in articles) / 1024


# A pass of a fast tool lasts a fraction of a second, where a moment of load on a shared machine moves
# it by a tenth: passes go on until they add up to this much, so the median stands on more of them.
MIN_TIMED_SECONDS = 3.0


def _time_passes(tool: str, articles: list[BenchArticle], runs: int, count: Callable[[BenchArticle], int]) -> Throughput:
    """At least `runs` timed passes, and as many more as MIN_TIMED_SECONDS takes."""
    found = sum(count(a) for a in articles)  # warm-up pass
    seconds: list[float] = []
    while len(seconds) < runs or sum(seconds) < MIN_TIMED_SECONDS:
        started = time.perf_counter()
        for article in articles:
            count(article)
        seconds.append(time.perf_counter() - started)
    return Throughput(tool, len(articles), _kilobytes(articles), seconds, found)


def dateline_throughput(articles: list[BenchArticle], runs: int) -> Throughput:
    return _time_passes("dateline find+resolve", articles, runs, lambda a: len(tag(a.text, a.published_date)))


def dateparser_throughput(articles: list[BenchArticle], runs: int) -> Throughput:
    from dateparser.search import search_dates

    def count(article: BenchArticle) -> int:
        base = datetime.combine(article.published_date, datetime.min.time())
        return len(search_dates(article.text, languages=["en"], settings={"RELATIVE_BASE": base}) or [])

    return _time_passes("dateparser.search_dates", articles, runs, count)


class PeerUnavailable(Exception):
    """The peer cannot run here; the message says why and how to set it up."""


def heideltime_command() -> list[str]:
    """The java command running HTBatch, or PeerUnavailable saying what is missing."""
    if shutil.which("java") is None:
        raise PeerUnavailable("java not found (a JDK is needed: see the README, Benchmark)")
    jar_file = HEIDELTIME_DIR / "jar_path"
    if not (HEIDELTIME_DIR / "HTBatch.class").is_file() or not jar_file.is_file():
        raise PeerUnavailable("not set up: run `bash benchmarks/heideltime_setup.sh` once (see the README, Benchmark)")
    jar = jar_file.read_text().strip()
    if not Path(jar).is_file():
        raise PeerUnavailable(f"HeidelTime's jar {jar} is gone: run `bash benchmarks/heideltime_setup.sh` again")
    return ["java", "-cp", f"{jar}:{HEIDELTIME_DIR}", "HTBatch", str(HEIDELTIME_DIR / "config.props")]


def heideltime_throughput(articles: list[BenchArticle], runs: int) -> Throughput:
    """HeidelTime over the articles 1 + runs times in one JVM; the first pass is the warm-up."""
    command = heideltime_command()
    with tempfile.TemporaryDirectory(prefix="dateline-heideltime-") as folder:
        work = Path(folder)
        lines = []
        for article in articles:
            source = work / f"{article.name}.txt"
            source.write_text(article.text, encoding="utf-8")
            lines.append(f"{source}\t{article.published_date.isoformat()}\t{work / article.name}.tml")
        (work / "docs.list").write_text("\n".join(lines * (runs + 1)) + "\n", encoding="utf-8")
        finished = subprocess.run([*command, str(work / "docs.list")], capture_output=True, text=True, cwd=work)
        if finished.returncode != 0:
            raise PeerUnavailable(f"HTBatch failed ({finished.returncode}): {finished.stderr.strip()[-500:]}")
        per_document = [float(line.split("\t")[3]) for line in finished.stdout.splitlines() if line.startswith("DOC\t")]
        if len(per_document) != len(articles) * (runs + 1):
            raise PeerUnavailable(f"HTBatch tagged {len(per_document)} documents, expected {len(articles) * (runs + 1)}")
        expressions = sum((work / f"{a.name}.tml").read_text(encoding="utf-8").count("<TIMEX3") for a in articles)
    n = len(articles)
    passes = [sum(per_document[i * n:(i + 1) * n]) for i in range(1, runs + 1)]
    return Throughput("HeidelTime 2.2.1 (one JVM)", n, _kilobytes(articles), passes, expressions)
