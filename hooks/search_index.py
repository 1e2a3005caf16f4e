"""The site's search index: Pagefind (extended build, for Japanese segmentation) run on the built HTML.

Pagefind writes one index per `<html lang>` under `pagefind/`, so each language searches only its own
pages, with its own stemming (Snowball for fr and pt; Japanese is segmented). Only runbook pages carry
`data-pagefind-body`, so home pages, lists and "not available" pages are not search results.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from pagefind_bin_extended import get_executable

ENTRY = "pagefind/pagefind-entry.json"
# Only runbook pages carry data-pagefind-body: Pagefind need not read the thousands of other pages
# (error-code pages, lists), which took a third of its time. Same index.
PAGES = "**/runbooks/*/index.html"


class SearchIndexError(RuntimeError):
    pass


def build(site_dir: Path) -> str:
    """Index `site_dir` in place; returns Pagefind's report. Raises SearchIndexError when it fails."""
    command = [str(get_executable()), "--site", str(site_dir), "--output-subdir", "pagefind", "--glob", PAGES]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed on {site_dir}:\n{result.stdout}{result.stderr}")
    sort_entry(site_dir / "pagefind" / "pagefind-entry.json")
    return result.stdout


def merge_entries(entries: list[dict]) -> dict:
    """One pagefind-entry.json for sites indexed in parts (languages split between them).

    Pagefind indexes each language on its own: a language's files and hash are the same whether the
    other languages were indexed in the same run or not; only the entry lists them all.
    """
    languages: dict = {}
    for entry in entries:
        languages.update(entry.get("languages", {}))
    return {**entries[0], "languages": dict(sorted(languages.items()))}


def write_entry(path: Path, entry: dict) -> None:
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def sort_entry(path: Path) -> None:
    """Pagefind writes its languages in hash-map order, which changes between runs: sort them."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    write_entry(path, entry)
