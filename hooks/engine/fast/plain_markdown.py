"""Generated pages whose Markdown is only headings between HTML blocks, rendered without Markdown.

After html_blocks.stash, an error-code page (and most other generated pages) is a few `#`/`##`
headings between placeholder paragraphs. Python-Markdown took ~0.5 ms for each of the thousands of
such pages (parsing, the inline patterns, the table-of-contents walk), as long as the rest of the page.
`render` produces the same HTML, table of contents and title with the toc extension's own settings and
functions (slugify, unique, nest_toc_tokens). Anything else in the Markdown (a paragraph, emphasis, an
attribute list, a character Markdown could treat specially) returns None: that page goes through
Markdown, and so does every page when mkdocs.yml enables an extension this module does not know.
The MkDocs hook compares the first page of each shape with Markdown's output and stops using this for
the build when they differ (`Verdict`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown.extensions.toc import TocExtension, nest_toc_tokens, unique
from markdown.util import parseBoolValue

_PLACEHOLDER = re.compile(r"KBHTMLBLOCK\d+X")
_HEADING = re.compile(r"(#{1,6})[ \t]+([^\n]*?)[ \t]*")
# what Markdown (with our extensions) could read as markup in a heading: escapes, code, emphasis,
# links, images, raw HTML, entities, tilde/caret, attribute lists, closing hashes, footnotes
_SPECIAL = re.compile(r"[\\`*_\[\]!<>&~^{}#|]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
# a heading's trailing attribute list of one plain key='value' pair (attr_list), e.g. {: data-pagefind-ignore='' }
# (one: `class` and `id` attr_list treats specially; Markdown writes an element's attributes sorted by name)
_ATTRIBUTES = re.compile(r"[ \t]+\{:?[ \t]*((?!class=|id=)[A-Za-z_][\w-]*='[^'<>&]*')[ \t]*\}$")
_PAIR = re.compile(r"([A-Za-z_][\w-]*)='([^']*)'")
# extensions that leave a heading without special characters, and a paragraph of one word, as plain
# Markdown renders them (MkDocs always adds toc, tables and fenced_code)
KNOWN_EXTENSIONS = frozenset({
    "toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition", "footnotes", "def_list",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.highlight", "pymdownx.inlinehilite",
    "pymdownx.tilde", "pymdownx.caret", "hooks.render.markdown_fixes",
})


@dataclass(frozen=True)
class Headings:
    """The toc extension's settings, as far as they shape a heading."""

    slugify: Callable[[str, str], str]
    separator: str
    permalink: bool | str
    permalink_class: str
    permalink_title: str
    toc_top: int
    toc_bottom: int
    extensions: frozenset[str] = frozenset()  # attr_list: a heading may end with {: key='value' }


def headings(extensions: list, extension_configs: dict) -> Headings | None:
    """How the toc extension renders headings; None when it is not enabled, or set up in a way `render`
    does not reproduce (anchor links, a base level, leading permalinks, a permalink class other than the
    one MkDocs leaves out of the page title)."""
    if "toc" not in extensions or unknown_extensions(extensions):
        return None
    configs = TocExtension(**(extension_configs.get("toc") or {})).getConfigs()
    if (parseBoolValue(configs["anchorlink"], False) or int(configs["baselevel"]) != 1
            or parseBoolValue(configs["permalink_leading"], False) or configs["permalink_class"] != "headerlink"):
        return None
    permalink = parseBoolValue(configs["permalink"], False)
    if permalink is None:
        permalink = configs["permalink"]
    depth = configs["toc_depth"]
    top, bottom = ([int(x) for x in depth.split("-")] if isinstance(depth, str) and "-" in depth
                   else (1, int(depth)))
    return Headings(configs["slugify"], configs["separator"], permalink, configs["permalink_class"],
                    configs["permalink_title"], top, bottom,
                    frozenset(e for e in extensions if isinstance(e, str)))


def unknown_extensions(extensions: list) -> list[str]:
    names = [e if isinstance(e, str) else type(e).__module__ for e in extensions]
    return [name for name in names if name.removeprefix("markdown.extensions.") not in KNOWN_EXTENSIONS]


