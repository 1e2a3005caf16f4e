"""A KB export folder, shaped like the public `experience-cloud-kcs.<lang>` repositories:

    <export>/articles/KA-*.md, <export>/articles/assets/…, <export>/redirects.csv

One language per export; the language comes from the folder name (`fr-FR`, `experience-cloud-kcs.ja-JP`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hooks.base import registry
from hooks.base.problems import Problem
from hooks.corpus import redirects
from hooks.corpus.runbook_format import write_atomic
from hooks.kb.importer import ImportReport


@dataclass(frozen=True)
class Export:
    folder: Path
    lang: str | None
    articles: list[Path]
    redirects_csv: Path | None


def language_of_folder(folder: Path) -> str | None:
    """`fr-FR` → fr; `experience-cloud-kcs.ja-JP` → ja; `…/pt-BR/articles` → pt-BR."""
    folder = folder.resolve()
    names = [folder.name, folder.parent.name] if folder.name == "articles" else [folder.name]
    for name in names:
        for candidate in (name, name.rsplit(".", 1)[-1]):
            found = registry.language_from_kb_folder(candidate)
            if found:
                return found
    return None


def is_export(folder: Path) -> bool:
    return (folder / "articles").is_dir() or folder.name == "articles"


def expand(paths: list[Path]) -> list[Path]:
    """A folder holding several exports (`kcs-sample/en`, `kcs-sample/fr-FR`…) stands for each of them."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir() and not is_export(path):
            subfolders = sorted(p for p in path.iterdir() if p.is_dir() and is_export(p))
            if subfolders:
                out.extend(subfolders)
                continue
        out.append(path)
    return out


def discover(folder: Path, lang: str | None) -> Export:
    root = folder.parent if folder.name == "articles" else folder
    articles_dir = root / "articles" if (root / "articles").is_dir() else folder
    articles = sorted(p for p in articles_dir.glob("*.md") if p.is_file() and p.name.lower() != "readme.md")
    csv_path = root / redirects.FILE_NAME
    return Export(folder, lang or language_of_folder(folder), articles, csv_path if csv_path.is_file() else None)


def import_redirects(csv_path: Path, lang: str, root: Path, report: ImportReport) -> None:
    """Merge the export's redirects into runbooks/<lang>/redirects.csv (rewritten only when it changes)."""
    shown = str(csv_path)
    try:
        text = csv_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        report.problems.append(Problem(shown, 1, 1, "redirects-csv", f"cannot read redirects: {exc}",
                                       "save redirects.csv as UTF-8"))
        return
    rows, problems = redirects.parse_kb_csv(text, shown)
    report.problems.extend(problems)
    target = root / lang / redirects.FILE_NAME
    current: dict[str, str] = {}
    if target.is_file():
        existing, bad = redirects.read(target)
        report.problems.extend(bad)
        current = {r.runbook_id: r.to for r in existing}
    merged = dict(current)
    for row in rows:
        if (root / lang / f"{row.runbook_id}.md").is_file():
            report.skipped.append((f"{shown}:{row.line}", f"{row.runbook_id} is a runbook in {lang}; a redirect "
                                                          "would hide it (remove the runbook or the row)"))
            continue
        merged[row.runbook_id] = row.to
    if merged == current:
        return
    write_atomic(target, redirects.dump(merged))
    report.messages.append(f"{target}: {len(merged)} redirect(s)")
