"""The product vocabulary: open to the KB, closed to typos.

`hooks/data/products.yml` lists the canonical product names (and spellings people asked to map to them).
`python -m hooks import` adds every name its KB articles use (`record`), so a real export never fails on a
product the vocabulary has not seen yet, and the addition shows in the pull request. A hand-written runbook
must use a name of the file: a near miss is reported with a suggestion.

Spellings of one product are one name: case, spacing and an `Adobe ` prefix do not count
(`adobe experience manager` is `Experience Manager`). A suggestion never swaps a version for another:
`Experience Manager 6.5` is not a typo of `Experience Manager 6.4`.

The file belongs to the project the runbooks folder is in: `<runbooks>/../hooks/data/products.yml` (import
into a scratch folder writes that folder's own copy, never the repository's).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from hooks.base.problems import Problem
from hooks.base.registry import DATA_DIR
from hooks.corpus.runbook_format import write_atomic

FILE = DATA_DIR / "products.yml"
RELATIVE = Path("hooks") / "data" / "products.yml"
MAX_NAME = 100  # the longest real KB product name has 46 characters
_ADOBE = re.compile(r"^adobe\s+", re.IGNORECASE)
_VERSION_TOKEN = re.compile(r"\w*\d[\w.]*")
_HEADER = """\
# Controlled vocabulary for `product` and `applies-to`.
# Each entry: the canonical name, then aliases that importers accept and rewrite to it.
# Case, spacing and an 'Adobe ' prefix never count: 'adobe campaign' is 'Campaign'.
# `python -m hooks import` adds the names its KB articles use (entries with `from: kb-import`) and prints them;
# review them in the pull request. Validation of runbooks accepts canonical names only and suggests the nearest.
"""


def key(name: str) -> str:
    """What two spellings of one product have in common."""
    return _ADOBE.sub("", " ".join(unicodedata.normalize("NFKC", name).split())).casefold()


def tidy(name: str) -> str:
    """A KB spelling as a vocabulary name: spaces collapsed, no `Adobe ` prefix."""
    text = " ".join(unicodedata.normalize("NFKC", name).split())
    return _ADOBE.sub("", text) or text


def unusable(name: str) -> str | None:
    """Why `name` cannot be a product name, or None."""
    if not name.strip():
        return "it is empty"
    if len(name) > MAX_NAME:
        return f"it is {len(name)} characters long (at most {MAX_NAME})"
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in name):
        return "it contains control or invisible characters"
    if re.search(r"[<>{}\[\]`|\\]", name):
        return "it contains markup characters (< > { } [ ] ` | \\)"
    return None


def versions(name: str) -> tuple[str, ...]:
    """The tokens with digits (versions, years): never changed by a suggestion."""
    return tuple(sorted(token.casefold() for token in _VERSION_TOKEN.findall(name)))


@dataclass(frozen=True)
class Vocabulary:
    names: tuple[str, ...]  # canonical names, in file order
    spellings: dict[str, str]  # key(spelling) → canonical name

    def canonical(self, name: str) -> str | None:
        """The canonical name `name` is a spelling of, or None."""
        return self.spellings.get(key(name))

    def suggest(self, name: str) -> str | None:
        """The nearest canonical name, when `name` looks like a typo of it (same version tokens)."""
        exact = self.canonical(name)
        if exact:
            return exact
        wanted = versions(name)
        choices = [n for n in self.names if versions(n) == wanted]
        found = process.extractOne(key(name), {n: key(n) for n in choices}, scorer=fuzz.ratio, score_cutoff=80)
        return found[2] if found else None


def file_for(root: Path) -> Path:
    """The vocabulary of the project whose runbooks folder is `root` (the package's when it has none)."""
    own = root.resolve().parent / RELATIVE
    return own if own.is_file() else FILE


def _entries(path: Path) -> list[dict]:
    """The usable entries of the file (file_problems reports the others, and a file that does not read)."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or []
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    if not isinstance(data, list):
        return []
    return [item for item in data if isinstance(item, dict) and isinstance(item.get("name"), str)
            and not unusable(item["name"])]


def file_problems(path: Path, shown: str) -> list[Problem]:
    """What is wrong with a vocabulary file, at its line and column, so a bad edit fails clearly."""
    def problem(node, message: str, fix: str) -> Problem:
        mark = node.start_mark if node is not None else None
        return Problem(shown, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, "products-file",
                       message, fix)

    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        return [Problem(shown, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, "products-file",
                        f"cannot read the product vocabulary: {getattr(exc, 'problem', None) or exc}",
                        "fix the YAML syntax: a list of '- name: …' entries")]
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        return [problem(root, "the product vocabulary is not a list", "write one '- name: …' entry per product")]
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for item in root.value:
        fields = {k.value: v for k, v in item.value} if isinstance(item, yaml.MappingNode) else {}
        name_node = fields.get("name")
        if not isinstance(name_node, yaml.ScalarNode):
            problems.append(problem(item, "an entry without a 'name'", "write '- name: <the product's name>'"))
            continue
        alias_nodes = fields.get("aliases")
        spellings = [name_node] + (list(alias_nodes.value) if isinstance(alias_nodes, yaml.SequenceNode) else [])
        for node in spellings:
            text = str(node.value)
            why = unusable(text)
            if why:
                problems.append(problem(node, f"'{text[:60]}' cannot be a product name: {why}",
                                        "write the product's name in plain text"))
            elif key(text) in seen and seen[key(text)] != name_node.value:
                problems.append(problem(node, f"'{text}' is already a spelling of '{seen[key(text)]}'",
                                        "keep one entry per product; put other spellings under its 'aliases'"))
            else:
                seen.setdefault(key(text), name_node.value)
    return problems


@lru_cache(maxsize=8)
def _load(path: Path, stamp: tuple[int, int]) -> Vocabulary:
    spellings: dict[str, str] = {}
    names: list[str] = []
    for item in _entries(path):
        name = item["name"]
        names.append(name)
        spellings.setdefault(key(name), name)
        for alias in item.get("aliases") or []:
            spellings.setdefault(key(str(alias)), name)
    return Vocabulary(tuple(names), spellings)


def load(path: Path = FILE) -> Vocabulary:
    """The vocabulary in `path`, read again when the file changes (import adds names during a run)."""
    stat = path.stat()
    return _load(path, (stat.st_mtime_ns, stat.st_size))


def for_root(root: Path) -> Vocabulary:
    return load(file_for(root))


def choose_spelling(spellings: dict[str, int]) -> str:
    """The name recorded for one product seen as several spellings: the most used, then the first in order
    (so the result does not depend on the order articles are read in)."""
    return min(spellings, key=lambda s: (-spellings[s], s))


def record(root: Path, seen: dict[str, dict[str, int]]) -> list[tuple[str, int]]:
    """Add to the project's vocabulary the products of `seen` (key → {tidy spelling: articles}) that it does not
    know; returns (name, articles) of each addition. Writes `<project>/hooks/data/products.yml`."""
    source = file_for(root)
    vocabulary = load(source)
    added = sorted((choose_spelling(spellings), sum(spellings.values()))
                   for product_key, spellings in seen.items() if product_key not in vocabulary.spellings)
    if not added:
        return []
    target = root.resolve().parent / RELATIVE
    entries = _entries(source)
    entries += [{"name": name, "from": "kb-import"} for name, _ in added]
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, _HEADER + yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=200))
    return added
