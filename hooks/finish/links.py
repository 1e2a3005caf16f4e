"""Internal link checking over every language: pages, heading anchors, images and assets.

Links are read from the *source* (so problems name `runbooks/<lang>/<id>.md:line`) and checked against
the *built* site (so what is checked is what readers get, in every language). MkDocs' own validation
names generated files and skips anchors under `-v`; this check does neither.

Contributors write links the way the files sit in the repository: `KA-12345.md` (same language),
`../ja/KA-19371.md#cause` (another language). `site_relative` turns those into the site's layout before
MkDocs renders the page.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from hooks.base import registry, urls
from hooks.base.mdtext import blocks, spans
from hooks.base.problems import Problem
from hooks.base.suggestions import suggest
from hooks.corpus import images

# [text](target "title") and ![alt](src); one level of nested brackets in the text.
_INLINE = re.compile(r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
                     r"\(\s*(?P<target><[^>\n]*>|[^\s()]+)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)")
_REFDEF = re.compile(r"^[ ]{0,3}\[(?P<text>[^\]\n]+)\]:[ \t]*(?P<target><[^>\n]*>|\S+)", re.MULTILINE)
_HTML = re.compile(r"<(?P<tag>a|img)\b[^>]*?\s(?P<attr>href|src)\s*=\s*(?P<q>[\"'])(?P<target>.*?)(?P=q)",
                   re.IGNORECASE | re.DOTALL)
_AUTOLINK = re.compile(r"<(?P<target>https?://[^>\s]+)>")
_IDS = re.compile(r"""<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*(["'])(.*?)\1""", re.DOTALL)


@dataclass(frozen=True)
class Link:
    line: int
    column: int
    target: str
    image: bool
    html: bool  # raw HTML: resolved against the page URL, not the Markdown source


@dataclass(frozen=True)
class PageLinks:
    """The links of one built page, and where they come from."""

    source: str  # the file named in problems, e.g. runbooks/fr/KA-19371.md
    src_uri: str  # the page's path in the site's docs tree, e.g. fr/runbooks/KA-19371.md
    url: str  # the page's URL, site-root-relative, e.g. fr/runbooks/KA-19371/
    links: tuple[Link, ...]
    language: str = ""  # the page's language; links like ../ja/KA-19371.md are read from it


def from_file(source: Path, repo: Path, src_uri: str, url: str, language: str) -> PageLinks:
    """The links of a hand-written page (docs/<lang>/…), named relative to the repository."""
    try:
        shown = source.resolve().relative_to(repo.resolve()).as_posix()
    except ValueError:
        shown = str(source)
    return PageLinks(shown, src_uri, url, tuple(extract(source.read_text(encoding="utf-8"))), language)


def _prose_pieces(text: str):
    """(offset, prose) pieces of `text`, outside fenced code and code spans."""
    pos = 0
    for is_code, chunk in blocks(text):
        if not is_code:
            inner = pos
            for is_span, piece in spans(chunk):
                if not is_span:
                    yield inner, piece
                inner += len(piece)
        pos += len(chunk)


def extract(text: str, first_line: int = 1) -> list[Link]:
    """Every Markdown and HTML link or image in `text` (code excluded), with its line and column."""
    found: list[Link] = []

    def add(pos: int, target: str, image: bool, raw_html: bool) -> None:
        line = first_line + text.count("\n", 0, pos)
        column = pos - (text.rfind("\n", 0, pos) + 1) + 1
        found.append(Link(line, column, target, image, raw_html))

    for offset, piece in _prose_pieces(text):
        for match in _INLINE.finditer(piece):
            add(offset + match.start(), match["target"].strip("<>"), bool(match["bang"]), False)
        for match in _REFDEF.finditer(piece):
            add(offset + match.start(), match["target"].strip("<>"), False, False)
        for match in _AUTOLINK.finditer(piece):
            add(offset + match.start(), match["target"], False, False)
        for match in _HTML.finditer(piece):
            add(offset + match.start(), html.unescape(match["target"]), match["tag"].lower() == "img", True)
    return sorted(found, key=lambda link: (link.line, link.column))


def is_external(target: str) -> bool:
    parts = urlsplit(target)
    return bool(parts.scheme) or target.startswith("//")


def anchor_ids(page_html: str) -> set[str]:
    return {html.unescape(match.group(2)) for match in _IDS.finditer(page_html)}


# --- contributor layout (runbooks/<lang>/<id>.md) → site layout (<prefix>runbooks/<id>.md) -----------

def _runbook_target(lang: str, path: str) -> tuple[str, str] | None:
    """(language, file name) of a runbook link written relative to runbooks/<lang>/, if it is one."""
    joined = posixpath.normpath(posixpath.join(lang, unquote(path)))
    parts = joined.split("/")
    if len(parts) == 2 and parts[0] in registry.language_codes() and parts[1].endswith(".md"):
        return parts[0], parts[1]
    return None


def site_relative(markdown: str, lang: str) -> str:
    """Rewrite cross-language runbook links (`../ja/KA-19371.md#x`) into the target page's URL.

    mkdocs-static-i18n builds each language with only its own files, so MkDocs cannot resolve a `.md`
    link into another language; the URL is computed here instead (same depth for every runbook page).
    """
    if "../" not in markdown:  # only targets starting with ../ are rewritten
        return markdown
    here = urls.runbook_url(lang, "x")

    def fix_target(target: str) -> str:
        if is_external(target) or target.startswith(("#", "/")):
            return target
        path, _, fragment = target.partition("#")
        found = _runbook_target(lang, path) if path.startswith("../") else None
        if found is None or found[0] == lang:
            return target
        rel = urls.relative(here, urls.runbook_url(found[0], found[1][:-3]))
        return rel + (f"#{fragment}" if fragment else "")

    def fix(piece: str) -> str:
        def inline(match: re.Match) -> str:
            target = match["target"]
            new = fix_target(target.strip("<>"))
            if new == target.strip("<>"):
                return match.group()
            start, end = match.span("target")
            whole = match.group()
            return whole[:start - match.start()] + new + whole[end - match.start():]

        return _INLINE.sub(inline, piece)

    out: list[str] = []
    for is_code, chunk in blocks(markdown):
        if is_code:
            out.append(chunk)
            continue
        out.extend(piece if is_span else fix(piece) for is_span, piece in spans(chunk))
    return "".join(out)


# --- checking against the built site ----------------------------------------------------------------

@dataclass
class SiteIndex:
    """What the built site contains: every file's src_uri → URL in every language, and site_dir."""

    site_dir: Path
    pages: dict[str, str]  # src_uri → url (pages and other files MkDocs knows)

    def __post_init__(self) -> None:
        self._ids: dict[str, set[str] | None] = {}

    def url_exists(self, url: str) -> bool:
        path = self.site_dir / unquote(url)
        return path.is_file() or (path / "index.html").is_file()

    def ids(self, url: str) -> set[str] | None:
        if url not in self._ids:
            path = self.site_dir / unquote(url)
            page = path / "index.html" if not url or url.endswith("/") else path
            self._ids[url] = anchor_ids(page.read_text(encoding="utf-8", errors="replace")) \
                if page.is_file() else None
        return self._ids[url]


def _problem(page: PageLinks, link: Link, rule: str, message: str, fix: str) -> Problem:
    return Problem(page.source, link.line, link.column, rule, message, fix)


def _language_fix(path: str, index: SiteIndex) -> str:
    name = posixpath.basename(path)
    if name == "index.md":
        return "fix the path; it is relative to this file"
    have = [code for code in registry.language_codes() if urls.src_uri(code, f"runbooks/{name}") in index.pages]
    if have:
        return f"this runbook exists in: {', '.join(have)}; link one of them, e.g. ../{have[0]}/{name}"
    return "check the file name; runbooks are linked as KA-NNNNN.md (same language) or ../<lang>/KA-NNNNN.md"


def _from_url(page_url: str, path: str) -> str:
    """Where a link that MkDocs leaves as written points: relative to the page's URL."""
    folder = posixpath.dirname(page_url.rstrip("/") + "/x")
    dest = posixpath.normpath(posixpath.join("/" + folder, path)).lstrip("/")
    return dest + "/" if path.endswith("/") and dest else dest


def _destination(page: PageLinks, link: Link, path: str, index: SiteIndex) -> tuple[str | None, Problem | None]:
    """The site URL a link leads to, or the problem that it leads nowhere."""
    what = "image" if link.image else "link"
    missing_rule = "link-missing-file" if link.image else "link-missing-page"
    if path.startswith("/"):
        return None, _problem(page, link, "link-absolute",
                              f"{what} '{link.target}' is absolute: it breaks when the site is served under a "
                              "sub-path (GitHub Pages)", "write the link relative to this file")
    if link.html:  # raw HTML is not rewritten by MkDocs
        dest = _from_url(page.url, path)
        if index.url_exists(dest):
            return dest, None
        return None, _problem(page, link, missing_rule, f"{what} '{link.target}' points to '/{dest}', which is "
                              "not in the site", f"fix the path; raw HTML links are relative to the page URL "
                              f"/{page.url}")
    src = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), path))
    if path.endswith(".md"):
        found = _runbook_target(page.language, path) if page.language and path.startswith("../") else None
        if found:
            src = urls.src_uri(found[0], f"runbooks/{found[1]}")
        if src in index.pages:
            return index.pages[src], None
        return None, _problem(page, link, "link-missing-page", f"link '{link.target}' points to a page that does "
                              "not exist", _language_fix(path, index))
    if src in index.pages and index.url_exists(index.pages[src]):  # a file MkDocs knows: rewritten by it
        return index.pages[src], None
    shared = images.shared_image_url(page.src_uri, path) if link.image else None
    if shared and index.url_exists(shared):  # imported KB images: one copy for every language
        return shared, None
    dest = _from_url(page.url, path)  # otherwise MkDocs leaves it as written: relative to the page URL
    if index.url_exists(dest):
        return dest, None
    fix = ("put the file next to the runbook (e.g. runbooks/<lang>/assets/) or fix the path" if link.image
           else "link a runbook as <id>.md (../<lang>/<id>.md for another language), or fix the path")
    return None, _problem(page, link, missing_rule, f"{what} '{link.target}' points to a file that is not in "
                          "the site", fix)


