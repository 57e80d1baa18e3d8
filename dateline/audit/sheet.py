"""The review sheet: sampled rows as YAML entries a person reads and judges by hand.

Each entry shows what the row claims (trigger, sentence with the trigger marked, time, interval,
link rule, confidence when rows carry one, who, where), then four judgement fields left empty:
real_event, date_right, participant_right and note.
"""
from __future__ import annotations

import random
from pathlib import Path

import yaml

from dateline.audit.dev_rows import DevRow

JUDGEMENT_FIELDS = ("real_event", "date_right", "participant_right", "note")
TRIGGER_MARK = "**"


class SheetError(ValueError):
    """A review sheet that cannot be read or scored, or a sample that cannot be drawn."""


def sample_rows(rows: list[DevRow], count: int, seed: int) -> list[DevRow]:
    """`count` rows drawn at random with `seed`, kept in the order of `rows` (so a document's rows stay
    together). The same rows in the same order and the same seed always draw the same sample."""
    if not 0 < count <= len(rows):
        raise SheetError(f"cannot sample {count} rows from {len(rows)}")
    chosen = random.Random(seed).sample(range(len(rows)), count)
    return [rows[index] for index in sorted(chosen)]


def sheet_entry(number: int, sampled: DevRow) -> dict:
    """What a reviewer sees of one row, with the judgement fields empty."""
    row = sampled.row
    entry = {
        "entry": number,
        "document": sampled.document,
        "published": sampled.published,
        "trigger": row["trigger"],
        "trigger_start": row["trigger_start"],
        "trigger_end": row["trigger_end"],
        "quote": marked_quote(row),
        "time_text": row["time_text"],
        "relation": row["relation"],
        "earliest": row["earliest"],
        "latest": row["latest"],
        "granularity": row["granularity"],
        "link_rule": row["link_rule"],
    }
    confidence = row.get("confidence")  # a column that newer timelines carry
    if confidence is not None:
        entry["confidence"] = confidence
    entry["who"] = list(row["who"] or [])
    if row.get("agents") is not None:  # a column that newer timelines carry: who did it or said it
        entry["agents"] = list(row["agents"])
    entry["where"] = list(row["where"] or [])
    entry.update(dict.fromkeys(JUDGEMENT_FIELDS))
    return entry


def marked_quote(row: dict) -> str:
    """The row's sentence on one line, the trigger between ** marks."""
    quote, offset = row["quote"], row["quote_start"]
    start, end = row["trigger_start"] - offset, row["trigger_end"] - offset
    marked = f"{quote[:start]}{TRIGGER_MARK}{quote[start:end]}{TRIGGER_MARK}{quote[end:]}"
    return " ".join(marked.split())


class _SheetDumper(yaml.SafeDumper):
    """Writes empty fields as nothing after the colon ("real_event:"), ready to be filled in, and every
    value in full (no YAML anchors and aliases for a date that repeats)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


_SheetDumper.add_representer(
    type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", ""))


def write_sheet(path: Path, entries: list[dict], header: list[str]) -> None:
    """The sheet as YAML: the header as comment lines, then one list item per entry, a blank line apart."""
    lines = [f"# {line}".rstrip() for line in header]
    blocks = [yaml.dump([entry], Dumper=_SheetDumper, sort_keys=False, allow_unicode=True, width=110,
                        default_flow_style=None) for entry in entries]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n\n" + "\n".join(blocks), encoding="utf-8")


def read_sheet(path: Path) -> list[dict]:
    """The entries of a sheet; SheetError when it is not a YAML list of entries with judgement fields."""
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise SheetError(f"cannot read {path}: {' '.join(str(error).split())}") from None
    if not isinstance(loaded, list) or not loaded:
        raise SheetError(f"{path} holds no entries (expected a YAML list, as `dateline audit sample` writes)")
    for position, entry in enumerate(loaded, 1):
        if not isinstance(entry, dict) or any(name not in entry for name in JUDGEMENT_FIELDS[:3]):
            raise SheetError(f"{path}: item {position} is not an entry with {', '.join(JUDGEMENT_FIELDS[:3])}")
    return loaded
