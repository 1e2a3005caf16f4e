"""The error-code registry (hooks/data/error_codes.yml) as JavaScript regular expressions, for the
search box: the browser recognizes codes in whatever the reader pastes with the same family patterns
as the build, generated here at build time (never a second copy by hand).

Python and JavaScript regular expressions differ in a few places; `to_js` rewrites those:
named groups `(?P<n>…)` → `(?<n>…)`, `(?P=n)` → `\\k<n>`, scoped case-insensitivity `(?i:…)` →
letters written as `[aA]` (every browser, not only those with regex modifiers), Unicode `\\d`, `\\w`
and `\\b` as Python has them (`\\p{Nd}`, `[\\p{L}\\p{N}_]`), and escapes the `u` flag forbids.
The result is compiled with the `u` flag. tests/browser/test_search_browser.py runs the generated
patterns in Chromium and checks they find the same codes as `error_codes.find`.
"""

from __future__ import annotations

from hooks.corpus import error_codes

_WORD = r"\p{L}\p{N}_"
_SYNTAX = set("^$\\.*+?()[]{}|/")
_CLASS_ESCAPES = {"d": r"\p{Nd}", "w": _WORD, "D": None, "W": None, "s": r"\s", "S": r"\S"}


class Untranslatable(ValueError):
    pass


def _letter_class(ch: str) -> str:
    return f"[{ch.lower()}{ch.upper()}]" if ch.isascii() and ch.isalpha() else _literal(ch)


def _literal(ch: str) -> str:
    return "\\" + ch if ch in _SYNTAX else ch


def to_js(pattern: str) -> str:
    """`pattern` (Python `re` syntax, as the registry writes it) as a JavaScript RegExp source for the
    `u` flag. Raises Untranslatable for a construct it does not know."""
    out: list[str] = []
    stack: list[bool] = []  # for each open group: whether it is case-insensitive
    icase = False
    in_class = False
    i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            if i + 1 >= n:
                raise Untranslatable(f"trailing backslash in {pattern!r}")
            nxt = pattern[i + 1]
            if nxt == "u" and i + 5 < n + 0 and len(pattern[i + 2:i + 6]) == 4:
                out.append(pattern[i:i + 6])
                i += 6
                continue
            if nxt in "dwsDWS":
                if in_class:
                    replacement = _CLASS_ESCAPES[nxt]
                    if replacement is None:
                        raise Untranslatable(f"\\{nxt} inside a class in {pattern!r}")
                    out.append(replacement)
                else:
                    out.append({"d": r"\p{Nd}", "D": r"\P{Nd}", "w": f"[{_WORD}]", "W": f"[^{_WORD}]",
                                "s": r"\s", "S": r"\S"}[nxt])
            elif nxt == "b" and not in_class:
                out.append(f"(?:(?<=[{_WORD}])(?![{_WORD}])|(?<![{_WORD}])(?=[{_WORD}]))")
            elif nxt == "B" and not in_class:
                out.append(f"(?:(?<=[{_WORD}])(?=[{_WORD}])|(?<![{_WORD}])(?![{_WORD}]))")
            elif nxt in "AZ" and not in_class:
                out.append("^" if nxt == "A" else "$(?![\\s\\S])")
            elif nxt in "tnrfv0":
                out.append("\\" + nxt)
            elif nxt.isalnum():
                raise Untranslatable(f"\\{nxt} in {pattern!r}")
            elif nxt == "-" and in_class:
                out.append("\\-")
            else:
                out.append(_literal(nxt) if not in_class else ("\\" + nxt if nxt in "\\]^[" else nxt))
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
                out.append(ch)
            elif icase and ch.isascii() and ch.isalpha():
                if pattern[i + 1:i + 2] == "-" and i + 2 < n and pattern[i + 2].isascii() and pattern[i + 2].isalpha():
                    lo, hi = ch, pattern[i + 2]
                    out.append(f"{lo.lower()}-{hi.lower()}{lo.upper()}-{hi.upper()}")
                    i += 3
                    continue
                out.append(ch.lower() + ch.upper())
            elif ch in "[":
                out.append("\\[")
            elif not ch.isascii() and icase and ch.lower() != ch.upper():
                out.append(ch.lower() + ch.upper())
            else:
                out.append(ch)
            i += 1
            continue
        if ch == "[":
            in_class = True
            out.append(ch)
            if pattern[i + 1:i + 2] == "^":
                if icase:
                    raise Untranslatable(f"negated class under (?i:) in {pattern!r}")
                out.append("^")
                i += 1
            if pattern[i + 1:i + 2] == "]":  # a `]` first in a class is a literal in Python
                out.append("\\]")
                i += 1
            i += 1
            continue
        if ch == "(":
            rest = pattern[i:]
            if rest.startswith("(?P<"):
                out.append("(?<")
                i += 4
                stack.append(icase)
                continue
            if rest.startswith("(?P="):
                end = pattern.index(")", i)
                out.append(f"\\k<{pattern[i + 4:end]}>")
                i = end + 1
                continue
            if rest.startswith("(?i:"):
                out.append("(?:")
                stack.append(icase)
                icase = True
                i += 4
                continue
            if rest.startswith("(?") and not rest.startswith(("(?:", "(?=", "(?!", "(?<=", "(?<!")):
                raise Untranslatable(f"group {rest[:4]!r} in {pattern!r}")
            stack.append(icase)
            out.append("(")
            i += 1
            continue
        if ch == ")":
            if not stack:
                raise Untranslatable(f"unbalanced ')' in {pattern!r}")
            icase = stack.pop()
            out.append(")")
            i += 1
            continue
        if icase and ch.isalpha():
            out.append(_letter_class(ch) if ch.isascii() else f"[{ch.lower()}{ch.upper()}]")
            i += 1
            continue
        out.append("\\/" if ch == "/" else ch)
        i += 1
    if in_class or stack:
        raise Untranslatable(f"unbalanced pattern {pattern!r}")
    return "".join(out)


def registry_js() -> dict:
    """The registry as the search box needs it: boundaries, lookalikes and each family's forms, in the
    order the build's scanner tries them (lookalikes first, then families, the catch-all last)."""
    families = []
    for family in error_codes.families():
        forms = [{"pattern": to_js(form.pattern), "short": form.short, "lists": form.lists}
                 for form in family.forms]
        families.append({"id": family.id, "kind": family.kind, "code": family.code_format,
                         "slug": family.slug_format,
                         "list": to_js(family.list_pattern) if family.list_pattern else None,
                         "forms": forms})
    return {
        "before": to_js(error_codes._BEFORE),
        "glued": to_js(error_codes._GLUED),
        "after": to_js(error_codes._AFTER),
        "lookalikes": [to_js(p) for p in error_codes.lookalike_patterns()],
        "families": families,
    }
