"""Leak lint: private data a runbook should not publish, reported with path:line.

- private IPv4 addresses (10/8, 172.16/12, 192.168/16) that are not redacted — the KB writes
  `10.30.74.xxx`, which is fine;
- e-mail addresses, except documentation placeholders and public no-reply senders (hooks/data/leaks.yml);
- host names of internal systems (`*.corp.adobe.com`, the CRM);
- tokens and keys (hooks/data/leaks.yml `secrets`).
Code blocks are checked too: a pasted log or config leaks as much as prose.

Severity: a warning on a contributor's machine (the site still builds, `validate` exits 0), an error in CI
(the `CI` environment variable is set, as GitHub Actions and GitLab do, or `validate --ci`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator

from hooks.leak_patterns import LeakPatterns
from hooks.leak_patterns import load as load_patterns
from hooks.problems import Problem

_O = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_PRIVATE = rf"10\.{_O}\.{_O}\.{_O}|172\.(?:1[6-9]|2\d|3[01])\.{_O}\.{_O}|192\.168\.{_O}\.{_O}"
PRIVATE_IPV4 = re.compile(rf"(?<![\w.])(?:{_PRIVATE})(?![\w]|\.\d)")
EMAIL = re.compile(r"(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
HOST = re.compile(r"(?<![\w.-])(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![\w-])")


def in_ci(environ=None) -> bool:
    value = (environ if environ is not None else os.environ).get("CI", "")
    return value.strip().lower() not in ("", "0", "false", "no")


def scan(text: str, patterns: LeakPatterns) -> Iterator[tuple[int, int, str, str, str]]:
    """(line, column, rule, message, fix) for every leak in `text` (1-based, relative to `text`)."""
    for number, line in enumerate(text.split("\n"), start=1):
        for match in PRIVATE_IPV4.finditer(line):
            yield (number, match.start() + 1, "private-ip", f"private IP address {match.group()}",
                   "redact the last part as the KB does, e.g. 10.30.74.xxx")
        for match in EMAIL.finditer(line):
            if not patterns.email_allowed(match.group()):
                yield (number, match.start() + 1, "email", f"e-mail address {match.group()}",
                       "replace it with a placeholder such as user@example.com")
        for match in HOST.finditer(line):
            name = patterns.internal_host(match.group())
            if name:
                yield (number, match.start() + 1, "internal-host", f"internal host name {match.group()}",
                       "remove the link or host; readers outside the company cannot reach it")
        for name, pattern in patterns.secrets.items():
            for match in pattern.finditer(line):
                yield (number, match.start() + 1, "secret", f"what looks like a credential ({name})",
                       "remove it and revoke it; use a placeholder such as <API_KEY>")


def check_runbook(runbook, severity: str, patterns: LeakPatterns | None = None) -> list[Problem]:
    patterns = patterns or load_patterns()
    problems = []
    for key, value in runbook.meta.items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            if not isinstance(item, str):
                continue
            for _, _, rule, message, fix in scan(item, patterns):
                problems.append(Problem(runbook.path, runbook.key_lines.get(key, 1), 1, f"leak-{rule}",
                                        f"'{key}': {message}", fix, severity))
    for line, column, rule, message, fix in scan(runbook.body, patterns):
        problems.append(Problem(runbook.path, runbook.body_line + line - 1, column, f"leak-{rule}", message, fix,
                                severity))
    return problems


def check_runbooks(runbooks: Iterable, ci: bool | None = None) -> list[Problem]:
    severity = "error" if (in_ci() if ci is None else ci) else "warning"
    patterns = load_patterns()
    problems: list[Problem] = []
    for runbook in runbooks:
        problems.extend(check_runbook(runbook, severity, patterns))
    return problems
