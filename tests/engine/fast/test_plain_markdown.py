"""Generated pages rendered without Markdown (hooks/engine/fast/plain_markdown.py) are what Markdown would produce."""

import os
import re
import textwrap

import markdown
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.structure.pages import _ExtractTitleTreeprocessor
from mkdocs.structure.toc import get_toc

from hooks.engine import fast
from hooks.engine.fast import plain_markdown
from tests.conftest import REPO, build_site, copy_project, site_differences


def _site_extensions() -> tuple[list, dict]:
    """mkdocs.yml's Markdown extensions, as MkDocs hands them to Markdown."""
    loaded = yaml.safe_load(re.sub(r"!ENV \[[^\]]*\]", "''", (REPO / "mkdocs.yml").read_text(encoding="utf-8")))
    names, configs = [], {}
    for entry in loaded["markdown_extensions"]:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = config or {}
    return names, configs


EXTENSIONS, CONFIGS = _site_extensions()


def _markdown(text: str, extensions=EXTENSIONS, configs=CONFIGS) -> tuple[str, list, str | None]:
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    title = _ExtractTitleTreeprocessor()
    title._register(md)
    html = md.convert(text)
    return html, md.toc_tokens, title.title


def _same_as_markdown(text: str, extensions=EXTENSIONS, configs=CONFIGS) -> bool | None:
    """None when render declines the text; else whether its output is Markdown's."""
    rendered = plain_markdown.render(text, plain_markdown.headings(extensions, configs))
    if rendered is None:
        return None
    html, tokens, title = _markdown(text, extensions, configs)
    ids = set(re.findall(r' id="([^"]+)"', html))
    return (rendered.html, rendered.toc_tokens, rendered.title, set(rendered.ids)) == (html, tokens, title, ids)


def test_an_error_code_page_is_rendered_as_markdown_renders_it():
    text = textwrap.dedent("""\
        # RED-520025

        KBHTMLBLOCK0X

        ## Messages vus avec ce code

        KBHTMLBLOCK1X

        ## このコードが記載されているランブック

        KBHTMLBLOCK2X

        ## Runbooks dans d’autres langues

        KBHTMLBLOCK3X

        ## Runbooks dans d’autres langues

        KBHTMLBLOCK4X
        """)
    assert _same_as_markdown(text) is True
    rendered = plain_markdown.render(text, plain_markdown.headings(EXTENSIONS, CONFIGS))
    assert rendered.title == "RED-520025"
    assert [t["id"] for t in rendered.toc_tokens] == ["red-520025"]
    assert [c["id"] for c in rendered.toc_tokens[0]["children"]] == [
        "messages-vus-avec-ce-code", "_1", "runbooks-dans-dautres-langues", "runbooks-dans-dautres-langues_1"]


def test_other_toc_settings_are_followed():
    configs = {**CONFIGS, "toc": {"permalink": "#", "permalink_title": "Lien \"permanent\"", "toc_depth": "2-3",
                                  "separator": "_"}}
    assert _same_as_markdown("# Un titre\n\nKBHTMLBLOCK0X\n\n## Deux mots\n\n### Trois\n", EXTENSIONS, configs) is True
    without_permalinks = {**CONFIGS, "toc": {}}
    assert _same_as_markdown("# Title\n\n## Section\n", EXTENSIONS, without_permalinks) is True


def test_what_it_cannot_reproduce_goes_to_markdown():
    settings_ = plain_markdown.headings(EXTENSIONS, CONFIGS)
    for text in ("# Title\n\nA paragraph.\n", "# *Emphasis*\n", "## Family {#family-red}\n", "# A & B\n",
                 "# Title\nSecond line\n", "#NoSpace\n", "# <b>raw</b>\n", "    # indented code\n",
                 "# `code`\n", "# Title #\n", "#\n"):
        assert plain_markdown.render(text, settings_) is None, text
    assert plain_markdown.headings(["attr_list"], {}) is None  # no toc extension: no heading ids
    assert plain_markdown.headings(EXTENSIONS, {**CONFIGS, "toc": {"anchorlink": True}}) is None
    assert plain_markdown.headings(EXTENSIONS, {**CONFIGS, "toc": {"baselevel": 2}}) is None
    assert plain_markdown.headings(EXTENSIONS, {**CONFIGS, "toc": {"permalink": True, "permalink_class": "x"}}) is None


_WORDS = st.text(alphabet=st.sampled_from(list("aZé9 -.,:;'\"()/?%$@+=ç日本語のエラー’«»\\`*_[]!<>&~^{}#|")),
                 min_size=0, max_size=24)
# attribute lists as the generated pages write them ({: data-pagefind-ignore='' }), and lookalikes
_ATTRS = st.sampled_from(["", " {: data-pagefind-ignore='' }", " {: data-x='a b' class='c' }", " {:x='1'}",
                          " {: data-pagefind-ignore }", " {: #id }", " { data-x='1' }", "{: data-x='1' }"])
