"""The last line of defence: look through the built site for anything internal, fail the build if found.

Import drops internal fields and validation rejects them in runbooks/, but values can still slip through
(pasted into a body, a title, a template, a JSON file someone adds). After every build this audit reads
every file of the site — HTML, the search indexes (search_index.json, Pagefind's fragments and word
indexes), sitemap.xml and sitemap.xml.gz, JSON (api/), redirect pages — with HTML entities and
%-escapes decoded (and JSON string values decoded too) and reports:
- the names of internal KB fields (`internal-notes`, `dynamics-url`, `article-created-by`, …);
- links or host names of internal systems (`*.corp.adobe.com` Jira/wiki, the CRM `*.crm.dynamics.com`);
- credentials (hooks/data/leaks.yml `secrets`);
- author names and internal notes that import recorded in .internal-values (hooks/rules/internal_values.py).
Messages name the file and line but never repeat a leaked name or note (build logs may be public).
Theme bundles (assets/javascripts, assets/stylesheets) are copied from mkdocs-material, not built from our
content, and are not read.
"""

from __future__ import annotations

import contextlib
import gzip
import html
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from hooks.base import registry
from hooks.base.problems import Problem
from hooks.rules.internal_values import Denylist
from hooks.rules.leak_patterns import LeakPatterns
from hooks.rules.leak_patterns import load as load_patterns

BINARY_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp", ".woff",
                             ".woff2", ".ttf", ".otf", ".eot", ".pdf", ".zip", ".mp4", ".webm",
                             ".wasm", ".pagefind"})  # .pagefind files are Pagefind's WebAssembly
THEME_BUNDLES = ("assets/javascripts/", "assets/stylesheets/")
MAX_FILE_BYTES = 64 * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
PAGEFIND_HEADER = b"pagefind_dcd"


