"""The validation gate (hooks/engine/gate.py): errors stop the build, warnings are only logged."""

from __future__ import annotations

import logging

import pytest
from mkdocs.exceptions import PluginError

from hooks.base.problems import Problem
from hooks.engine import gate

LOG = logging.getLogger("tests.engine.gate")


def problem(rule: str, severity: str) -> Problem:
    return Problem("runbooks/fr/KA-1.md", 3, 1, rule, f"{rule} happened", severity=severity)


def test_errors_stop_the_build_with_their_number_each_one_logged(caplog):
    caplog.set_level(logging.DEBUG, LOG.name)
    problems = [problem("bad-date", "error"), problem("leak", "warning"), problem("no-title", "error")]
    with pytest.raises(PluginError, match=r"^2 problem\(s\) in runbooks/; the site was not built\. "
                                          r"Run `make validate` for the list\.$"):
        gate.check(problems, LOG)
    logged = [(record.levelno, record.getMessage().rsplit("] ", 1)[-1]) for record in caplog.records]
    assert logged == [(logging.INFO, "leak happened"), (logging.ERROR, "bad-date happened"),
                      (logging.ERROR, "no-title happened")]


def test_warnings_alone_are_logged_at_info_level_and_the_build_goes_on(caplog):
    caplog.set_level(logging.DEBUG, LOG.name)
    gate.check([problem("leak", "warning"), problem("stale", "warning")], LOG)
    assert [record.levelno for record in caplog.records] == [logging.INFO, logging.INFO]
    assert all("happened" in record.getMessage() for record in caplog.records)


def test_no_problem_no_message(caplog):
    caplog.set_level(logging.DEBUG, LOG.name)
    gate.check(iter(()), LOG)
    assert caplog.records == []
