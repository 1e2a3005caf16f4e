"""Redirects of KB articles: `redirects.csv` of a KB export → runbooks/<lang>/redirects.csv → redirect pages.

A KB export lists `source,dest` URLs. We keep the rows whose source is a KB article URL, as
`id,to` (the article id, the destination URL as the KB wrote it). At build time the destination is
resolved: a KB article URL whose article is a runbook in the same language becomes that runbook's URL,
anything else stays the external URL it is.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from hooks.base import registry
from hooks.base.problems import Problem
from hooks.corpus.model import Corpus, display_path

FILE_NAME = "redirects.csv"
HEADER = ("id", "to")
_KA_URL = re.compile(r"/kbarticles/(KA-\d{5})(?:\.html)?/?$")


@dataclass(frozen=True)
class Redirect:
    runbook_id: str
    to: str
    line: int = 0


def article_id(url: str) -> str | None:
    """`…/experience-cloud-kcs/kbarticles/KA-17912.html` → `KA-17912`."""
    match = _KA_URL.search(urlsplit(url).path)
    return match.group(1) if match else None


def _rows(text: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text))
    return [(reader.line_num, row) for row in reader]


def parse_kb_csv(text: str, path: str) -> tuple[list[Redirect], list[Problem]]:
    """Rows of a KB export's redirects.csv (`source,dest`); rows we cannot use become problems."""
    redirects: list[Redirect] = []
    problems: list[Problem] = []
    try:
        rows = _rows(text)
    except csv.Error as exc:
        return [], [Problem(path, 1, 1, "redirects-csv", f"not a CSV file: {exc}", "write one 'source,dest' per line")]
    for line, row in rows:
        if not row or row == ["source", "dest"]:
            continue
        if len(row) != 2:
            problems.append(Problem(path, line, 1, "redirects-csv", f"expected 2 columns, found {len(row)}",
                                    "write one 'source,dest' per line"))
            continue
        source, dest = (cell.strip() for cell in row)
        runbook_id = article_id(source)
        if runbook_id is None:
            problems.append(Problem(path, line, 1, "redirects-source",
                                    f"source is not a KB article URL: {source}",
                                    "only …/kbarticles/KA-NNNNN URLs can be redirected; remove the row"))
            continue
        if urlsplit(dest).scheme not in ("http", "https"):
            problems.append(Problem(path, line, 1, "redirects-dest", f"destination is not a web URL: {dest}",
                                    "write the destination as https://…"))
            continue
        redirects.append(Redirect(runbook_id, dest, line))
    return redirects, problems


def dump(redirects: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for runbook_id in sorted(redirects):
        writer.writerow((runbook_id, redirects[runbook_id]))
    return out.getvalue()


def read(path: Path, shown: str | None = None) -> tuple[list[Redirect], list[Problem]]:
    """runbooks/<lang>/redirects.csv (`id,to`)."""
    shown = shown or path.as_posix()
    try:
        rows = _rows(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return [], [Problem(shown, 1, 1, "redirects-csv", f"cannot read redirects: {exc}",
                            "save it as UTF-8 CSV with the columns id,to")]
    redirects: list[Redirect] = []
    problems: list[Problem] = []
    for line, row in rows:
        if not row or tuple(row) == HEADER:
            continue
        if len(row) != 2 or not re.fullmatch(r"KA-\d{5}", row[0].strip()) or \
                urlsplit(row[1].strip()).scheme not in ("http", "https"):
            problems.append(Problem(shown, line, 1, "redirects-row", f"not an 'id,to' row: {','.join(row)}",
                                    "write KA-NNNNN,https://… (the article id, then where it moved)"))
            continue
        redirects.append(Redirect(row[0].strip(), row[1].strip(), line))
    return redirects, problems


def load_all(root: Path, languages: tuple[str, ...],
             shown: Callable[[Path], str] = Path.as_posix) -> tuple[dict[str, list[Redirect]], list[Problem]]:
    found: dict[str, list[Redirect]] = {}
    problems: list[Problem] = []
    for lang in languages:
        path = root / lang / FILE_NAME
        if path.is_file():
            found[lang], more = read(path, shown(path))
            problems.extend(more)
    return found, problems


def load_checked(root: Path, corpus: Corpus) -> tuple[dict[str, list[Redirect]], list[Problem]]:
    """Every language's redirects; a redirect that would hide a runbook of its language is a problem."""
    def shown(path: Path) -> str:
        return display_path(path, root)

    found, problems = load_all(root, registry.language_codes(), shown)
    for lang, rows in found.items():
        for row in rows:
            if corpus.get(row.runbook_id, lang) is not None:
                problems.append(Problem(
                    shown(root / lang / FILE_NAME), row.line, 1, "redirect-hides-runbook",
                    f"{row.runbook_id} is a runbook in {lang} and also redirected",
                    f"remove the row, or remove {lang}/{row.runbook_id}.md"))
    return found, problems
