"""The timeline as a picture: a PNG shown in the asset's metadata, and an interactive HTML page that
works offline, both in processed/picture/ (dateline.picture draws them)."""

import base64

import dagster as dg

from assets.resources import DataPaths, WHOLE_TIMELINE_READER_TAG
from assets.timeline import timeline
from dateline.picture import draw_timeline_file
from dateline.store import layout, publishing
from dateline.store.atomic import writer_lock
from dateline.store.timeline_builds import published_timeline
from dateline.timeline import write_bytes_atomically


@dg.asset(
    deps=[timeline],
    op_tags=WHOLE_TIMELINE_READER_TAG,
    group_name="timeline",
    kinds={"html", "png"},
    description=(
        "processed/picture/timeline.png and timeline.html: the default view of the timeline (confidence "
        "high or medium) on a time axis; one bar per event from its earliest to its latest day when there "
        "are few, events per week, month or year with the most frequent participants when there are many. "
        "The HTML page is interactive and works offline."
    ),
)
def timeline_picture(context: dg.AssetExecutionContext, paths: DataPaths) -> dg.MaterializeResult:
    published = published_timeline(paths.processed())
    if published is None:
        raise FileNotFoundError(f"no published timeline in {paths.processed()}: publish it before its picture")
    png_path, html_path = layout.picture_paths(paths.processed())
    build = published.build
    if build and build == publishing.picture_build(html_path) and png_path.exists():
        png = png_path.read_bytes()
        summary = {"drawn": False}
        context.log.info(f"the timeline is unchanged, {png_path} kept")
    else:
        picture = draw_timeline_file(published.location(), heading="dateline timeline")
        html = picture.html.replace("<head>", "<head>" + publishing.PICTURE_BUILD_MARK.format(build=build), 1)
        with writer_lock(paths.processed()):  # so a writer's cleanup may remove what a killed one left
            write_bytes_atomically(picture.png, png_path)
            write_bytes_atomically(html.encode("utf-8"), html_path)
        png = picture.png
        summary = {"drawn": True, "layout": picture.layout, "events_drawn": picture.events,
                   "events_outside_axis": picture.outside_axis, "bin": picture.bin or "event"}
        context.log.info(f"drew {picture.events} events ({picture.layout}) to {png_path} and {html_path}")
    image = base64.b64encode(png).decode("ascii")
    return dg.MaterializeResult(metadata={
        "picture": dg.MetadataValue.md(f"![the timeline](data:image/png;base64,{image})"),
        "png": dg.MetadataValue.path(str(png_path)),
        "html": dg.MetadataValue.path(str(html_path)),
        **summary,
    })