@dataclass(frozen=True)
class Rendered:
    html: str
    toc_tokens: list[dict]  # as the toc extension leaves them in `md.toc_tokens`
    title: str | None  # the first element's text, when it is an <h1> (MkDocs' title from the page)
    ids: frozenset[str]  # the ids the page defines (anchors other pages may link to)
    shape: tuple  # heading levels, 0 for a block: pages of one shape take the same paths through Markdown


def _cdata(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(text: str) -> str:
    return _cdata(text).replace('"', "&quot;")


def render(markdown: str, settings: Headings) -> Rendered | None:
    """The page Markdown would produce from `markdown`, or None when it is more than headings and
    placeholders."""
    parts: list[str] = []
    tokens: list[dict] = []
    used: set[str] = set()
    title = None
    shape: list[int] = []
    for chunk in _BLANK_LINES.split(markdown):
        chunk = chunk.strip("\n")
        if not chunk.strip():
            continue
        if _PLACEHOLDER.fullmatch(chunk):
            parts.append(f"<p>{chunk}</p>")
            shape.append(0)
            continue
        match = _HEADING.fullmatch(chunk)
        if match is None or not match.group(2):
            return None
        level, text = len(match.group(1)), match.group(2)
        attributes: dict[str, str] = {}
        listed = _ATTRIBUTES.search(text) if "attr_list" in settings.extensions else None
        if listed:
            text = text[:listed.start()]
            attributes = dict(_PAIR.findall(listed.group(1)))
        if not text or _SPECIAL.search(text):
            return None
        shape.append(level)
        name = " ".join(text.split())  # the toc extension's strip_tags
        anchor = unique(settings.slugify(name, settings.separator), used)
        if settings.toc_top <= level <= settings.toc_bottom:
            tokens.append({"level": level, "id": anchor, "name": name, "html": text, "data-toc-label": ""})
        link = ""
        if settings.permalink not in (False, None):
            symbol = "&para;" if settings.permalink is True else _cdata(settings.permalink)
            title_attribute = f' title="{_attribute(settings.permalink_title)}"' if settings.permalink_title else ""
            link = (f'<a class="{_attribute(settings.permalink_class)}" href="#{_attribute(anchor)}"'
                    f"{title_attribute}>{symbol}</a>")
        if not parts and level == 1:
            title = text.strip()
        attributes["id"] = anchor
        written = "".join(f' {name}="{_attribute(value)}"' for name, value in sorted(attributes.items()))
        parts.append(f'<h{level}{written}>{text}{link}</h{level}>')
    return Rendered("\n".join(parts), nest_toc_tokens(tokens), title, frozenset(used), tuple(shape))


@dataclass
class Verdict:
    """Whether `render` may stand in for Markdown in this build. The first page of each shape (the
    sequence of its headings and blocks) is rendered both ways and compared; one difference, and every
    page goes through Markdown."""

    shapes: set[tuple] = field(default_factory=set)  # shapes seen to come out the same
    failed: bool = False
    reason: str = ""
    used: int = 0  # pages rendered without Markdown

    def trusts(self, rendered: Rendered) -> bool:
        return not self.failed and rendered.shape in self.shapes

    def record(self, rendered: Rendered, content: str, toc: list, title: str | None, ids: set[str]) -> bool:
        """Compare `rendered` with Markdown's output for the same page (`toc`: MkDocs' AnchorLinks made
        from Markdown's tokens); True when they are the same."""
        differences = [name for name, same in (("HTML", rendered.html == content),
                                                ("toc", _token_entries(rendered.toc_tokens) == _toc_entries(toc)),
                                                ("title", rendered.title == title), ("ids", rendered.ids == ids))
                       if not same]
        if differences:
            self.failed, self.reason = True, ", ".join(differences)
        else:
            self.shapes.add(rendered.shape)
        return not differences


def _token_entries(tokens: list[dict]) -> list[tuple]:
    """Table-of-contents tokens as comparable tuples: (title, id, level, children), as MkDocs reads them."""
    return [(t["name"], t["id"], t["level"], _token_entries(t["children"])) for t in tokens]


def _toc_entries(toc) -> list[tuple]:
    """MkDocs' table of contents (AnchorLinks) as the same tuples."""
    return [(entry.title, entry.id, entry.level, _toc_entries(entry.children)) for entry in toc]
