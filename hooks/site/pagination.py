"""Lists split into pages of a bounded size: page 1 at the list's URL, page n at `<url><n>/`."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TypeVar

from hooks.base import registry
from hooks.base import urls

T = TypeVar("T")
PAGE_SIZE = 150  # entries per page: ~40 KB of HTML around the theme's ~30 KB


def pages(items: Sequence[T], size: int = PAGE_SIZE) -> list[Sequence[T]]:
    """`items` in slices of at most `size`; one (empty) page when there is nothing."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [items[:0]]


def page_url(base_url: str, number: int) -> str:
    return base_url if number == 1 else f"{base_url}{number}/"


def nav(lang: str, base_url: str, number: int, count: int) -> str:
    """Links to every page of a list of `count` pages, from page `number` (empty for a single page)."""
    if count <= 1:
        return ""
    here = page_url(base_url, number)
    items = []
    for n in range(1, count + 1):
        if n == number:
            items.append(f'<li><span aria-current="page">{n}</span></li>')
        else:
            href = html.escape(urls.relative(here, page_url(base_url, n)))
            items.append(f'<li><a href="{href}">{n}</a></li>')
    label = html.escape(registry.t(lang, "pages.label"))
    return f'<nav class="kb-pages" aria-label="{label}"><ul>{"".join(items)}</ul></nav>\n'
