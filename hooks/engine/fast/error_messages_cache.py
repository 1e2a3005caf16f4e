"""The log messages each runbook quotes after an error code, found once per file in a `mkdocs serve`
session instead of once per rebuild.

api/errors.json and the error-code pages show the messages of the whole corpus
(site/error_messages.by_language), so every rebuild used to scan every runbook again (about two seconds
at 1,200 articles × 4 languages). The incremental loader (rules/loader.load_incremental) hands out the
same Runbook object for a file that did not change, so what was found in a runbook object is kept for
as long as the loader keeps that object; an edited file is a new object, scanned again.
"""

from __future__ import annotations

from hooks.corpus.model import Corpus, Runbook
from hooks.site import error_messages

# id(runbook) → (the runbook, error_messages.of_runbook of it), for the runbooks of the latest cycle (the
# runbook is held so that its id cannot be reused by another object). lives: the serve session
_found: dict[int, tuple[Runbook, list[tuple[str, str]]]] = {}


def fill(corpus: Corpus) -> dict[str, dict[str, list[str]]]:
    """error_messages.by_language(corpus), memoized in the corpus as it is, each runbook scanned only if
    it was not in the previous call's corpus."""
    if "error_messages" in corpus.memo:  # by_language's own memo: nothing to scan
        return corpus.memo["error_messages"]
    kept: dict[int, tuple[Runbook, list[tuple[str, str]]]] = {}

    def messages_of(runbook: Runbook) -> list[tuple[str, str]]:
        found = _found.get(id(runbook))
        if found is None or found[0] is not runbook:
            found = (runbook, error_messages.of_runbook(runbook))
        kept[id(runbook)] = found
        return found[1]

    result = error_messages.by_language(corpus, messages_of)
    _found.clear()
    _found.update(kept)
    return result

