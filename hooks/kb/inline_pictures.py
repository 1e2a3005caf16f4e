"""Pictures a KB article carries inline (`![](data:image/png;base64,…)`) become files in runbooks/assets/.

Real exports embed screenshots in the text, up to 420 KB of base64 on one line (45 of the 400 real
articles, in every language). As files, a picture is stored once for the four languages (each
translation carries the same bytes, so the same name), a runbook's Markdown stays readable in a pull
request, browsers cache the picture, and pages are short: Pagefind, which holds what it reads of every
page in memory, used 613 MB and 5.1 CPU-s to index the French pages of 1,200 real articles with their
pictures inline, 148 MB and 1.3 CPU-s without them.

The file is named by its content (`inline-<sha256>.<type>`), so importing again, or another language of
the same article, writes nothing new and never clashes with another picture. Only raster pictures
whose bytes are what they claim (PNG, JPEG, GIF, WebP, BMP, AVIF: the pictures validation accepts inline)
are moved; anything else (bytes that are not such a picture, base64 that does not decode) stays as it is,
and validation and the build treat it as before.
"""

from __future__ import annotations

import binascii
import hashlib
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

PREFIX = "inline-"
# the first bytes of each raster format → the file's extension
_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"), (b"GIF87a", "gif"), (b"GIF89a", "gif"))
_DIGITS = 20  # of the SHA-256, in hex: 80 bits, no collision among any KB's pictures


@dataclass(frozen=True)
class Picture:
    """An inline picture's bytes and the name of its file under runbooks/assets/."""

    name: str
    data: bytes

    @property
    def kilobytes(self) -> int:
        return max(1, round(len(self.data) / 1024))


def _kind(data: bytes) -> str | None:
    """The extension of a raster picture from its first bytes; None when it is not one we move."""
    for signature, extension in _SIGNATURES:
        if data.startswith(signature):
            return extension
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:12] == b"ftypavif":
        return "avif"
    if data[:2] == b"BM" and len(data) >= 26:
        return "bmp"
    return None


def decode(url: str) -> Picture | None:
    """The picture a `data:image/…` URL holds, or None when `url` is not a raster picture to move."""
    head, comma, payload = url.strip().partition(",")
    if not comma or not head.lower().startswith("data:image/"):
        return None
    params = [part.strip().lower() for part in head[len("data:"):].split(";")]
    raw = unquote_to_bytes(payload)
    if "base64" in params[1:]:
        try:
            raw = binascii.a2b_base64(b"".join(raw.split()), strict_mode=True)
        except (binascii.Error, ValueError):
            return None
    extension = _kind(raw)
    if extension is None:
        return None
    return Picture(f"{PREFIX}{hashlib.sha256(raw).hexdigest()[:_DIGITS]}.{extension}", raw)
