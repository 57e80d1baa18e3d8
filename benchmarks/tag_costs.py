"""Where a tagging step's time goes: milliseconds of one core per article, stage by stage.

    .venv/bin/python -m benchmarks.tag_costs [--articles N] [--runs R] [--shared PATH]

The stages of dateline.engine.tagging.tag_article, timed apart on articles of the benchmark
corpus, read from raw files by the pipeline's own reader: warm, the best of R passes. A report, not a
test. The end-to-end wall time of a full run is mostly this cost, spread over the cores.
"""
from __future__ import annotations

import argparse
import gc
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import build_corpus, load_seeds, write_txt_files
from dateline.console import configure_logging, progress
from dateline.current_states import current_states
from dateline.engine.tagging import ROWS_PER_BATCH, tag_article, warm_up
from dateline.enrich import enrich_events
from dateline.entities.table import ARTICLE_ENTITIES_SCHEMA, article_entity_columns
from dateline.evaluate import shared_folder
from dateline.events import extract_events
from dateline.events.period_ends import with_periods_ended
from dateline.headlines import headline_events
from dateline.ingest import read_raw_folder
from dateline.model import Article
from dateline.participants import ArticleNames
from dateline.repeated_statements import without_repeated_statements
from dateline.sentences import sentence_spans
from dateline.tagger import tag
from dateline.timeline import columns_to_table, event_rows, rows_to_table
from dateline.undated import publication_dated_statements

STAGES = ("find+resolve", "events linked to times", "statements+states by publication",
          "entities and enrichment", "events from the title", "timeline and entity rows")


def _timed_rows(article: Article, seconds: dict[str, float]) -> tuple[list[dict], dict[str, list]]:
    """tag_article's rows and entities (as article_entities columns), made the way
    enrich.article_timeline makes them, each stage timed (the rows' conversion to Arrow is timed by
    the caller, in batches)."""
    text, published = article.text, article.published_local_date
    laps = [time.perf_counter()]
    expressions = tag(text, published)
    laps.append(time.perf_counter())
    sentences = sentence_spans(text)
    dated = with_periods_ended(text, extract_events(text, expressions, sentences), expressions)
    laps.append(time.perf_counter())
    undated = publication_dated_statements(text, dated, published, sentences)
    undated += current_states(text, dated, published, sentences)
    laps.append(time.perf_counter())
    names = ArticleNames(text, sentences=sentences, times=[(e.start, e.end) for e in expressions])
    events = without_repeated_statements(enrich_events(
        text, sorted(dated + undated, key=lambda e: e.trigger_start), published, sentences, names=names))
    laps.append(time.perf_counter())
    from_title = headline_events(article.title, text, events, published)
    laps.append(time.perf_counter())
    rows = event_rows(article, events) + event_rows(article, from_title, from_title=True)
    entity_columns = article_entity_columns(article, names.entities.entities)
    laps.append(time.perf_counter())
    for stage, (start, end) in zip(STAGES, zip(laps, laps[1:])):
        seconds[stage] += end - start
    return rows, entity_columns


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.tag_costs", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args()
    configure_logging()
    with tempfile.TemporaryDirectory() as folder:
        write_txt_files(build_corpus(load_seeds(shared_folder(args.shared)), args.articles), Path(folder))
        articles = read_raw_folder(Path(folder)).articles
    warm_up()
    gc.freeze()  # as the pipeline's step processes do (pipelines/preload.py)
    unused: dict[str, float] = dict.fromkeys(STAGES, 0.0)
    made_here = [_timed_rows(article, unused) for article in articles]
    rows = [article_rows for article_rows, _ in made_here]
    expected = [(article_rows, article_entity_columns(article, entities))
                for article, (article_rows, entities) in zip(articles, map(tag_article, articles))]
    if made_here != expected:
        raise SystemExit("the timed stages no longer make tag_article's rows and entities: update _timed_rows")
    best: dict[str, float] | None = None
    for _ in progress(range(args.runs), desc="passes", unit="pass"):
        seconds = dict.fromkeys(STAGES, 0.0)
        made = [_timed_rows(article, seconds) for article in articles]
        started = time.perf_counter()  # rows become Arrow in batches of thousands, as the tagging step's do
        event_made = [row for article_rows, _ in made for row in article_rows]
        for first in range(0, len(event_made), ROWS_PER_BATCH):
            rows_to_table(event_made[first:first + ROWS_PER_BATCH])
        entity_made = {name: [v for _, columns in made for v in columns[name]] for name in ARTICLE_ENTITIES_SCHEMA.names}
        columns_to_table(ARTICLE_ENTITIES_SCHEMA, entity_made)
        seconds["timeline and entity rows"] += time.perf_counter() - started
        if best is None or sum(seconds.values()) < sum(best.values()):
            best = seconds
    total = sum(best.values())
    row_count = sum(map(len, rows))
    kb = sum(len(a.text.encode("utf-8")) for a in articles) / 1024
    print(f"{len(articles)} articles, {kb / len(articles):.1f} KB and {row_count / len(articles):.0f} timeline rows "
          f"each; one core, the best of {args.runs} pass{'es' if args.runs != 1 else ''}")
    for stage in STAGES:
        print(f"  {stage:34s} {1000 * best[stage] / len(articles):6.2f} ms/article  {best[stage] / total:5.1%}")
    print(f"  {'total':34s} {1000 * total / len(articles):6.2f} ms/article  "
          f"({len(articles) / total:.0f} articles/s, {1e6 * total / row_count:.0f} us per row)")


if __name__ == "__main__":
    main()
