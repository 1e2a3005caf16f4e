"""Nothing is read or written outside the repository: `../` traversal, absolute paths, symbolic links.

- runbooks/: a runbook file (or language folder) that is a symbolic link resolving outside the
  repository is refused before it is read — it would publish whatever it points at;
- import: the file written must resolve inside the runbooks folder; images are looked up only inside
  the KB article's own folder;
- links and images in runbooks: `file:` URLs and relative paths that climb out of the repository are
  reported (`unsafe-path`); MkDocs itself only reads files under docs_dir, so they could never work.
Includes: no Markdown extension that reads other files (pymdownx.snippets) is enabled; a test keeps it so.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from hooks.base.mdtext import mask_code
from hooks.base.problems import Problem, ProblemError

_MD_TARGET = re.compile(r"!?\[[^\[\]\n]*\]\([ \t]*<?(?P<url>[^)\s>]+)")
_HTML_TARGET = re.compile(r"""\b(?:href|src)\s*=\s*(?P<q>["']?)(?P<url>[^"'\s>]+)""", re.IGNORECASE)
_WINDOWS_PATH = re.compile(r"^[A-Za-z]:[\\/]")


def is_inside(path: Path, folder: Path) -> bool:
    """True when `path`, with every symbolic link followed, is `folder` or under it."""
    if _plainly_under(path, folder):
        return True
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _plainly_under(path: Path, folder: Path) -> bool:
    """Written under `folder`, without `..`, through no symbolic link below `folder`: then it resolves
    under `folder` whatever `folder` itself resolves to (the common case: a few lstat calls instead of a
    full resolution of both paths, for each of thousands of runbooks)."""
    base, full = str(folder.absolute()), str(path.absolute())
    if not full.startswith(base.rstrip(os.sep) + os.sep):
        return False
    current = base.rstrip(os.sep)
    for part in full[len(current) + 1:].split(os.sep):
        if part in ("..", ".", ""):
            return False
        current += os.sep + part
        if os.path.islink(current):
            return False
    return True


def lies_under(path: Path, folder: Path) -> bool:
    """True when `path` is written as a path under `folder` (symbolic links not followed)."""
    try:
        path.absolute().relative_to(folder.absolute())
    except ValueError:
        return False
    return True


def shown(path: Path, folder: Path) -> str:
    """`path` relative to `folder` without following symbolic links (as the contributor sees it)."""
    try:
        return path.absolute().relative_to(folder.absolute()).as_posix()
    except ValueError:
        return str(path)


def ensure_inside(path: Path, folder: Path, shown: str, what: str = "file") -> None:
    if not is_inside(path, folder):
        raise ProblemError(Problem(
            shown, 1, 1, "outside-repository",
            f"this {what} resolves outside the repository ({path.resolve()})",
            "replace the symbolic link with the file itself; runbooks must live in the repository"))


def unsafe_target(url: str, page_folder: PurePosixPath) -> str | None:
    """Why a link target would read outside the repository, or None. `page_folder` is repo-relative."""
    url = url.strip()
    if _WINDOWS_PATH.match(url) or url.lower().startswith("file:"):
        return f"'{url}' points at a file on someone's disk"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("#", "/")) or not parts.path:
        return None
    depth = len(page_folder.parts)
    for segment in PurePosixPath(unquote(parts.path).replace("\\", "/")).parts:
        depth = depth - 1 if segment == ".." else depth + (segment not in (".", ""))
        if depth < 0:
            return f"'{url}' climbs out of the repository"
    return None


def check_body(body: str, path: str, first_line: int, page_folder: PurePosixPath) -> list[Problem]:
    problems = []
    for number, line in enumerate(mask_code(body).split("\n")):
        if "](" not in line and "=" not in line:
            continue
        for pattern in (_MD_TARGET, _HTML_TARGET):
            for match in pattern.finditer(line):
                reason = unsafe_target(match["url"], page_folder)
                if reason:
                    problems.append(Problem(path, first_line + number, match.start("url") + 1, "unsafe-path",
                                            f"link target {reason}",
                                            "link to a public https:// URL or to another runbook (KA-12345.md)"))
    return problems


def check_runbooks(runbooks) -> list[Problem]:
    problems: list[Problem] = []
    for runbook in runbooks:
        folder = PurePosixPath(runbook.path).parent  # runbooks/<lang>, relative to the repository
        problems.extend(check_body(runbook.body, runbook.path, runbook.body_line, folder))
    return problems
