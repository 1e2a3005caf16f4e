"""Link references to other KB articles to our runbook in the same language, when we have it.

Two shapes occur in KB articles: a bare mention (`see KA-17912`) and a link to the article on
Experience League (import turns `KA-17912.md` links into those URLs). Both point to
`<lang>/runbooks/KA-17912/` when that runbook exists in the page's language; otherwise they are left
alone. Works on the page's HTML, so code blocks, headings and existing links are recognised for what
they are and never broken.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from hooks.base import urls

KA = re.compile(r"\bKA-\d{5}\b")
_EL_HOSTS = ("experienceleague.adobe.com",)
_EL_PATH = re.compile(r"/docs/experience-cloud-kcs/kbarticles/(KA-\d{5})(?:\.html)?/?$")
_SKIP = {"a", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "textarea", "svg"}


def kb_article_id(href: str) -> str | None:
    """The article id of an Experience League KB URL, any language, else None."""
    parts = urlsplit(href)
    if parts.hostname not in _EL_HOSTS:
        return None
    match = _EL_PATH.search(parts.path)
    return match.group(1) if match else None


def _inside(node, names: set[str]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.name in names:
            return True
        parent = parent.parent
    return False


def link_references(html: str, page_url: str, lang: str, exists: Callable[[str, str], bool],
                    self_id: str | None = None) -> str:
    """Return `html` with KB article references linked to runbooks of `lang` that exist."""
    if "KA-" not in html:
        return html

    def target(runbook_id: str) -> str | None:
        if runbook_id == self_id or not exists(runbook_id, lang):
            return None
        return urls.relative(page_url, urls.runbook_url(lang, runbook_id))

    if not any(target(runbook_id) for runbook_id in set(KA.findall(html))):  # nothing to link: no parsing
        return html
    soup = BeautifulSoup(html, "html.parser")
    changed = False
    for anchor in soup.find_all("a", href=True):
        runbook_id = kb_article_id(anchor["href"])
        href = target(runbook_id) if runbook_id else None
        if href:
            anchor["href"] = href
            for attribute in ("target", "rel"):
                if attribute in anchor.attrs:
                    del anchor[attribute]
            changed = True
    for text in list(soup.find_all(string=KA)):
        if not isinstance(text, NavigableString) or type(text) is not NavigableString or _inside(text, _SKIP):
            continue
        pieces: list = []
        last = 0
        for match in KA.finditer(text):
            href = target(match.group())
            if not href:
                continue
            pieces.append(text[last:match.start()])
            link: Tag = soup.new_tag("a", href=href, attrs={"class": "kb-ref"})
            link.string = match.group()
            pieces.append(link)
            last = match.end()
        if not pieces:
            continue
        pieces.append(text[last:])
        for piece in pieces:
            text.insert_before(piece if isinstance(piece, Tag) else NavigableString(piece))
        text.extract()
        changed = True
    return str(soup) if changed else html
