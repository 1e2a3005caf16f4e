"""Finishing the site once every language is on disk: by this process, or by the parent of a language
group (`python -m hooks build` runs groups of languages in processes of their own, KB_BUILD_LANGUAGES).

A group saves what it gathered (links, files) for the parent, puts its languages' search indexes together
and audits what it wrote; a one-process build checks links, writes the indexes, the search index, and
audits the site. Internal values found in the output, or a failed search index, stop the build.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from hooks.base import cpu_time, registry, urls
from hooks.engine.fast import preview
from hooks.engine.session import BuildCycle
from hooks.finish import output_audit, search_index, site_finish


def finish(site_dir: Path, site_url: str | None, cycle: BuildCycle, group: bool,
           log: logging.Logger | logging.LoggerAdapter) -> None:
    """`group`: this process builds one group of languages, the parent finishes the site. Link problems
    are logged as warnings (they fail a --strict build); leaks and search failures raise PluginError.
    Under `python -m hooks build --timings` (cpu_time.ENV), saves the CPU time of this and of each
    language's Pagefind run for the parent (build/timings.py)."""
    saved = cpu_time.requested()
    phases = cpu_time.Phases(enabled=saved is not None)
    _finish(site_dir, site_url, cycle, group, log, phases)
    if saved is not None:
        language = {urls.prefix(code): code for code in registry.language_codes()}
        for run in cycle.search_runs:
            if run.cpu_s is not None:
                phases.add(f"pagefind {language.get(run.prefix, run.prefix)}", run.cpu_s)
        phases.save(saved)


def _finish(site_dir: Path, site_url: str | None, cycle: BuildCycle, group: bool,
            log: logging.Logger | logging.LoggerAdapter, phases: cpu_time.Phases) -> None:
    try:
        if group:
            with phases.measure("group state"):
                site_finish.save_group_state(cycle.page_links, cycle.site_pages, site_url or "")
            with phases.measure("output audit"):  # and putting its languages' Pagefind indexes together
                site_finish.finish_group(site_dir, cycle.root, cycle.search_runs, cycle.audit,
                                         any(not r.hidden for r in cycle.corpus.runbooks))
            return
        with phases.measure("finish"):  # link check, api/*.json, kb-search, output audit
            problems = site_finish.finish(site_dir, cycle.corpus, cycle.errors, site_url or "",
                                          cycle.page_links, cycle.site_pages, runbooks_root=cycle.root,
                                          search=cycle.search_runs if cycle.search else None,
                                          audited_ns=preview.audit_since, audit=cycle.audit)
    except output_audit.LeakError as exc:
        preview.audit_failed(site_dir)
        for problem in exc.problems:
            log.error(str(problem))
        raise PluginError(f"{len(exc.problems)} internal value(s) found in the built site; "
                          "it must not be published.") from exc
    except search_index.SearchIndexError as exc:
        raise PluginError(str(exc)) from exc
    for problem in problems:
        log.warning(str(problem))
