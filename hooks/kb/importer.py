"""The import command: KB files → runbooks/<lang>/<id>.md, never half-written."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from hooks.base.problems import Problem, ProblemError
from hooks.corpus import path_safety
from hooks.corpus.frontmatter import Document, parse, read_file
from hooks.corpus.model import Runbook, display_path
from hooks.corpus.runbook_format import dump, runbook_path, write_atomic
from hooks.kb import article_assets
from hooks.kb.conversion import Imported, import_document, is_test_article, normalize_meta, runbook_id_for
from hooks.rules import internal_values, products
from hooks.rules.validate import check_file, context_for


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    images_copied: int = 0
    products_added: list[tuple[str, int]] = field(default_factory=list)  # (name, articles)
    test_articles: list[str] = field(default_factory=list)  # "lang/id: title"

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


@dataclass(frozen=True)
class Article:
    source: Path
    lang: str
    doc: Document

    @property
    def runbook_id(self) -> str | None:
        return runbook_id_for(self.doc.meta, self.source)


def read_articles(pairs: list[tuple[Path, str]], report: ImportReport) -> list[Article]:
    articles = []
    for source, lang in pairs:
        try:
            articles.append(Article(source, lang, read_file(source)))
        except ProblemError as exc:
            report.problems.append(exc.problem)
    return articles


def test_article_ids(articles: list[Article]) -> set[str]:
    """Ids of the KB's test articles: when one language's version is a test article, every language's is."""
    return {a.runbook_id for a in articles if a.runbook_id and is_test_article(a.doc.meta)}


def product_spellings(articles: list[Article], root: Path) -> dict[str, dict[str, int]]:
    """products.key(name) → {spelling: number of articles using it}, over every language: the names the
    runbooks will carry in `product` and `applies-to` (as normalize_meta gives them)."""
    users: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for article in articles:
        try:
            _, meta, _ = normalize_meta(article.doc, article.lang, article.source, root)
        except ProblemError:
            continue  # reported when the article itself is imported
        for name in (*meta.get("product", ()), *meta.get("applies-to", ())):
            users[products.key(name)][name].add(article.runbook_id or str(article.source))
    return {k: {name: len(ids) for name, ids in spellings.items()} for k, spellings in users.items()}


def import_articles(pairs: list[tuple[Path, str]], root: Path, report: ImportReport, force: bool = False) -> None:
    """Import KB articles: read them all, skip the KB's test articles, add their product names to the
    vocabulary (so what is written validates), then write each runbook."""
    articles = read_articles(pairs, report)
    tests = test_article_ids(articles)
    report.test_articles = sorted(f"{a.lang}/{a.runbook_id}: {a.doc.meta.get('title')!r}"
                                  for a in articles if a.runbook_id in tests)
    published = [a for a in articles if a.runbook_id not in tests]
    report.products_added = products.record(root, product_spellings(published, root))
    # for the output audit, before any runbook is checked: every article's internal values, at once
    internal_values.remember_articles(root, [(a.runbook_id or str(a.source), a.doc.meta, _public_text(a.doc))
                                             for a in published])
    for article in published:
        import_one(article.source, article.lang, root, report, force, doc=article.doc)


def _public_text(doc: Document) -> str:
    return "\n".join([str(doc.meta.get("title") or ""), str(doc.meta.get("description") or ""), doc.body])


def _rejected(imported: Imported, text: str, target: Path, root: Path, source: Path) -> list[Problem]:
    """What validate would reject in the runbook about to be written (checked as in CI), at the source."""
    doc = parse(text, str(target))
    runbook = Runbook(imported.runbook_id, imported.language, display_path(target, root), doc.meta, doc.body,
                      doc.body_line, doc.key_lines, doc.positions)
    return [Problem(str(source), 1, 1, f"import-{p.rule}",
                    f"the runbook import would write is invalid ({target.name}:{p.line}: {p.message})",
                    f"correct the KB article; {p.fix}")
            for p in check_file(runbook, context_for(root), strict=True) if p.severity == "error"]


def import_one(source: Path, lang: str, root: Path, report: ImportReport, force: bool = False,
               doc: Document | None = None) -> None:
    """Import one article whose internal values are recorded already (import_articles)."""
    try:
        doc = doc or read_file(source)
        imported: Imported = import_document(doc, lang, source, root)
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
    rejected = _rejected(imported, text, target, root, source)  # what we write must read back and validate
    if rejected:
        report.problems.extend(rejected)
        return
    shown = f"{lang}/{imported.runbook_id}"
    report.messages.extend(rewrite.describe(str(source)) for rewrite in imported.rewrites)
    report.messages.extend(imported.notes)
    clashes = [] if force else article_assets.conflicts(imported.images, root)
    if clashes:
        report.skipped.append((shown, "; ".join(clashes)))
        return
    # images first: a runbook on disk never links to an image that is not there yet
    report.images_copied += article_assets.copy_images(imported.images, root, imported.pictures)
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
