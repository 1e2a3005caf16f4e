"""The public address of the site, which a build for publishing must be given (canonical links, hreflang,
the sitemap and api/*.json are absolute URLs built from it)."""

from __future__ import annotations

from urllib.parse import urlsplit

LOCAL_HOSTS = ("127.0.0.1", "localhost", "0.0.0.0", "::1")
HOW = ("Set the address the site will be served at, e.g.\n"
       "  make build SITE_URL=https://runbooks.example.com/\n"
       "  (or: SITE_URL=https://runbooks.example.com/ python -m hooks build --publish)\n"
       "For a local look at the site, `make serve` needs none (it serves http://127.0.0.1:8000/).")


def publish_problem(site_url: str) -> str | None:
    """Why `site_url` cannot be the address of a published site, with how to set it; None when it can."""
    value = site_url.strip()
    if not value:
        return "make build builds the site for publishing, and SITE_URL is not set.\n" + HOW
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"SITE_URL={value!r} is not an http(s) address.\n" + HOW
    if parts.hostname in LOCAL_HOSTS:
        return (f"SITE_URL={value!r} is a local address: canonical links, the sitemap and api/*.json would "
                "point readers at their own machine.\n" + HOW)
    return None
