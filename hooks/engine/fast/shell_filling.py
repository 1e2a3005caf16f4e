"""Page shells (page_shell.py) for the MkDocs events: the thousands of generated runbook and error-code
pages are filled into a shell rendered once per shape of page, instead of each rendering Material's
templates (which took longer than their Markdown).

page_render.py marks those pages (`kb_shell` in the template context). The first two pages of each
shape are also rendered in full and compared with their filled shell: a shell that would change one
byte (a value we did not replace by a sentinel, a filter we do not know) is dropped, and the pages of
that shape are rendered in full, as before. KB_FAST=0 renders every page in full.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import normalize_url

from hooks.engine import fast, i18n_plugin
from hooks.engine.fast import page_shell

log = get_plugin_logger("kb-runbooks")
VERIFIED_PAGES = 2  # per shape: a value missed by the probe differs between two pages
LINK_VIEWS = ("url", "raw")


class _Shape:
    def __init__(self, shell: page_shell.Shell | None, toc_separator: str = "") -> None:
        self.shell, self.toc_separator, self.verified = shell, toc_separator, 0


@dataclass
class ShellsOfLanguage:
    """One language's pass (from its on_env): its templates may differ from the previous pass's."""

    env: Environment  # the pass's Jinja environment
    shapes: dict[tuple, _Shape] = field(default_factory=dict)  # shape key (_shape_key) → its shell
    toc_items: dict[tuple, str] = field(default_factory=dict)  # a table-of-contents entry → its HTML


@dataclass
class ShellCounts:
    """One build cycle (every language; a `mkdocs serve` rebuild starts another): for the debug report."""

    filled: int = 0  # pages filled into a shell
    full: int = 0  # pages rendered in full


class ShellFilling:
    """What the page-shell hook file does at each event. State lives in this object, held by this module
    (SHELLS), so that it does not depend on MkDocs loading the hook file once."""

    def __init__(self) -> None:
        self.counts = ShellCounts()
        self.language: ShellsOfLanguage | None = None

    def start_language(self, env: Environment) -> None:
        """A new build of a language (on_env): templates may have changed."""
        self.language = ShellsOfLanguage(env)

    def start_cycle(self, config: MkDocsConfig) -> None:
        """on_config: counts start again with a new build (all languages), or a `mkdocs serve` rebuild."""
        if not i18n_plugin.building(config):
            self.counts = ShellCounts()

    def report(self, config: MkDocsConfig) -> None:
        """on_post_build: after the last language (mkdocs-static-i18n nests their builds in the first's)."""
        if not i18n_plugin.building(config):
            log.debug(f"{self.counts.filled} pages filled into page shells, {self.counts.full} rendered in full")

    def page_context(self, context: dict, page: Page, config: MkDocsConfig) -> dict:
        """Put the page's HTML, filled into its shape's shell, in `kb_page_html` (hooks/theme/main.html)."""
        if not context.get("kb_shell") or not fast.enabled():
            return context
        template = self.language.env.get_template(page.meta.get("template", "main.html"))
        key = _shape_key(page, context, config)
        shape = self.language.shapes.get(key)
        if shape is None:
            shape = self.language.shapes[key] = self._make_shape(template, page, context, config)
        if shape.shell is None:
            self.counts.full += 1
            return context
        html = self._fill(shape, page, context, config)
        if shape.verified < VERIFIED_PAGES:
            full = template.render(context)
            if full != html:
                log.info(f"page shells: pages shaped like {page.file.src_uri} are rendered in full "
                         "(the shell differs from the template's output)")
                shape.shell, html = None, full
                self.counts.full += 1
            shape.verified += 1
        self.counts.filled += shape.shell is not None
        context["kb_page_html"] = html
        return context

    def _fill(self, shape: _Shape, page, context, config) -> str:
        values = _values(page, context, config)
        item = self.language.env.get_template("partials/toc-item.html")
        values["toc"] = shape.toc_separator.join(self._toc_item(item, entry)
                                                 for entry in _effective_toc(list(page.toc)))
        return shape.shell.fill(values, _views(page, context))

    def _toc_item(self, template, entry) -> str:
        """The table-of-contents item template rendered for `entry`: once per distinct entry (runbooks share
        their section headings: Description, Environment, Resolution…)."""
        key = _toc_key(entry)
        if key is None:
            return template.render(toc_item=entry)
        cache = self.language.toc_items
        html = cache.get(key)
        if html is None:
            html = cache[key] = template.render(toc_item=entry)
        return html

    def _make_shape(self, template, page, context, config) -> _Shape:
        """Render `template` for `page` with sentinels instead of its values, and cut it into a shell."""
        number = iter(range(10_000))
        probes: dict[str, tuple[str, str]] = {}

        def sentinel(name: str, views=page_shell.VIEWS) -> str:
            value = page_shell.sentinel(next(number))
            probes.update(page_shell.probes_for(name, value, views))
            return value

        views = _views(page, context)
        meta = dict(page.meta)
        for name in ("title", "description"):
            if meta.get(name):
                meta[name] = sentinel(name)
        content = sentinel("content") + ("<h1>" if "<h1" in (page.content or "") else "")
        probes[content] = ("content", "raw")
        overrides = {"kb_content": sentinel("kb_content"), "kb_hreflang": sentinel("kb_hreflang")}
        alternates = []
        for index, alt in enumerate(config.extra.alternate or ()):
            link = page_shell.link_sentinel(next(number))
            probes.update(page_shell.probes_for(f"alt{index}", link, {v: views[v] for v in LINK_VIEWS}))
            alternates.append({**alt, "link": link})
        toc, items = _probe_toc(list(page.toc), number)
        if toc:
            probes[toc[0].url] = ("skip", "raw")
        item = self.language.env.get_template("partials/toc-item.html")
        rendered_items = [item.render(toc_item=entry) for entry in items]
        probe_context = {**context, **{k: v for k, v in overrides.items() if context.get(k)}}
        with _swapped(page, config, meta=meta, content=content, toc=toc, canonical_url=sentinel("canonical"),
                      alternates=alternates):
            rendered = template.render(probe_context)
        separator = ""
        if len(rendered_items) == 2:
            separator = page_shell.between(rendered, *rendered_items)
            if separator is None:
                log.info(f"page shells: no table of contents found in the shell of {page.file.src_uri}")
                return _Shape(None)
            probes[rendered_items[0] + separator + rendered_items[1]] = ("toc", "raw")
        try:
            return _Shape(page_shell.cut(rendered, probes), separator)
        except page_shell.ShellError as exc:
            log.info(f"page shells: pages shaped like {page.file.src_uri} are rendered in full: {exc}")
            return _Shape(None)


def _effective_toc(toc: list) -> list:
    """The entries Material lists: a single top-level heading stands for the page, its children are listed."""
    first = toc[0] if toc else None
    return list(first.children) if first is not None and first.level == 1 else toc


def _shape_key(page, context, config) -> tuple:
    toc = list(page.toc)
    top = "none" if not toc else ("h1" if toc[0].level == 1 else "flat")
    parent = page.url.rstrip("/").rpartition("/")[0]  # relative links depend on the folder of the page
    return (page.meta.get("template", "main.html"), parent, context.get("kb_shell"), top,
            bool(_effective_toc(toc)), tuple(sorted((k, bool(v)) for k, v in page.meta.items())),
            "<h1" in (page.content or ""), bool(context.get("kb_content")), bool(context.get("kb_hreflang")),
            tuple((alt.get("name"), alt.get("lang")) for alt in config.extra.alternate or ()),
            page.is_homepage, page.previous_page is None, page.next_page is None, page.edit_url is None)


def _views(page, context) -> dict:
    return {**page_shell.VIEWS, "url": lambda value: normalize_url(value, page, context["base_url"])}


def _values(page, context, config) -> dict[str, str]:
    toc = list(page.toc)
    values = {"title": page.meta.get("title"), "description": page.meta.get("description"),
              "canonical": page.canonical_url, "content": page.content, "kb_content": context.get("kb_content"),
              "kb_hreflang": context.get("kb_hreflang"), "skip": toc[0].url if toc else ""}
    for index, alt in enumerate(config.extra.alternate or ()):
        values[f"alt{index}"] = alt["link"]
    return values


def _toc_key(entry) -> tuple | None:
    """What the item template reads of `entry` (its title, URL and children's), or None: not cached."""
    if getattr(entry, "typeset", None) is not None:
        return None
    children = []
    for child in entry.children:
        key = _toc_key(child)
        if key is None:
            return None
        children.append(key)
    return entry.title, entry.url, tuple(children)


def _probe_toc(toc: list, number) -> tuple[list, list]:
    """A table of contents of the same shape as `toc` with sentinel entries: (toc, its listed entries)."""
    def entry(level: int) -> AnchorLink:
        return AnchorLink(page_shell.sentinel(next(number)), f"{page_shell.MARK}{next(number)}z", level)

    items = [entry(2), entry(2)] if _effective_toc(toc) else []
    if toc and toc[0].level == 1:
        top = entry(1)
        top.children = items
        return [top], items
    return items, items


@contextmanager
def _swapped(page, config, *, meta, content, toc, canonical_url, alternates):
    saved = {name: page.__dict__[name] for name in ("meta", "content", "toc", "canonical_url", "title")
             if name in page.__dict__}
    saved_alternates = config.extra.alternate
    page.__dict__.pop("title", None)  # Page.title then reads the (probe) meta title
    page.meta, page.content, page.toc, page.canonical_url = meta, content, toc, canonical_url
    config.extra.alternate = alternates
    try:
        yield
    finally:
        for name in ("meta", "content", "toc", "canonical_url", "title"):
            page.__dict__.pop(name, None)
        page.__dict__.update(saved)
        config.extra.alternate = saved_alternates


SHELLS = ShellFilling()  # the process's; the hook file may be loaded again, this module is not
