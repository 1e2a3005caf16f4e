"""Keep the big HTML blocks of generated pages (runbook lists, code tables) away from Markdown.

Generated pages are mostly raw HTML: lists of 1,000+ runbooks, tables of every error code. Markdown
passes such blocks through unchanged, but only after its raw-HTML parser has read every tag, which
made a few list pages cost more than a hundred runbooks. Each block (a chunk between blank lines that
starts with a block-level tag) is swapped for a placeholder paragraph before conversion, and put back
into the HTML afterwards: same page, a fraction of the work.
"""

from __future__ import annotations

import re

_BLOCK_START = re.compile(r"<(?:p|ul|ol|table|div|dl)[\s>]")
_PLACEHOLDER = "KBHTMLBLOCK{}X"
_PLACED = re.compile(r"<p>KBHTMLBLOCK(\d+)X</p>(\n?)")


def stash(markdown: str) -> tuple[str, list[str]]:
    """Markdown with placeholders, and the HTML blocks they stand for (in order)."""
    blocks: list[str] = []
    chunks = markdown.split("\n\n")
    for index, chunk in enumerate(chunks):
        if _BLOCK_START.match(chunk):
            chunks[index] = _PLACEHOLDER.format(len(blocks))
            blocks.append(chunk.strip("\n"))
    return "\n\n".join(chunks), blocks


def restore(html: str, blocks: list[str]) -> str:
    if not blocks:
        return html
    # Markdown leaves a blank line after a raw HTML block, unless it ends the page
    return _PLACED.sub(lambda m: blocks[int(m.group(1))] + ("\n\n" if m.group(2) else ""), html)
