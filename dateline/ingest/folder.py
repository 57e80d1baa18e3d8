"""The raw folder as a whole: which files are inputs, and reading them all into one IngestResult."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from dateline.ingest.dedup import deduplicate_articles
from dateline.ingest.formats import SIDECAR_OWNER_SUFFIXES, SIDECAR_SUFFIX
from dateline.ingest.reader import InputUnit, read_raw_input
from dateline.model import Article, Quarantined


@dataclass(slots=True)
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    inputs: list[InputUnit] = field(default_factory=list)  # every raw input unit seen


@dataclass(frozen=True, slots=True)
class RawInput:
    """One file to read, as the scan of the raw folder found it."""

    path: Path
    relative: str  # "/"-separated, relative to the raw folder: the file's name in every dataset
    signature: tuple[int, int]  # (total size, latest mtime_ns) of the file and its sidecar, from stat alone


def list_raw_inputs(raw_dir: Path) -> list[Path]:
    """The files to read under raw_dir, recursively, sorted by their "/"-separated relative path.

    Hidden files and folders (name starting with ".", e.g. .gitkeep or .ipynb_checkpoints) are skipped by
    design: they are tooling, not articles. A sidecar .meta.json belongs to its article and is not
    listed; an orphan sidecar is listed so that it is quarantined rather than silently ignored.
    Everything else that is not a folder is listed, so that the reader can refuse it with a reason
    rather than it being dropped unseen: broken links, links leading outside raw_dir, pipes, sockets,
    and links to folders (which are not walked into).
    A missing raw_dir is a configuration error and raises NotADirectoryError.
    """
    return [found.path for found in scan_raw_inputs(raw_dir)]


def scan_raw_inputs(raw_dir: Path) -> list[RawInput]:
    """list_raw_inputs with each file's stat signature, in one walk of the folder.

    A run looks at every raw file several times (what changed, what to read, what to account for):
    with 10,000 files, doing it through pathlib cost a second each time; os.scandir's entries already
    know their names and kinds, and a sidecar is found among its folder's entries.
    """
    if not raw_dir.is_dir():
        raise NotADirectoryError(f"raw folder {raw_dir} does not exist or is not a folder")
    found: list[RawInput] = []
    pending = [(str(raw_dir), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as scanned:
                entries = {entry.name: entry for entry in scanned if not entry.name.startswith(".")}
        except OSError:
            if not prefix:
                raise
            # a subfolder that cannot be listed is itself an input, so the reader quarantines it
            # (os.walk would skip it without a word)
            stat = os.lstat(folder)
            found.append(RawInput(Path(folder), prefix.rstrip("/"), (stat.st_size, stat.st_mtime_ns)))
            continue
        for name, entry in entries.items():
            if entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, prefix + name + "/"))
                continue
            if name.endswith(SIDECAR_SUFFIX) and _owner_in(entries, name[: -len(SIDECAR_SUFFIX)]):
                continue  # read with its article
            parts = [entry]
            sidecar = entries.get(_sidecar_name(name))
            if sidecar is not None and sidecar.is_file():
                parts.append(sidecar)
            stats = [_stat(part) for part in parts]
            signature = (sum(s.st_size for s in stats), max(s.st_mtime_ns for s in stats))
            found.append(RawInput(Path(entry.path), prefix + name, signature))
    found.sort(key=lambda raw_input: raw_input.relative)
    return found


def _owner_in(entries: dict[str, os.DirEntry], stem: str) -> bool:
    """Whether a file named stem + .txt/.html/.htm (either case) is among a folder's entries: the
    article a sidecar describes (has_article_beside, from the entries already read)."""
    for suffix in SIDECAR_OWNER_SUFFIXES:
        for spelled in (suffix, suffix.upper()):
            owner = entries.get(stem + spelled)
            if owner is not None and owner.is_file():
                return True
    return False


def _sidecar_name(name: str) -> str | None:
    """The sidecar a file of this name takes (news.txt -> news.meta.json, as sidecar_for), if any."""
    lowered = name.lower()
    for suffix in SIDECAR_OWNER_SUFFIXES:
        if lowered.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)] + SIDECAR_SUFFIX
    return None


def _stat(entry: os.DirEntry) -> os.stat_result:
    """The entry's stat, following a link; a broken or looping link's own (as raw_files.stat_signature)."""
    try:
        return entry.stat()
    except OSError:
        return entry.stat(follow_symlinks=False)


def read_raw_folder(raw_dir: Path) -> IngestResult:
    """Read every input under raw_dir; an article_id seen before (in file order) becomes duplicate_article."""
    result = IngestResult()
    articles: list[Article] = []
    for path in list_raw_inputs(raw_dir):
        file_articles, file_quarantined, file_inputs = read_raw_input(path, raw_dir)
        articles.extend(file_articles)
        result.quarantined.extend(file_quarantined)
        result.inputs.extend(file_inputs)
    result.articles, duplicates = deduplicate_articles(articles)
    result.quarantined.extend(duplicates)
    return result
