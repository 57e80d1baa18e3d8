"""The picture drawn from a timeline file, reading only the default view a row group at a time, is the
one drawn from the whole table."""
from datetime import date, timedelta

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dateline.picture import EVENTS_DRAWN_ONE_BY_ONE, draw_timeline, draw_timeline_file
from dateline.timeline import TIMELINE_SCHEMA

_COLUMNS = ["earliest", "latest", "confidence", "trigger", "description", "who", "agents", "entity_ids",
            "event_kind", "title", "url", "article_id"]
_PEOPLE = ["Ada Quill", "Borin Stave", "Cela Marsh", "Dov Arden"]


def _timeline(events: int) -> pa.Table:
    """`events` invented rows over two years, a third of them low confidence (outside the default view)."""
    start = date(2023, 1, 1)
    rows = []
    for number in range(events):
        earliest = start + timedelta(days=(number * 37) % 700)
        person = _PEOPLE[number % len(_PEOPLE)]
        rows.append({
            "earliest": earliest, "latest": earliest + timedelta(days=number % 31),
            "confidence": ("high", "medium", "low")[number % 3], "trigger": "met",
            "description": f"{person} met the board, report {number}", "who": [person, "the board"],
            "agents": [person] if number % 5 else [], "entity_ids": [f"e{number % len(_PEOPLE)}"],
            "event_kind": "meeting", "title": f"Report {number}", "url": f"https://news.example/{number}",
            "article_id": f"a{number}",
        })
    schema = pa.schema([TIMELINE_SCHEMA.field(name) for name in _COLUMNS])
    return pa.Table.from_pylist(rows, schema)


@pytest.mark.parametrize("events", [0, 90, EVENTS_DRAWN_ONE_BY_ONE * 4])
def test_the_picture_of_a_file_is_that_of_its_table(tmp_path, events):
    table = _timeline(events)
    path = tmp_path / "timeline.parquet"
    pq.write_table(table, path, row_group_size=97)  # several row groups, to be read one by one
    from_file, from_table = draw_timeline_file(path), draw_timeline(pq.read_table(path))
    assert (from_file.layout, from_file.events, from_file.outside_axis, from_file.bin) == \
           (from_table.layout, from_table.events, from_table.outside_axis, from_table.bin)
    assert from_file.png == from_table.png
    assert from_file.events == sum(1 for value in table.column("confidence").to_pylist() if value != "low")
    assert from_file.layout == ("counts" if from_file.events > EVENTS_DRAWN_ONE_BY_ONE else "events")
