"""Which runbooks each generated page is made from, so `mkdocs serve --dirty` rebuilds only what changed.

A runbook page depends on its own files. An error-code page lists every runbook quoting the code, in
every language, so it depends on those runbooks, also on the ones that quoted it before the last edit
(an edit that removes a code must update that code's page). The error index counts codes of every
runbook: it depends on all of them. A page whose sources are unknown is always rebuilt (None).
"""

from __future__ import annotations

from hooks.corpus.error_codes import ErrorIndex

# lives: the serve session (the process): slug -> runbook ids quoting it, from the previous build cycle
_previous: dict[str, frozenset[str]] = {}
_previous_ids: set[str] = set()  # lives: likewise (the runbook ids of the previous build cycle)


def code_sources(index: ErrorIndex) -> dict[str, frozenset[str]]:
    """slug -> ids of the runbooks quoting the code now or in the previous cycle; remembers this cycle."""
    now = {slug: frozenset(rid for ids in code.runbooks.values() for rid in ids)
           for slug, code in index.codes.items()}
    for slug, code in index.codes.items():  # classes of one simple name list each other (and their choice)
        if code.choices:
            together = frozenset().union(now[slug], *(now[choice] for choice in code.choices))
            for member in (slug, *code.choices):
                now[member] = together
    sources = {slug: ids | _previous.get(slug, frozenset()) for slug, ids in now.items()}
    _previous.clear()
    _previous.update(now)
    return sources


def newest(runbook_ids, changed_at: dict[str, float | None]) -> float | None:
    """Newest modification time of these runbooks' files; None when one of them is unknown or new."""
    latest = 0.0
    for runbook_id in runbook_ids:
        mtime = changed_at.get(runbook_id)
        if mtime is None:
            return None
        latest = max(latest, mtime)
    return latest


def everything(changed_at: dict[str, float | None]) -> float | None:
    """Newest modification time over the whole corpus (pages that list every runbook); None when a
    runbook was added or removed since the previous cycle."""
    same = set(changed_at) == _previous_ids
    _previous_ids.clear()
    _previous_ids.update(changed_at)
    if not same or not changed_at or any(mtime is None for mtime in changed_at.values()):
        return None
    return max(changed_at.values())
