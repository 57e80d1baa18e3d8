"""TimeML in and out: read a document's DCT and plain text, write it back with TIMEX3, EVENT and TLINK tags.

The plain text of <TEXT> is kept exactly: after the tags are removed and entities unescaped it
equals the input's, which is what the TempEval-style scorers check before scoring anything.
"""
from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from dateline.console import progress
from dateline.events import VagueLink, extract_events, vague_reference_links
from dateline.events.predicates import predicate_head
from dateline.model import Event, TemporalExpression
from dateline.tagger import tag

logger = logging.getLogger(__name__)

_TEXT = re.compile(r"(<TEXT\b[^>]*>)(.*)(</TEXT>)", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>", re.S)
_DCT = re.compile(r"<DCT\b[^>]*>(.*?)</DCT>", re.S)
_DOCID = re.compile(r"<DOCID\b[^>]*>(.*?)</DOCID>", re.S)
_TITLE = re.compile(r"<TITLE\b[^>]*>(.*?)</TITLE>", re.S)
_VALUE = re.compile(r"""\bvalue\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# Links and instances from an earlier annotation: dropped so they cannot point at our new ids.
_OLD_LINKS = re.compile(r"[ \t]*<(?:TLINK|SLINK|ALINK|MAKEINSTANCE)\b[^>]*>[ \t]*\n?")

# How an event's relation to its time becomes a TLINK relType.
REL_TYPES = {
    "on": "IS_INCLUDED",
    "during": "IS_INCLUDED",
    "since": "BEGUN_BY",
    "until": "ENDED_BY",
    "before": "BEFORE",
    "on_or_before": "BEFORE",  # a past event told in a report: before the saying (TimeML has no "on or before")
    "after": "AFTER",
}


class TimemlError(ValueError):
    """A TimeML file that cannot be read: no TEXT, or no usable creation date."""


@dataclass(frozen=True, slots=True)
class TimemlDocument:
    docid: str
    dct_value: str
    published: date
    title: str | None
    text: str  # the plain text of <TEXT>, unescaped, without any markup
    head: str  # the raw file up to and including the <TEXT> start tag
    tail: str  # the raw file from </TEXT> on, without old links


@dataclass(frozen=True, slots=True)
class Annotation:
    expressions: tuple[TemporalExpression, ...]  # the ones written as TIMEX3
    events: tuple[Event, ...]  # the ones written as EVENT (each with at least one written TIMEX3)
    vague: tuple[VagueLink, ...]  # triggers tied to "now", "the past", ...: an EVENT and a TLINK, no timeline row
    dropped: tuple[str, ...]  # why anything found was left out of the file


def parse_timeml(raw: str, source: str = "<string>") -> TimemlDocument:
    """Read a TimeML document; raises TimemlError when it has no TEXT or no DCT date."""
    text_match = _TEXT.search(raw)
    if not text_match:
        raise TimemlError(f"{source}: no <TEXT> element")
    dct_match = _DCT.search(raw)
    if not dct_match:
        raise TimemlError(f"{source}: no <DCT> element, so relative dates have no anchor")
    dct_value = _dct_value(dct_match.group(1))
    published = publication_date(dct_value, source)
    docid = _DOCID.search(raw)
    title = _TITLE.search(raw)
    return TimemlDocument(
        docid=html.unescape(docid.group(1).strip()) if docid else Path(source).stem,
        dct_value=dct_value,
        published=published,
        title=html.unescape(_strip_tags(title.group(1)).strip()) if title else None,
        text=html.unescape(_strip_tags(text_match.group(2))),  # markup of an earlier annotation goes
        head=raw[:text_match.end(1)],
        tail=_OLD_LINKS.sub("", raw[text_match.start(3):]),
    )


def read_timeml(path: Path) -> TimemlDocument:
    return parse_timeml(Path(path).read_text(encoding="utf-8"), str(path))


def publication_date(dct_value: str, source: str = "<string>") -> date:
    """The calendar date of a DCT value: 2025-06-17, 1998-08-07T12:34 or 19980108."""
    compact = re.fullmatch(r"(\d{4})(\d{2})(\d{2})(?:T.*)?", dct_value)
    candidate = "-".join(compact.groups()) if compact else dct_value[:10]
    try:
        return date.fromisoformat(candidate)
    except ValueError:
        raise TimemlError(f"{source}: DCT value {dct_value!r} is not a calendar date") from None


def annotate(document: TimemlDocument) -> Annotation:
    """Tag the document's text against its creation date and date its events."""
    return annotation_for(document.text, tag(document.text, document.published))


def annotation_for(text: str, expressions: list[TemporalExpression]) -> Annotation:
    """Choose what can be written: TIMEX3 spans may not overlap, nor may an EVENT overlap a TIMEX3."""
    dropped: list[str] = []
    kept: list[TemporalExpression] = []
    for expression in sorted(expressions, key=lambda e: (e.start, -e.end)):
        if kept and expression.start < kept[-1].end:
            dropped.append(f"TIMEX3 {expression.text!r} at {expression.start} overlaps {kept[-1].text!r}")
            continue
        kept.append(expression)
    spans = [(e.start, e.end) for e in kept]
    events = []
    for event in extract_events(text, kept):
        if any(event.trigger_start < end and start < event.trigger_end for start, end in spans):
            dropped.append(f"EVENT {event.trigger!r} at {event.trigger_start} overlaps a TIMEX3")
            continue
        events.append(event)
    events = _copulas_with_predicates(text, events, spans)
    # A vague link's trigger is written as an EVENT of its own: not over a time, nor inside a dated
    # event's longer span ("was finance minister").
    taken = spans + [(e.trigger_start, e.trigger_end) for e in events]
    vague = tuple(link for link in vague_reference_links(text, kept)
                  if not any(link.trigger.start < end and start < link.trigger.end for start, end in taken)
                  or (link.trigger.start, link.trigger.end) in taken[len(spans):])
    return Annotation(tuple(kept), tuple(events), vague, tuple(dropped))


def _copulas_with_predicates(text: str, events: list[Event], time_spans: list[tuple[int, int]]) -> list[Event]:
    """Each copula's EVENT reaching to its predicate's head ("was finance minister", "has been
    independent": dateline.events.predicates); the copula alone when another event starts inside."""
    starts = [e.trigger_start for e in events]
    written = []
    for event in events:
        if event.trigger_kind == "copula":
            head = predicate_head(text, event.trigger_start, event.trigger_end, event.sentence_end, time_spans)
            if head is not None and not any(event.trigger_end <= start < head[1] for start in starts):
                event = replace(event, trigger=text[event.trigger_start:head[1]], trigger_end=head[1])
        written.append(event)
    return written


def render_timeml(document: TimemlDocument, annotation: Annotation) -> str:
    """The document with TIMEX3 and EVENT tags in TEXT and one TLINK per event and time after it."""
    tids = {(e.start, e.end): f"t{i}" for i, e in enumerate(annotation.expressions, start=1)}
    trigger_spans = sorted({(e.trigger_start, e.trigger_end) for e in annotation.events}
                           | {(v.trigger.start, v.trigger.end) for v in annotation.vague})
    eids = {span: f"e{i}" for i, span in enumerate(trigger_spans, start=1)}
    marks: list[tuple[int, int, str, str]] = []  # start, end, opening tag, closing tag
    for expression in annotation.expressions:
        marks.append((expression.start, expression.end, _timex_tag(tids[(expression.start, expression.end)], expression), "</TIMEX3>"))
    for start, end in trigger_spans:
        marks.append((start, end, f'<EVENT eid="{eids[(start, end)]}" class="OCCURRENCE">', "</EVENT>"))
    marks.sort()
    pieces, position = [], 0
    for start, end, opening, closing in marks:
        pieces += [_escape(document.text[position:start]), opening, _escape(document.text[start:end]), closing]
        position = end
    pieces.append(_escape(document.text[position:]))
    links = []
    for event in annotation.events:
        eid = eids[(event.trigger_start, event.trigger_end)]
        for time in event.times:
            tid = tids[(time.start, time.end)]
            links.append(f'<TLINK lid="l{len(links) + 1}" relType="{REL_TYPES[event.relation]}" '
                         f'eventID="{eid}" relatedToTime="{tid}" />\n')
    for vague in annotation.vague:
        eid, tid = eids[(vague.trigger.start, vague.trigger.end)], tids[(vague.expression.start, vague.expression.end)]
        links.append(f'<TLINK lid="l{len(links) + 1}" relType="{REL_TYPES[vague.relation]}" '
                     f'eventID="{eid}" relatedToTime="{tid}" />\n')
    closing_text = "</TEXT>"
    tail = document.tail[len(closing_text):]
    return document.head + "".join(pieces) + closing_text + "\n" + "".join(links) + tail.lstrip("\n")


def convert_file(source: Path, target: Path) -> Annotation:
    """Read one TimeML file, annotate it and write the result to `target`."""
    document = read_timeml(source)
    annotation = annotate(document)
    target.write_text(render_timeml(document, annotation), encoding="utf-8")
    return annotation


def convert_folder(sources: list[Path], output_dir: Path, desc: str | None = None) -> int:
    """Convert each file into output_dir, logging failures (warnings) and omissions (info); a progress
    bar named `desc` shows on a terminal (dateline.console).

    Returns how many files failed; one bad file does not stop the rest.
    """
    output_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for source in progress(sources, desc=desc or output_dir.name):
        try:
            annotation = convert_file(source, output_dir / source.name)
        except Exception as error:  # noqa: BLE001 - one bad file must not stop the rest
            failed += 1
            logger.warning("%s: failed: %s: %s", source.name, type(error).__name__, error)
            continue
        for reason in annotation.dropped:
            logger.info("%s: not written: %s", source.name, reason)
    return failed


def _timex_tag(tid: str, expression: TemporalExpression) -> str:
    attributes = [("tid", tid), ("type", expression.type), ("value", expression.value)]
    attributes += [(name, value) for name, value in
                   (("mod", expression.mod), ("quant", expression.quant), ("freq", expression.freq)) if value]
    return "<TIMEX3 " + " ".join(f'{name}="{html.escape(str(value), quote=True)}"' for name, value in attributes) + ">"


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _dct_value(dct_body: str) -> str:
    value = _VALUE.search(dct_body)
    if value:
        return (value.group(1) if value.group(1) is not None else value.group(2)).strip()
    return html.unescape(_strip_tags(dct_body)).strip()


def _strip_tags(fragment: str) -> str:
    return _TAG.sub("", fragment)
