"""Every private name of the engine's libraries that our code reads, calls, replaces or overrides: one list.

The libraries: MkDocs, Material for MkDocs, mkdocs-static-i18n, Python-Markdown, pymdown-extensions,
Pygments and Jinja2. A name is *private* here when any of these holds:
- it starts with an underscore (`Page._title_from_render`, `Registry._priority`, a name-mangled
  `__handleInline`), or the library marks it private (MkDocs' `mdx_configs` is a `config_options.Private`);
- the library does not document it for plugins, themes or extensions: an attribute or function that is
  only in its source or in an API reference generated from the source, with no compatibility promise
  (the i18n plugin's `building` flag, `Theme.static_templates`, `LiveReloadServer.builder`, the
  `markdown` module global of `mkdocs.structure.pages` that markdown_reuse replaces);
- it is behaviour we rely on without a name of its own: a log message we filter, a loop we hook into, an
  event priority we order ours around, the name and priority under which a Markdown processor is
  registered, the source text a patch rewrites;
- it is a theme template we override or copy (hooks/theme/…), or a template block we fill.
Documented API is not listed: MkDocs events, `event_priority`, `CombinedEvent`, `File.generated`,
`InclusionLevel`, `File.is_modified`, the page and navigation attributes themes use; Python-Markdown's
extension API (`Extension`, `Registry.register`, `get_index_for_name`, `Markdown.reset`, `toc_tokens`,
`ESCAPED_CHARS`); Jinja's `BytecodeCache` and `Bucket`. Jinja2 has no entry: we use only its documented API.

`tests/engine/test_private_names.py` checks every entry against the installed libraries (it exists, has
the parameters we call it with, its source still has what we rely on, a copied template is unchanged) and
scans our code for underscore names of these libraries that are not listed here. When an upgrade breaks
an entry, the test names the library, its installed version, the version the entry was checked against
(requirements.txt), the name and our modules that use it.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parents[2] / "requirements.txt"


class Kind(enum.Enum):
    ATTRIBUTE = "attribute"  # on a class or module (class attribute, method, function, property)
    INSTANCE_ATTRIBUTE = "instance attribute"  # set by the class's own code (`self.name = …`, annotation)
    MODULE_ATTRIBUTE = "module attribute"  # a module global we read or replace
    SOURCE_TEXT = "source text"  # behaviour: `contains` must be in the source of `owner`
    VALUE = "value"  # `owner.name` must equal `value` (an event priority)
    PROCESSOR = "Markdown processor"  # registered as `name` in the registry `owner` of a Markdown instance
    TEMPLATE = "template"  # a theme template (path under the package's templates folder)


@dataclass(frozen=True)
class PrivateName:
    library: str  # distribution, as in requirements.txt
    module: str  # the module to import
    owner: str  # dotted path inside `module` ("" for the module itself); for PROCESSOR: registry path on `md`
    name: str  # the private name (for TEMPLATE: its path; for SOURCE_TEXT: what the entry is about)
    kind: Kind
    used_by: tuple[str, ...]  # our files (repository paths) that rely on it
    why: str
    params: tuple[str, ...] | None = None  # expected parameter names (callables we call, override or replace)
    contains: tuple[str, ...] = ()  # text its source (template) must contain
    value: object = None  # VALUE: the expected value; PROCESSOR: the expected priority (None: any)
    item_class: str | None = None  # PROCESSOR: class name of the registered item
    extensions: tuple[str, ...] = ()  # PROCESSOR: Markdown extensions the registry needs
    descriptor: str | None = None  # ATTRIBUTE: type name of the class attribute ("property", "weak_property")
    sha256: str | None = None  # TEMPLATE: content we copied or replace wholesale; re-sync ours when it changes


HOOKS = "hooks/engine/mkdocs_hooks.py"  # the entry file
EVENTS = "hooks/engine/site_events.py"
SITEMAP = "hooks/engine/sitemap.py"
SITE_FILES = "hooks/engine/site_files.py"
PAGE_RENDER = "hooks/engine/page_render.py"
CYCLE = "hooks/engine/build_cycle.py"
I18N = "hooks/engine/i18n_plugin.py"
SESSION = "hooks/engine/session.py"
NOT_FOUND = "hooks/engine/not_found_page.py"
GROUP = "hooks/engine/group_process.py"
GENERATED_PAGE = "hooks/engine/generated_page.py"
SHELLS = "hooks/engine/fast/shell_filling.py"
FAST = "hooks/engine/fast/"
FIXES = "hooks/render/markdown_fixes.py"
LANG_SUBSET = "hooks/engine/language_subset.py"
THEME = "hooks/theme/"
K = Kind

NAMES: tuple[PrivateName, ...] = (
    # ---- MkDocs ----
    PrivateName("mkdocs", "mkdocs.structure.pages", "Page", "render", K.ATTRIBUTE, (GENERATED_PAGE,),
                "_GeneratedMarkdownPage overrides render and calls it through super() (plain_markdown, data_urls)",
                params=("self", "config", "files")),
    PrivateName("mkdocs", "mkdocs.structure.pages", "Page", "_title_from_render", K.INSTANCE_ATTRIBUTE,
                (GENERATED_PAGE,),
                "a page rendered without Markdown sets the title MkDocs would have taken from its <h1>"),
    PrivateName("mkdocs", "mkdocs.structure.pages", "Page", "present_anchor_ids", K.INSTANCE_ATTRIBUTE,
                (GENERATED_PAGE,),
                "set by a page rendered without Markdown: MkDocs' anchor validation reads it"),
    PrivateName("mkdocs", "mkdocs.structure.pages", "Page", "links_to_anchors", K.INSTANCE_ATTRIBUTE, (GENERATED_PAGE,),
                "set (empty) by a page rendered without Markdown, as render() does"),
    PrivateName("mkdocs", "mkdocs.structure.pages", "Page", "title", K.ATTRIBUTE, (SHELLS,),
                "page shells pop the cached title from page.__dict__ so that it is read again from the probe meta",
                descriptor="weak_property"),
    PrivateName("mkdocs", "mkdocs.structure.pages", "", "markdown", K.MODULE_ATTRIBUTE, (FAST + "markdown_reuse.py",),
                "markdown_reuse replaces the module global so that Page.render takes converters from its pool, "
                "called with the keywords extensions= and extension_configs=",
                contains=("markdown.Markdown(", "extensions=", "extension_configs=")),
    PrivateName("mkdocs", "mkdocs.structure.toc", "", "get_toc", K.ATTRIBUTE, (GENERATED_PAGE,),
                "the table of contents of a page rendered without Markdown, from toc tokens", params=("toc_tokens",)),
    PrivateName("mkdocs", "mkdocs.structure.toc", "", "AnchorLink", K.ATTRIBUTE, (FAST + "plain_markdown.py", SHELLS),
                "page shells build probe table-of-contents entries", params=("title", "id", "level")),
    PrivateName("mkdocs", "mkdocs.utils", "", "normalize_url", K.ATTRIBUTE, (SHELLS,),
                "page shells render link slots as the `url` filter does", params=("path", "page", "base")),
    PrivateName("mkdocs", "mkdocs.theme", "Theme", "static_templates", K.INSTANCE_ATTRIBUTE, (NOT_FOUND, EVENTS),
                "only the default language's build renders the root 404.html (add/discard on the set)"),
    PrivateName("mkdocs", "mkdocs.config.defaults", "MkDocsConfig", "mdx_configs", K.ATTRIBUTE,
                (GROUP, SITE_FILES),
                "Markdown extension settings, marked Private by MkDocs: plain_markdown and preimport read them"),
    PrivateName("mkdocs", "mkdocs.livereload", "LiveReloadServer", "builder", K.INSTANCE_ATTRIBUTE, (HOOKS,),
                "serve_guard wraps the server's builder so that a failed rebuild keeps serving"),
    PrivateName("mkdocs", "mkdocs.livereload", "LiveReloadServer", "observer", K.INSTANCE_ATTRIBUTE,
                ("hooks/engine/serve_watch.py",), "serve_watch replaces the polling observer by a native one"),
    PrivateName("mkdocs", "mkdocs.livereload", "LiveReloadServer", "_watched_paths", K.INSTANCE_ATTRIBUTE,
                ("hooks/engine/serve_watch.py",), "serve_watch reads what is watched (path → count) to watch it again"),
    PrivateName("mkdocs", "mkdocs.livereload", "LiveReloadServer", "watch", K.ATTRIBUTE,
                ("hooks/engine/serve_watch.py",), "watch() must schedule on the current `observer`",
                params=("self", "path", "func", "recursive"), contains=("self.observer.schedule(",)),
    PrivateName("mkdocs", "mkdocs.livereload", "LiveReloadServer", "unwatch", K.ATTRIBUTE,
                ("hooks/engine/serve_watch.py",), "serve_watch unwatches each path before changing the observer",
                params=("self", "path")),
    PrivateName("mkdocs", "mkdocs.commands.build", "", "A 'dirty' build is being performed", K.SOURCE_TEXT, (EVENTS,),
                "on_startup filters this warning of the logger mkdocs.commands.build (it would fail a strict "
                "`mkdocs serve --dirty` rebuild)", contains=("A 'dirty' build is being performed",)),
    PrivateName("mkdocs", "mkdocs.__main__", "", "cli", K.MODULE_ATTRIBUTE, ("hooks/engine/group_process.py",),
                "a forked language group runs MkDocs' click command line in-process (cli.main(args=…, prog_name=…))"),
    PrivateName("mkdocs", "mkdocs.config", "", "load_config", K.ATTRIBUTE, ("hooks/engine/group_process.py",),
                "preimport loads mkdocs.yml to import its extensions before forking",
                params=("config_file", "config_file_path", "kwargs")),
    # ---- mkdocs-static-i18n ----
    PrivateName("mkdocs-static-i18n", "mkdocs_static_i18n.plugin", "I18n", "building", K.INSTANCE_ATTRIBUTE,
                (CYCLE, SHELLS, I18N, SESSION, EVENTS),
                "False only in the first language's build of a cycle: the corpus is read then, and "
                "the site finished when it is False again in on_post_build"),
    PrivateName("mkdocs-static-i18n", "mkdocs_static_i18n.plugin", "I18n", "current_language", K.INSTANCE_ATTRIBUTE,
                (HOOKS, LANG_SUBSET), "the language being built; language_subset sets the first one of a group"),
    PrivateName("mkdocs-static-i18n", "mkdocs_static_i18n.plugin", "I18n", "default_language", K.ATTRIBUTE,
                (EVENTS, SITE_FILES, SITEMAP),
                "only the default language's build writes the root 404.html", descriptor="property"),
    PrivateName("mkdocs-static-i18n", "mkdocs_static_i18n.plugin", "I18n", "build_languages", K.ATTRIBUTE, (EVENTS,),
                "language prefixes for search_duplicates; must be read from config.languages[].build on every "
                "access, since language_subset changes those flags", descriptor="property",
                contains=(".build",)),
    PrivateName("mkdocs-static-i18n", "mkdocs_static_i18n.plugin", "I18n", "extra_alternate", K.INSTANCE_ATTRIBUTE,
                (EVENTS,), "the language switcher, restored before 404.html and sitemap.xml are rendered"),
    PrivateName("mkdocs-static-i18n", "mkdocs_static_i18n.plugin", "I18n", "reconfigure_search_duplicates",
                K.ATTRIBUTE, (FAST + "search_duplicates.py", EVENTS),
                "replaced on the instance by search_duplicates (linear instead of quadratic), called with the "
                "search entries (dicts with location, title, text); its rule is reimplemented there (and used by "
                "hooks/build/parallel_build.py when merging language groups)", params=("self", "search_index_entries"),
                contains=('x["title"] == default_lang_entry["title"]',
                          'x["location"].endswith(default_lang_entry["location"])',
                          'x["text"] == default_lang_entry["text"]', 'f"{lang}/" for lang in self.build_languages')),
    PrivateName("mkdocs-static-i18n", "mkdocs_static_i18n.plugin", "I18n.on_post_build", "on_post_build",
                K.SOURCE_TEXT, (LANG_SUBSET, HOOKS),
                "the other languages are built inside the first build's on_post_build, looping over build_languages "
                "and skipping the current one (language_subset), with `building` True meanwhile (_finish_site)",
                contains=("self.building = True", "for locale in self.build_languages:",
                          "if locale == self.current_language:", "self.building = False")),
    PrivateName("mkdocs-static-i18n", "mkdocs_static_i18n.plugin", "I18n.on_config", "mkdocs_priority", K.VALUE,
                (HOOKS,), "our _select_languages (0) runs before it, _load_corpus (-150) after it", value=-100),
    PrivateName("mkdocs-static-i18n", "mkdocs_static_i18n.plugin", "I18n.on_files", "mkdocs_priority", K.VALUE,
                (HOOKS,), "our on_files (-150) runs after it: our generated files are not re-filtered", value=-100),
    PrivateName("mkdocs-static-i18n", "mkdocs_static_i18n.plugin", "I18n.on_post_build", "mkdocs_priority", K.VALUE,
                (HOOKS,), "our _language_loop (0) runs before its loop over languages, _finish_site (-150) after it",
                value=-100),
    PrivateName("mkdocs-static-i18n", "mkdocs_static_i18n.plugin", "I18n.on_template_context", "i18n_alternates",
                K.SOURCE_TEXT, (EVENTS, SITEMAP),
                "the sitemap reads every language's files from this template context key",
                contains=('context["i18n_alternates"]',)),
    PrivateName("mkdocs-static-i18n", "mkdocs_static_i18n.folder", "", "alternates", K.SOURCE_TEXT,
                (SHELLS, PAGE_RENDER, EVENTS, SITEMAP),
                "the plugin sets File.alternates (locale → File): hreflang links and the sitemap of docs/ pages",
                contains=("file.alternates = ",)),
    # ---- Material for MkDocs ----
    PrivateName("mkdocs-material", "material.plugins.search.plugin", "SearchPlugin", "search_index",
                K.INSTANCE_ATTRIBUTE, (FAST + "lunr_off.py",), "lunr_off makes the plugin's index accept no page"),
    PrivateName("mkdocs-material", "material.plugins.search.plugin", "SearchIndex", "add_entry_from_context",
                K.ATTRIBUTE, (FAST + "lunr_off.py",), "replaced on the instance by a function that ignores the page",
                params=("self", "page")),
    PrivateName("mkdocs-material", "material", "", "base.html", K.TEMPLATE, (THEME + "main.html", THEME + "404.html"),
                "our main.html and 404.html fill these blocks of Material's base.html",
                contains=("{% block htmltitle", "{% block site_meta", "{% block content", "{% block site_nav",
                          "{% block styles", "{% block config", 'id="__config"',
                          '{% import "partials/language.html" as lang with context %}')),
    PrivateName("mkdocs-material", "material", "", "main.html", K.TEMPLATE, (THEME + "main.html",),
                "replaced by ours (it extends base.html, or kb-filled.html for a page shell)",
                contains=('{% extends "base.html" %}',),
                sha256="9948b55a7bc979c35825df99baba9e6971fca4eb298dea3cdde61e990a2de5e0"),
    PrivateName("mkdocs-material", "material", "", "404.html", K.TEMPLATE, (THEME + "404.html",),
                "replaced by ours (one 404 page for every language)",
                sha256="80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495"),
    PrivateName("mkdocs-material", "material", "", "partials/copyright.html", K.TEMPLATE,
                (THEME + "partials/copyright.html",), "our copy translates the footer line",
                sha256="bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea"),
    PrivateName("mkdocs-material", "material", "", "partials/search.html", K.TEMPLATE,
                (THEME + "partials/search.html",),
                "our copy keeps Material's markup and drives Pagefind instead of lunr",
                sha256="bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30"),
    PrivateName("mkdocs-material", "material", "", "partials/languages/pt-BR.html", K.TEMPLATE,
                (THEME + "partials/languages/pt-BR.html",), "our copy of Material's pt-BR strings, with language pt-BR",
                sha256="e4789634563eb6f09c4b75fad8d57e1720991d6acec5b65a6cdc978aa0569667"),
    PrivateName("mkdocs-material", "material", "", "partials/languages/en.html", K.TEMPLATE, (THEME + "404.html",),
                "404.html imports each language's strings file and calls its macro t with these keys",
                contains=("{% macro t(key) %}", '"search.placeholder"', '"search.reset"', '"action.skip"',
                          '"select.language"', '"header"', '"footer"')),
    PrivateName("mkdocs-material", "material", "", "partials/languages/fr.html", K.TEMPLATE, (THEME + "404.html",),
                "404.html imports each language's strings file", contains=("{% macro t(key) %}",)),
    PrivateName("mkdocs-material", "material", "", "partials/languages/ja.html", K.TEMPLATE, (THEME + "404.html",),
                "404.html imports each language's strings file", contains=("{% macro t(key) %}",)),
    PrivateName("mkdocs-material", "material", "", "partials/toc-item.html", K.TEMPLATE, (SHELLS,),
                "page shells render the table-of-contents item template with `toc_item` (and cache by its title, URL, "
                "children, unless Material's typeset plugin set `typeset`)",
                contains=("toc_item.url", "toc_item.title", "toc_item.children", "toc_item.typeset")),
    PrivateName("mkdocs-material", "material", "", ".icons/material/magnify.svg", K.TEMPLATE,
                (THEME + "partials/search.html",), "the search box's default icons",),
    PrivateName("mkdocs-material", "material", "", ".icons/material/arrow-left.svg", K.TEMPLATE,
                (THEME + "partials/search.html",), "the search box's default icons"),
    PrivateName("mkdocs-material", "material", "", ".icons/material/close.svg", K.TEMPLATE,
                (THEME + "partials/search.html",), "the search box's default icons"),
    PrivateName("mkdocs", "mkdocs", "", "sitemap.xml", K.TEMPLATE, (THEME + "sitemap.xml",),
                "replaced by ours (every language's pages with their alternates)",
                sha256="0950766d642ac999c74b68150a39a961a5103bda5e2d9d7747f4c06522c11b18"),
    # ---- Python-Markdown ----
    PrivateName("Markdown", "markdown.treeprocessors", "InlineProcessor", "_InlineProcessor__handleInline",
                K.ATTRIBUTE, (FAST + "inline_skip.py",),
                "inline_skip overrides the name-mangled __handleInline, called for every piece of text",
                params=("self", "data", "patternIndex")),
    PrivateName("Markdown", "markdown.util", "Registry", "_data", K.INSTANCE_ATTRIBUTE, (FAST + "inline_skip.py",),
                "inline_skip reads the registry's name → item mapping"),
    PrivateName("Markdown", "markdown.util", "Registry", "_priority", K.INSTANCE_ATTRIBUTE,
                (FAST + "inline_skip.py", FIXES),
                "the priority of a registered processor, to replace it at the same one"),
    PrivateName("Markdown", "markdown.util", "_PriorityItem", "priority", K.ATTRIBUTE, (FAST + "inline_skip.py", FIXES),
                "items of Registry._priority"),
    PrivateName("Markdown", "markdown.core", "Markdown", "delimiters", K.INSTANCE_ATTRIBUTE, (FIXES,),
                "markdown_fixes puts its fixed delimiter processor there (reset between documents)"),
    PrivateName("Markdown", "markdown.blockprocessors", "OListProcessor", "LAZY_OL", K.ATTRIBUTE, (FIXES,),
                "False: an ordered list keeps its first number"),
    PrivateName("Markdown", "markdown.extensions.tables", "TableProcessor", "_build_empty_row", K.ATTRIBUTE, (FIXES,),
                "overridden to add no empty row to a table with only a header", params=("self", "parent", "align")),
    PrivateName("Markdown", "markdown.extensions.tables", "", "TableProcessor", K.ATTRIBUTE, (FIXES,),
                "replaced by a subclass made with the same parser and config", params=("parser", "config")),
    PrivateName("Markdown", "markdown.extensions.tables", "TableProcessor", "config", K.INSTANCE_ATTRIBUTE, (FIXES,),
                "passed to the replacing subclass"),
    PrivateName("Markdown", "markdown.extensions.admonition", "AdmonitionProcessor", "current_sibling",
                K.INSTANCE_ATTRIBUTE, (FIXES,), "the list item whose text the fix moves before its nested list"),
    PrivateName("Markdown", "markdown.extensions.admonition", "AdmonitionProcessor", "RE", K.ATTRIBUTE, (FIXES,),
                "an admonition's first line (the fix leaves admonitions alone)"),
    PrivateName("Markdown", "markdown.inlinepatterns", "DelimiterProcessor", "handleMatch", K.ATTRIBUTE, (FIXES,),
                "markdown_fixes rewrites its source (rule of 3: remove the delimiters in between); without this "
                "text the patch does not apply and unbalanced emphasis stays text",
                params=("self", "m", "data"),
                contains=("for i in range(len(stack) - 2, -1, -1):",
                          "if stack[i][-1] == current and not self.rule_of_3(stack[i][3], current):")),
    PrivateName("Markdown", "markdown.inlinepatterns", "DelimiterProcessor", "tokens", K.INSTANCE_ATTRIBUTE, (FIXES,),
                "the delimiter characters, left out when comparing an element's text with the text it replaces"),
    PrivateName("Markdown", "markdown.inlinepatterns", "DelimiterProcessor", "reset", K.ATTRIBUTE, (FIXES,),
                "called when a pairing is refused", params=("self",)),
    PrivateName("Markdown", "markdown.extensions.toc", "", "unique", K.ATTRIBUTE, (FAST + "plain_markdown.py",),
                "plain_markdown makes heading ids as the toc extension does", params=("id", "ids", "counters")),
    PrivateName("Markdown", "markdown.extensions.toc", "", "nest_toc_tokens", K.ATTRIBUTE,
                (FAST + "plain_markdown.py",), "plain_markdown nests its toc tokens as the toc extension does",
                params=("toc_list",)),
    PrivateName("Markdown", "markdown.util", "", "parseBoolValue", K.ATTRIBUTE, (FAST + "plain_markdown.py",),
                "reads the toc extension's settings as it does", params=("value", "fail_on_errors", "preserve_none")),
    PrivateName("Markdown", "markdown", "inlinePatterns", "escape", K.PROCESSOR, (FIXES, FAST + "inline_skip.py"),
                "backslash_linebreak is registered at 185, just before it; inline_skip knows its class", value=180,
                item_class="EscapeInlineProcessor"),
    PrivateName("Markdown", "markdown", "inlinePatterns", "em_strong", K.PROCESSOR, (FIXES, FAST + "inline_skip.py"),
                "replaced by the fixed delimiter processor; inline_skip knows its class",
                item_class="DelimiterProcessor"),
    PrivateName("Markdown", "markdown", "parser.blockprocessors", "olist", K.PROCESSOR, (FIXES,),
                "LAZY_OL set on it", item_class="OListProcessor"),
    PrivateName("Markdown", "markdown", "parser.blockprocessors", "ulist", K.PROCESSOR, (FIXES,),
                "LAZY_OL set on it", item_class="UListProcessor"),
    PrivateName("Markdown", "markdown", "parser.blockprocessors", "admonition", K.PROCESSOR, (FIXES,),
                "replaced by _ListItemText", item_class="AdmonitionProcessor", extensions=("admonition",)),
    PrivateName("Markdown", "markdown", "parser.blockprocessors", "table", K.PROCESSOR, (FIXES,),
                "replaced by _HeaderOnlyTable", item_class="TableProcessor", extensions=("tables",)),
    PrivateName("Markdown", "markdown", "treeprocessors", "inline", K.PROCESSOR, (FAST + "inline_skip.py",),
                "replaced by the skipping inline processor", item_class="InlineProcessor"),
    *(PrivateName(library, "markdown", "inlinePatterns", name, K.PROCESSOR, (FAST + "inline_skip.py",),
                  "inline_skip knows the name and class of every inline pattern of our Markdown "
                  "(inline_skip.PATTERNS); an unknown one turns its skipping off",
                  item_class=cls, extensions=extensions)
      for library, name, cls, extensions in (
          ("Markdown", "reference", "ReferenceInlineProcessor", ()), ("Markdown", "link", "LinkInlineProcessor", ()),
          ("Markdown", "image_link", "ImageInlineProcessor", ()),
          ("Markdown", "image_reference", "ImageReferenceInlineProcessor", ()),
          ("Markdown", "short_reference", "ShortReferenceInlineProcessor", ()),
          ("Markdown", "short_image_ref", "ShortImageReferenceInlineProcessor", ()),
          ("Markdown", "autolink", "AutolinkInlineProcessor", ()),
          ("Markdown", "automail", "AutomailInlineProcessor", ()),
          ("Markdown", "linebreak", "SubstituteTagInlineProcessor", ()),
          ("Markdown", "html", "HtmlInlineProcessor", ()),
          ("Markdown", "entity", "HtmlInlineProcessor", ()),
          ("Markdown", "footnote", "FootnoteInlineProcessor", ("footnotes",)),
          ("pymdown-extensions", "backtick", "InlineHilitePattern", ("pymdownx.inlinehilite",)),
          ("pymdown-extensions", "delimiter", "DelimiterProcessor", ("pymdownx.tilde", "pymdownx.caret")))),
    # ---- pymdown-extensions ----
    PrivateName("pymdown-extensions", "pymdownx.highlight", "", "get_lexer_by_name", K.MODULE_ATTRIBUTE,
                (FAST + "pygments_reuse.py",), "pygments_reuse replaces the module global pymdownx.highlight looks "
                "lexers up with", contains=("from pygments.lexers import get_lexer_by_name", "get_lexer_by_name(")),
    # ---- Pygments ----
    PrivateName("Pygments", "pygments.formatters.html", "HtmlFormatter", "_create_stylesheet", K.ATTRIBUTE,
                (FAST + "pygments_reuse.py",), "replaced: a style's class tables are computed once and shared",
                params=("self",), contains=("self.ttype2class =", "self.class2style =")),
    PrivateName("Pygments", "pygments.formatters.html", "HtmlFormatter", "ttype2class", K.INSTANCE_ATTRIBUTE,
                (FAST + "pygments_reuse.py",), "the shared token type → CSS class table"),
    PrivateName("Pygments", "pygments.formatters.html", "HtmlFormatter", "class2style", K.INSTANCE_ATTRIBUTE,
                (FAST + "pygments_reuse.py",), "the shared CSS class → style table"),
)


def pinned(requirements: Path = REQUIREMENTS) -> dict[str, str]:
    """Distribution name (lower case) → version pinned in requirements.txt: what the entries were checked against."""
    versions = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*([A-Za-z0-9_.-]+)==([^\s;#]+)", line)
        if match:
            versions[match.group(1).lower()] = match.group(2)
    return versions
