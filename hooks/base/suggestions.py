"""The nearest known name to a misspelt one, for "did you mean" fixes."""

from __future__ import annotations

from rapidfuzz import process


def suggest(word: str, choices, cutoff: float = 70) -> str | None:
    found = process.extractOne(word, list(choices), score_cutoff=cutoff)
    return found[0] if found else None
