from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hooks.base import registry
from hooks.base.paths import RUNBOOKS
from hooks.base.problems import Problem
from hooks.kb import export_folders
from hooks.kb.importer import ImportReport, import_articles
from hooks.rules import products


def language_of(source: Path, given: str | None) -> str | None:
    if given:
        return given
    for folder in (source.parent.parent.name, source.parent.name):
        found = registry.language_from_kb_folder(folder)
        if found:
            return found
    return None


def _no_language(path: Path, folder: Path) -> Problem:
    return Problem(str(path), 0, 0, "unknown-language",
                   f"cannot tell the language from the folder name '{folder.resolve().name}'",
                   f"name the folder after a language (en, fr-FR, pt-BR, ja-JP) or pass --lang "
                   f"{'|'.join(registry.language_codes())}")


def one_line(problem: Problem) -> str:
    """A problem as one line; folder-level problems have no line number to show."""
    if problem.line:
        return str(problem)
    return f"{problem.path}: {problem.severity} [{problem.rule}] {problem.message} Fix: {problem.fix}"


def collect(items: list[str], given: str | None, report: ImportReport) -> tuple[list[tuple[Path, str]], list]:
    """(article, language) pairs and (redirects.csv, language) pairs for files and export folders."""
    articles: list[tuple[Path, str]] = []
    csvs: list[tuple[Path, str]] = []
    for path in export_folders.expand([Path(item) for item in items]):
        if path.is_dir():
            export = export_folders.discover(path, given)
            if export.lang is None:
                report.problems.append(_no_language(path, path))
                continue
            if not export.articles:
                report.problems.append(Problem(str(path), 0, 0, "empty-export", "no articles/*.md in this folder",
                                               "point at a KB export (a folder with articles/KA-*.md)"))
            articles.extend((article, export.lang) for article in export.articles)
            if export.redirects_csv is not None:
                csvs.append((export.redirects_csv, export.lang))
            continue
        lang = language_of(path, given)
        if lang is None:
            report.problems.append(_no_language(path, path.parent))
            continue
        articles.append((path, lang))
    return articles, csvs


def run(args) -> int:
    root = Path(args.root)
    report = ImportReport()
    articles, csvs = collect(args.files, args.lang, report)
    from tqdm import tqdm  # here: every other command starts faster

    # tqdm draws on stderr only when it is a terminal (disable=None), so logs and CI output stay clean.
    import_articles(tqdm(articles, desc="import", unit="article", disable=None, file=sys.stderr), root, report,
                    force=args.force)
    for csv_path, lang in csvs:
        export_folders.import_redirects(csv_path, lang, root, report)
    if args.verbose:
        for message in report.messages:
            print(message)
    for problem in report.problems:
        print(one_line(problem), file=sys.stderr)
    for shown, reason in report.skipped:
        print(f"skipped {shown}: {reason}", file=sys.stderr)
    for line in report.updated:
        print(f"updated {line}")
    for line in report.test_articles:
        print(f"not published: {line} is a KB test article")
    if report.products_added:
        print(f"added {len(report.products_added)} product name(s) to {products.file_for(root)} "
              "(review them in the pull request):")
        for name, count in report.products_added:
            print(f"  {name} ({count} article{'s' if count != 1 else ''})")
    print(f"imported {len(report.imported)}, updated {len(report.updated)}, unchanged {len(report.unchanged)}, "
          f"skipped {len(report.skipped)}, failed {len(report.problems)}; images copied {report.images_copied}")
    return 0 if report.ok and not report.skipped else 1


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="turn KB articles (files or KB export folders) into runbooks")
    p.add_argument("files", nargs="+", metavar="PATH",
                   help="KB article Markdown files, or KB export folders (articles/, redirects.csv)")
    p.add_argument("--lang", choices=registry.language_codes(),
                   help="language of the input (default: from the folder name, e.g. fr-FR → fr)")
    p.add_argument("--root", default=str(RUNBOOKS), help="runbooks folder (default: runbooks/)")
    p.add_argument("--force", action="store_true", help="overwrite a newer runbook with an older version")
    p.add_argument("-q", "--quiet", dest="verbose", action="store_false",
                   help="do not list each link rewrite and note")
    p.set_defaults(func=run)
