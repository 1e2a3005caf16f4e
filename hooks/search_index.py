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


class SearchIndexError(RuntimeError):
    pass


def build(site_dir: Path) -> str:
    """Index `site_dir` in place; returns Pagefind's report. Raises SearchIndexError when it fails."""
    command = [str(get_executable()), "--site", str(site_dir), "--output-subdir", "pagefind"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed on {site_dir}:\n{result.stdout}{result.stderr}")
    sort_entry(site_dir / "pagefind" / "pagefind-entry.json")
    return result.stdout


def sort_entry(path: Path) -> None:
    """Pagefind writes its languages in hash-map order, which changes between runs: sort them."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
