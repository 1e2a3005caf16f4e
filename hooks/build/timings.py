"""Where the CPU time of one `python -m hooks build` goes, phase by phase: `--timings FILE` (JSON).

The parent measures its own phases (cpu_time.Phases): reading and validating the corpus (with its reader
processes, reaped there), importing MkDocs meanwhile, writing api/*.json and kb-search, merging the
groups' folders, checking links, auditing the merged files. Each MkDocs process (a language group) saves
the phases it measured itself to a file next to its state (cpu_time.ENV): its output audit and each
language's Pagefind run, as os.wait4 reported it when the group reaped the run. The parent reaps the group
with os.wait4 too, which gives the group's CPU time with its Pagefind runs: what is left once the group's
own phases are taken out is rendering (MkDocs: configuration, navigation, pages, theme files, sitemap).
`other` is what the parent used outside its phases (starting Python, forking, waiting, the swap).

So the phases add up to the CPU time of the whole process tree until the file is written (the parent's
exit is not in it). Wall times are per process: the groups and Pagefind run beside the parent's phases,
so they do not add up (a Pagefind run's wall time is not known: null). Measuring costs a few getrusage
calls; the site is the same, byte for byte (tests/build/test_timings.py).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from hooks.base import cpu_time
from hooks.finish import site_finish

CORPUS = "read + validate corpus"
PREIMPORT = "import MkDocs (parent)"
OWN = "write api/*.json + kb-search"
MERGE = "merge groups"
LINKS, MERGED_AUDIT = site_finish.LINKS_PHASE, site_finish.AUDIT_PHASE
OTHER = "other (parent)"
RENDER = "render"
PAGEFIND = "pagefind"


def label(languages: list[str]) -> str:
    return "+".join(languages)


def saved_by(state: Path) -> Path:
    """Where the MkDocs process whose state file is `state` saves its phases."""
    return state.with_name(f"{state.name}.timings.json")


class BuildTimings(cpu_time.Phases):
    """The phases of one build; `enabled=False`: measures nothing (the build without --timings)."""

    def __init__(self, enabled: bool = True) -> None:
        super().__init__(enabled)
        self.started = time.perf_counter()
        self.groups: list[list[str]] = []

    def child_env(self, saved: Path) -> dict[str, str]:
        """The environment a MkDocs process needs to save its phases at `saved`."""
        return {cpu_time.ENV: str(saved)} if self.enabled else {}

    def add_process(self, languages: list[str], cpu_s: float | None, wall_s: float | None, saved: Path) -> None:
        """A MkDocs process that built `languages`, reaped: its CPU time with its children (os.wait4),
        its wall time, and the file where it saved its own phases (removed here)."""
        own = cpu_time.Phases.load(saved)
        saved.unlink(missing_ok=True)
        if not self.enabled:
            return
        self.groups.append(list(languages))
        name = label(languages)
        render_wall = None if wall_s is None else wall_s - sum(p.wall_s or 0.0 for p in own.phases.values())
        self.add(f"{RENDER} {name}", (cpu_s or 0.0) - own.cpu_s(), render_wall)
        for phase, measured in own.phases.items():
            self.add(phase if phase.startswith(PAGEFIND) else f"{phase} {name}", measured.cpu_s, measured.wall_s)

    def take_out(self, inner: str, outer: str) -> None:
        """`inner` was measured inside `outer`: its CPU time is not `outer`'s."""
        if inner in self.phases and outer in self.phases:
            self.phases[outer].cpu_s = max(0.0, self.phases[outer].cpu_s - self.phases[inner].cpu_s)

    def report(self) -> dict:
        """Every phase (CPU and wall seconds), `other` the rest of the process tree's CPU time so far."""
        total = cpu_time.cpu_self() + cpu_time.cpu_children()
        phases = self.as_json()
        phases[OTHER] = {"cpu_s": round(max(0.0, total - self.cpu_s()), 3), "wall_s": None}
        return {"phases": phases, "groups": self.groups,
                "total": {"cpu_s": round(total, 3), "wall_s": round(time.perf_counter() - self.started, 3)}}

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.report(), ensure_ascii=False, indent=2) + "\n"
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
