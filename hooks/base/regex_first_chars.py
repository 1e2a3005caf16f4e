"""Which characters can start a match of a regular expression, read from Python's own parse of it.

The error-code scanner puts them in one look-ahead in front of all its alternatives, so the regex
engine leaves the other positions of a text (spaces, punctuation, most of a Japanese text) at once.
"""

from __future__ import annotations

import re


def first_chars(pattern: str) -> set[str] | None:
    """Pieces of a character class (`a`, `a-z`, `\\d`) holding every first character of a match of
    `pattern`; None when it cannot tell (then the scanner has no look-ahead: same results, slower)."""
    try:
        from re import _parser  # the regex parser of CPython 3.11+: its output decides nothing else here

        return _first(list(_parser.parse(pattern)), False)
    except Exception:  # another Python, or a shape not handled below
        return None


_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _piece(lo: int, hi: int, icase: bool) -> set[str]:
    def one(a: int, b: int) -> str:
        return re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"

    pieces = {one(lo, hi)}
    if icase:
        for a, b in ((65, 90), (97, 122)):  # ASCII letters of the range, in the other case
            x, y = max(lo, a), min(hi, b)
            if x <= y:
                pieces.add(one(x ^ 32, y ^ 32))
        # the only non-ASCII letters Python's Unicode case folding matches with ASCII ones: İ ı (i), K (k), ſ (s)
        pieces |= {fold for letter, fold in _FOLDS.items() if lo <= ord(letter) <= hi or lo <= ord(letter) ^ 32 <= hi}
    return pieces


def _first(items: list, icase: bool) -> set[str] | None:
    """First characters of a sequence of parsed items; None when unknown or when it may match nothing."""
    found: set[str] = set()
    for op, value in items:
        name = str(op)
        if name in ("ASSERT", "ASSERT_NOT", "AT"):
            continue  # zero-width: the next item starts the match
        if name in ("MAX_REPEAT", "MIN_REPEAT") and value[0] == 0:  # optional: its start, or what follows
            inner = _first(list(value[2]), icase)
            if inner is None:
                return None
            found |= inner
            continue
        own = _first_of_item(name, value, icase)
        return None if own is None else found | own
    return None


def _first_of_item(name: str, value, icase: bool) -> set[str] | None:
    if name == "LITERAL":
        return _piece(value, value, icase)
    if name == "IN":
        pieces: set[str] = set()
        for kind, v in value:
            if str(kind) == "LITERAL":
                pieces |= _piece(v, v, icase)
            elif str(kind) == "RANGE":
                pieces |= _piece(v[0], v[1], icase)
            elif str(kind) == "CATEGORY" and str(v) == "CATEGORY_DIGIT":
                pieces.add("\\d")
            else:
                return None
        return pieces or None
    if name == "BRANCH":
        branches = [_first(list(branch), icase) for branch in value[1]]
        return None if any(b is None for b in branches) else set().union(*branches)
    if name == "SUBPATTERN":
        return _first(list(value[-1]), icase or bool(value[1] & re.IGNORECASE))
    if name in ("MAX_REPEAT", "MIN_REPEAT") and value[0] >= 1:
        return _first(list(value[2]), icase)
    return None
