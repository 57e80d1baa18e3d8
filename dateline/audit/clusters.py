"""`dateline audit clusters`: how often the dev documents' rows join reports from several articles.

The clusters are built from every dev document's rows exactly as the pipeline builds them from a
timeline (dateline.clusters.build_clusters); those that join two articles or more are printed with
their members, for a reader to judge.
"""
from __future__ import annotations

from pathlib import Path

from dateline.audit.dev_rows import dev_rows
from dateline.clusters import build_clusters
from dateline.timeline import combine_and_sort, rows_to_table


def cross_article_report(shared: Path, shown: int) -> str:
    rows = [dev_row.row for dev_row in dev_rows(shared)]
    timeline = combine_and_sort([rows_to_table(rows)])
    clusters = build_clusters(timeline).to_pylist()
    by_id = {row["event_id"]: row for row in rows}
    joined = [c for c in clusters if c["events"] > 1]
    across = [c for c in joined if c["articles"] > 1]
    lines = [f"{len(rows)} rows of the dev documents, {len(clusters)} clusters: {len(joined)} join two rows or "
             f"more, {len(across)} join two articles or more ({sum(c['events'] for c in across)} rows)"]
    for cluster in across[:shown]:
        who = ", ".join((cluster["who"] or [])[:3]) or "-"
        lines.append(f"\n{cluster['earliest']}..{cluster['latest']} {cluster['event_kind']} ({who}), "
                     f"{cluster['articles']} articles")
        for event_id in cluster["member_event_ids"]:
            row = by_id[event_id]
            lines.append(f"    {row['article_id']}: {row['trigger']} [{row['confidence']}] "
                         f"{' '.join(row['quote'].split())[:150]}")
    return "\n".join(lines)
