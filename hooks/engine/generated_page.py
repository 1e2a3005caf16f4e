"""The MkDocs objects of a generated page: its file (which `mkdocs serve --dirty` rebuilds only when its
runbook files changed) and its page (converted with as little Markdown as its text needs)."""

from __future__ import annotations

import os

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from hooks.engine import fast
from hooks.engine.fast import data_urls, markdown_reuse, page_keys, plain_markdown
from hooks.engine.session import LanguageBuild

log = get_plugin_logger("kb-runbooks")


class GeneratedFile(File):
    """A generated page that `mkdocs serve --dirty` rebuilds only when its runbook files changed."""

    sources_mtime: float | None = None  # newest change of the files it is made from; None: always rebuilt
    content_key: tuple | None = None  # a list's text (fast/page_keys.py): rebuilt when it changed, if set

    def is_modified(self) -> bool:
        if self.content_key is not None:
            return not page_keys.unchanged(self.abs_dest_path, self.content_key) or not os.path.exists(
                self.abs_dest_path)
        if self.sources_mtime is None:
            return True
        try:
            return os.stat(self.abs_dest_path).st_mtime < self.sources_mtime
        except OSError:  # not written yet
            return True


class GeneratedMarkdownPage(mkdocs_pages.Page):
    """A generated page. Converted with only the Markdown extensions its text can use (markdown_reuse);
    one that is only headings between HTML blocks is rendered without Markdown (plain_markdown), once
    the first page of its shape came out the same both ways."""

    may_be_plain = True  # False for runbooks: their text is Markdown
    language: LanguageBuild  # the language pass that made it: its plain_markdown verdict and settings

    def render(self, config, files) -> None:
        verdict, settings = self.language.plain_verdict, self.language.plain_settings
        rendered = None
        if self.may_be_plain and settings and not verdict.failed:  # settings: None unless fast.enabled()
            rendered = plain_markdown.render(self.markdown, settings)
        if rendered is not None and verdict.trusts(rendered):
            self.content, self.toc = rendered.html, get_toc(rendered.toc_tokens)
            self._title_from_render, self.present_anchor_ids = rendered.title, set(rendered.ids)
            self.links_to_anchors = {}
            verdict.used += 1
            return
        self._render_markdown(config, files)
        if rendered is not None and not verdict.record(rendered, self.content, self.toc, self._title_from_render,
                                                       self.present_anchor_ids):
            log.info(f"generated pages go through Markdown: {self.file.src_uri} differs ({verdict.reason})")

    def _render_markdown(self, config, files) -> None:
        """Markdown's rendering, with long inline pictures out of its way (data_urls)."""
        original = self.markdown
        short, originals = data_urls.shortened(original) if fast.enabled() else (original, {})
        if originals:
            self.markdown = short
            try:
                with markdown_reuse.POOL.text_ahead(short):
                    super().render(config, files)
            finally:
                self.markdown = original
            content = data_urls.restored(self.content, originals)
            elsewhere = f"{self.toc}{getattr(self, '_title_from_render', '')}"
            if content is not None and not any(key in elsewhere for key in originals):
                self.content = content
                return
        with markdown_reuse.POOL.text_ahead(original):
            super().render(config, files)
