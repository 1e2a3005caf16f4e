"""Issue 8, point 1: nothing internal in the published site — audited after every build."""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

import pytest

from hooks.cli import main
from hooks.corpus.frontmatter import read_file
from hooks.finish import output_audit
from hooks.rules import internal_values
from tests.conftest import CORPUS, hooks_build
from tests.sample_corpus import build

AUTHOR_FIELDS = ("article-created-by", "article-published-by")


def sample_authors() -> list[str]:
    names = set()
    for path in CORPUS.glob("*/articles/*.md"):
        meta = read_file(path).meta
        names.update(str(meta[key]).strip(" .") for key in AUTHOR_FIELDS if meta.get(key))
    return sorted(names)


def sample_internal_urls() -> list[str]:
    urls = set()
    for path in CORPUS.glob("*/articles/*.md"):
        meta = read_file(path).meta
        urls.update(re.findall(r"https?://\S+", str(meta.get("internal-notes") or "")))
        if meta.get("dynamics-url"):
            urls.add(str(meta["dynamics-url"]))
    return sorted(urls)


@pytest.fixture
def sample(sample_site) -> Path:
    """The project behind conftest's sample site: seeds + the trimmed KB sample, imported and built."""
    return sample_site[0].parent


def all_output(site: Path) -> str:
    parts = []
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".gz", ".txt"):
            data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            parts.append(data.decode("utf-8"))
    return "\n".join(parts)


def test_sample_corpus_builds_and_publishes_no_internal_value(sample, sample_site):
    site = sample_site[0]
    output = all_output(site)
    assert len(list(sample.glob("runbooks/*/*.md"))) > 108  # the sample really was imported (108 + the seeds)
    authors = sample_authors()
    assert len(authors) >= 10
    for name in authors:
        assert name not in output, name
    for url in sample_internal_urls():
        assert url not in output, url
    for marker in ("corp.adobe.com", "crm.dynamics.com", "internal-notes", "dynamics-url", "article-created-by",
                   "article-published-by"):
        assert marker not in output, marker
    # the KB article that linked a screenshot (inline, now a file) to Jira keeps the screenshot, not the link
    page = (site / "runbooks" / "KA-15314" / "index.html").read_text(encoding="utf-8")
    assert '<img src="../assets/inline-474db712865d9001db23.png"' in page and "jira" not in page
    assert (site / "runbooks" / "assets" / "inline-474db712865d9001db23.png").read_bytes().startswith(b"\x89PNG")


def test_import_records_internal_values_hashed_not_in_clear(sample):
    recorded = internal_values.file_for(sample / "runbooks").read_text(encoding="utf-8")
    assert len(internal_values.read(sample / "runbooks")) > 100
    for name in sample_authors():
        for word in name.split():
            assert word.lower() not in recorded.lower(), word
    entries = [line for line in recorded.splitlines() if not line.startswith("#")]
    assert all(re.fullmatch(r"(public:)?[a-z-]+\t[0-9a-f]{12}( [0-9a-f]{12}){0,5}", line) for line in entries)


def test_internal_values_in_runbooks_are_errors_before_anything_is_built(sample, tmp_path):
    """What the audit would find in the output, validate finds in the source first (file:line, no value)."""
    import shutil
    project = tmp_path / "planted"
    shutil.copytree(sample, project, ignore=lambda folder, names: ["site"] if Path(folder) == sample else [])
    name = "Nayanika Chakravarty"
    body = project / "runbooks" / "fr" / "KA-17455.md"
    body.write_text(body.read_text(encoding="utf-8") + f"\nContact {name} for details.\n", encoding="utf-8")
    title = project / "runbooks" / "ja" / "KA-17455.md"
    title.write_text(re.sub(r"^title: (.*)$", "title: 'See https://adobe-ent.crm.dynamics.com/main.aspx'",
                            title.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")
    result = build(project, tmp_path / "site", strict=False)
    log = result.stdout + result.stderr
    assert result.returncode != 0 and not (tmp_path / "site").exists()
    assert re.search(r"runbooks/fr/KA-17455\.md:\d+:1: error \[leak-internal-value\]", log)
    assert re.search(r"runbooks/ja/KA-17455\.md:\d+:1: error \[leak-internal-host\]", log)
    assert name not in log


@pytest.mark.parametrize("command", ["mkdocs build", "python -m hooks build"])
def test_planted_internal_values_fail_the_build_without_being_repeated(sample, tmp_path, command):
    """Both ways to build: one MkDocs process, and language groups in parallel processes, where each group
    audits its own pages and search index and the parent the files it writes itself (api/*.json)."""
    import shutil
    project = tmp_path / "planted"
    shutil.copytree(sample, project, ignore=lambda folder, names: ["site"] if Path(folder) == sample else [])
    name = "Nayanika Chakravarty"
    assert name in sample_authors()
    # encoded so that `validate` (which reads the source) cannot see them, as a value could slip through
    # a template or an escape: the audit reads the output with entities and %-escapes decoded
    body = project / "runbooks" / "fr" / "KA-17455.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nContact Nayanika&#32;Chakravarty for details.\n",
                    encoding="utf-8")
    title = project / "runbooks" / "ja" / "KA-17455.md"
    url = "https://adobe-ent.crm.dynamics%2Ecom/main.aspx?etn=knowledgearticle"
    title.write_text(re.sub(r"^title: (.*)$", f"title: 'See {url}'", title.read_text(encoding="utf-8"),
                            count=1, flags=re.M), encoding="utf-8")
    if command == "mkdocs build":
        result = build(project, tmp_path / "site", strict=False)
    else:
        result = hooks_build(project, tmp_path / "site", 2, quiet=False, args=("--no-strict",), env={"CI": ""})
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"site/fr/runbooks/KA-17455/index\.html:\d+:\d+: error \[leak-internal-value\]", log)
    assert "remove it from runbooks/fr/KA-17455.md" in log
    assert "site/pagefind/fragment/" in log  # the search index is audited too
    assert re.search(r"site/ja/runbooks/KA-17455/index\.html:\d+:\d+: error \[leak-crm-host\]", log)
    assert re.search(r"site/api/runbooks\.json:1:1: error \[leak-crm-host\]", log)
    assert name not in log  # build logs may be public
    if command == "python -m hooks build":
        assert not (tmp_path / "site").exists()  # nothing published


def test_audit_reads_every_kind_of_output_in_every_encoding(tmp_path):
    site = tmp_path / "site"
    (site / "api").mkdir(parents=True)
    (site / "runbooks" / "KA-1").mkdir(parents=True)
    (site / "runbooks" / "KA-1" / "index.html").write_text(
        "<p>fine</p>\n<p>see <a href='https://wiki.corp.adobe.com/x'>wiki</a></p>\n", encoding="utf-8")
    (site / "old").mkdir()
    (site / "old" / "index.html").write_text(  # a redirect page, the field name written as entities
        '<meta http-equiv="refresh" content="0; url=/x">\n<!-- internal&#45;notes -->\n', encoding="utf-8")
    (site / "api" / "runbooks.json").write_text(json.dumps({"author": "Jim Menn"}), encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(b"<url>https://x.crm.dynamics.com/</url>"))
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text('{"docs": [{"text": "token AKIAABCDEFGHIJKLMNOP"}]}',
                                                       encoding="utf-8")
    (site / "pagefind" / "fragment").mkdir(parents=True)  # Pagefind: gzip, a header, then JSON
    (site / "pagefind" / "fragment" / "fr_1.pf_fragment").write_bytes(
        gzip.compress(b'pagefind_dcd{"content": "ask Jim\\u0020Menn"}'))
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "javascripts" / "bundle.js").write_text("internal-notes", encoding="utf-8")
    denylist = internal_values.Denylist(internal_values.entries_for("article-created-by", "Jim Menn"))
    problems = output_audit.audit_site(site, denylist)
    found = {(p.path, p.line, p.rule) for p in problems}
    assert found == {
        ("site/runbooks/KA-1/index.html", 2, "leak-corp-host"),
        ("site/old/index.html", 2, "leak-internal-field"),
        ("site/api/runbooks.json", 1, "leak-internal-value"),
        ("site/sitemap.xml.gz", 1, "leak-crm-host"),
        ("site/search/search_index.json", 1, "leak-aws-access-key"),
        ("site/pagefind/fragment/fr_1.pf_fragment", 1, "leak-internal-value"),
    }
    assert all("Jim" not in str(p) for p in problems)


def test_json_escapes_do_not_hide_a_name(tmp_path):
    (tmp_path / "a.json").write_text('{"t": "Jim\\u0020Menn"}', encoding="utf-8")
    denylist = internal_values.Denylist(internal_values.entries_for("article-published-by", "Jim Menn"))
    assert [p.rule for p in output_audit.audit_site(tmp_path, denylist)] == ["leak-internal-value"]


def test_long_internal_notes_are_found_by_any_six_word_run():
    note = "Customer escalated twice; the fix is only on the hotfix branch until the next release"
    denylist = internal_values.Denylist(internal_values.entries_for("internal-notes", note))
    assert set(denylist.find("intro\nthe fix is only on the hotfix branch, sadly")) == {(2, "internal-notes")}
    assert list(denylist.find("the fix is only in the main branch until the next release")) == []
    assert internal_values.entries_for("internal-notes", "test") == set()  # too common to be evidence


def test_values_an_article_publishes_are_not_recorded(tmp_path):
    meta = {"internal-notes": "SMS OOB Template issue", "article-created-by": "Jim Menn"}
    root = tmp_path / "runbooks"
    internal_values.remember(root, meta, public_text="# SMS OOB Template issue\nbody")
    assert {name for name, _ in internal_values.read(root)} == {"article-created-by"}
    # an article that does not publish the note, imported later, does not bring it back
    internal_values.remember(root, meta, public_text="# Autre titre")
    assert {name for name, _ in internal_values.read(root)} == {"article-created-by"}
    before = 1_000_000_000 * 10**9  # set, not read from the clock: a rewrite shows however fast it comes
    os.utime(internal_values.file_for(root), ns=(before, before))
    internal_values.remember(root, meta, public_text="# SMS OOB Template issue\nbody")
    assert internal_values.file_for(root).stat().st_mtime_ns == before  # nothing new: not rewritten


def test_audit_command_reports_with_exit_status(tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>ok</p>", encoding="utf-8")
    assert main(["audit", str(site), "--root", str(tmp_path / "runbooks")]) == 0
    (site / "index.html").write_text("<p>dynamics-url</p>", encoding="utf-8")
    assert main(["audit", str(site), "--root", str(tmp_path / "runbooks")]) == 1
    assert "site/index.html:1:4: error [leak-internal-field]" in capsys.readouterr().out


def test_under_serve_a_leak_is_reported_again_on_every_rebuild_until_it_is_gone(tmp_path):
    """`make serve` keeps the lines and files it audited between rebuilds; a leak must not end up among them."""
    from hooks.engine.fast import preview

    site = tmp_path / "site"
    (site / "fr" / "runbooks" / "KA-1").mkdir(parents=True)
    page = site / "fr" / "runbooks" / "KA-1" / "index.html"
    page.write_text("<p>ok</p>\n<p>see https://jira.corp.adobe.com/browse/X-1</p>\n", encoding="utf-8")
    denylist = internal_values.Denylist(set())
    preview.start("serve", True)
    for _rebuild in range(2):  # nothing rewritten in between: the leaking page is older than the last audit
        since = preview.audit_since(site, 2**62)
        found = output_audit.audit_site(site, denylist, since_ns=since,
                                        seen=preview.audited_lines(site, frozenset(denylist.entries)))
        assert [p.rule for p in found] == ["leak-corp-host"]
        preview.audit_failed(site)
    page.write_text("<p>ok</p>\n", encoding="utf-8")
    since = preview.audit_since(site, 2**62)
    assert output_audit.audit_site(site, denylist, since_ns=since,
                                   seen=preview.audited_lines(site, frozenset(denylist.entries))) == []
    preview.start("build", False)


def test_files_the_merge_puts_together_are_audited_in_the_merged_site_not_in_each_group(tmp_path):
    """`python -m hooks build`: a group leaves its sitemap and search entry to the parent, which audits
    them once merged (site_finish.MERGED)."""
    from hooks.finish import site_finish

    group = tmp_path / "group"
    group.mkdir()
    (group / "sitemap.xml").write_text("<urlset><url><loc>/x/internal-notes/</loc></url></urlset>\n")
    page = group / "runbooks" / "KA-1" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<html lang="en"><body><article data-pagefind-body><p>Hello</p></article></body></html>')
    site_finish.finish_group(group, None, [])  # no run started: Pagefind indexes the group's site now
    with pytest.raises(output_audit.LeakError) as found:
        site_finish.finish_merged(group, [], None)
    assert [p.path for p in found.value.problems] == ["site/sitemap.xml"]
