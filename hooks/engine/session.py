"""The state the MkDocs events keep, as three typed objects, one per lifetime.

MkDocs runs the hook files listed in mkdocs.yml as modules of their own, and may run them again on each
config load (`mkdocs serve` loads the config again for every rebuild): state kept in a hook file does not
outlive a rebuild, and a fresh hook file would start without it. So the state lives here, in a module
imported as usual (once per process), and the hook files only hand MkDocs objects to site_events.KbSite.

mkdocs-static-i18n runs the whole build once per language, nesting the other languages' builds inside
the first build's on_post_build: one `BuildCycle` (a `mkdocs build`, or one rebuild under `mkdocs serve`)
holds one `LanguageBuild` after the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment

    from hooks.corpus.error_codes import ErrorIndex
    from hooks.corpus.model import Corpus
    from hooks.engine.fast.plain_markdown import Headings, Verdict
    from hooks.finish.links import PageLinks
    from hooks.finish.output_audit import Audit
    from hooks.finish.search_index import Run
    from hooks.site.site_pages import SitePage


@dataclass
class LanguageBuild:
    """One language's pass of the build. Lives from that language's on_config to the next language's
    on_config (the next pass replaces it); nothing in it is read by another language's pass."""

    lang: str  # the language being built (the i18n plugin's current_language)
    pages: dict[str, SitePage] = field(default_factory=dict)  # generated pages by src_uri: set in on_files
    # plain_markdown: whether generated pages may skip Markdown, and how to render their headings
    # (settings None: every page goes through Markdown; always None with KB_FAST=0). Set in on_files.
    plain_verdict: Verdict | None = None
    plain_settings: Headings | None = None
    # the pages Pagefind indexes for this language, not written yet; None once its run has started
    # (or before on_files)
    to_index: set[str] | None = None
    # HTML blocks kept out of Markdown's way (html_blocks.stash), by src_uri: from a page's
    # on_page_markdown to its on_page_content
    html_blocks: dict[str, list] = field(default_factory=dict)
    env: Environment | None = None  # this pass's Jinja environment (on_env): templates for runbook pages


@dataclass
class BuildCycle:
    """One `mkdocs build`, or one rebuild under `mkdocs serve`: every language. Lives from the first
    language's on_config (the i18n plugin not `building`) to the next cycle's."""

    root: Path  # runbooks/, next to mkdocs.yml
    corpus: Corpus  # read and validated once per cycle, for every language
    errors: ErrorIndex  # the error codes the runbooks quote
    redirects: dict  # moved runbooks (redirects.load_checked)
    code_sources: dict[str, Any]  # an error code's page → the runbooks it is made from (dirty rebuilds)
    all_sources: float | None  # the newest runbook change: pages listing every code
    search: bool  # whether this cycle builds the Pagefind index (preview.needs_search_index)
    audit: Audit  # pages are audited as they are written, the other files when the site is finished
    site_pages: dict[str, str] = field(default_factory=dict)  # every language's files: src_uri → url, for links
    page_links: list[PageLinks] = field(default_factory=list)  # links of every page, checked at the end
    search_runs: list[Run] = field(default_factory=list)  # Pagefind runs started, one per language
    language: LanguageBuild | None = None  # the language pass under way


@dataclass
class ServeSession:
    """The process: one `mkdocs build`, or a whole `mkdocs serve` session with all its rebuilds."""

    command: str | None = None  # "build" | "serve" | "gh-deploy" (on_startup); None when MkDocs never said
    cycle: BuildCycle | None = None  # the cycle under way, or the last one; replaced by each new cycle


SESSION = ServeSession()  # the one session of this process (the hook files may be loaded again; this module not)