class LeakError(Exception):
    """The finished site contains internal values; `problems` says where."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(str(p) for p in problems[:50])
        more = f"\n… and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{lines}{more}\n{len(problems)} internal value(s) found in the built site; "
                         "it must not be published.")


def site_files(site_dir: Path, since_ns: int | None = None) -> list[Path]:
    """The files to audit, in path order; with `since_ns`, only those modified since then. One scandir
    per folder (no separate stat calls): under `make serve` this runs on every rebuild of a big site."""
    found: list[tuple[str, Path]] = []

    def walk(folder: str, rel: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                path_rel = f"{rel}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    if not (path_rel + "/").startswith(THEME_BUNDLES):
                        walk(entry.path, path_rel + "/")
                elif entry.is_file(follow_symlinks=False):
                    if os.path.splitext(entry.name)[1].lower() in BINARY_SUFFIXES:
                        continue
                    if since_ns is not None and entry.stat(follow_symlinks=False).st_mtime_ns < since_ns:
                        continue
                    found.append((path_rel, Path(entry.path)))

    walk(str(site_dir), "")
    return [path for _, path in sorted(found, key=lambda item: Path(item[0]).parts)]


def _json_strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def views(path: Path) -> list[tuple[str, bool]]:
    """(text, is_the_file_itself) form of a file worth searching: its text, or for JSON the text of its
    keys and string values (JSON escapes undone).

    gzip is undone whatever the name (sitemap.xml.gz, Pagefind's fragments and indexes); Pagefind's
    `pagefind_dcd` header is dropped; bytes that are not UTF-8 (Pagefind's binary word index) are
    replaced, so the words stored in them are still read. HTML entities and %-escapes are undone by
    `decoded`, on the lines not seen before only.
    """
    data = path.read_bytes()[:MAX_FILE_BYTES]
    if data[:2] == GZIP_MAGIC:
        try:
            data = gzip.decompress(data)[:MAX_FILE_BYTES]
        except (OSError, EOFError):
            return []
    data = data.removeprefix(PAGEFIND_HEADER)
    raw = data.decode("utf-8", errors="replace")
    if raw.lstrip()[:1] in ("{", "["):
        with contextlib.suppress(ValueError, RecursionError):
            # every key and string value, escapes undone: all the text a JSON file holds (Pagefind's
            # fragments are a page's whole text on one line: reading it twice doubled their cost)
            return [("\n".join(_json_strings(json.loads(raw))), False)]
    return [(raw, True)]


def decoded(text: str) -> str:
    """Entities and %-escapes undone: decoding only ever reveals text, never hides any."""
    if "&" in text:
        text = html.unescape(text)
    return _ESCAPES.sub(_unquoted, text) if "%" in text else text


# Runs of %-escapes, undone one run at a time: `unquote` over a whole text splits it at every non-ASCII
# character (Japanese text, the bytes of Pagefind's word index), which made it the audit's largest cost.
_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def _unquoted(match: re.Match) -> str:
    return unquote(match.group())


def source_hint(rel: str) -> str:
    """Where a leak in this output file most likely comes from."""
    parts = rel.split("/")
    lang = registry.default_language().code
    if parts and parts[0] in registry.language_codes():
        lang, parts = parts[0], parts[1:]
    if len(parts) >= 3 and parts[0] == "runbooks" and parts[-1] == "index.html":
        return f"runbooks/{lang}/{parts[1]}.md"
    if rel.startswith("search/"):
        return "the runbook the search entry's location points to"
    return "the page, template or data file this output is built from"


def audit_text(text: str, patterns: LeakPatterns, denylist: Denylist) -> Iterator[tuple[int, int, str, str]]:
    """(line, column, rule, message) for every internal value in `text`."""

    def position(offset: int) -> tuple[int, int]:
        line_start = text.rfind("\n", 0, offset) + 1
        return text.count("\n", 0, offset) + 1, offset - line_start + 1

    lowered = text.lower()
    if any(name in lowered for name in patterns.internal_fields):
        for match in patterns.internal_field_names.finditer(text):
            yield *position(match.start()), "internal-field", f"the internal KB field name '{match.group().lower()}'"
    for name, pattern in patterns.internal_hosts.items():
        if pattern.worth_running(lowered):
            for match in pattern.finditer(text):
                yield *position(match.start()), name, f"the internal host '{match.group().lower()}'"
    for name, pattern in patterns.secrets.items():
        if pattern.worth_running(lowered):
            for match in pattern.finditer(text):
                yield *position(match.start()), name, f"a credential ({name})"
    for line, field_name in denylist.find(text):
        yield line, 1, "internal-value", f"a value of the internal KB field '{field_name}' (recorded by import)"


class Audit:
    """One audit of a site: files handed over as text while they are written (the pages, as MkDocs
    writes them: no need to read thousands of files back), then the other files, read from disk.

    Pages repeat most of their lines (navigation, header, footer): each distinct line is decoded and
    checked once, where it first appears, which makes the audit several times faster. A leak repeated on
    many pages is reported on the first one; fixing its source fixes them all. `seen`: lines already
    checked (against the same denylist) by an earlier audit of this site (`make serve` rebuilds).
    """

    def __init__(self, denylist: Denylist, patterns: LeakPatterns | None = None, label: str = "site",
                 seen: set[str] | None = None) -> None:
        self.denylist, self.patterns, self.label = denylist, patterns or load_patterns(), label
        self.seen = set() if seen is None else seen
        self.given: set[str] = set()
        self.problems: list[Problem] = []

    def text(self, rel: str, text: str) -> None:
        """Audit the file `rel` (site-relative) from its text, as it is being written."""
        self.given.add(rel)
        self._check(rel, [(text, True)])

    def files(self, site_dir: Path, since_ns: int | None = None, under: str = "") -> None:
        """Audit the files of `site_dir` not handed over as text (only those written since `since_ns`).
        `under`: where the folder's files will be in the site (a folder they are moved from later)."""
        for path in site_files(site_dir, since_ns):  # `make serve` rebuild: older files were audited before
            self.file(path, under + path.relative_to(site_dir).as_posix())

    def skip(self, rels) -> None:
        """Leave out these files (site-relative): they are audited elsewhere."""
        self.given.update(rels)

    def file(self, path: Path, rel: str) -> None:
        """Audit the file at `path`, `rel` in the site, unless it was handed over or audited already."""
        if rel not in self.given:
            self.given.add(rel)
            self._check(rel, views(path))

    def result(self) -> list[Problem]:
        if self.problems:
            self.seen.clear()  # lines with a leak must be checked (and reported) again next time
        return sorted(self.problems)

    def _check(self, rel: str, forms: list[tuple[str, bool]]) -> None:
        shown = f"{self.label}/{rel}"
        reported: set[tuple[str, str]] = set()
        seen = self.seen
        for text, real_lines in forms:
            kept = []
            for number, line in enumerate(text.split("\n"), start=1):
                if line not in seen:
                    seen.add(line)
                    kept.append((number, line))
            if not kept:
                continue
            chunk = "\n".join(decoded(line).replace("\n", " ") for _, line in kept)
            for line, column, rule, message in audit_text(chunk, self.patterns, self.denylist):
                if (rule, message) in reported:
                    continue
                reported.add((rule, message))
                where = "" if real_lines else " (inside a JSON string)"
                self.problems.append(Problem(
                    shown, kept[line - 1][0] if real_lines else 1, column if real_lines else 1, f"leak-{rule}",
                    f"the published site contains {message}{where}",
                    f"remove it from {source_hint(rel)}; internal KB data must never be published"))


def audit_site(site_dir: Path, denylist: Denylist, patterns: LeakPatterns | None = None,
               label: str = "site", since_ns: int | None = None, seen: set[str] | None = None) -> list[Problem]:
    """Every leak in the files of the site, by file and line (see Audit)."""
    audit = Audit(denylist, patterns, label, seen)
    audit.files(site_dir, since_ns)
    return audit.result()
