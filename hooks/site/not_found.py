"""The 404 page's text in every language. One static 404.html serves every missing URL, so it carries
all languages and a small script shows the one named by the URL's prefix (/fr/…, /ja/…), and puts the
theme's own strings (search box, footer…) in that language (`ui`; the theme's strings are added by the
template, hooks/theme/404.html)."""

from __future__ import annotations

from hooks.base import registry
from hooks.base import urls

UI_KEYS = ("footer.made_with",)  # our strings the theme's parts print (partials/copyright.html)


def blocks(site_root: str) -> list[dict]:
    """`site_root`: the site's root path ('/' or '/docs/'), since a 404 is served at any depth."""
    root = site_root if site_root.endswith("/") else site_root + "/"
    return [
        {"lang": code, "prefix": urls.prefix(code), "title": registry.t(code, "notfound.title"),
         "body": registry.t(code, "notfound.body"),
         "links": [{"href": root + urls.home_url(code), "text": registry.t(code, "notfound.home")},
                   {"href": root + urls.runbooks_index_url(code), "text": registry.t(code, "runbooks.title")},
                   {"href": root + urls.prefix(code) + "errors/", "text": registry.t(code, "errors.back")},
                   ],
         "ui": {key: registry.t(code, key) for key in UI_KEYS}}
        for code in registry.language_codes()
    ]
