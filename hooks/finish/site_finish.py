"""What is done once the whole site is on disk: link check, machine-readable indexes, search index.

A one-process build does it at the end of its last language. `python -m hooks build` builds groups of
languages in parallel processes (parallel_build): each group indexes its own languages for search and
saves what it gathered while rendering (links of its pages, its files) to KB_GROUP_STATE, and the
parent does the rest once over the merged site.
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hooks.base import cpu_time
from hooks.base.problems import Problem
from hooks.corpus import error_codes
from hooks.corpus.model import Corpus
from hooks.finish import links, output_audit, search_data, search_index
from hooks.rules import internal_values
from hooks.site import api_json, schema_publish

ENV = "KB_GROUP_STATE"
# Files every language group writes for its own languages and the merge puts together
# (parallel_build.merge): the parent audits them once, in the merged site; the groups do not.
MERGED = ("sitemap.xml", "sitemap.xml.gz", search_index.ENTRY, search_index.LUNR_INDEX)
LINKS_PHASE, AUDIT_PHASE = "check links", "audit merged files"  # finish_merged's phases (build --timings)


def finish(site_dir: Path, corpus: Corpus, errors, site_url: str, page_links: list,
           site_pages: dict[str, str], runbooks_root: Path | None = None,
           search: list[search_index.Run] | None = None,
           audited_ns: int | Callable[[Path, int], int | None] | None = None,
           audit: output_audit.Audit | None = None) -> list[Problem]:
    """Link problems (warnings); raises search_index.SearchIndexError, and output_audit.LeakError when
    anything internal is in the finished site (last: the audit reads everything written above).
    `search`: the Pagefind runs indexing each language (search_index.start), None to keep the index there
    is; `audited_ns`: only files written since then are audited (or a
    function of the site folder and the time the audit begins that says since when, preview.audit_since);
    `audit`: the audit the pages were already handed to as they were written (new_audit)."""
    problems = list(links.check(page_links, links.SiteIndex(site_dir, site_pages)))
    _write_indexes(site_dir, corpus, errors, site_url, runbooks_root)
    search_index.remove_lunr_index(site_dir)
    if callable(audited_ns):
        audited_ns = audited_ns(site_dir, time.time_ns())
    _search_and_audit(site_dir, search, audit or new_audit(runbooks_root), audited_ns)
    return problems


def _search_and_audit(site_dir: Path, search: list[search_index.Run] | None, audit: output_audit.Audit,
                      since_ns: int | None = None, fallback: bool = True) -> None:
    """Put the search index together (`search`: the Pagefind runs, None to keep the index there is) and
    audit the files of `site_dir` the audit was not handed already; raises LeakError on any leak.

    The site is audited while the last Pagefind run still goes on, and each run's output as soon as it
    is complete: the end of a build waits for one of them, not for both one after the other."""
    if search is not None:
        search_index.remove(site_dir)  # a previous build's, about to be replaced: not audited under new names
    audit.files(site_dir, since_ns=since_ns)
    if search is not None:
        search_index.finish(site_dir, search, lambda output: audit.files(output, under=f"{search_index.FOLDER}/"),
                            fallback)
        if (site_dir / search_index.FOLDER).is_dir():  # not there: a group whose languages have no runbook
            audit.files(site_dir / search_index.FOLDER, under=f"{search_index.FOLDER}/")  # the entry it wrote
    _raise_leaks(audit)


def _raise_leaks(audit: output_audit.Audit) -> None:
    leaks = audit.result()
    if leaks:
        raise output_audit.LeakError(leaks)


def new_audit(runbooks_root: Path | None,
              lines_seen: Callable[[frozenset], set[str] | None] | None = None) -> output_audit.Audit:
    """An audit against the internal values recorded next to `runbooks_root`; `lines_seen`: the lines an
    earlier audit of the same site already checked against the same values (preview.audited_lines)."""
    denylist = internal_values.load(runbooks_root) if runbooks_root else internal_values.Denylist(set())
    return output_audit.Audit(denylist, seen=lines_seen(frozenset(denylist.entries)) if lines_seen else None)


def finish_group(site_dir: Path, runbooks_root: Path | None, search: list[search_index.Run],
                 audit: output_audit.Audit | None = None, site_searchable: bool = False) -> None:
    """What a language group does with its own folder while the other groups still build: put together
    the search indexes of its languages (Pagefind indexes each language on its own) and audit what it
    wrote. Raises like `finish`. `site_searchable`: some language of the site has runbooks to index (a
    group without any then indexes nothing, as the one-process build does not index its languages)."""
    audit = audit or new_audit(runbooks_root)
    audit.skip(MERGED)
    _search_and_audit(site_dir, search, audit, fallback=not site_searchable)


@dataclass
class GroupState:
    """What a language group gathered while rendering, for the parent: its pages' links, its pages."""

    page_links: list
    site_pages: dict[str, str]
    site_url: str


def save_group_state(page_links: list, site_pages: dict[str, str], site_url: str, environ=os.environ) -> None:
    path = environ.get(ENV)
    if path:
        with open(path, "wb") as fh:
            pickle.dump(GroupState(page_links, site_pages, site_url), fh, protocol=pickle.HIGHEST_PROTOCOL)


def load_group_state(path: Path) -> GroupState:
    with path.open("rb") as fh:
        return pickle.load(fh)


def write_indexes(site_dir: Path, corpus: Corpus, site_url: str, runbooks_root: Path | None = None) -> None:
    """The site's files that depend on the corpus only (api/*.json, the schema), in a folder of their
    own, audited: `python -m hooks build` writes them while the last language group still builds.
    Raises output_audit.LeakError."""
    _write_indexes(site_dir, corpus, error_codes.build_index(corpus), site_url, runbooks_root)
    _search_and_audit(site_dir, None, new_audit(runbooks_root))


def _write_indexes(site_dir: Path, corpus: Corpus, errors, site_url: str, runbooks_root: Path | None = None) -> None:
    api_json.write(site_dir, corpus, errors, site_url)
    search_data.write(site_dir, corpus, errors, runbooks_root)
    schema_publish.publish(site_dir)


def finish_merged(site_dir: Path, states: list[GroupState], runbooks_root: Path | None = None,
                  phases: cpu_time.Phases | None = None) -> list[Problem]:
    """What is left once the groups' folders (each audited) are merged into `site_dir`: the link check
    over every group's pages, and the audit of the files the merge put together (MERGED). Link problems
    are returned (warnings); raises output_audit.LeakError. `phases`: where their CPU time goes
    (`python -m hooks build --timings`)."""
    phases = phases or cpu_time.Phases(enabled=False)
    with phases.measure(LINKS_PHASE):
        page_links = [link for state in states for link in state.page_links]
        site_pages = {src_uri: url for state in states for src_uri, url in state.site_pages.items()}
        problems = list(links.check(page_links, links.SiteIndex(site_dir, site_pages)))
    with phases.measure(AUDIT_PHASE):
        search_index.remove_lunr_index(site_dir)
        audit = new_audit(runbooks_root)
        for rel in MERGED:
            if (site_dir / rel).is_file():
                audit.file(site_dir / rel, rel)
        _raise_leaks(audit)
    return problems
