"""Reading the built site's lists as a reader follows them: the runbook list (`runbooks/`) links each
product's page, which may run over several pages (`kb-pages`)."""

from __future__ import annotations

import posixpath
from pathlib import Path

from bs4 import BeautifulSoup


def resolve(page_url: str, href: str) -> str:
    return posixpath.normpath(posixpath.join("/" + page_url, href)).lstrip("/") + "/"


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def pages_of(site: Path, first_url: str) -> list[tuple[str, BeautifulSoup]]:
    """A list's first page and the other pages its page links name, in order."""
    first = soup(site, first_url)
    urls = [first_url] + [resolve(first_url, a["href"]) for a in first.select(".kb-pages a")]
    return [(first_url, first)] + [(url, soup(site, url)) for url in dict.fromkeys(urls[1:]) if url != first_url]


def product_urls(site: Path, prefix: str) -> dict[str, str]:
    """Product name → its page's URL, from `<prefix>runbooks/`."""
    index_url = f"{prefix}runbooks/"
    return {a.get_text(): resolve(index_url, a["href"]) for a in soup(site, index_url).select(".kb-products a")}


def listed(site: Path, prefix: str) -> dict[str, str]:
    """Every runbook link reachable from `<prefix>runbooks/` through the product pages: URL → title."""
    found: dict[str, str] = {}
    for url in product_urls(site, prefix).values():
        for page_url, page in pages_of(site, url):
            for a in page.select(".kb-runbook-list a"):
                found[resolve(page_url, a["href"])] = a.get_text()
    return found
