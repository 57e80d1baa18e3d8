"""Dealing work into groups of about equal size, one per parallel step."""
from __future__ import annotations

import os


def usable_cores() -> int:
    """The cores this process may run on: its CPU affinity where the system has one (Linux), else
    every core (macOS and Windows have no affinity call)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def deal(weights: dict[str, int], groups: int) -> list[list[str]]:
    """The keys of `weights` in at most `groups` groups of about equal total weight, each sorted.

    Heaviest first, each to the group with the least so far. There is always at least one group
    (empty when there is no work), so a run's later steps always have something to wait for.
    """
    planned: list[list[str]] = [[] for _ in range(max(1, min(groups, len(weights))))]
    loads = [0] * len(planned)
    for key in sorted(weights, key=lambda name: (-weights[name], name)):
        lightest = loads.index(min(loads))
        planned[lightest].append(key)
        loads[lightest] += weights[key]
    return [sorted(group) for group in planned]
