"""Inline pictures (`![…](data:image/png;base64,…)`) kept out of Markdown's way while a page converts.

A KB article may carry its screenshots inline: hundreds of kilobytes of base64 in one link. Markdown
reads a link's target one character at a time in Python (`getLink`, to balance parentheses): 76 ms per
such picture, a quarter of a one-process build of the real KB corpus. The page is converted with each
such target replaced by a short one of the same kind, and the real target is put back into the HTML.
Only targets made of base64 characters are shortened (Markdown writes them unchanged into `src`); when a
short target does not come out exactly once, `restored` says so and the page is converted as it is.
"""

from __future__ import annotations

import re

# a picture link's target: data:image/<type>;base64,<base64 characters only>
_TARGET = re.compile(r"(?<=\]\()data:image/[\w.+-]+;base64,[A-Za-z0-9+/=]{256,}(?=\))")


def shortened(markdown: str) -> tuple[str, dict[str, str]]:
    """`markdown` with long inline-picture targets replaced; short target → real target."""
    if "data:image/" not in markdown:
        return markdown, {}
    originals: dict[str, str] = {}

    def short(match: re.Match) -> str:
        target = match.group()
        key = f"{target[:target.index(',') + 1]}KBINLINE{len(originals)}X{id(originals)}"
        originals[key] = target
        return key

    return _TARGET.sub(short, markdown), originals


def restored(html: str, originals: dict[str, str]) -> str | None:
    """The HTML with the real targets back; None when a short target is not in it exactly once."""
    for key, target in originals.items():
        if html.count(key) != 1:
            return None
        html = html.replace(key, target)
    return html
