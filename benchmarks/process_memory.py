"""Peak memory of a process and all its descendants, sampled from /proc while it runs.

A multiprocess Dagster run is a run process, a fork server and step processes; the high-water mark
of any one of them (ru_maxrss) says nothing about the whole. So the tree is sampled every
`interval` seconds and two sums are kept: RSS (each process's resident pages, shared ones counted
in every process that maps them: an upper bound) and PSS (shared pages divided among the processes
that share them: what the tree really occupies). A peak shorter than the interval can be missed.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass
class TreeMemory:
    peak_rss_bytes: int = 0
    peak_pss_bytes: int = 0
    peak_processes: int = 0


def descendants(root: int) -> list[int]:
    """`root` and every live process below it."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # exited meanwhile
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(children.get(pid, []))
    return found


def _rollup(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes, or zeros if it has gone."""
    rss = pss = 0
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1]) * 1024
            elif line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


class TreeSampler:
    """Samples the memory of a process tree in a background thread until stopped."""

    def __init__(self, root: int, interval: float = 0.1) -> None:
        self.root, self.interval = root, interval
        self.memory = TreeMemory()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def available(self) -> bool:
        return (PROC / str(self.root) / "smaps_rollup").exists()

    def start(self) -> TreeSampler:
        self._thread.start()
        return self

    def stop(self) -> TreeMemory:
        self._stop.set()
        self._thread.join()
        return self.memory

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = descendants(self.root)
            sums = [_rollup(pid) for pid in pids]
            self.memory.peak_rss_bytes = max(self.memory.peak_rss_bytes, sum(rss for rss, _ in sums))
            self.memory.peak_pss_bytes = max(self.memory.peak_pss_bytes, sum(pss for _, pss in sums))
            self.memory.peak_processes = max(self.memory.peak_processes, len(pids))
            self._stop.wait(self.interval)
