"""What `mkdocs serve --dirty` (`make serve`) skips on rebuilds: the Pagefind index of the whole site,
and the leak audit of files that were not written again.

Pagefind reads every page of the site (seconds at thousands of pages), and a preview of an edited
runbook does not need the search results to follow the edit at once: the index written by the first
build of the serve session is kept (--dirty keeps the site folder), and `make build` / CI always index
the whole site. The leak audit reads only files written since the previous audit of the session (an
unchanged file was audited when it was written), and in them only lines it has not checked yet.
The link check and the JSON files stay: they only cost what changed.
This module outlives MkDocs' reloads of the hook file between rebuilds.
"""

from __future__ import annotations

from pathlib import Path

INDEX_DIR = "pagefind"
# lives: the serve session (reset by start(), on MkDocs' startup event: once per `mkdocs serve` or `build`)
_session: dict = {"dirty_serve": False, "indexed": set(), "audited": {}, "lines": {}}


def start(command: str, dirty: bool) -> None:
    _session["dirty_serve"] = command == "serve" and dirty
    _session["indexed"] = set()
    _session["audited"] = {}
    _session["lines"] = {}


def audit_since(site_dir: Path, now_ns: int) -> int | None:
    """Called as an audit of `site_dir` begins, after everything else is written: when the previous
    audit in this serve session began (files older than that were audited then); None: every file."""
    key = str(site_dir.resolve())
    previous = _session["audited"].get(key)
    if _session["dirty_serve"]:
        _session["audited"][key] = now_ns
    return previous


def audit_failed(site_dir: Path) -> None:
    """The audit found leaks: the next one checks every file again (the leaking ones may not be rewritten)."""
    _session["audited"].pop(str(site_dir.resolve()), None)


def audited_lines(site_dir: Path, denylist_entries: frozenset) -> set[str] | None:
    """The lines of `site_dir` the audit already checked in this serve session (against the same recorded
    internal values): a rebuild rewrites the sitemap and lists that are mostly the same lines. None: none."""
    if not _session["dirty_serve"]:
        return None
    key = (str(site_dir.resolve()), denylist_entries)
    if key not in _session["lines"]:
        _session["lines"] = {key: set()}
    return _session["lines"][key]


def needs_search_index(site_dir: Path) -> bool:
    """True unless this is a dirty serve rebuild of a site that was already indexed in this session."""
    key = str(site_dir.resolve())
    if _session["dirty_serve"] and key in _session["indexed"] and (site_dir / INDEX_DIR).is_dir():
        return False
    _session["indexed"].add(key)
    return True
