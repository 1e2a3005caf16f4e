"""What import does with private data in a KB article: the leak lint's findings, redacted in place.

The same patterns serve import (here), `validate` (hooks/rules/leak_lint.py) and the output audit
(hooks/finish/output_audit.py), so what import writes passes both. A private IP address loses its last part
the way the KB redacts them itself (`10.30.74.xxx`); everything else becomes a visible marker in the
runbook's language (`[credential removed]`). Each redaction is reported by line and kind, never by value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hooks.base import registry
from hooks.rules.leak_lint import findings
from hooks.rules.leak_patterns import LeakPatterns
from hooks.rules.leak_patterns import load as load_patterns

KINDS = {"secret": "credential", "internal-host": "internal host or URL", "email": "e-mail address",
         "internal-field": "internal KB field name", "private-ip": "private IP address"}
# A mail link as a whole (`[jane@corp.com](mailto:jane@corp.com)`): its address would leave a broken link.
_MAIL_LINK = re.compile(r"\[([^\[\]\n]*)\]\(<?mailto:([^()<>\s]*)>?\)", re.IGNORECASE)


@dataclass(frozen=True)
class Redaction:
    line: int  # 1-based, in the text that was redacted
    kind: str  # a rule of hooks/rules/leak_lint.py

    def describe(self, path: str, first_line: int = 1) -> str:
        return f"{path}:{first_line + self.line - 1}: redacted: {KINDS.get(self.kind, self.kind)}"


def marker(kind: str, lang: str) -> str:
    return registry.t(lang, f"redaction.{kind}")


def _private_ip(address: str) -> str:
    return address.rsplit(".", 1)[0] + ".xxx"


def redact(text: str, lang: str, patterns: LeakPatterns | None = None) -> tuple[str, list[Redaction]]:
    """`text` with every leak the lint finds replaced; what was replaced, in order."""
    patterns = patterns or load_patterns()
    if "mailto:" in text.lower():
        text = _MAIL_LINK.sub(lambda m: m.group() if patterns.email_allowed(m.group(2)) else m.group(2), text)
    found = [f for f in findings(text, patterns) if f.end > f.column]
    if not found:
        return text, []
    lines = text.split("\n")
    done: list[Redaction] = []
    by_line: dict[int, list] = {}
    for finding in found:
        by_line.setdefault(finding.line, []).append(finding)
    for number, items in by_line.items():
        line = lines[number - 1]
        taken_until = len(line) + 1
        # right to left, so earlier columns stay valid; overlapping findings (a host inside a URL) once
        for finding in sorted(items, key=lambda f: (f.column, -f.end), reverse=True):
            start, end = finding.column - 1, finding.end - 1
            if end > taken_until:
                continue
            original = line[start:end]
            new = _private_ip(original) if finding.rule == "private-ip" else marker(finding.rule, lang)
            line = line[:start] + new + line[end:]
            taken_until = start
            done.append(Redaction(number, finding.rule))
        lines[number - 1] = line
    done.sort(key=lambda r: r.line)
    return "\n".join(lines), done
