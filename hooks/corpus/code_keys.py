"""Codes as readers type them: any case, with or without the hyphen (`red520025`, `Red-520025`,
`http404`). The registry's patterns find codes as logs print them (hooks/error_codes.find); a word
of a pasted text whose letters and digits are those of a code that has a page is that code too. The
search box does the same in the browser (kb-codes.js, with `key` from kb-search/<lang>.json)."""

from __future__ import annotations

import re

from hooks.corpus.error_codes import ErrorIndex, Match

_WORD = re.compile(r"[^\W_][\w.$-]*")


def key(text: str) -> str:
    """What a code or article number is looked up by: ASCII letters and digits only, upper case."""
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def keys(index: ErrorIndex) -> dict[str, str]:
    """key → slug of the code's page, for every code and every name that leads to one."""
    found = {key(code.code): slug for slug, code in index.codes.items()}
    for name, slug in index.links.items():
        if slug in index.codes:
            found.setdefault(key(name), slug)
    return found


def loose_matches(text: str, index: ErrorIndex, found: list[Match]) -> list[Match]:
    """Words of `text` outside the codes `found` already that are a known code written another way."""
    known = keys(index)
    taken = [(m.start, m.end) for m in found]
    extra: list[Match] = []
    for m in _WORD.finditer(text):
        word = m.group().rstrip(".-$")
        start, end = m.start(), m.start() + len(word)
        if any(start < e and end > s for s, e in taken):
            continue
        if not (re.search(r"[^\W\d_]", word) and re.search(r"\d", word)):
            continue  # a code has letters and digits
        slug = known.get(key(word))
        if slug is not None:
            code = index.codes[slug]
            extra.append(Match(code=code.code, slug=slug, family=code.family, start=start, end=end))
    return extra
