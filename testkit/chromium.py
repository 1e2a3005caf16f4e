"""The Chromium the browser tests and the search-quality benchmark drive (Debian's package)."""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
INSTALL_HINT = f"Chromium not found at {CHROMIUM}: sudo apt-get install chromium chromium-driver"
