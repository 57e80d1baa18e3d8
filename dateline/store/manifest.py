"""The manifest: which raw file maps to which shard, and from what its rows were built
(processed/_manifest.json). Every step judges what changed against it."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from collections.abc import Iterable

from dateline.store.atomic import write_text_atomically
from dateline.store.filesystem import Location
from dateline.store.layout import MANIFEST_NAME


@dataclass
class ManifestEntry:
    """What is known about one raw file: its fingerprint, its shard, and what was built from it."""

    shard: str  # the bucket whose shard files hold this file's rows
    size: int  # of the file plus its companion files (e.g. a .meta.json sidecar)
    mtime_ns: int  # latest modification among them
    sha256: str  # of their contents
    article_ids: list[str] = field(default_factory=list)  # ids read from the file, owned or not
    articles: int = 0  # its rows in articles/<shard>.parquet
    quarantined: int = 0  # its rows in quarantine/<shard>.parquet
    inputs: int = 0  # input units of the file
    articles_digest: str = ""  # identifies its rows in articles/<shard>.parquet
    events_digest: str = ""  # the articles_digest its event rows were built from ("" = not built)
    events: int = 0
    staged_digest: str = ""  # the events_digest whose rows the staged timeline holds ("" = none)
    recheck_on: str = ""  # holds articles from the future: read again by the first run on this date or later


@dataclass
class Manifest:
    """Raw files (relative paths) to what was built from them. Saved as processed/_manifest.json."""

    code_fingerprint: str = ""
    staged_build: str = ""  # id written into the staged timeline this manifest describes
    files: dict[str, ManifestEntry] = field(default_factory=dict)

    @classmethod
    def load(cls, processed_dir: Location) -> Manifest:
        path = processed_dir / MANIFEST_NAME
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            files = {name: ManifestEntry(**entry) for name, entry in raw.get("files", {}).items()}
            return cls(
                code_fingerprint=raw.get("code_fingerprint", ""), staged_build=raw.get("staged_build", ""), files=files
            )
        except (ValueError, TypeError) as error:
            # A manifest we cannot read only costs a full re-read; say so rather than crash.
            raise ManifestError(f"{path} is unreadable ({error}); delete it to rebuild from raw/") from error

    def save(self, processed_dir: Location) -> None:
        payload = {
            "format": 1,
            "code_fingerprint": self.code_fingerprint,
            "staged_build": self.staged_build,
            "files": {name: dict(vars(entry)) for name, entry in sorted(self.files.items())},
        }
        # Compact: with an indent json uses its pure-Python encoder, five times slower on 10,000 files.
        write_text_atomically(processed_dir / MANIFEST_NAME, json.dumps(payload, sort_keys=True, separators=(",", ":")))


class ManifestError(RuntimeError):
    pass


def stale_files(manifest: Manifest, shards: Iterable[str] | None = None) -> dict[str, ManifestEntry]:
    """Raw files whose event rows are out of date, optionally only those in `shards`."""
    wanted = None if shards is None else set(shards)
    return {
        relative: entry
        for relative, entry in manifest.files.items()
        if entry.events_digest != entry.articles_digest and (wanted is None or entry.shard in wanted)
    }
