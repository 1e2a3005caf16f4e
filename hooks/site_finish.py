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
from pathlib import Path

from hooks import (
    api_json,
    error_codes,
    internal_values,
    links,
    lunr_off,
    output_audit,
    schema_publish,
    search_index,
)
from hooks.corpus import Corpus
from hooks.problems import Problem

ENV = "KB_GROUP_STATE"


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
    api_json.write(site_dir, corpus, errors, site_url)
    schema_publish.publish(site_dir)
    lunr_off.remove_index(site_dir)
    if search is not None:
        search_index.finish(site_dir, search)
    if callable(audited_ns):
        audited_ns = audited_ns(site_dir, time.time_ns())
    _audit(site_dir, audit or new_audit(runbooks_root), audited_ns)
    return problems


def _audit(site_dir: Path, audit: output_audit.Audit, since_ns: int | None = None) -> None:
    """The files of `site_dir` the audit was not handed already; raises LeakError on any leak."""
    audit.files(site_dir, since_ns=since_ns)
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
                 audit: output_audit.Audit | None = None) -> None:
    """What a language group does with its own folder while the other groups still build: put together
    the search indexes of its languages (Pagefind indexes each language on its own) and audit what it
    wrote. The parent audits only what it writes itself (finish_merged). Raises like `finish`."""
    search_index.finish(site_dir, search)
    _audit(site_dir, audit or new_audit(runbooks_root))


def save_group_state(page_links: list, site_pages: dict[str, str], site_url: str, environ=os.environ) -> None:
    path = environ.get(ENV)
    if path:
        with open(path, "wb") as fh:
            pickle.dump((page_links, site_pages, site_url), fh, protocol=pickle.HIGHEST_PROTOCOL)


def finish_merged(site_dir: Path, corpus: Corpus, states: list[Path],
                  runbooks_root: Path | None = None, merged_ns: int | None = None) -> list[Problem]:
    """`finish` over a merged site, from the states the groups saved (in group order). `merged_ns`: when
    the merge began; the groups audited every file they wrote before it (finish_group)."""
    page_links: list = []
    site_pages: dict[str, str] = {}
    site_url = ""
    for path in states:
        with path.open("rb") as fh:
            links_of_group, pages_of_group, site_url = pickle.load(fh)
        page_links.extend(links_of_group)
        site_pages.update(pages_of_group)
    # each group has indexed its languages (Pagefind); parallel_build.merge joined the indexes
    return finish(site_dir, corpus, error_codes.build_index(corpus), site_url, page_links, site_pages,
                  runbooks_root, search=None, audited_ns=merged_ns)
