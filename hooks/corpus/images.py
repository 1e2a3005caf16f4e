"""Images of runbooks: the `../assets/<file>` references their Markdown makes, and the one URL each image
is published at (images are shared by every language, so their URL has no language prefix)."""

from __future__ import annotations

import posixpath
import re

ASSETS_URL = "runbooks/assets/"
IMAGE = re.compile(r"!\[(?P<alt>[^\[\]\n]*)\]\(\.\./assets/(?P<name>[^()\s\"]+)(?:\s+\"(?P<title>[^\"]*)\")?\)"
                    r"(?:\{[^}\n]*\})?")


def asset_url(name: str) -> str:
    return ASSETS_URL + name


def shared_image_url(src_uri: str, path: str) -> str | None:
    """`../assets/<file>` written in a runbook (src_uri `<lang>/runbooks/<id>.md`) → `runbooks/assets/<file>`."""
    if posixpath.basename(posixpath.dirname(src_uri)) != "runbooks" or not path.startswith("../assets/"):
        return None
    name = path[len("../assets/"):]
    return asset_url(name) if name and "/" not in name else None
