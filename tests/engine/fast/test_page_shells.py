"""Page shells (hooks/engine/fast/page_shell.py, hooks/engine/fast/shell_filling.py): pages filled into
a shell are the pages
the theme would have rendered, byte for byte."""

import re

import pytest

from hooks.engine import fast
from hooks.engine.fast import page_shell
from tests.conftest import REPO, build_site, site_differences


def _render(title: str, link: str) -> str:
    """A stand-in for a template: prints the title raw, escaped and stripped of tags, and a link."""
    views = page_shell.VIEWS
    return (f"<title>{title}</title><meta content=\"{views['e'](title)}\">"
            f"<nav aria-label=\"{views['striptags|e'](title)}\"><a href=\"../{link}\">{title}</a></nav>")


def test_a_filled_shell_is_what_the_template_prints_for_any_value():
    title = page_shell.sentinel(0)
    link = page_shell.link_sentinel(1)
    probes = {**page_shell.probes_for("title", title),
              **page_shell.probes_for("link", link, {"url": lambda v: "../" + v, "raw": lambda v: v})}
    shell = page_shell.cut(_render(title, link), probes)
    assert shell.slots == (("title", "raw"), ("title", "e"), ("title", "striptags|e"), ("link", "url"),
                           ("title", "raw"))
    for real in ("Erreur RED-520025 : l'envoi \"échoue\" & <b>rien</b>", "plain", ""):
        filled = shell.fill({"title": real, "link": "fr/errors/X/"},
                            {**page_shell.VIEWS, "url": lambda v: "../" + v})
        assert filled == _render(real, "fr/errors/X/")


def test_a_value_printed_through_an_unknown_filter_gives_no_shell():
    title = page_shell.sentinel(0)
    rendered = f"<title>{title.upper()}</title><h1>{title}</h1>"
    with pytest.raises(page_shell.ShellError, match="does not know"):
        page_shell.cut(rendered.replace(title.upper(), title.upper().lower().replace("&amp;", "&")),
                       page_shell.probes_for("title", title))


def test_a_value_missing_from_the_probes_gives_no_shell():
    with pytest.raises(page_shell.ShellError):
        page_shell.cut(f"<p>{page_shell.sentinel(3)}</p>", page_shell.probes_for("title", page_shell.sentinel(0)))


def test_the_separator_between_list_items_is_found():
    assert page_shell.between("<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>", "<li>a</li>", "<li>b</li>") == "\n  "
    assert page_shell.between("<li>a</li>", "<li>a</li>", "<li>b</li>") is None


def test_the_sample_site_is_the_same_with_and_without_shells(sample_site, tmp_path):
    site, result = sample_site
    assert "page shells:" not in result.stderr  # every shape got a shell: none fell back to full rendering
    full = tmp_path / "site"
    off = build_site(site.parent, full, env={fast.ENV: "0"})
    assert off.returncode == 0, off.stderr[-3000:]
    assert len(list(site.rglob("*.html"))) > 300  # the trimmed sample's site: 370 pages
    assert site_differences(site, full, "*.html") == []


def test_the_generated_pages_are_filled_into_shells(tmp_path):
    """The fallback (every page through the theme) would pass the comparisons: the shells must be used."""
    result = build_site(REPO, tmp_path / "site", args=("--verbose",))
    assert result.returncode == 0, result.stderr[-2000:]
    filled = re.findall(r"kb-runbooks: (\d+) pages filled into page shells, (\d+) rendered in full", result.stderr)
    # the runbook and error-code pages of the 4 languages
    assert len(filled) == 1 and int(filled[0][0]) >= 20 and filled[0][1] == "0", filled


def test_a_template_printing_a_value_the_probe_misses_falls_back_to_full_rendering(tmp_path):
    """A theme override that prints the page URL (not a probed value): the second page of each shape
    differs from its filled shell, so that shape is rendered in full, and the pages are still right."""
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "project")
    main = project / "hooks" / "theme" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        "{% block site_meta %}", "{% block site_meta %}\n  <!-- {{ page.url }} -->"), encoding="utf-8")
    on = build_site(project, tmp_path / "on")
    off = build_site(project, tmp_path / "off", env={fast.ENV: "0"})
    assert on.returncode == 0 and off.returncode == 0, on.stderr[-2000:] + off.stderr[-2000:]
    assert "rendered in full (the shell differs from the template's output)" in on.stderr
    assert site_differences(tmp_path / "on", tmp_path / "off", "*.html") == []
    assert "<!-- fr/errors/RED-520025/ -->" in (tmp_path / "on" / "fr/errors/RED-520025/index.html").read_text()
