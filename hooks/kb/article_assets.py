"""Images of imported articles: copied once into runbooks/assets/, shared by every language.

The language exports of one KB carry byte-identical images under the same GUID names, so the second
language finds the file already there and copies nothing. Pictures an article carried inline are
written there too, named by their content (hooks/kb/inline_pictures.py).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hooks.kb.conversion import asset_name
from hooks.kb.inline_pictures import Picture

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


def copy_images(images: list[Path], root: Path, pictures: list[Picture] = ()) -> int:
    """Copy images, and write inline pictures, that are missing or different; return how many files were written."""
    files = {asset_name(image): image.read_bytes for image in images}
    files.update({picture.name: lambda data=picture.data: data for picture in pictures})
    return sum(_write(assets_dir(root) / name, read()) for name, read in files.items())


def _write(target: Path, data: bytes) -> bool:
    """Write `data` to `target` unless it holds them already (atomically: never half a picture)."""
    if target.is_file() and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
