"""Materialization metadata for Parquet assets: row count, column schema, a readable preview, path."""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import dagster as dg
import pyarrow as pa

PREVIEW_ROWS = 5
_MARKDOWN_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")
_CELL_LIMIT = 80


def _cell(value: object) -> str:
    """One markdown table cell: no pipes or line breaks that would break the table, and short."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    text = " ".join(str(value).split())
    if len(text) > _CELL_LIMIT:
        text = text[: _CELL_LIMIT - 1] + "…"
    # Every ASCII punctuation mark backslash-escaped: CommonMark then shows it literally, so titles and
    # quotes carrying markdown or HTML (**, [x](y), <script>, |) display as the text they are.
    return _MARKDOWN_PUNCTUATION.sub(r"\\\g<0>", text)


def markdown_preview(table: pa.Table, columns: Sequence[str], rows: int = PREVIEW_ROWS) -> str:
    """The first rows of `table` as a markdown table limited to `columns`."""
    head = table.select(list(columns)).slice(0, rows).to_pylist()
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_cell(row[name]) for name in columns) + " |" for row in head]
    if not head:
        lines.append("| " + " | ".join("" for _ in columns) + " |")
    return "\n".join(lines)


def column_schema(schema: pa.Schema, descriptions: dict[str, str] | None = None) -> dg.TableSchema:
    descriptions = descriptions or {}
    return dg.TableSchema(
        columns=[
            dg.TableColumn(
                name=f.name,
                type=str(f.type),
                description=descriptions.get(f.name),
                constraints=dg.TableColumnConstraints(nullable=f.nullable),
            )
            for f in schema
        ]
    )


def table_metadata(
    table: pa.Table,
    schema: pa.Schema,
    path: Path,
    preview_columns: Sequence[str],
    *,
    row_count: int | None = None,
    descriptions: dict[str, str] | None = None,
) -> dict[str, object]:
    return {
        "dagster/row_count": table.num_rows if row_count is None else row_count,
        "dagster/column_schema": column_schema(schema, descriptions),
        "path": dg.MetadataValue.path(str(path)),
        "preview": dg.MetadataValue.md(markdown_preview(table, preview_columns)),
    }
