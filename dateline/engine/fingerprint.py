"""The code fingerprint: a hash of the code and vocabularies that shape the stored rows. When it
changes, every raw file is read and tagged again; what OUTPUT_NEUTRAL names is left out of it."""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import dateline


# Parts of the package that shape no tagged row: the example corpus and the audit, the evaluation and
# error listings, the readers of the published timeline (show, query, picture), the clusters (rebuilt from
# the timeline on every build), the published timeline's checks and preview, and the command line (with
# its console: logging, progress bars), the description of the published schemas, and the steps that
# only read the data (accounting for the inputs, the sensor's listing of raw/, whether a run has anything
# to do). Changing them re-tags nothing.
OUTPUT_NEUTRAL = frozenset({
    "examples", "audit", "cli.py", "evaluate.py", "timeml.py", "error_analysis.py",
    "anchor_errors.py", "event_span_errors.py", "entities/scoring.py", "entities/timeline_errors.py",
    "show.py", "timeline_query.py", "picture.py", "clusters.py", "console.py", "timeline_checks.py",
    "store/dataset_schemas.py", "engine/accounting.py", "engine/snapshot.py",
    "engine/freshness.py",
})


@cache
def code_fingerprint() -> str:
    """A hash of the code and vocabularies that shape the tagged rows: when they change, every shard is
    rebuilt. The rest of the package (OUTPUT_NEUTRAL) is left out."""
    return package_fingerprint(Path(dateline.__file__).resolve().parent)


def package_fingerprint(package: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package).as_posix()
        if path.suffix not in {".py", ".yaml"} or "__pycache__" in path.parts \
                or relative in OUTPUT_NEUTRAL or relative.split("/", 1)[0] in OUTPUT_NEUTRAL:
            continue
        digest.update(relative.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
