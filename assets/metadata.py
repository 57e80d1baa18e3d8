"""Materialization metadata for Parquet assets: row count, column schema, a readable preview, path."""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import dagster as dg
import pyarrow as pa
import pyarrow.parquet as pq

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


def parquet_head(path: Path, rows: int) -> tuple[pa.Table, int]:
    """The first `rows` rows of a Parquet file and its row count, without reading the rest."""
    file = pq.ParquetFile(path)
    first = next(file.iter_batches(batch_size=max(rows, 1)), None)
    head = pa.Table.from_batches([first]) if first is not None else file.schema_arrow.empty_table()
    return head.slice(0, rows), file.metadata.num_rows
