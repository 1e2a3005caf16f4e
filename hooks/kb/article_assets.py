"""Images of imported articles: copied once into runbooks/assets/, shared by every language.

The language exports of one KB carry byte-identical images under the same GUID names, so the second
language finds the file already there and copies nothing.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hooks.kb.conversion import asset_name

ASSETS_FOLDER = "assets"


def assets_dir(root: Path) -> Path:
    return root / ASSETS_FOLDER


def conflicts(images: list[Path], root: Path) -> list[str]:
    """Images whose name is already taken in assets/ by a different file."""
    found = []
    for image in images:
        target = assets_dir(root) / asset_name(image)
        if target.is_file() and target.read_bytes() != image.read_bytes():
            found.append(f"image {image.name} differs from {target} (imported before from another export); "
                         "use --force to replace it")
    return found


def copy_images(images: list[Path], root: Path) -> int:
    """Copy images that are missing or different; return how many files were written."""
    written = 0
    for image in dict.fromkeys(images):
        target = assets_dir(root) / asset_name(image)
        data = image.read_bytes()
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written += 1
    return written
