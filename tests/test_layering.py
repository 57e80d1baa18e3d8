"""The layers of the house, and what each may import.

- `dateline/` (the language chain, the store and the engine) never imports Dagster, `assets/` or
  `pipelines/`: the Dagster layer imports the library, never the other way round.
- The store (`dateline/store/`: layout, datasets, publishing) never imports the engine
  (`dateline/engine/`: the pipeline's steps): the steps use the store.
- The language chain (what reads an article and makes its rows: ingest, find, resolve, events,
  timeline rows, entities, clusters) never imports the store or the engine, however indirectly: it
  knows nothing of folders, shards or runs.
- What the code fingerprint leaves out (OUTPUT_NEUTRAL) names files that exist, and the steps that
  make the stored rows never import any of it.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import dateline
from dateline.engine.fingerprint import OUTPUT_NEUTRAL

PACKAGE = Path(dateline.__file__).resolve().parent
REPO_ROOT = PACKAGE.parent

CHECK = """
import importlib, pkgutil, sys
import dateline
for info in pkgutil.walk_packages(dateline.__path__, "dateline."):
    importlib.import_module(info.name)
loaded = sorted(name for name in sys.modules
                if name.split(".")[0] in ("dagster", "assets", "pipelines"))
print(loaded)
"""


def test_dateline_never_imports_dagster_assets_or_pipelines():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, cwd=REPO_ROOT, check=True)
    assert result.stdout.strip() == "[]", f"dateline imported modules of the Dagster layer: {result.stdout}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _known_modules() -> dict[str, Path]:
    return {_module_name(path): path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts}


def _imports(path: Path, known: dict[str, Path]) -> set[str]:
    """Every module of the package `path` imports, anywhere in the file (imports inside functions
    included), resolved: "from dateline.store import layout" is dateline.store and dateline.store.layout."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            parts = target.split(".")
            for end in range(2, len(parts) + 1):  # importing a.b.c runs a.b too
                if ".".join(parts[:end]) in known:
                    found.add(".".join(parts[:end]))
    return found  # dateline/__init__.py itself is left out: its entry points for analysts import when called


def _reachable(roots: list[str]) -> set[str]:
    known = _known_modules()
    graph = {name: _imports(path, known) for name, path in known.items()}
    seen, pending = set(), list(roots)
    while pending:
        name = pending.pop()
        if name not in seen:
            seen.add(name)
            pending.extend(graph[name])
    return seen


# Where the language chain starts: reading an article (ingest), tagging it (find, resolve), its events,
# rows and entities, and the clusters built from the rows.
LANGUAGE_CHAIN_ROOTS = ["dateline.ingest", "dateline.tagger", "dateline.enrich", "dateline.headlines",
                        "dateline.timeline", "dateline.entities.table", "dateline.clusters"]


def test_the_language_chain_never_imports_the_store_or_the_engine():
    chain = _reachable(LANGUAGE_CHAIN_ROOTS)
    assert {"dateline.find", "dateline.resolve", "dateline.events", "dateline.ingest.assemble"} <= chain  # the rule bites
    outside = sorted(name for name in chain if name.startswith(("dateline.store", "dateline.engine")))
    assert not outside, f"the language chain imports the store or the engine: {outside}"


def test_the_store_never_imports_the_engine():
    store = [name for name in _known_modules() if name.startswith("dateline.store")]
    assert "dateline.store.layout" in store
    reached = sorted(name for name in _reachable(store) if name.startswith("dateline.engine"))
    assert not reached, f"the store imports the engine: {reached}"


def test_ingest_does_not_import_the_finder():
    """The ingest judges a text's density in date words (dateline.text_shape), not with the finder."""
    reached = _reachable(["dateline.ingest"])
    assert "dateline.find" not in reached, "dateline.ingest imports the finder"


def test_what_the_fingerprint_leaves_out_exists():
    """A name left in OUTPUT_NEUTRAL after its file moved would leave nothing out, silently."""
    missing = sorted(name for name in OUTPUT_NEUTRAL if not (PACKAGE / name).exists())
    assert not missing, f"OUTPUT_NEUTRAL names no file: {missing}"


TAGGING_IMPORTS = """
import sys
import dateline.engine.ingesting, dateline.engine.prereading, dateline.engine.tagging, dateline.engine.staging
import dateline.store.publishing
from dateline.engine.fingerprint import OUTPUT_NEUTRAL
modules = {name.removeprefix("dateline.").replace(".", "/") for name in sys.modules if name.startswith("dateline.")}
print(sorted(name for name in modules if name + ".py" in OUTPUT_NEUTRAL or name.split("/")[0] in OUTPUT_NEUTRAL))
"""


def test_what_the_fingerprint_leaves_out_is_not_used_to_tag():
    """A module left out of the code fingerprint must not shape rows: the steps that read, tag, stage
    and publish never import it."""
    result = subprocess.run([sys.executable, "-c", TAGGING_IMPORTS], capture_output=True, text=True,
                            cwd=REPO_ROOT, check=True)
    assert result.stdout.strip() == "[]", f"tagging imports modules the fingerprint leaves out: {result.stdout}"
