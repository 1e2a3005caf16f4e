"""`python -m hooks build --timings`: where the CPU time goes, phase by phase (hooks/build/timings.py).

No wall-clock threshold: the checks compare the phases with each other and with the CPU time the kernel
reports for the whole build (getrusage of the reaped children), and the site with one built without.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from hooks.base import cpu_time, registry
from hooks.build import parallel_build, timings
from hooks.engine import group_process
from hooks.finish import search_index
from tests.conftest import copy_project, hooks_build, site_differences

pytestmark = pytest.mark.skipif(not hasattr(os, "wait4"), reason="CPU time of a reaped child: os.wait4 (Unix)")

BURN = "sum(i * i for i in range(3_000_000))"  # a child that uses some CPU time


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("timings") / "project")


def timed_build(project: Path, site: Path, jobs: int) -> tuple[dict, float]:
    """The build's --timings report, and the CPU time of its whole process tree as the kernel counts it."""
    report = site.parent / "timings.json"
    before = children_cpu()
    result = hooks_build(project, site, jobs, args=("--timings", str(report)))
    measured = children_cpu() - before
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(report.read_text(encoding="utf-8")), measured


def check_adds_up(report: dict, measured: float) -> None:
    phases = report["phases"]
    assert all(phase["cpu_s"] >= 0 for phase in phases.values()), phases
    total = report["total"]["cpu_s"]
    assert abs(sum(phase["cpu_s"] for phase in phases.values()) - total) <= 0.001 * len(phases) + 0.001
    # the report is written before the build's process exits: a little less than the tree's CPU time
    assert measured / 2 <= total <= measured + 0.01, (total, measured)


def test_the_phases_add_up_to_the_cpu_time_of_the_build_and_the_site_is_unchanged(project, tmp_path):
    languages = registry.language_codes()
    plain = tmp_path / "plain" / "site"
    result = hooks_build(project, plain, 2)
    assert result.returncode == 0, result.stdout + result.stderr
    report, measured = timed_build(project, tmp_path / "timed" / "site", 2)

    assert site_differences(plain, tmp_path / "timed" / "site") == []
    assert sorted(p.name for p in (tmp_path / "timed").iterdir()) == ["site", "timings.json"]  # no leftovers
    groups = parallel_build.groups(languages, 2)
    assert report["groups"] == [list(group) for group in groups]
    names = [timings.label(group) for group in groups]
    expected = {timings.CORPUS, timings.PREIMPORT, timings.OWN, timings.MERGE, timings.LINKS,
                timings.MERGED_AUDIT, timings.OTHER}
    expected |= {f"{timings.RENDER} {name}" for name in names} | {f"output audit {name}" for name in names}
    expected |= {f"group state {name}" for name in names}
    expected |= {f"{timings.PAGEFIND} {lang}" for lang in languages}  # the seeds have runbooks in each
    assert set(report["phases"]) == expected
    assert next(iter(report["phases"])) == timings.CORPUS
    for name in names:  # rendering a group's languages and auditing them cost something
        assert report["phases"][f"{timings.RENDER} {name}"]["cpu_s"] > 0
        assert report["phases"][f"output audit {name}"]["wall_s"] is not None
    assert all(report["phases"][f"{timings.PAGEFIND} {lang}"]["cpu_s"] > 0 for lang in languages)
    check_adds_up(report, measured)


def test_a_one_process_build_reports_its_rendering_finishing_and_pagefind_runs(project, tmp_path):
    report, measured = timed_build(project, tmp_path / "one" / "site", 1)
    languages = registry.language_codes()
    name = timings.label(languages)
    assert set(report["phases"]) == ({f"{timings.RENDER} {name}", f"finish {name}", timings.OTHER}
                                     | {f"{timings.PAGEFIND} {lang}" for lang in languages})
    assert report["phases"][f"{timings.RENDER} {name}"]["cpu_s"] > 0
    check_adds_up(report, measured)
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == ["site", "timings.json"]


def test_without_timings_nothing_is_written_beside_the_site(project, tmp_path):
    result = hooks_build(project, tmp_path / "out" / "site", 2)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["site"]


def test_a_pagefind_run_is_not_reaped_until_collected_which_gives_its_cpu_time(tmp_path):
    """A run that ended while the next language rendered stays a zombie until `finish` collects it: the
    kernel keeps its CPU time for os.wait4 (Popen.poll would have reaped it and lost it)."""
    process = subprocess.Popen([sys.executable, "-c", f"{BURN}; print('indexed')"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    run = search_index.Run(process, tmp_path / "out", "fr/")
    while search_index._running(process):
        time.sleep(0.01)
    assert Path(f"/proc/{process.pid}").exists() or sys.platform != "linux"  # ended, not reaped
    before = children_cpu()
    assert search_index._collect(run) == "indexed\n"
    assert process.returncode == 0 and run.cpu_s is not None and run.cpu_s > 0
    assert abs((children_cpu() - before) - run.cpu_s) < 0.01  # what the kernel added to this process' children
    search_index.abandon([run])  # nothing left to stop: no error


def test_a_group_process_reports_its_cpu_time_with_its_childrens():
    def in_child() -> None:
        subprocess.run([sys.executable, "-c", BURN], check=True)

    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        before = children_cpu()
        process = group_process.GroupProcess(["--version"], {}, log, in_child)
        assert process.wait() == 0
        spent = children_cpu() - before
    assert process.cpu_s is not None and process.wall_s is not None
    assert abs(process.cpu_s - spent) < 0.01 and process.cpu_s > 0


def test_a_process_phases_make_its_rendering_what_is_left_of_its_cpu_time(tmp_path):
    saved = tmp_path / "group.timings.json"
    own = cpu_time.Phases()
    own.add("output audit", 1.5, 2.0)
    own.add("pagefind fr", 3.0)
    own.add("pagefind fr", 1.0)  # measured again: adds up
    own.save(saved)
    report = timings.BuildTimings()
    report.add_process(["en", "fr"], 10.0, 12.0, saved)
    assert not saved.exists()
    phases = report.as_json()
    assert phases == {"render en+fr": {"cpu_s": 4.5, "wall_s": 10.0},
                      "output audit en+fr": {"cpu_s": 1.5, "wall_s": 2.0},
                      "pagefind fr": {"cpu_s": 4.0, "wall_s": None}}
    missing = timings.BuildTimings()
    missing.add_process(["ja"], 2.0, None, tmp_path / "never-written.json")  # the group stopped early
    assert missing.as_json() == {"render ja": {"cpu_s": 2.0, "wall_s": None}}
    off = timings.BuildTimings(enabled=False)
    with off.measure("anything", children=True):
        pass
    off.add_process(["en"], 1.0, 1.0, saved)
    assert off.as_json() == {}
