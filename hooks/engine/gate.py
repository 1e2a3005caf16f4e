"""The validation gate: a build of the site starts only from runbooks without errors.

Errors stop the build with a PluginError saying how many, each logged first; warnings (leak-lint's, for
one) are only logged at info level, so that they do not fail a local `mkdocs build --strict`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from mkdocs.exceptions import PluginError

from hooks.base.problems import Problem


def check(problems: Iterable[Problem], log: logging.Logger | logging.LoggerAdapter) -> None:
    """Raise PluginError when any of `problems` is an error; log every problem."""
    problems = list(problems)
    errors = [problem for problem in problems if problem.severity == "error"]
    for problem in problems:
        if problem.severity != "error":
            log.info(str(problem))
    if errors:
        for problem in errors:
            log.error(str(problem))
        raise PluginError(f"{len(errors)} problem(s) in runbooks/; the site was not built. "
                          "Run `make validate` for the list.")
