"""The timeline as a picture: events on a time axis, a PNG to glance at and an HTML page to explore.

What is drawn is the analyst's default view (confidence high or medium). Two layouts, by how many
events there are:

- **events** (up to EVENTS_DRAWN_ONE_BY_ONE): one line per event, a bar from its earliest to its latest
  day (a dot when the day is known), coloured by its first participant's entity (the most frequent
  ones; the rest grey), labelled with who and what.
- **counts** (more): events per week, month or year (whichever gives at most about MAX_BINS bars over
  the span), grey bars for all events, a line for each of the most frequent entities. An event whose
  interval covers several bins counts in each by the share of its days that fall there, so a
  month-wide date does not pass for a day.

The axis spans the 1st to the 99th percentile of the events' days: a decade-wide "the 1990s" or a
stray century does not squeeze everything else into a corner (the title says how many lie outside).
The PNG is drawn with matplotlib; the HTML with plotly, its script inlined, so the file works offline.
"""
from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dateline.confidence import SHOWN_BY_DEFAULT

EVENTS_DRAWN_ONE_BY_ONE = 150
MAX_BINS = 160
TOP_ENTITIES = 8
LABEL_CHARACTERS = 70
COLUMNS = ("earliest", "latest", "confidence", "trigger", "description", "who", "agents", "entity_ids", "event_kind",
           "title", "url", "article_id")
# What the counts layout needs: the text columns are only read when the events are few enough to label.
COUNTED_COLUMNS = ("earliest", "latest", "confidence", "who", "agents")
_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")
_OTHER = "#9a9a9a"


@dataclass(frozen=True)
class Picture:
    """What the picture shows, for the asset's metadata, and the two renderings."""

    layout: str  # "events" or "counts"
    events: int  # events in the default view
    outside_axis: int  # events whose interval lies wholly outside the drawn span
    bin: str | None  # "week", "month" or "year" for the counts layout
    png: bytes
    html: str


def _shown(table: pa.Table | pa.RecordBatch):
    return table.filter(pc.is_in(table.column("confidence").cast(pa.string()), pa.array(list(SHOWN_BY_DEFAULT))))


def default_view(table: pa.Table) -> pd.DataFrame:
    """The rows an analyst sees by default, with the columns the picture needs, in date order."""
    shown = _shown(table)
    frame = shown.select([c for c in COLUMNS if c in shown.column_names]).to_pandas()
    for column in ("earliest", "latest"):
        frame[column] = pd.to_datetime(frame[column])
    if "agents" not in frame:
        frame["agents"] = [[] for _ in range(len(frame))]
    # a row is drawn as its first agent's ("what did X do"), else its first participant's
    frame["entity"] = [agents[0] if agents is not None and len(agents) else who[0] if who is not None and len(who)
                       else "" for who, agents in zip(frame["who"], frame["agents"])]
    return frame.sort_values(["earliest", "latest"], kind="stable").reset_index(drop=True)


def draw_timeline_file(path, heading: str = "dateline timeline") -> Picture:
    """draw_timeline of a timeline file, holding less at once (the picture step runs beside the
    clusters step): only the default view's rows are kept, read a row group at a time, and the text
    columns are read only when the events are few enough to be drawn one by one."""
    counted = _shown_rows(path, COUNTED_COLUMNS)
    if counted.num_rows > EVENTS_DRAWN_ONE_BY_ONE:
        return draw_timeline(counted, heading)
    del counted
    return draw_timeline(_shown_rows(path, COLUMNS), heading)


def _shown_rows(path, columns: tuple[str, ...]) -> pa.Table:
    """The default view's rows of a timeline file (or a folder of them: the published build's month
    files, in order), with those of `columns` that it has."""
    import pyarrow.dataset as ds

    source = ds.dataset(path, format="parquet")
    wanted = [name for name in columns if name in source.schema.names]
    schema = pa.schema([source.schema.field(name) for name in wanted])
    return pa.Table.from_batches([_shown(batch) for batch in source.to_batches(columns=wanted)], schema)


