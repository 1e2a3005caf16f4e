"""The 404 page's text in every language. One static 404.html serves every missing URL, so it carries
all languages and a small script shows the one named by the URL's prefix (/fr/…, /ja/…)."""

from __future__ import annotations

from hooks import registry, urls


def blocks(site_root: str) -> list[dict]:
    """`site_root`: the site's root path ('/' or '/docs/'), since a 404 is served at any depth."""
    root = site_root if site_root.endswith("/") else site_root + "/"
    return [
        {"lang": code, "prefix": urls.prefix(code), "title": registry.t(code, "notfound.title"),
         "body": registry.t(code, "notfound.body"),
         "links": [{"href": root + urls.home_url(code), "text": registry.t(code, "notfound.home")},
                   {"href": root + urls.runbooks_index_url(code), "text": registry.t(code, "runbooks.title")},
                   ]}
        for code in registry.language_codes()
    ]
