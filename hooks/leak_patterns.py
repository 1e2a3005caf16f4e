"""The compiled contents of hooks/data/leaks.yml: internal fields, internal hosts, secrets, allowed e-mails."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import yaml

from hooks.registry import DATA_DIR

LEAKS_FILE = DATA_DIR / "leaks.yml"


@dataclass(frozen=True)
class LeakPatterns:
    internal_fields: tuple[str, ...]
    internal_hosts: dict[str, re.Pattern]
    secrets: dict[str, re.Pattern]
    allowed_emails: tuple[re.Pattern, ...]

    def internal_host(self, text: str) -> str | None:
        """The name of the internal-host pattern that `text` (a URL or a host) points at, or None."""
        for name, pattern in self.internal_hosts.items():
            if pattern.search(text):
                return name
        return None

    def email_allowed(self, address: str) -> bool:
        return any(pattern.fullmatch(address) for pattern in self.allowed_emails)


@cache
def load() -> LeakPatterns:
    with open(LEAKS_FILE, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return LeakPatterns(
        internal_fields=tuple(data["internal-fields"]),
        internal_hosts={name: re.compile(r"(?<![\w.-])" + rx + r"(?![\w-])", re.IGNORECASE)
                        for name, rx in data["internal-hosts"].items()},
        secrets={name: re.compile(rx) for name, rx in data["secrets"].items()},
        allowed_emails=tuple(re.compile(rx, re.IGNORECASE) for rx in data["allowed-emails"]),
    )
