"""The benchmark corpus: news-sized articles built from the dev texts and the sample articles.

Every tool is timed on articles from this one corpus. An article joins two seed texts (the dev
corpora's texts are short wire stories, about 2 KB; two make a news-sized article of about 4 KB, so
10,000 articles are about 40 MB) and is published on a date shifted a whole number of days from the
first seed's date. Pairs are drawn without repeats, so no two articles share a text (the pipeline
would quarantine a copy as a duplicate). The draw is seeded: the same size gives the same corpus.

Publication dates are written the way feeds and sidecars write them: mostly ISO 8601 and RFC 2822,
some in the long English form ("June 17, 2025 12:40 PM EDT").
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

from dateline.ingest import read_raw_folder
from dateline.store.layout import PROJECT_ROOT
from dateline.timeml import read_timeml

SAMPLES = PROJECT_ROOT / "data" / "raw"
MAX_SHIFT_DAYS = 3 * 365  # publication dates vary over six years around each seed's own date
_EDT = timezone(timedelta(hours=-4), "EDT")


@dataclass(frozen=True)
class Seed:
    text: str
    published: date


@dataclass(frozen=True)
class BenchArticle:
    name: str
    text: str
    published: datetime  # aware: the publisher's local time
    published_text: str  # as written in the raw file

    @property
    def published_date(self) -> date:
        return self.published.date()

    @property
    def size_bytes(self) -> int:
        return len(self.text.encode("utf-8"))


def load_seeds(shared: Path) -> list[Seed]:
    """The dev corpora's texts (../shared/corpora/*/input) and the sample articles of data/raw."""
    seeds = [Seed(d.text.strip(), d.published) for d in map(read_timeml, sorted(shared.glob("corpora/*/input/*.tml")))]
    if SAMPLES.is_dir():
        seeds += [Seed(a.text.strip(), a.published_local_date) for a in read_raw_folder(SAMPLES).articles]
    seeds = list({seed.text: seed for seed in seeds}.values())  # a text met twice would make duplicate articles
    if len(seeds) < 3:
        raise SystemExit(f"too few seed texts: found {len(seeds)} under {shared / 'corpora'} and {SAMPLES}")
    return seeds


def build_corpus(seeds: list[Seed], count: int, seed: int = 20261126) -> list[BenchArticle]:
    """`count` distinct articles, each two different seed texts under a shifted publication date."""
    if count > len(seeds) * (len(seeds) - 1):
        raise ValueError(f"{len(seeds)} seeds make at most {len(seeds) * (len(seeds) - 1)} distinct articles")
    draw = random.Random(seed)
    used: set[tuple[int, int]] = set()
    articles = []
    while len(articles) < count:
        first, second = draw.sample(range(len(seeds)), 2)
        if (first, second) in used:
            continue
        used.add((first, second))
        day = seeds[first].published + timedelta(days=draw.randint(-MAX_SHIFT_DAYS, MAX_SHIFT_DAYS))
        local = datetime(day.year, day.month, day.day, draw.randint(5, 22), draw.randint(0, 59), tzinfo=_EDT)
        text = f"{seeds[first].text}\n\n{seeds[second].text}\n"
        articles.append(BenchArticle(f"article-{len(articles):05d}", text, local, _written(local, draw)))
    return articles


def _written(local: datetime, draw: random.Random) -> str:
    form = draw.random()
    if form < 0.45:
        return local.isoformat()
    if form < 0.9:
        return format_datetime(local)
    return local.strftime("%B %d, %Y %I:%M %p EDT")


def write_txt_files(articles: list[BenchArticle], raw_dir: Path) -> None:
    """One `name.txt` + `name.meta.json` per article."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (raw_dir / f"{article.name}.txt").write_text(article.text, encoding="utf-8")
        meta = {"title": article.name, "publisher": "Bench Wire", "published": article.published_text}
        (raw_dir / f"{article.name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")


def write_jsonl_files(articles: list[BenchArticle], raw_dir: Path, files: int = 10) -> None:
    """The articles dealt into `files` .jsonl files, one article object per line."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    for number in range(files):
        lines = [
            json.dumps({"title": a.name, "publisher": "Bench Wire", "published": a.published_text, "text": a.text})
            for a in articles[number::files]
        ]
        (raw_dir / f"feed-{number:02d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
