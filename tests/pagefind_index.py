"""Read what the site's search (Pagefind) holds: its page fragments, decompressed."""

import gzip
import json
from pathlib import Path

MAGIC = b"pagefind_dcd"


def fragments(site: Path) -> list[dict]:
    """Every indexed page: {"url": "/fr/runbooks/KA-…/", "content": …, "meta": {"title": …}, …}."""
    found = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(MAGIC), path
        found.append(json.loads(data[len(MAGIC):]))
    return found


def no_lunr_index(site: Path) -> bool:
    """Material's lunr index is neither built nor written (search is Pagefind)."""
    return not (site / "search" / "search_index.json").exists()
