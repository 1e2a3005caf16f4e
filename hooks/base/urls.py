"""Stable, identifier-based URLs. All URLs here are site-root-relative ('fr/runbooks/KA-19371/')."""

from __future__ import annotations

import posixpath

from hooks.base import registry


def prefix(lang: str) -> str:
    return registry.language(lang).url_prefix


def home_url(lang: str) -> str:
    return prefix(lang)


def runbook_url(lang: str, runbook_id: str) -> str:
    return f"{prefix(lang)}runbooks/{runbook_id}/"


def src_uri(lang: str, path: str) -> str:
    """Where a generated page sits among the docs: always under its language folder, like docs/<lang>/.

    The i18n plugin keeps only the current language's folder in the navigation; the page's URL (and so
    its output file) comes from `url`, which puts the default language at the root.
    """
    return f"{lang}/{path}"


def dest_uri(url: str) -> str:
    return f"{url}index.html"


def runbook_src_uri(lang: str, runbook_id: str) -> str:
    return src_uri(lang, f"runbooks/{runbook_id}.md")


def runbooks_index_url(lang: str) -> str:
    return f"{prefix(lang)}runbooks/"


def _plain(url: str) -> bool:
    """A directory URL made of plain names ('fr/runbooks/KA-1/', or '' for the root): no '.', '..', empty
    parts or leading slash for a path normalisation to change."""
    return url == "" or (url.endswith("/") and not url.startswith("/") and "//" not in url
                         and "/./" not in f"/{url}" and "/../" not in f"/{url}")


def absolute(site_url: str, url: str) -> str:
    """A site-root-relative URL on the published site (`/url` when no site URL is known)."""
    return site_url.rstrip("/") + "/" + url.lstrip("/")


def relative(from_url: str, to_url: str) -> str:
    """Relative link between two site-root-relative directory URLs."""
    if _plain(from_url) and _plain(to_url):
        # what the general case below computes, without normalising paths (20,000 links per status page)
        base = from_url.rstrip("/").split("/") if from_url else []
        if not to_url:  # the root: no trailing slash, as posixpath.relpath gives it
            return "/".join([".."] * len(base)) or "./"
        target, common = to_url.split("/"), 0
        while common < min(len(base), len(target) - 1) and base[common] == target[common]:
            common += 1
        rel = "../" * (len(base) - common) + "/".join(target[common:])
        return rel if rel else "./"
    start = posixpath.dirname(from_url.rstrip("/") + "/x") if from_url else "."
    rel = posixpath.relpath("/" + to_url, "/" + (start if start != "." else ""))
    if to_url.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel
