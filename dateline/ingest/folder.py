"""The raw folder as a whole: which files are inputs, and reading them all into one IngestResult."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from dateline.ingest.dedup import deduplicate_articles
from dateline.ingest.formats import has_article_beside, is_sidecar_name
from dateline.ingest.reader import InputUnit, read_raw_input, source_name
from dateline.model import Article, Quarantined


@dataclass(slots=True)
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    inputs: list[InputUnit] = field(default_factory=list)  # every raw input unit seen


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
    if not raw_dir.is_dir():
        raise NotADirectoryError(f"raw folder {raw_dir} does not exist or is not a folder")
    files: list[Path] = []
    for folder, subfolders, names in os.walk(raw_dir):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        files.extend(Path(folder) / name for name in subfolders if (Path(folder) / name).is_symlink())
        files.extend(Path(folder) / name for name in names if not name.startswith("."))
    listed = [path for path in files if not (is_sidecar_name(path) and has_article_beside(path))]
    return sorted(listed, key=lambda path: source_name(path, raw_dir))


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
