"""The compiled contents of hooks/data/leaks.yml: internal fields, internal hosts, secrets, allowed e-mails."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import yaml

from hooks.base.registry import DATA_DIR

LEAKS_FILE = DATA_DIR / "leaks.yml"


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern
    contains: tuple[str, ...] = ()  # lowercase; the regex can only match a text containing one of them

    def worth_running(self, lowered: str) -> bool:
        return not self.contains or any(word in lowered for word in self.contains)

    def search(self, text: str):
        return self.regex.search(text)

    def finditer(self, text: str):
        return self.regex.finditer(text)


@dataclass(frozen=True)
class LeakPatterns:
    internal_fields: tuple[str, ...]
    internal_hosts: dict[str, Pattern]
    secrets: dict[str, Pattern]
    allowed_emails: tuple[re.Pattern, ...]

    def internal_host(self, text: str) -> str | None:
        """The name of the internal-host pattern that `text` (a URL or a host) points at, or None."""
        for name, pattern in self.internal_hosts.items():
            if pattern.search(text):
                return name
        return None

    @property
    def internal_field_names(self) -> re.Pattern:
        """The internal KB field names as words (`internal-notes`, not `my-internal-notes-x`)."""
        return _field_pattern(self.internal_fields)

    def email_allowed(self, address: str) -> bool:
        return any(pattern.fullmatch(address) for pattern in self.allowed_emails)


@cache
def _field_pattern(fields: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in fields) + r")(?![\w-])", re.IGNORECASE)


def _pattern(entry, prefix: str = "", suffix: str = "", flags: int = 0) -> Pattern:
    regex, contains = (entry["regex"], entry.get("contains", ())) if isinstance(entry, dict) else (entry, ())
    return Pattern(re.compile(prefix + regex + suffix, flags), tuple(str(w).lower() for w in contains))


@cache
def load() -> LeakPatterns:
    with open(LEAKS_FILE, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return LeakPatterns(
        internal_fields=tuple(data["internal-fields"]),
        internal_hosts={name: _pattern(entry, r"(?<![\w.-])", r"(?![\w-])", re.IGNORECASE)
                        for name, entry in data["internal-hosts"].items()},
        secrets={name: _pattern(entry) for name, entry in data["secrets"].items()},
        allowed_emails=tuple(re.compile(rx, re.IGNORECASE) for rx in data["allowed-emails"]),
    )
