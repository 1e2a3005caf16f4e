"""Page shells: render a theme template once, then produce thousands of pages by filling in slots.

Runbook and error-code pages share everything but a few values (title, description, canonical URL,
switcher links, table of contents, content). Rendering Material's templates for each of them cost
more than converting their Markdown. Instead, the template is rendered once per *shape* of page
with sentinel values (a probe), the output is cut at the places the sentinels landed, and each page
is the literal text between them with its own values put back.

A value may be printed raw in one place and escaped or stripped of tags in another: each sentinel
contains `&`, quotes and a tag, which every such filter changes in its own way, and the probe's
output is searched for every known rendering of every sentinel (`VIEWS`). A sentinel left over
anywhere means a rendering we do not know: no shell, the caller renders such pages in full.
Whatever decides *which* markup a template prints (an empty description, a table of contents
without entries) is part of the shape, the key under which a shell is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

MARK = "kbslot"


class ShellError(ValueError):
    pass


def sentinel(number: int) -> str:
    """A probe value that each view in VIEWS renders differently, and that contains no other's text."""
    return f"{MARK}{number}z&amp;\"'<i>q</i>"


def link_sentinel(number: int) -> str:
    """A probe value for links: a relative path (MkDocs' `url` filter rewrites those)."""
    return f"{MARK}{number}z/"


def _striptags(value: str) -> str:
    return str(Markup(value).striptags())


# How a template may print a value: name → function of the value (Jinja's `e`, `striptags`, both).
VIEWS: dict[str, Callable[[str], str]] = {
    "raw": lambda value: value,
    "e": lambda value: str(Markup.escape(value)),
    "striptags": _striptags,
    "striptags|e": lambda value: str(Markup.escape(_striptags(value))),
}


@dataclass(frozen=True)
class Shell:
    chunks: tuple[str, ...]  # literal text around the slots: len(slots) + 1
    slots: tuple[tuple[str, str], ...]  # (value name, view) of each slot, in order

    def fill(self, values: Mapping[str, str], views: Mapping[str, Callable[[str], str]] = VIEWS) -> str:
        """The page, from its values (name → value) printed through each slot's view."""
        parts = [self.chunks[0]]
        for (name, view), chunk in zip(self.slots, self.chunks[1:], strict=True):
            parts.append(views[view](values[name]))
            parts.append(chunk)
        return "".join(parts)


def cut(rendered: str, probes: Mapping[str, tuple[str, str]]) -> Shell:
    """Cut `rendered` at every occurrence of each probe text (text → (name, view)); raises ShellError
    when a sentinel is left over (a value printed in a way no probe text stands for)."""
    ordered = sorted(probes, key=len, reverse=True)  # a longer rendering first: "../x/" before "x/"
    chunks, slots, start = [], [], 0
    if ordered:
        for match in re.finditer("|".join(re.escape(text) for text in ordered), rendered):
            chunks.append(rendered[start:match.start()])
            slots.append(probes[match.group()])
            start = match.end()
    chunks.append(rendered[start:])
    left = next((chunk for chunk in chunks if MARK in chunk), None)
    if left is not None:
        at = left.index(MARK)
        raise ShellError(f"a value is printed in a way the shell does not know: …{left[max(0, at - 80):at + 80]}…")
    return Shell(tuple(chunks), tuple(slots))


def probes_for(name: str, probe_value: str, views: Mapping[str, Callable[[str], str]] = VIEWS
               ) -> dict[str, tuple[str, str]]:
    """Probe text → (name, view) for each view of one value."""
    return {function(probe_value): (name, view) for view, function in views.items()}


def between(rendered: str, first: str, second: str) -> str | None:
    """The text separating two consecutive items of a rendered list (None when they are not there)."""
    start = rendered.find(first)
    if start < 0:
        return None
    end = rendered.find(second, start + len(first))
    return None if end < 0 else rendered[start + len(first):end]