def draw_timeline(table: pa.Table, heading: str = "dateline timeline") -> Picture:
    """The picture of a timeline table (TIMELINE_SCHEMA)."""
    frame = default_view(table)
    if frame.empty:
        return Picture("events", 0, 0, None, _empty_png(heading), _empty_html(heading))
    start, end = _axis_span(frame)
    outside = int(((frame["latest"] < start) | (frame["earliest"] > end)).sum())
    colours = _entity_colours(frame)
    if len(frame) <= EVENTS_DRAWN_ONE_BY_ONE:
        return Picture("events", len(frame), outside, None,
                       _events_png(frame, colours, heading, start, end, outside),
                       _events_html(frame, colours, heading, start, end))
    unit, edges = _bins(start, end)
    counts = _counts(frame, edges, colours)
    return Picture("counts", len(frame), outside, unit,
                   _counts_png(counts, edges, colours, heading, unit, len(frame), outside),
                   _counts_html(counts, edges, colours, heading, unit, len(frame)))


# --- layout ------------------------------------------------------------------------------------------

def _axis_span(frame: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    first = frame["earliest"].quantile(0.01)
    last = frame["latest"].quantile(0.99)
    if last <= first:
        last = first + pd.Timedelta(days=1)
    margin = max(pd.Timedelta(days=1), (last - first) * 0.02)
    return first - margin, last + margin


def _entity_colours(frame: pd.DataFrame) -> dict[str, str]:
    """The most frequent first participants, each with a colour; others are drawn grey."""
    named = frame.loc[frame["entity"] != "", "entity"].value_counts(sort=True)
    return {name: _PALETTE[i] for i, name in enumerate(named.index[:TOP_ENTITIES])}


def _bins(start: pd.Timestamp, end: pd.Timestamp) -> tuple[str, pd.DatetimeIndex]:
    days = (end - start).days
    for unit, frequency, length in (("week", "W-MON", 7), ("month", "MS", 30.4), ("year", "YS", 365.25)):
        if days / length <= MAX_BINS or unit == "year":
            edges = pd.date_range(start.normalize() - pd.Timedelta(days=int(length) + 1), end + pd.Timedelta(days=int(length) + 1),
                                  freq=frequency)
            return unit, edges
    raise AssertionError("unreachable")


def _counts(frame: pd.DataFrame, edges: pd.DatetimeIndex, colours: dict[str, str]) -> pd.DataFrame:
    """Events per bin (columns: all, and one per coloured entity), each event spread over the bins its
    interval covers in proportion to its days there."""
    left = edges[:-1].values.astype("datetime64[D]").astype(np.int64)
    right = edges[1:].values.astype("datetime64[D]").astype(np.int64)
    first = frame["earliest"].values.astype("datetime64[D]").astype(np.int64)
    last = frame["latest"].values.astype("datetime64[D]").astype(np.int64) + 1  # an interval's days, end excluded
    counts = {"all": np.zeros(len(left))}
    counts |= {name: np.zeros(len(left)) for name in colours}
    entity = frame["entity"].to_numpy()
    # Each entity's events picked once: comparing names inside the loop over bins cost a second per
    # 30,000 events.
    members = {name: np.flatnonzero(entity == name) for name in colours}
    # One pass over the bins: each bin takes its share of every event overlapping it.
    for index, (low, high) in enumerate(zip(left, right)):
        overlap = np.clip(np.minimum(last, high) - np.maximum(first, low), 0, None)
        share = overlap / (last - first)
        counts["all"][index] = share.sum()
        for name, rows in members.items():
            counts[name][index] = share[rows].sum()
    return pd.DataFrame(counts, index=edges[:-1])


def _label(row) -> str:
    names = row.agents if row.agents is not None and len(row.agents) else row.who
    who = ", ".join(list(names)[:2]) if names is not None and len(names) else ""
    what = " ".join(str(row.description or row.trigger).split())
    text = f"{who}: {what}" if who else what
    return textwrap.shorten(text, LABEL_CHARACTERS, placeholder=" …")


def _day_range(row) -> str:
    first, last = row.earliest.date(), row.latest.date()
    return first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"


# --- PNG (matplotlib) -----------------------------------------------------------------------------------

def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(figure)
    return figure


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()


def _events_png(frame, colours, heading, start, end, outside) -> bytes:
    figure = _figure(13, min(2.0 + 0.26 * len(frame), 42))
    axes = figure.add_subplot()
    for position, row in enumerate(frame.itertuples()):
        colour = colours.get(row.entity, _OTHER)
        if row.earliest == row.latest:
            axes.plot([row.earliest], [position], "o", color=colour, markersize=5)
        else:
            axes.plot([row.earliest, row.latest + pd.Timedelta(days=1)], [position, position], color=colour,
                      linewidth=5, solid_capstyle="butt", alpha=0.8)
    axes.set_yticks(range(len(frame)), [_label(row) for row in frame.itertuples()], fontsize=7)
    axes.set_ylim(len(frame) - 0.5, -0.5)
    axes.set_xlim(start, end)
    axes.grid(axis="x", alpha=0.3)
    _legend(axes, colours)
    axes.set_title(_title(heading, len(frame), outside, "one line per event, a bar from earliest to latest day"),
                   fontsize=10)
    return _png(figure)


def _counts_png(counts, edges, colours, heading, unit, events, outside) -> bytes:
    figure = _figure(13, 6)
    axes = figure.add_subplot()
    widths = (edges[1:] - edges[:-1]).days * 0.9
    axes.bar(counts.index, counts["all"], width=widths, align="edge", color="#d0d0d0", label="all events")
    for name, colour in colours.items():
        axes.plot(counts.index + (edges[1:] - edges[:-1]) / 2, counts[name], color=colour, linewidth=1.6,
                  label=textwrap.shorten(name, 30, placeholder="…"))
    axes.set_ylabel(f"events per {unit}")
    axes.grid(axis="y", alpha=0.3)
    axes.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), title="first participant", title_fontsize=8)
    axes.set_title(_title(heading, events, outside, f"events per {unit}; an uncertain date is spread over its days"),
                   fontsize=10)
    return _png(figure)


