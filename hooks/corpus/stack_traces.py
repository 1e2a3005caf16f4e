"""Where each code of a pasted log sits in a Java stack trace, so `lookup` can answer root cause first.

A trace starts at a line naming an exception (`java.lang.SecurityException: …`); frames
(`at a.b.C.m(C.java:1)`, `... 12 more`, `... 110 common frames omitted`, `...`), `Suppressed:` lines and
blank lines keep it going; each `Caused by:` goes one level deeper: the deepest level is the root cause.
Any other line ends the trace. Lines are split at newlines and at `<br>` (a trace quoted in a Markdown
table cell is one source line)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hooks.corpus.error_codes import Match

_LINE = re.compile(r"\n|<br\s*/?>", re.IGNORECASE)
_MARKUP = r"[\s>`*|]*"  # what quoting a log in Markdown puts in front of a line
_FRAME = re.compile(_MARKUP + r"(?:at\s+[\w$.<>/]+\(|Suppressed\s*:"
                             r"|\.\.\.(?:\s*\d+\s+(?:more|common frames omitted))?[\s`]*$|$)")
_CAUSED_BY = re.compile(_MARKUP + r"(?:Caused by|Wrapped by)\s*:")


@dataclass(frozen=True)
class Place:
    trace: int  # which trace of the text (0: not in a trace)
    depth: int  # 0 for the first exception of a trace, +1 for each `Caused by:`


def places(text: str, matches: list[Match], is_exception) -> list[Place]:
    """The place of each match (same order). `is_exception(match)` says which matches can start a trace."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    starts = [0] + [end for _, end in lines]
    ends = [start for start, _ in lines] + [len(text)]
    result: list[Place] = []
    trace = depth = 0
    in_trace = False
    i = 0  # next match
    for start, end in zip(starts, ends, strict=True):
        line = text[start:end]
        here = []
        while i < len(matches) and matches[i].start < end:
            here.append(matches[i])
            i += 1
        if _CAUSED_BY.match(line):
            if not in_trace:
                trace, depth, in_trace = trace + 1, 0, True
            depth += 1
        elif _FRAME.match(line):
            pass  # a frame or a blank line: the trace goes on
        elif any(is_exception(m) for m in here):
            trace, depth, in_trace = trace + 1, 0, True
        else:
            in_trace = False
        result += [Place(trace if in_trace else 0, depth if in_trace else 0)] * len(here)
    result += [Place(0, 0)] * (len(matches) - i)
    return result


def root_cause_first(text: str, matches: list[Match], is_exception) -> list[tuple[Match, Place]]:
    """Matches in the order to answer: texts keep their order, but within a trace the deepest cause
    comes first (and, within a level, the order of the text)."""
    placed = list(zip(matches, places(text, matches, is_exception), strict=True))
    first: dict[int, int] = {}  # trace → position of its first match
    for position, (_, place) in enumerate(placed):
        first.setdefault(place.trace, position)

    def key(item: tuple[int, tuple[Match, Place]]) -> tuple[int, int, int]:
        position, (_, place) = item
        if place.trace == 0:
            return (position, 0, 0)
        return (first[place.trace], -place.depth, position)

    return [item for _, item in sorted(enumerate(placed), key=key)]
