"""What `mkdocs serve --dirty` (`make serve`) skips on rebuilds: the Pagefind index of the whole site.

Pagefind reads every page of the site (seconds at thousands of pages), and a preview of an edited
runbook does not need the search results to follow the edit at once: the index written by the first
build of the serve session is kept (--dirty keeps the site folder), and `make build` / CI always index
the whole site. The link check and the JSON files stay: they only cost what changed.
This module outlives MkDocs' reloads of the hook file between rebuilds.
"""

from __future__ import annotations

from pathlib import Path

INDEX_DIR = "pagefind"
_session: dict = {"dirty_serve": False, "indexed": set()}


def start(command: str, dirty: bool) -> None:
    _session["dirty_serve"] = command == "serve" and dirty
    _session["indexed"] = set()


def needs_search_index(site_dir: Path) -> bool:
    """True unless this is a dirty serve rebuild of a site that was already indexed in this session."""
    key = str(site_dir.resolve())
    if _session["dirty_serve"] and key in _session["indexed"] and (site_dir / INDEX_DIR).is_dir():
        return False
    _session["indexed"].add(key)
    return True
