"""Leak lint: private data a runbook should not publish, reported with path:line.

- private IPv4 addresses (10/8, 172.16/12, 192.168/16) that are not redacted — the KB writes
  `10.30.74.xxx`, which is fine;
- e-mail addresses, except documentation placeholders and public no-reply senders (hooks/data/leaks.yml);
- host names of internal systems (`*.corp.adobe.com`, the CRM) — a URL on such a host as a whole;
- tokens and keys (hooks/data/leaks.yml `secrets`);
- the names of internal KB fields and, with a denylist, the values import recorded (.internal-values).
Code blocks are checked too: a pasted log or config leaks as much as prose.

Severity: what the output audit fails a build on (internal hosts, credentials, internal field names and
values: `BLOCKING`) is an error everywhere, so a contributor learns it from `validate` in a second, not at
the end of a build. Private IPs and e-mail addresses are warnings on a contributor's machine and errors in
CI (the `CI` environment variable is set, as GitHub Actions and GitLab do, or `validate --ci`).
Import redacts all of them (hooks/kb/redaction.py), so what it writes validates.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from hooks.base.problems import Problem
from hooks.rules.internal_values import Denylist
from hooks.rules.leak_patterns import LeakPatterns
from hooks.rules.leak_patterns import load as load_patterns

_O = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_PRIVATE = rf"10\.{_O}\.{_O}\.{_O}|172\.(?:1[6-9]|2\d|3[01])\.{_O}\.{_O}|192\.168\.{_O}\.{_O}"
PRIVATE_IPV4 = re.compile(rf"(?<![\w.])(?:{_PRIVATE})(?![\w]|\.\d)")
EMAIL = re.compile(r"(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
HOST = re.compile(r"(?<![\w.-])(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![\w-])")
# A URL around a host: from its scheme to the first space, quote, bracket or angle bracket.
_URL_START = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s/\"'<>()\[\]]*$")
_URL_REST = re.compile(r"[^\s\"'<>()\[\]]*")
BLOCKING = frozenset({"internal-host", "secret", "internal-field", "internal-value"})


@dataclass(frozen=True)
class Finding:
    """One leak in a text: 1-based line, column and end column (exclusive) of what leaks."""

    line: int
    column: int
    end: int
    rule: str
    message: str
    fix: str

    @property
    def blocking(self) -> bool:
        """The output audit would fail the build on it: an error wherever it is found."""
        return self.rule in BLOCKING


def in_ci(environ=None) -> bool:
    value = (environ if environ is not None else os.environ).get("CI", "")
    return value.strip().lower() not in ("", "0", "false", "no")


_IP_HINTS = ("10.", "172.", "192.168.")
_TRIGGERS: dict[int, tuple[str, ...] | None] = {}  # lives: the process (keyed by the patterns' identity)


def _trigger_words(patterns: LeakPatterns) -> tuple[str, ...] | None:
    """Lowercase words of which one is in any text a check could match; None when a check has none."""
    key = id(patterns)
    if key not in _TRIGGERS:
        words = ["@", *_IP_HINTS, *patterns.internal_fields]
        unconditional = False
        for pattern in (*patterns.internal_hosts.values(), *patterns.secrets.values()):
            if not pattern.contains:
                unconditional = True
            words.extend(pattern.contains)
        _TRIGGERS[key] = None if unconditional else tuple(dict.fromkeys(words))
    return _TRIGGERS[key]


def could_leak(lowered: str, patterns: LeakPatterns) -> bool:
    """False when no check can match anywhere in this (lower-cased) text."""
    words = _trigger_words(patterns)
    return words is None or any(word in lowered for word in words)


def _url_span(line: str, start: int, end: int) -> tuple[int, int]:
    """The whole URL around the host at line[start:end], or the host alone when it is not in a URL."""
    before = _URL_START.search(line, 0, start)
    if before is None or before.end() != start:
        return start, end
    rest = _URL_REST.match(line, end).group().rstrip(".,;:!?")  # sentence punctuation after a URL
    return before.start(), end + len(rest)


def findings(text: str, patterns: LeakPatterns, denylist: Denylist | None = None) -> Iterator[Finding]:
    """Every leak in `text` (lines and columns relative to `text`).

    Checks that cannot match anywhere in the text (no '@', no IP-like prefix, no keyword of a pattern)
    are skipped for the whole text, and again per line: most runbooks trigger none of them.
    """
    if denylist is not None:
        for line, field_name in denylist.find(text):
            yield Finding(line, 1, 1, "internal-value", f"a value of the internal KB field '{field_name}'",
                          "remove it: import recorded it from an article's internal fields (.internal-values)")
    lowered = text.lower()
    if not could_leak(lowered, patterns):
        return
    want_ip = any(hint in text for hint in _IP_HINTS)
    want_email = "@" in text
    want_host = any(pattern.worth_running(lowered) for pattern in patterns.internal_hosts.values())
    want_field = any(name in lowered for name in patterns.internal_fields)
    secrets = {name: pattern for name, pattern in patterns.secrets.items() if pattern.worth_running(lowered)}
    if not (want_ip or want_email or want_host or want_field or secrets):
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if want_ip and any(hint in line for hint in _IP_HINTS):
            for match in PRIVATE_IPV4.finditer(line):
                yield Finding(number, match.start() + 1, match.end() + 1, "private-ip",
                              f"private IP address {match.group()}",
                              "redact the last part as the KB does, e.g. 10.30.74.xxx")
        if want_email and "@" in line:
            for match in EMAIL.finditer(line):
                if not patterns.email_allowed(match.group()):
                    yield Finding(number, match.start() + 1, match.end() + 1, "email",
                                  f"e-mail address {match.group()}",
                                  "replace it with a placeholder such as user@example.com")
        if want_host:
            for match in HOST.finditer(line):
                if patterns.internal_host(match.group()):
                    start, end = _url_span(line, match.start(), match.end())
                    yield Finding(number, start + 1, end + 1, "internal-host",
                                  f"internal host name {match.group()}",
                                  "remove the link or host; readers outside the company cannot reach it")
        if want_field and any(name in line.lower() for name in patterns.internal_fields):
            for match in patterns.internal_field_names.finditer(line):
                yield Finding(number, match.start() + 1, match.end() + 1, "internal-field",
                              f"the internal KB field name '{match.group().lower()}'",
                              "remove it: internal KB fields must never be published")
        if secrets:
            line_lowered = line.lower()
            for name, pattern in secrets.items():
                if not pattern.worth_running(line_lowered):
                    continue
                for match in pattern.finditer(line):
                    yield Finding(number, match.start() + 1, match.end() + 1, "secret",
                                  f"what looks like a credential ({name})",
                                  "remove it and revoke it; use a placeholder such as <API_KEY>")


def scan(text: str, patterns: LeakPatterns) -> Iterator[tuple[int, int, str, str, str]]:
    """(line, column, rule, message, fix) for every leak in `text` (1-based, relative to `text`)."""
    for found in findings(text, patterns):
        yield found.line, found.column, found.rule, found.message, found.fix


def check_runbook(runbook, severity: str, patterns: LeakPatterns | None = None,
                  denylist: Denylist | None = None) -> list[Problem]:
    """`severity`: of private IPs and e-mail addresses; what the audit would refuse is always an error."""
    patterns = patterns or load_patterns()
    problems = []
    items = [(key, item) for key, value in runbook.meta.items()
             for item in (value if isinstance(value, list) else [value]) if isinstance(item, str)]
    joined = "\n".join(item for _, item in items)  # one check for all: an entry in an item is in there too
    if could_leak(joined.lower(), patterns) or (denylist is not None and denylist.occurs_in(joined)):
        for key, item in items:
            for found in findings(item, patterns, denylist):
                problems.append(Problem(runbook.path, runbook.key_lines.get(key, 1), 1, f"leak-{found.rule}",
                                        f"'{key}': {found.message}", found.fix,
                                        "error" if found.blocking else severity))
    for found in findings(runbook.body, patterns, denylist):
        problems.append(Problem(runbook.path, runbook.body_line + found.line - 1, found.column,
                                f"leak-{found.rule}", found.message, found.fix,
                                "error" if found.blocking else severity))
    return problems


def check_runbooks(runbooks: Iterable, ci: bool | None = None, denylist: Denylist | None = None) -> list[Problem]:
    severity = "error" if (in_ci() if ci is None else ci) else "warning"
    patterns = load_patterns()
    problems: list[Problem] = []
    for runbook in runbooks:
        problems.extend(check_runbook(runbook, severity, patterns, denylist))
    return problems
