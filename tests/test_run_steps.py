"""benchmarks.run_steps: every step of the job `main` belongs to a part of the run, and parts that ran
at once are timed as wall time, not summed."""
from __future__ import annotations

import dagster as dg
import pytest

from benchmarks.run_steps import HAND_OVERS, SHUT_DOWN, START_UP, StepSpan, outside_tagging_seconds, part_of, part_times
from pipelines.definitions import defs


def _main_job_step_keys() -> list[str]:
    """The job's ops (a step key is an op's handle, with a [group] suffix when fanned out)."""
    graph = defs.resolve_job_def("main").graph
    return [str(handle) for handle in graph.iterate_node_handles()
            if not isinstance(graph.get_node(handle).definition, dg.GraphDefinition)]


def test_every_step_of_the_main_job_belongs_to_a_part():
    keys = _main_job_step_keys()
    assert any(key.startswith("timeline_staging.tag_group") for key in keys)
    assert {part_of(key) for key in keys} >= {"read raw files", "tagging", "publishing and checks", "picture"}


def test_a_step_no_part_claims_is_an_error():
    with pytest.raises(ValueError, match="belongs to no part"):
        part_of("some_new_asset")


def test_steps_that_ran_at_once_are_counted_once():
    spans = [StepSpan("articles.plan_reading", 101.0, 102.0),
             StepSpan("timeline_staging.tag_group[group_0]", 102.0, 110.0),
             StepSpan("timeline_staging.tag_group[group_1]", 103.0, 111.0),
             StepSpan("timeline", 112.0, 113.0)]
    times = {t.part: t for t in part_times(spans, launched_at=100.0, run_seconds=15.0)}
    assert times["tagging"].wall_seconds == pytest.approx(9.0)
    assert times["tagging"].step_seconds == pytest.approx(16.0)
    assert times[START_UP].wall_seconds == pytest.approx(1.0)
    assert times[HAND_OVERS].wall_seconds == pytest.approx(1.0)  # 111 -> 112
    assert times[SHUT_DOWN].wall_seconds == pytest.approx(2.0)  # 113 -> 115
    assert outside_tagging_seconds(list(times.values()), 15.0) == pytest.approx(6.0)
