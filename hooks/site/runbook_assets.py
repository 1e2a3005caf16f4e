"""Images and other files in runbooks/<lang>/assets/ are published beside the pages.

Only that folder is published: anything else a contributor leaves under runbooks/ (notes, exports)
never reaches the site.

A runbook at runbooks/fr/KA-19371.md that shows `![](assets/x.png)` is served at fr/runbooks/KA-19371/,
and MkDocs resolves the image to fr/runbooks/assets/x.png: the same relative layout as in the repository.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hooks.base import urls


@dataclass(frozen=True)
class Asset:
    src_uri: str  # beside the language's generated pages: <lang>/runbooks/assets/x.png
    dest_uri: str  # under the language's URL prefix: runbooks/assets/x.png for the default language
    path: Path


def assets_for_language(root: Path, lang: str) -> list[Asset]:
    """Every file under runbooks/<lang>/assets/, sorted."""
    folder = root / lang
    if not (folder / "assets").is_dir():
        return []
    found = []
    for path in sorted((folder / "assets").rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and path.suffix != ".md" and not any(p.startswith(".") for p in relative.parts):
            found.append(Asset(urls.src_uri(lang, f"runbooks/{relative.as_posix()}"),
                               f"{urls.prefix(lang)}runbooks/{relative.as_posix()}", path))
    return found
