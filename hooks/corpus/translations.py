"""Translation groups and their status: which languages have a runbook, which translations are stale.

A group is every runbook with the same id, joined with runbooks of other ids that share its `exl-id`
(a KB article and its translations always share the `exl-id`, even when an export lost the article
number). A translation is stale when a newer version exists in another language; at equal versions,
the one published on an earlier day is stale (translations published the same day are not).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from hooks.base import registry
from hooks.corpus.model import Corpus, Runbook

UP_TO_DATE = "up-to-date"
STALE = "stale"
MISSING = "missing"
STATES = (UP_TO_DATE, STALE, MISSING)


@dataclass(frozen=True)
class Cell:
    state: str
    runbook: Runbook | None
    newest: Runbook | None = None  # for a stale translation: the newest version, in another language


@dataclass(frozen=True)
class Row:
    id: str
    title: str
    cells: dict[str, Cell]  # language → cell, every site language


def freshness(runbook: Runbook) -> tuple[int, str]:
    return (runbook.version or 0, str(runbook.meta.get("published") or "")[:10])


def group(corpus: Corpus, runbook_id: str) -> dict[str, Runbook]:
    """Language → runbook for `runbook_id`, completed by runbooks sharing its exl-id."""
    groups = corpus.memo.setdefault("translation_groups", {})
    if runbook_id not in groups:
        groups[runbook_id] = _group(corpus, runbook_id)
    return dict(groups[runbook_id])


def _by_exl_id(corpus: Corpus) -> dict[str, list[tuple[int, Runbook]]]:
    """exl-id → (rank, runbook) in id order: one pass over the corpus, shared by every group (the
    status page and the stale banners ask for thousands of groups; each went through the whole corpus)."""
    if "runbooks_by_exl_id" not in corpus.memo:
        index: dict[str, list[tuple[int, Runbook]]] = {}
        for rank, runbook in enumerate(sorted(corpus.runbooks, key=lambda r: r.id)):
            exl_id = runbook.meta.get("exl-id")
            if exl_id not in (None, "") and isinstance(exl_id, Hashable):  # a YAML list: validate reports it
                index.setdefault(exl_id, []).append((rank, runbook))
        corpus.memo["runbooks_by_exl_id"] = index
    return corpus.memo["runbooks_by_exl_id"]


def _group(corpus: Corpus, runbook_id: str) -> dict[str, Runbook]:
    members = dict(corpus.translations(runbook_id))
    exl_ids = {r.meta.get("exl-id") for r in members.values()} - {None, ""}
    if exl_ids:
        index = _by_exl_id(corpus)
        sharing = sorted((item for exl_id in exl_ids for item in index.get(exl_id, ())), key=lambda item: item[0])
        for _, runbook in sharing:
            members.setdefault(runbook.language, runbook)
    return {code: members[code] for code in registry.language_codes() if code in members}


def newest(members: dict[str, Runbook]) -> Runbook | None:
    """The most recent version of the group; ties go to the site's language order."""
    best: Runbook | None = None
    for runbook in members.values():
        if best is None or freshness(runbook) > freshness(best):
            best = runbook
    return best


def cell(corpus: Corpus, runbook_id: str, lang: str) -> Cell:
    members = group(corpus, runbook_id)
    runbook = members.get(lang)
    if runbook is None:
        return Cell(MISSING, None)
    top = newest(members)
    if top is not None and freshness(runbook) < freshness(top):
        return Cell(STALE, runbook, top)
    return Cell(UP_TO_DATE, runbook)


def status(corpus: Corpus) -> list[Row]:
    if "translation_status" in corpus.memo:
        return corpus.memo["translation_status"]
    rows = corpus.memo["translation_status"] = []
    for runbook_id in corpus.ids():
        members = group(corpus, runbook_id)
        if all(r.hidden for r in members.values()):
            continue
        title = (members.get(registry.default_language().code) or next(iter(members.values()))).title
        rows.append(Row(runbook_id, title,
                        {code: cell(corpus, runbook_id, code) for code in registry.language_codes()}))
    return rows


def count(rows: list[Row], state: str) -> int:
    return sum(1 for row in rows for c in row.cells.values() if c.state == state)