def check_page(page: PageLinks, index: SiteIndex) -> list[Problem]:
    problems: list[Problem] = []
    for link in page.links:
        target = link.target.strip()
        if not target or is_external(target):
            continue
        raw_path, _, fragment = target.partition("#")
        path = unquote(raw_path.split("?", 1)[0])
        dest_url, problem = _destination(page, link, path, index) if path else (page.url, None)
        if problem is not None:
            problems.append(problem)
            continue
        if fragment:
            ids = index.ids(dest_url)
            if ids is not None and unquote(fragment) not in ids:
                where = "this page" if dest_url == page.url else f"/{dest_url}"
                what = "image" if link.image else "link"
                problems.append(_problem(page, link, "link-anchor",
                                         f"{what} '{target}': {where} has no heading or anchor '#{fragment}'",
                                         _anchor_fix(fragment, ids)))
    return problems


def _anchor_fix(fragment: str, ids: set[str]) -> str:
    choices = sorted(i for i in ids if not i.startswith(("__", "md-")))
    guess = suggest(fragment, choices) if choices else None
    if guess:
        return f"did you mean '#{guess}'?"
    return "link an existing heading id, or give the heading an id with {#your-id}"


def check(pages: list[PageLinks], index: SiteIndex) -> list[Problem]:
    problems: list[Problem] = []
    for page in pages:
        problems.extend(check_page(page, index))
    return sorted(set(problems))