def _legend(axes, colours) -> None:
    if not colours:
        return
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=c, linewidth=5, label=textwrap.shorten(n, 30, placeholder="…"))
               for n, c in colours.items()]
    handles.append(Line2D([], [], color=_OTHER, linewidth=5, label="other or none"))
    axes.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), title="first participant",
                title_fontsize=7)


def _title(heading: str, events: int, outside: int, how: str) -> str:
    beyond = f"; {outside} outside the axis" if outside else ""
    return f"{heading}: {events} events shown by default (confidence high or medium){beyond}\n{how}"


def _empty_png(heading: str) -> bytes:
    figure = _figure(8, 2)
    figure.text(0.5, 0.5, f"{heading}: no events in the default view", ha="center", va="center")
    return _png(figure)


# --- HTML (plotly, its script inlined so the page works offline) -----------------------------------------

def _html(figure) -> str:
    return figure.to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False})


def _events_html(frame, colours, heading, start, end) -> str:
    import plotly.graph_objects as go

    figure = go.Figure()
    labels = [_label(row) for row in frame.itertuples()]
    for name in [*colours, ""]:
        rows = frame[frame["entity"] == name] if name else frame[~frame["entity"].isin(list(colours))]
        if rows.empty:
            continue
        xs, ys, hovers = [], [], []
        for row in rows.itertuples():
            hover = "<br>".join(filter(None, [
                f"<b>{_escape(_day_range(row))}</b>", _escape(labels[row.Index]),
                f"confidence {row.confidence}", _escape(row.title or ""), _escape(row.url or "")]))
            xs += [row.earliest, row.latest + pd.Timedelta(days=1), None]
            ys += [labels[row.Index]] * 2 + [None]
            hovers += [hover, hover, None]
        figure.add_trace(go.Scatter(x=xs, y=ys, mode="lines+markers", name=name or "other or none",
                                    line={"color": colours.get(name, _OTHER), "width": 6},
                                    marker={"size": 6}, hovertext=hovers, hoverinfo="text"))
    figure.update_yaxes(categoryorder="array", categoryarray=labels[::-1], tickfont={"size": 10})
    figure.update_xaxes(range=[start, end])
    figure.update_layout(title=_escape(heading), height=max(400, 22 * len(frame) + 160), hovermode="closest")
    return _html(figure)


def _counts_html(counts, edges, colours, heading, unit, events) -> str:
    import plotly.graph_objects as go

    middles = counts.index + (edges[1:] - edges[:-1]) / 2
    figure = go.Figure()
    figure.add_trace(go.Bar(x=middles, y=counts["all"].round(1), name="all events", marker={"color": "#d0d0d0"}))
    for name, colour in colours.items():
        figure.add_trace(go.Scatter(x=middles, y=counts[name].round(1), mode="lines", name=_escape(name),
                                    line={"color": colour}))
    figure.update_layout(title=_escape(f"{heading}: {events} events shown by default, per {unit}"),
                         yaxis_title=f"events per {unit}", hovermode="x unified")
    return _html(figure)


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _empty_html(heading: str) -> str:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{_escape(heading)}</title></head>"
            f"<body><p>{_escape(heading)}: no events in the default view.</p></body></html>")
