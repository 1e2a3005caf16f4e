"""Link every error code mentioned in a rendered page to its `/<lang>/errors/<CODE>/` page.

Works on the HTML text between tags and never re-serializes the page, so everything else stays byte
for byte as MkDocs wrote it. Inside `<code>` and highlighted `<pre>` only an `<a>` is added around the
code's own characters: the text (what copy-and-paste and the copy button take) is unchanged, and the
Pygments `<span>`s keep their classes. When a lexer split a code over several tokens
(`<span class="n">RED</span><span class="o">-</span><span class="mi">520025</span>`), the `<a>` wraps
those whole tokens.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from functools import lru_cache
from itertools import accumulate

from hooks.base import urls
from hooks.corpus.error_codes import css_class, find
from hooks.site.error_pages import error_url

_TOKENS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
# no links inside these: links cannot nest, and the others are not shown as text
_SKIP = {"a", "script", "style", "textarea", "title", "svg", "button", "select", "option"}
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "area", "col", "embed", "track"}


@lru_cache(maxsize=4096)  # pages repeat the same few tags (`<span class="n">`, `</p>`) thousands of times
def _tag(token: str) -> tuple[bool, str] | None:
    """(closing, name) of a tag token; None for text, comments, doctype and self-closed/void tags."""
    if not token.startswith("<") or token.startswith(("<!", "<?")):
        return None
    m = _TAG.match(token)
    if m is None:
        return None
    name = m.group(2).lower()
    if not m.group(1) and (name in _VOID or token.endswith("/>")):
        return None
    return bool(m.group(1)), name


def link_codes(page_html: str, href_for: Callable[[str], str | None]) -> str:
    """Wrap each code whose `href_for(slug)` is not None in a link.

    `href_for` returns the (relative) link for a code's slug, or None to leave it as text.
    """
    tokens = _TOKENS.split(page_html)
    texts = tokens[0::2]  # the text between tags; tokens[2k] is texts[k]
    # the codes first: many pages have none to link, and then nothing else needs doing
    wanted = [(match, href) for match in find("".join(texts)) if (href := href_for(match.slug)) is not None]
    if not wanted:
        return page_html
    text_starts = [0, *accumulate(len(t) for t in texts)]  # where each text token starts in the text

    def token_at(position: int) -> int:
        """The last text token starting at or before `position` (its index in `tokens`)."""
        return 2 * (bisect_right(text_starts, position, 0, len(texts)) - 1)

    def start(index: int) -> int:
        return text_starts[index // 2]

    # nesting state up to the last token a code can need (the tag closing it), computed at the tags only:
    # a text token's state is the state after the tag before it
    end = min(len(tokens), max(token_at(match.end - 1) for match, _ in wanted) + 2)
    skip_depth: list[int] = [0] * end  # text tokens: inside a tag of _SKIP; tags: before the tag
    pre_depth: list[int] = [0] * end
    parents: list[int] = [-1] * end  # index of the opening tag that contains each token
    stack: list[tuple[str, int]] = []
    skip = pre = 0
    for i in range(1, end, 2):
        skip_depth[i], pre_depth[i] = skip, pre
        parents[i] = stack[-1][1] if stack else -1
        tag = _tag(tokens[i])
        if tag is not None:
            closing, name = tag
            if not closing:
                stack.append((name, i))
                skip += name in _SKIP
                pre += name == "pre"
            else:
                while stack:
                    open_name, _ = stack.pop()
                    skip -= open_name in _SKIP
                    pre -= open_name == "pre"
                    if open_name == name:
                        break
                parents[i] = stack[-1][1] if stack else -1  # a closing tag: the parent of what it closes
        if i + 1 < end:
            skip_depth[i + 1], pre_depth[i + 1] = skip, pre
            parents[i + 1] = stack[-1][1] if stack else -1

    inserts: dict[int, list[tuple[int, str]]] = {}  # token index → [(offset, text)] within a text token
    before: dict[int, str] = {}  # token index → text to put before that token
    after: dict[int, str] = {}
    for match, href in wanted:
        first, last = token_at(match.start), token_at(match.end - 1)
        if skip_depth[first] or skip_depth[last]:
            continue
        opening = f'<a class="{css_class(match.code)}" href="{html.escape(href)}">'
        if first == last:
            inserts.setdefault(first, []).extend([(match.start - start(first), opening),
                                                  (match.end - start(first), "</a>")])
            continue
        # split over lexer tokens: wrap whole sibling elements, only inside <pre>, only when exact
        if not pre_depth[first] or match.start != start(first) or match.end != start(last) + len(tokens[last]):
            continue
        open_index, close_index = parents[first], last + 1
        if open_index < 0 or close_index >= end or parents[open_index] != parents[close_index]:
            continue
        if _tag(tokens[close_index]) != (True, _tag(tokens[open_index])[1]):
            continue
        before[open_index] = before.get(open_index, "") + opening
        after[close_index] = "</a>" + after.get(close_index, "")
    if not inserts and not before:
        return page_html
    for i, pieces in inserts.items():
        token, out, position = tokens[i], [], 0
        for at, piece in sorted(pieces, key=lambda item: item[0]):
            out += (token[position:at], piece)
            position = at
        out.append(token[position:])
        tokens[i] = "".join(out)
    for i, text in before.items():
        tokens[i] = text + tokens[i]
    for i, text in after.items():
        tokens[i] += text
    return "".join(tokens)


def href_resolver(page_url: str, lang: str, links: Mapping[str, str]) -> Callable[[str], str | None]:
    """`links` maps a code or short name as found (slug) to the slug of its page (ErrorIndex.links)."""
    def href(slug: str) -> str | None:
        page = links.get(slug)
        if page is None:
            return None
        target = error_url(lang, page)
        return urls.relative(page_url, target) if target != page_url else None

    return href
