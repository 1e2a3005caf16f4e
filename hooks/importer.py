"""The import command: KB files → runbooks/<lang>/<id>.md, never half-written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hooks import internal_values, kb_assets, path_safety
from hooks.frontmatter import parse, read_file
from hooks.kb_import import Imported, import_document
from hooks.problems import Problem, ProblemError
from hooks.runbook_format import dump, runbook_path, write_atomic


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    images_copied: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def existing_version(path: Path) -> int | None:
    try:
        meta = read_file(path).meta
    except ProblemError:
        return None
    value = meta.get("version-number")
    return value if isinstance(value, int) else None


def import_one(source: Path, lang: str, root: Path, report: ImportReport, force: bool = False) -> None:
    try:
        doc = read_file(source)
        imported: Imported = import_document(doc, lang, source)
        internal_values.remember_article(root, imported.runbook_id, doc)  # for the output audit
    except ProblemError as exc:
        report.problems.append(exc.problem)
        return
    target = runbook_path(root, lang, imported.runbook_id)
    if target.parent.exists() and not path_safety.is_inside(target, root):
        report.problems.append(Problem(str(target), 1, 1, "outside-repository",
                                       f"{target} resolves outside {root} (a symbolic link?); nothing was written",
                                       f"replace the link with a real folder or file under {root}"))
        return
    text = dump(imported.meta, imported.body)
    parse(text, str(target))  # what we write must read back
    shown = f"{lang}/{imported.runbook_id}"
    report.messages.extend(rewrite.describe(str(source)) for rewrite in imported.rewrites)
    report.messages.extend(imported.notes)
    clashes = [] if force else kb_assets.conflicts(imported.images, root)
    if clashes:
        report.skipped.append((shown, "; ".join(clashes)))
        return
    # images first: a runbook on disk never links to an image that is not there yet
    report.images_copied += kb_assets.copy_images(imported.images, root)
    if target.exists():
        current = target.read_text(encoding="utf-8")
        if current == text:
            report.unchanged.append(shown)
            return
        old = existing_version(target)
        new = imported.meta.get("version-number")
        if old is not None and new is not None and new < old and not force:
            report.skipped.append((shown, f"version {new} is older than the runbook's version {old} "
                                          "(use --force to overwrite)"))
            return
        write_atomic(target, text)
        what = f"version {old} → {new}" if old != new else "content changed"
        report.updated.append(f"{shown} ({what})")
        return
    write_atomic(target, text)
    report.imported.append(shown)
