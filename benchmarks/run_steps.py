"""Where a run's wall time goes, part by part, from the Dagster instance's own event log.

A run of the job `main` is a process launch, then steps (some fanned out over groups and run at once
under the multiprocess executor), then the process ending. Each step's start and end are in the event
log; this module groups the steps into the parts of the pipeline and measures each part's wall time
as the union of its steps' intervals, so steps that ran at once are not counted twice. Whatever no
step covers (start-up before the first step, hand-overs between steps, shutting down) is a part too:
issue 18 counts all of it, with every part but tagging, as the work outside tagging.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# The parts of a run, in pipeline order, and the step keys that belong to each (a step key is the op's
# or asset's name, prefixed by its graph asset's, with a [group] suffix for fanned-out steps; asset
# checks are "<asset>_<check>").
PARTS: tuple[tuple[str, str], ...] = (
    ("read raw files", r"articles\.(plan_reading|read_group)"),
    ("ingest and accounting", r"articles\.ingest|articles_inputs_accounted_for"),
    ("tagging", r"timeline_staging\.(plan_tagging|tag_group)"),
    ("staging and its check", r"timeline_staging\.stage_events|timeline_staging_\w+"),
    ("publishing and checks", r"timeline|timeline_timeline_\w+"),
    ("clusters", r"clusters|clusters_\w+"),
    ("entities", r"entities|entities_\w+"),
    ("picture", r"timeline_picture|timeline_picture_\w+"),
)
START_UP = "start-up: launch to first step"
HAND_OVERS = "between steps"
SHUT_DOWN = "shut-down: last step to exit"
TAGGING = "tagging"


@dataclass(frozen=True)
class StepSpan:
    key: str
    start: float  # epoch seconds
    end: float


@dataclass(frozen=True)
class PartTime:
    part: str
    wall_seconds: float  # the union of its steps' intervals
    step_seconds: float  # the sum of its steps' durations (more than the wall when steps ran at once)
    steps: int


def part_of(step_key: str) -> str:
    base = step_key.split("[", 1)[0]
    for part, pattern in PARTS:
        if re.fullmatch(pattern, base):
            return part
    raise ValueError(f"step {step_key!r} belongs to no part of the run: add it to benchmarks.run_steps.PARTS")


def step_spans(dagster_home: Path, run_id: str) -> list[StepSpan]:
    """The run's steps that finished, from the instance's event log."""
    import dagster as dg

    started: dict[str, float] = {}
    spans = []
    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        for record in instance.all_logs(run_id):
            event = record.dagster_event
            if event is None or not event.step_key:
                continue
            if event.event_type == dg.DagsterEventType.STEP_START:
                started[event.step_key] = record.timestamp
            elif event.event_type in (dg.DagsterEventType.STEP_SUCCESS, dg.DagsterEventType.STEP_FAILURE):
                spans.append(StepSpan(event.step_key, started[event.step_key], record.timestamp))
    return spans


def _union_seconds(intervals: list[tuple[float, float]]) -> float:
    total, reach = 0.0, float("-inf")
    for start, end in sorted(intervals):
        if end > reach:
            total += end - max(start, reach)
            reach = end
    return total


def part_times(spans: list[StepSpan], launched_at: float, run_seconds: float) -> list[PartTime]:
    """Each part's time in pipeline order, then the time no step covers, split into start-up, the gaps
    between steps and shut-down, for a run process launched at `launched_at` (epoch seconds) that
    ended `run_seconds` later."""
    by_part: dict[str, list[StepSpan]] = {part: [] for part, _ in PARTS}
    for span in spans:
        by_part[part_of(span.key)].append(span)
    times = [PartTime(part, _union_seconds([(s.start, s.end) for s in members]),
                      sum(s.end - s.start for s in members), len(members))
             for part, members in by_part.items() if members]
    if not spans:
        return [PartTime(START_UP, run_seconds, 0.0, 0)]
    first, last = min(s.start for s in spans), max(s.end for s in spans)
    ended_at = launched_at + run_seconds
    gaps = (last - first) - _union_seconds([(s.start, s.end) for s in spans])
    times += [PartTime(START_UP, first - launched_at, 0.0, 0), PartTime(HAND_OVERS, gaps, 0.0, 0),
              PartTime(SHUT_DOWN, max(ended_at - last, 0.0), 0.0, 0)]
    return times


def outside_tagging_seconds(times: list[PartTime], run_seconds: float) -> float:
    """The run's wall time less the wall time of its tagging steps."""
    return run_seconds - sum(t.wall_seconds for t in times if t.part == TAGGING)