_CHUNKS = st.lists(st.one_of(st.tuples(st.integers(1, 6), _WORDS, _ATTRS).map(lambda t: "#" * t[0] + " " + t[1] + t[2]),
                             st.integers(0, 9).map(lambda n: f"KBHTMLBLOCK{n}X")),
                   min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(_CHUNKS)
def test_whenever_it_renders_a_page_markdown_renders_the_same(chunks):
    text = "\n\n".join(chunks) + "\n"
    assert _same_as_markdown(text) in (True, None)


def test_the_verdict_compares_html_toc_title_and_ids():
    text = "# RED-520025\n\n## Section\n\nKBHTMLBLOCK0X\n"
    rendered = plain_markdown.render(text, plain_markdown.headings(EXTENSIONS, CONFIGS))
    html, tokens, title = _markdown(text)
    ids = {"red-520025", "section"}
    verdict = plain_markdown.Verdict()
    assert not verdict.trusts(rendered)  # no page of this shape compared yet
    assert verdict.record(rendered, html, get_toc(tokens), title, ids) and verdict.trusts(rendered)
    other_shape = plain_markdown.render("# RED-520025\n\nKBHTMLBLOCK0X\n", plain_markdown.headings(EXTENSIONS, CONFIGS))
    assert not verdict.trusts(other_shape)
    assert not verdict.record(rendered, html.replace("<h2", '<h2 class="x"'), get_toc(tokens), title, ids)
    assert verdict.failed and verdict.reason == "HTML" and not verdict.trusts(rendered)
    for wrong in ((html, get_toc(tokens[0]["children"]), title, ids), (html, get_toc(tokens), "Other", ids),
                  (html, get_toc(tokens), title, {"red-520025"})):
        assert not plain_markdown.Verdict().record(rendered, *wrong)


def test_the_sample_site_is_the_same_through_markdown(sample_site, tmp_path):
    site, result = sample_site
    assert "generated pages go through Markdown" not in result.stderr
    off = build_site(site.parent, tmp_path / "site", env={fast.ENV: "0"})
    assert off.returncode == 0, off.stderr[-3000:]
    assert len(list(site.rglob("*.html"))) > 300  # the trimmed sample's site: 370 pages
    assert site_differences(site, tmp_path / "site", "*.html") == []


def test_generated_pages_skip_markdown_in_every_language(tmp_path):
    result = build_site(REPO, tmp_path / "site", args=("--verbose",))
    assert result.returncode == 0, result.stderr[-2000:]
    counts = dict((lang, int(n)) for n, lang in re.findall(
        r"kb-runbooks: (\d+) generated pages rendered without Markdown \(([\w-]+)\)", result.stderr))
    assert set(counts) == {"en", "fr", "pt-BR", "ja"} and min(counts.values()) >= 2, counts


def test_a_page_that_differs_from_markdown_makes_every_page_go_through_markdown(tmp_path):
    """A renderer that gets <h2> wrong (patched in): the first page with an <h2> is compared with Markdown's,
    the build notices, and the site is the one Markdown makes."""
    project = copy_project(tmp_path / "project")
    patch = tmp_path / "patch"
    patch.mkdir()
    (patch / "sitecustomize.py").write_text(textwrap.dedent("""\
        import dataclasses
        import hooks.engine.fast.plain_markdown as plain

        _render = plain.render

        def render(markdown, settings):
            rendered = _render(markdown, settings)
            if rendered is None:
                return None
            return dataclasses.replace(rendered, html=rendered.html.replace("<h2", '<h2 class="wrong"'))

        plain.render = render
        """), encoding="utf-8")
    env = {"PYTHONPATH": f"{patch}{os.pathsep}{project}"}
    on = build_site(project, tmp_path / "on", env=env)
    off = build_site(project, tmp_path / "off", env={**env, fast.ENV: "0"})
    assert on.returncode == 0 and off.returncode == 0, on.stderr[-2000:] + off.stderr[-2000:]
    assert re.search(r"generated pages go through Markdown: \S+/errors/[\w-]+\.md differs \(HTML\)", on.stderr)
    assert 'class="wrong"' not in (tmp_path / "on" / "fr/errors/RED-520025/index.html").read_text(encoding="utf-8")
    assert site_differences(tmp_path / "on", tmp_path / "off", "*.html") == []


def test_a_markdown_extension_it_does_not_know_makes_every_page_go_through_markdown(tmp_path):
    """An extension that changes headings: plain_markdown does not know what it does, Markdown renders."""
    extension = tmp_path / "ext" / "kb_heading_class.py"
    extension.parent.mkdir()
    extension.write_text(textwrap.dedent("""\
        from markdown.extensions import Extension
        from markdown.treeprocessors import Treeprocessor

        class _Classes(Treeprocessor):
            def run(self, root):
                for heading in root.iter("h2"):
                    heading.set("class", "kb-test")

        class HeadingClass(Extension):
            def extendMarkdown(self, md):
                md.treeprocessors.register(_Classes(md), "kb_heading_class", 1)

        def makeExtension(**kwargs):
            return HeadingClass(**kwargs)
        """), encoding="utf-8")
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "markdown_extensions:\n", "markdown_extensions:\n  - kb_heading_class\n"), encoding="utf-8")
    env = {"PYTHONPATH": str(extension.parent)}
    on = build_site(project, tmp_path / "on", env=env)
    off = build_site(project, tmp_path / "off", env={**env, fast.ENV: "0"})
    assert on.returncode == 0 and off.returncode == 0, on.stderr[-2000:] + off.stderr[-2000:]
    assert "generated pages go through Markdown: mkdocs.yml sets up Markdown in a way plain_markdown does " \
           "not know (kb_heading_class)" in on.stderr
    assert '<h2 class="kb-test"' in (tmp_path / "on" / "fr/errors/RED-520025/index.html").read_text(encoding="utf-8")
    assert site_differences(tmp_path / "on", tmp_path / "off", "*.html") == []
