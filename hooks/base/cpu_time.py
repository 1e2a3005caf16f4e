"""CPU and wall time of the phases of one build, for `python -m hooks build --timings FILE`.

CPU time is user + system time from getrusage: of this process (`measure`), with the children it reaped
meanwhile (`measure(children=True)`), or of one child as it is reaped (os.wait4: `of_usage`). A process of
the build that measures phases of its own (a language group) writes them to the file named by ENV, which
its parent reads once it has reaped the process (hooks/build/timings.py). Nothing is measured, and
nothing written, unless asked: `Phases(enabled=False)` and an unset ENV cost one test per phase.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# Set by `python -m hooks build --timings` in the environment of each MkDocs process it starts: the file
# where that process writes the phases it measured (`Phases.save`).
ENV = "KB_TIMINGS"


def of_usage(usage: resource.struct_rusage) -> float:
    """CPU seconds of a resource usage (os.wait4's: the child and the children it reaped)."""
    return usage.ru_utime + usage.ru_stime


def cpu_self() -> float:
    """CPU seconds this process used so far (every thread)."""
    return of_usage(resource.getrusage(resource.RUSAGE_SELF))


def cpu_children() -> float:
    """CPU seconds of the children this process has reaped so far (and of those they reaped)."""
    return of_usage(resource.getrusage(resource.RUSAGE_CHILDREN))


@dataclass
class Phase:
    cpu_s: float
    wall_s: float | None = None  # None: the phase ran beside others in a process of its own (Pagefind)


class Phases:
    """The phases one process measured, in the order they were first measured (a name measured again adds up)."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.phases: dict[str, Phase] = {}

    def add(self, name: str, cpu_s: float, wall_s: float | None = None) -> None:
        if not self.enabled:
            return
        phase = self.phases.setdefault(name, Phase(0.0, None))
        phase.cpu_s += max(0.0, cpu_s)
        if wall_s is not None:
            phase.wall_s = (phase.wall_s or 0.0) + max(0.0, wall_s)

    @contextmanager
    def measure(self, name: str, children: bool = False) -> Iterator[None]:
        """The CPU time this process spends in the block (`children`: with the children it reaps there)."""
        if not self.enabled:
            yield
            return
        clock = cpu_self() + (cpu_children() if children else 0.0)
        wall = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, cpu_self() + (cpu_children() if children else 0.0) - clock, time.perf_counter() - wall)

    def cpu_s(self) -> float:
        return sum(phase.cpu_s for phase in self.phases.values())

    def as_json(self) -> dict[str, dict[str, float | None]]:
        return {name: {"cpu_s": round(phase.cpu_s, 3),
                       "wall_s": None if phase.wall_s is None else round(phase.wall_s, 3)}
                for name, phase in self.phases.items()}

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.as_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Phases:
        """What `save` wrote; no phase when the file is missing (the process stopped before writing it)."""
        phases = cls()
        if path.is_file():
            for name, phase in json.loads(path.read_text(encoding="utf-8")).items():
                phases.add(name, phase["cpu_s"], phase["wall_s"])
        return phases


def requested(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where this process should save its phases (ENV), or None: not asked to measure."""
    path = environ.get(ENV)
    return Path(path) if path else None
