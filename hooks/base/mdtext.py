"""Split Markdown into code and prose so rewrites never touch code.

Fenced blocks (``` or ~~~, any indentation, inside lists or block quotes) and inline code spans are
"code"; everything else is "prose". Joining the pieces gives back the input unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

_FENCE_OPEN = re.compile(r"^(?P<prefix>(?:[ \t]*>)*[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$")
_BACKTICKS = re.compile(r"`+")


def blocks(text: str) -> Iterator[tuple[bool, str]]:
    """Yield (is_fenced_code, chunk) by lines."""
    return iter(_blocks(text))


@lru_cache(maxsize=8)  # a runbook's text goes through several rewrites, most of which leave it as it is
def _blocks(text: str) -> tuple[tuple[bool, str], ...]:
    return tuple(_split_blocks(text))


def _split_blocks(text: str) -> Iterator[tuple[bool, str]]:
    lines = text.splitlines(keepends=True)
    prose: list[str] = []
    i = 0
    while i < len(lines):
        match = _FENCE_OPEN.match(lines[i].rstrip("\n"))
        if match and not (match["fence"][0] == "`" and "`" in match["info"]):
            fence = match["fence"]
            closing = re.compile(r"^(?:[ \t]*>)*[ \t]*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
            end = i + 1
            while end < len(lines) and not closing.match(lines[end].rstrip("\n")):
                end += 1
            if prose:
                yield False, "".join(prose)
                prose = []
            yield True, "".join(lines[i:end + 1])
            i = end + 1
            continue
        prose.append(lines[i])
        i += 1
    if prose:
        yield False, "".join(prose)


def spans(text: str) -> Iterator[tuple[bool, str]]:
    """Yield (is_code_span, chunk) within prose, following CommonMark backtick-run matching."""
    pos = 0
    start = 0
    while True:
        opening = _BACKTICKS.search(text, pos)
        if opening is None:
            break
        run = opening.group()
        search_from = opening.end()
        closing = None
        while True:
            candidate = _BACKTICKS.search(text, search_from)
            if candidate is None:
                break
            if candidate.group() == run:
                closing = candidate
                break
            search_from = candidate.end()
        if closing is None:
            pos = opening.end()
            continue
        if opening.start() > start:
            yield False, text[start:opening.start()]
        yield True, text[opening.start():closing.end()]
        start = pos = closing.end()
    if start < len(text):
        yield False, text[start:]


def map_prose(text: str, func: Callable[[str], str]) -> str:
    """Apply `func` to every prose piece (outside fences and code spans)."""
    out: list[str] = []
    for is_code, chunk in blocks(text):
        if is_code:
            out.append(chunk)
            continue
        for is_span, piece in spans(chunk):
            out.append(piece if is_span else func(piece))
    return "".join(out)


def map_prose_blocks(text: str, func: Callable[[str], str]) -> str:
    """Apply `func` to every run of lines outside fenced code (code spans included)."""
    return "".join(chunk if is_code else func(chunk) for is_code, chunk in blocks(text))


_NOT_NEWLINE = re.compile(r"[^\n]")


@lru_cache(maxsize=16)
def mask_code(text: str) -> str:
    """`text` with code (fences and spans) blanked out, every line and column kept where it was.

    Cached: several checks (unsafe HTML, unsafe paths) read the same runbook body one after the other.
    """
    out: list[str] = []
    for is_code, chunk in blocks(text):
        if is_code:
            out.append(_NOT_NEWLINE.sub(" ", chunk))
            continue
        for is_span, piece in spans(chunk):
            out.append(_NOT_NEWLINE.sub(" ", piece) if is_span else piece)
    return "".join(out)
