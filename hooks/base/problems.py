"""The one error type every check reports through."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    rule: str
    message: str
    fix: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.severity} [{self.rule}] {self.message}"
        return f"{text} Fix: {self.fix}" if self.fix else text


class ProblemError(Exception):
    """Raised by readers when a file cannot be used at all; carries the problem."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem
