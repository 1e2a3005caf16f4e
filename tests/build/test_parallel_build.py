"""`python -m hooks build` on several cores: the same site as one process, images once, no half site."""

import json
import os
import re
import textwrap

import pytest

from bench import generate
from hooks.build import parallel_build
from hooks.finish import search_index
from hooks.rules import loader
from tests.conftest import CORPUS, build_site, copy_project, hooks_build, site_differences
from tests.pagefind_index import fragments, no_lunr_index


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The repository's project with 6 generated articles × 4 languages added (with images)."""
    path = copy_project(tmp_path_factory.mktemp("parallel") / "project")
    generate.generate(6, path, None, sample=CORPUS)
    return path


@pytest.fixture(scope="module")
def sites(project, tmp_path_factory):
    base = tmp_path_factory.mktemp("sites")
    one, two = base / "one", base / "two"
    for site, jobs in ((one, 1), (two, 2)):
        result = hooks_build(project, site, jobs)
        assert result.returncode == 0, result.stdout + result.stderr
    return one, two


def test_two_processes_build_the_same_site_byte_for_byte(sites):
    one, two = sites
    assert site_differences(one, two) == []
    assert (two / "sitemap.xml").is_file() and no_lunr_index(one) and no_lunr_index(two)


def test_search_index_and_sitemap_cover_every_language(sites):
    _, two = sites
    searched = {p["url"] for p in fragments(two)}
    sitemap = (two / "sitemap.xml").read_text(encoding="utf-8")
    for prefix in ("", "fr/", "pt-BR/", "ja/"):
        assert f"/{prefix}runbooks/KA-10000/" in searched
        assert f"http://127.0.0.1:8000/{prefix}</loc>" in sitemap  # (runbooks are not in it yet)


def test_images_are_stored_once_for_all_languages(sites, project):
    _, two = sites
    names = sorted(p.name for p in (project / "runbooks" / "assets").iterdir())
    assert sorted(p.name for p in (two / "runbooks" / "assets").iterdir()) == names
    assert not any(two.glob("*/runbooks/assets"))
    # a generated article whose sample article has a picture (inline ones become files of runbooks/assets/)
    pictured = next(p.stem for p in sorted((project / "runbooks" / "fr").glob("KA-1*.md"))
                    if "](../assets/" in p.read_text(encoding="utf-8"))
    for page in (f"fr/runbooks/{pictured}", f"runbooks/{pictured}"):
        html = (two / page / "index.html").read_text(encoding="utf-8")
        src = html.split('<img src="', 1)[1].split('"', 1)[0]
        assert (two / page / src).resolve().parent == (two / "runbooks" / "assets").resolve()
        assert (two / page / src).resolve().is_file()


def test_a_failing_group_leaves_the_old_site_and_reports_the_problem_once(project, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("last good site", encoding="utf-8")
    bad = project / "runbooks" / "ja" / "KA-10001.md"
    original = bad.read_text(encoding="utf-8")
    bad.write_text(original.replace("version-number:", "version-number: [", 1), encoding="utf-8")
    try:
        result = hooks_build(project, site, 2)
    finally:
        bad.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    assert (site / "index.html").read_text(encoding="utf-8") == "last good site"
    assert result.stderr.count("runbooks/ja/KA-10001.md:") == 1, result.stderr
    assert not list(tmp_path.glob(".site.*")), "no staging folder left behind"


def test_language_groups_are_contiguous_and_balanced():
    langs = ["en", "fr", "pt-BR", "ja"]
    assert parallel_build.groups(langs, 2) == [["en", "fr"], ["pt-BR", "ja"]]
    assert parallel_build.groups(langs, 3) == [["en", "fr"], ["pt-BR"], ["ja"]]
    assert parallel_build.groups(langs, 8) == [["en"], ["fr"], ["pt-BR"], ["ja"]]
    assert parallel_build.groups(langs, 1) == [langs]


def test_a_group_builds_the_language_slowest_to_index_first_after_the_default_one():
    """The group's last search index runs alone at the end of its build: Japanese, the slowest, is not it."""
    assert parallel_build.build_order(["pt-BR", "ja"], "en") == ["ja", "pt-BR"]
    assert parallel_build.build_order(["en", "fr", "ja"], "en") == ["en", "ja", "fr"]
    assert parallel_build.build_order(["fr", "pt-BR"], "en") == ["fr", "pt-BR"]


def test_each_language_is_built_once_in_the_order_of_its_group(project, tmp_path):
    result = hooks_build(project, tmp_path / "site", 2, quiet=False)
    assert result.returncode == 0, result.stderr[-3000:]
    built = re.findall(r"Building '([\w-]+)' documentation", result.stdout + result.stderr)
    assert sorted(built) == ["en", "fr", "ja", "pt-BR"], built
    assert built.index("ja") < built.index("pt-BR")


def test_merged_search_index_drops_translations_identical_to_the_default_language():
    same = {"title": "Same", "text": "identical"}
    merged = parallel_build.merge_search_indexes([
        {"config": {"lang": ["en"]}, "docs": [{"location": "runbooks/X/", **same}]},
        {"config": {"lang": ["ja"]}, "docs": [{"location": "ja/runbooks/X/", **same},
                                              {"location": "ja/runbooks/Y/", "title": "Y", "text": "y"}]},
    ])
    assert merged["config"]["lang"] == ["en", "ja"]
    assert [d["location"] for d in merged["docs"]] == ["runbooks/X/", "ja/runbooks/Y/"]


def test_incremental_corpus_reads_only_changed_files_and_equals_a_full_load(project):
    root = project / "runbooks"
    first = loader.load_incremental(root)
    assert [r.path for r in first.runbooks] == [r.path for r in loader.load(root).runbooks]
    before = dict(loader.changed_at)
    edited = root / "pt-BR" / "KA-10002.md"
    text = edited.read_text(encoding="utf-8")
    try:
        edited.write_text(text + "\nmore\n", encoding="utf-8")
        os.utime(edited, ns=(edited.stat().st_atime_ns, edited.stat().st_mtime_ns + 10**9))
        second = loader.load_incremental(root)
        assert second.get("KA-10002", "pt-BR").body.endswith("more\n")
        assert second.get("KA-10000", "fr") is first.get("KA-10000", "fr")  # not parsed again
        assert loader.changed_at["KA-10002"] > before["KA-10002"]
        assert loader.changed_at["KA-10000"] == before["KA-10000"]
        assert second.problems == loader.load(root).problems
    finally:
        edited.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_failing_after_a_language_was_indexed_leaves_no_search_run_behind(project, tmp_path, jobs):
    """Each language is indexed (Pagefind, in the background) once its pages are written; when a later
    language fails, those runs are stopped and their folders removed with the staging site."""
    clash = project / "docs" / "fr" / "runbooks" / f"{generate.article_id(0)}.md"  # runbook URLs are reserved
    clash.parent.mkdir(parents=True, exist_ok=True)
    clash.write_text("# clash\n", encoding="utf-8")
    try:
        result = hooks_build(project, tmp_path / "site", jobs)
    finally:
        clash.unlink()
    assert result.returncode != 0
    assert "runbook URLs are reserved" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "no site, staging or search-index folder left"


def test_languages_indexed_one_by_one_give_the_index_of_one_run_over_the_site(sites, tmp_path):
    """The build indexes each language as its pages are written (only their runbook pages, only their
    <article>) and merges the results: the same files as Pagefind, with its default settings, indexing
    the finished site in one run."""
    import shutil
    import subprocess

    from pagefind_bin_extended import get_executable

    from hooks.finish import search_index

    whole = tmp_path / "site"
    shutil.copytree(sites[0], whole)
    shutil.rmtree(whole / "pagefind")
    subprocess.run([str(get_executable()), "--site", str(whole), "--output-subdir", "pagefind"], check=True,
                   capture_output=True)
    search_index.sort_entry(whole / "pagefind" / "pagefind-entry.json")
    assert site_differences(sites[0] / "pagefind", whole / "pagefind") == []


def test_each_group_indexes_on_a_core_of_its_own(sites, tmp_path, monkeypatch):
    """Under `python -m hooks build`, a group's Pagefind runs are given one core (KB_SEARCH_CORE, set per
    group by parallel_build): the other cores are busy rendering the other groups."""
    import shutil
    from pathlib import Path

    from hooks.finish import search_index

    site = tmp_path / "site"
    shutil.copytree(sites[0], site)
    core = sorted(os.sched_getaffinity(0))[-1]
    monkeypatch.setenv(search_index.CORE_ENV, str(core))
    run = search_index.start(site, "fr/")
    # the process is not reaped before finish(): its status stays readable
    status = Path(f"/proc/{run.process.pid}/status").read_text(encoding="utf-8")
    assert f"Cpus_allowed_list:\t{core}\n" in status
    search_index.finish(site, [run])
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    monkeypatch.delenv(search_index.CORE_ENV)
    run = search_index.start(site, "fr/")
    status = Path(f"/proc/{run.process.pid}/status").read_text(encoding="utf-8")
    search_index.finish(site, [run])
    if len(os.sched_getaffinity(0)) > 1:
        assert f"Cpus_allowed_list:\t{core}\n" not in status


def test_pages_pagefind_indexes_are_the_runbook_and_code_pages_of_the_language():
    written = ["runbooks/KA-1/index.html", "runbooks/index.html", "runbooks/assets/a.png", "errors/index.html",
               "fr/runbooks/KA-1/index.html", "errors/RED-1/index.html", "runbooks/KA-1/x/index.html"]
    assert search_index.pages_to_index(written, "") == {"runbooks/KA-1/index.html", "errors/RED-1/index.html"}
    assert search_index.pages_to_index(written, "fr/") == {"fr/runbooks/KA-1/index.html"}


def test_a_language_is_indexed_as_soon_as_its_runbook_pages_are_written(project, tmp_path):
    """Pagefind starts on a language once every page it indexes (runbooks, error codes) is on disk."""
    patch, starts = tmp_path / "patch", tmp_path / "starts.jsonl"
    patch.mkdir()
    (patch / "sitecustomize.py").write_text(textwrap.dedent("""\
        import json, os
        from pathlib import Path
        import hooks.finish.search_index as search_index

        original = search_index.start

        def start(site_dir, url_prefix):
            site = Path(site_dir)
            seen = {"prefix": url_prefix, "errors": len(list(site.glob(url_prefix + "errors/*/index.html"))),
                    "runbooks": sorted(p.relative_to(site).as_posix()
                                       for p in site.glob(url_prefix + "runbooks/*/index.html"))}
            with open(os.environ["KB_TEST_STARTS"], "a", encoding="utf-8") as fh:
                fh.write(json.dumps(seen) + "\\n")
            return original(site_dir, url_prefix)

        search_index.start = start
        """), encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site, env={"PYTHONPATH": str(patch), "KB_TEST_STARTS": str(starts)})
    assert result.returncode == 0, result.stderr[-3000:]
    seen = [json.loads(line) for line in starts.read_text(encoding="utf-8").splitlines()]
    assert sorted(s["prefix"] for s in seen) == ["", "fr/", "ja/", "pt-BR/"]
    for start in seen:
        prefix = start["prefix"]
        assert start["runbooks"] == sorted(p.relative_to(site).as_posix()
                                           for p in site.glob(prefix + "runbooks/*/index.html")), prefix
        assert start["errors"] == len(list(site.glob(prefix + "errors/*/index.html"))), prefix
