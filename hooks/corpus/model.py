"""Every runbook of every language, read once, with translation groups."""

from __future__ import annotations

import contextlib
import os
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from hooks.base import registry
from hooks.base.problems import Problem
from hooks.corpus import path_safety
from hooks.corpus.frontmatter import Document, read_file


@dataclass
class Runbook:
    id: str
    language: str
    path: str  # as shown in messages, relative to the repository when possible
    meta: dict
    body: str
    body_line: int
    key_lines: dict[str, int] = field(default_factory=dict)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)  # "key" / "key/i" → (line, column)
    # error_codes.quotes of this text; init=False: a copy with another body (dataclasses.replace) starts without
    error_quotes: tuple | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or self.id)

    @property
    def version(self) -> int | None:
        value = self.meta.get("version-number")
        return value if isinstance(value, int) else None

    @property
    def products(self) -> list[str]:
        return list(self.meta.get("product") or [])

    @property
    def hidden(self) -> bool:
        return self.meta.get("hide") is True


@dataclass
class Corpus:
    runbooks: list[Runbook]
    problems: list[Problem] = field(default_factory=list)
    # facts derived from the whole corpus, computed once although every language build asks (translations.status)
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._groups: dict[str, dict[str, Runbook]] = defaultdict(dict)
        for runbook in self.runbooks:
            self._groups[runbook.id].setdefault(runbook.language, runbook)

    def ids(self) -> list[str]:
        return sorted(self._groups)

    def translations(self, runbook_id: str) -> dict[str, Runbook]:
        """Language → runbook, in the site's language order."""
        group = self._groups.get(runbook_id, {})
        return {code: group[code] for code in registry.language_codes() if code in group}

    def get(self, runbook_id: str, lang: str) -> Runbook | None:
        return self._groups.get(runbook_id, {}).get(lang)

    def in_language(self, lang: str) -> list[Runbook]:
        return sorted((r for r in self.runbooks if r.language == lang), key=lambda r: r.id)


@cache
def _base(root: Path) -> Path:
    return root.resolve().parent


@cache
def _base_name(root: Path) -> str:
    return root.resolve().name


def display_path(path: Path, root: Path) -> str:
    if ".." not in path.parts:
        try:  # a file found under root: no need to resolve every path
            return (Path(_base_name(root)) / path.relative_to(root)).as_posix()
        except ValueError:
            pass
    try:
        return path.resolve().relative_to(_base(root)).as_posix()
    except ValueError:
        return str(path)


def runbook_files(root: Path) -> list[Path]:
    """What `root.glob("*/*.md")` finds (no hidden names; symbolic links too: path_safety judges them),
    files only, in path order; one scandir per folder instead of a stat per file."""
    found: list[Path] = []
    with contextlib.suppress(OSError), os.scandir(root) as folders:
        for folder in folders:
            if folder.name.startswith(".") or not folder.is_dir():
                continue
            with os.scandir(folder.path) as entries:
                found.extend(Path(entry.path) for entry in entries
                             if entry.name.endswith(".md") and not entry.name.startswith(".") and entry.is_file())
    return sorted(found)


def read_runbook(path: Path, root: Path) -> Runbook:
    shown = display_path(path, root)
    doc: Document = read_file(path, shown)
    meta = doc.meta
    runbook_id = str(meta.get("id") or path.stem)
    return Runbook(id=runbook_id, language=path.parent.name, path=shown, meta=meta, body=doc.body,
                   body_line=doc.body_line, key_lines=doc.key_lines, positions=doc.positions)


def read_checked(path: Path, root: Path) -> Runbook:
    """read_runbook, after refusing a file under `root` that a symbolic link takes out of the repository
    (raises ProblemError either way). Every reader of the corpus goes through here."""
    if path_safety.lies_under(path, root):  # a file named on the command line may live anywhere
        path_safety.ensure_inside(path, root.parent, path_safety.shown(path, root.parent), "runbook")
    return read_runbook(path, root)
