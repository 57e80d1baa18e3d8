"""Where the data lives, and every folder and file name in it: the one place that knows them.

The data folder is the project's data/ unless DATELINE_DATA names another, a folder or a URI
(s3://bucket/prefix: a dateline.store.filesystem.StoreLocation, joined by the store, never by
pathlib); it holds raw/ (the input, never written) and processed/ (everything dateline writes).
Resolved from the project root, never from the process's current folder.

Under processed/:

    articles/shard-<xx>.parquet    accepted articles of the raw files in bucket <xx>
    quarantine/shard-<xx>.parquet  rejected inputs of those files (and their cross-file duplicates)
    events/shard-<xx>.parquet      timeline rows of the articles in articles/shard-<xx>.parquet
    article_entities/shard-<xx>.parquet  the entities of each of those articles, one row each
    timeline/part-0.parquet        the published, sorted timeline (before partitioning; read until the next publish)
    timeline -> timeline-builds/<build>  on a local disk, a symbolic link to the published build's folder
    timeline-builds/<build>/<yyyy-mm>.parquet  a published build: files of whole months of `earliest`, sorted
    _published_timeline.json       the pointer naming the published build and its files, written last
    entities/part-0.parquet        the published entities, one row per entity across the articles
    clusters/part-0.parquet        the published clusters (the same event across articles)
    picture/timeline.png, .html    the published timeline drawn
    .staging/timeline.parquet      the timeline built but not yet checked and published
    .staging/entities-<build>.parquet  the entities staged with the timeline of that build
    .staging/articles_batch.parquet  the articles read by the last ingest, handed to the tagging step
    .staging/handoff/              files a step leaves for a later step of its run (raw files read
                                   ahead for the ingest, tagged rows for the events shards)
    _manifest.json                 which raw file maps to which shard, and from what it was built
    _complete_run.json             the timeline build the last whole, successful `dateline run` left
    .lock                          held while writing, so two runs never write at once

Readers of a dataset folder (pandas.read_parquet, pyarrow.dataset) skip names starting with "." or
"_", which is where temporary files and bookkeeping live.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from dateline.store.filesystem import Location, is_uri, location

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_ENV_VAR = "DATELINE_DATA"


def data_folder() -> Location:
    """The folder holding raw/ and processed/."""
    named = os.environ.get(DATA_ENV_VAR)
    if named and is_uri(named):
        return location(named)
    if named:
        return Path(named).expanduser().resolve()
    return PROJECT_ROOT / "data"


def raw_folder(data: Location | None = None) -> Location:
    return (data or data_folder()) / "raw"


def processed_folder(data: Location | None = None) -> Location:
    return (data or data_folder()) / "processed"


ARTICLES = "articles"
QUARANTINE = "quarantine"
EVENTS = "events"
ARTICLE_ENTITIES = "article_entities"
TIMELINE = "timeline"
ENTITIES = "entities"
CLUSTERS = "clusters"
PICTURE = "picture"
STAGING = ".staging"
HANDOFF = "handoff"  # under .staging/
MANIFEST_NAME = "_manifest.json"
COMPLETE_RUN_NAME = "_complete_run.json"
LOCK_NAME = ".lock"
TIMELINE_FILE = "part-0.parquet"
ENTITIES_FILE = "part-0.parquet"
CLUSTERS_FILE = "part-0.parquet"
PICTURE_FILES = ("timeline.png", "timeline.html")
STAGED_TIMELINE_FILE = "timeline.parquet"
ARTICLES_BATCH_FILE = "articles_batch.parquet"  # articles read in the last ingest, for the tagging step

# Atomic writes go through ".<target name>.<pid>.tmp" beside the target (dateline.timeline, store.atomic).
TEMPORARY_NAME = re.compile(r"\..+\.\d+\.tmp")
# The folders writers write in: where a killed writer's temporary files may be left.
WRITTEN_FOLDERS = ("", ARTICLES, QUARANTINE, EVENTS, ARTICLE_ENTITIES, TIMELINE, ENTITIES, CLUSTERS, PICTURE, STAGING)


def shard_path(processed_dir: Location | str, dataset: str, shard: str) -> Location:
    return location(processed_dir) / dataset / f"{shard}.parquet"


def staged_timeline_path(processed_dir: Location) -> Location:
    return processed_dir / STAGING / STAGED_TIMELINE_FILE


def published_timeline_path(processed_dir: Location) -> Location:
    return processed_dir / TIMELINE / TIMELINE_FILE


def staged_entities_path(processed_dir: Location, build: str) -> Location:
    """The entities staged with the timeline of `build`: one file per build, so that the timeline a
    run published keeps its entities while another run stages newer ones."""
    return processed_dir / STAGING / f"entities-{build}.parquet"


def published_entities_path(processed_dir: Location) -> Location:
    return processed_dir / ENTITIES / ENTITIES_FILE


def published_clusters_path(processed_dir: Location) -> Location:
    return processed_dir / CLUSTERS / CLUSTERS_FILE


def picture_paths(processed_dir: Location) -> tuple[Location, Location]:
    """The published picture: (PNG, HTML)."""
    folder = processed_dir / PICTURE
    return folder / PICTURE_FILES[0], folder / PICTURE_FILES[1]


def complete_run_path(processed_dir: Location) -> Location:
    return processed_dir / COMPLETE_RUN_NAME


def articles_batch_path(processed_dir: Location) -> Location:
    return processed_dir / STAGING / ARTICLES_BATCH_FILE


def handoff_folder(processed_dir: Location) -> Location:
    return processed_dir / STAGING / HANDOFF


# The published timeline, partitioned (dateline.store.timeline_builds): each publish writes a whole build
# to a folder of its own, files of whole months of `earliest`, then the pointer naming it.
TIMELINE_BUILDS = "timeline-builds"
TIMELINE_POINTER_NAME = "_published_timeline.json"
EMPTY_TIMELINE_PART = "empty.parquet"  # the one file of a build with no rows, so it still has a schema


def timeline_builds_folder(processed_dir: Path | str) -> str:
    return f"{os.fspath(processed_dir).rstrip('/')}/{TIMELINE_BUILDS}"


def timeline_build_folder(processed_dir: Path | str, build: str) -> str:
    return f"{timeline_builds_folder(processed_dir)}/{build}"


def timeline_pointer_path(processed_dir: Path | str) -> str:
    return f"{os.fspath(processed_dir).rstrip('/')}/{TIMELINE_POINTER_NAME}"


def published_timeline_link(processed_dir: Path) -> Path:
    """processed/timeline: on a local disk the link to the published build, what analysts read."""
    return Path(processed_dir) / TIMELINE


def timeline_part_name(year: int, month: int) -> str:
    """The file of a build whose rows start with that month of `earliest`: names sort by date."""
    return f"{year:04d}-{month:02d}.parquet"
