"""Internal values the output audit must never find: author names and internal notes seen by import.

`python -m hooks import` records, for every KB article it reads, the values of `internal-notes`,
`dynamics-url`, `article-created-by` and `article-published-by` in `.internal-values` beside the runbooks
folder (the repository root: every checkout and CI build has it; runbooks/ holds only runbooks).
Values are stored as sequences of salted word hashes, not as text: the file does not become a readable
list of names and notes. (A short value such as a name can still be guessed by trying candidates; the
file is not published.)

A value is cut into words (Unicode `\\w+`, case-folded). Short values (up to SHINGLE words) are looked for
whole; longer ones (internal notes) as every run of SHINGLE consecutive words, so a leaked sentence of
a note is found even when the rest of the note is not there. Single words shorter than MIN_WORD
characters ("test", "n/a") are too common to be evidence of a leak and are not recorded.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from hooks.corpus.runbook_format import write_atomic

FILE_NAME = ".internal-values"
VALUE_FIELDS = ("internal-notes", "dynamics-url", "article-created-by", "article-published-by")
SHINGLE = 6
MIN_WORD = 6
_SALT = b"kb-runbooks/internal-values/v1"
_WORD = re.compile(r"\w+")
_HEADER = (
    "# Internal KB values the site must never contain (output audit). Written by `python -m hooks import`.\n"
    "# One entry per line: field, then the salted hashes of a run of words. Do not edit by hand;\n"
    "# delete a line only if the audit reports a false positive.\n"
)


def words(text: str) -> Iterator[re.Match]:
    return _WORD.finditer(text.casefold())


@lru_cache(maxsize=200_000)
def digest(word: str) -> str:
    return hashlib.blake2b(word.encode("utf-8"), digest_size=6, key=_SALT).hexdigest()


def entries_for(field_name: str, value) -> set[tuple[str, tuple[str, ...]]]:
    if value is None or isinstance(value, bool):
        return set()
    text = str(value).strip()
    if not text or text.lower() in (field_name, "null", "none"):
        return set()
    hashes = [digest(m.group()) for m in words(text)]
    if not hashes or (len(hashes) == 1 and len(text) < MIN_WORD):
        return set()
    if len(hashes) <= SHINGLE:
        return {(field_name, tuple(hashes))}
    return {(field_name, tuple(hashes[i:i + SHINGLE])) for i in range(len(hashes) - SHINGLE + 1)}


def entries_from_meta(meta: dict) -> set[tuple[str, tuple[str, ...]]]:
    found: set[tuple[str, tuple[str, ...]]] = set()
    for name in VALUE_FIELDS:
        value = meta.get(name)
        for item in value if isinstance(value, list) else [value]:
            found |= entries_for(name, item)
    return found


PUBLIC = "public:"  # entries some imported article publishes itself: never recorded as secret


def file_for(root: Path) -> Path:
    return root.parent / FILE_NAME


def _parse(text: str) -> tuple[set, set]:
    secret, public = set(), set()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, hashes = line.partition("\t")
        parts = tuple(hashes.split())
        if parts:
            if name.startswith(PUBLIC):
                public.add((name.removeprefix(PUBLIC).strip(), parts))
            else:
                secret.add((name.strip(), parts))
    return secret, public


def _read_all(root: Path) -> tuple[set, set]:
    return _read_file(file_for(root))


def _read_file(path: Path) -> tuple[set, set]:
    try:
        return _parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return set(), set()


def read(root: Path) -> set[tuple[str, tuple[str, ...]]]:
    """The recorded secret entries (for the runbooks folder `root`)."""
    return _read_all(root)[0]


def remember(root: Path, meta: dict, public_text: str = "") -> int:
    """Record the internal values of one KB article's front matter; returns how many entries were new.

    Word runs that an imported article publishes (`public_text`: its title, description and body, and
    its translations) are not secret: an internal note of the French article may be the title of the
    English one, or a public help link. They are remembered as public, so the result does not depend
    on the order articles are imported in, and importing again rewrites nothing.
    """
    secret, on_disk = _read_all(root)
    new = entries_from_meta(meta)
    public = on_disk | Denylist(new | secret).matching(public_text) if public_text else on_disk
    return _write(root, secret, new, public, on_disk)


def remember_articles(root: Path, articles: list[tuple[str, dict, str]]) -> int:
    """`remember` for KB articles being imported, (runbook id, front matter, public text) each, in one read
    and one write of the file: what an article or its translations (imported now or already in `root`)
    publish is public. Returns how many entries were new."""
    secret, on_disk = _read_all(root)
    public = on_disk
    new: set = set()
    texts: dict[str, list[str]] = defaultdict(list)
    for runbook_id, meta, text in articles:
        new |= entries_from_meta(meta)
        texts[runbook_id].append(text)
    if not new - secret:
        return 0
    denylist = Denylist(new | secret)
    for runbook_id, parts in texts.items():
        for path in sorted(root.glob(f"*/{runbook_id}.md")):
            try:
                parts.append(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                continue
        public = public | denylist.matching("\n".join(parts))
    return _write(root, secret, new, public, on_disk)


def _write(root: Path, secret: set, new: set, public: set, public_on_disk: set) -> int:
    result = (secret | new) - public
    if result != secret or public != public_on_disk:
        lines = sorted(f"{name}\t{' '.join(hashes)}" for name, hashes in result)
        lines += sorted(f"{PUBLIC}{name}\t{' '.join(hashes)}" for name, hashes in public)
        write_atomic(file_for(root), _HEADER + "\n".join(lines) + "\n")
    return len(new - secret - public)


@dataclass
class Denylist:
    """The recorded entries, looked up as a hash set of word runs: a text is read once, and at each word
    that starts an entry, one lookup per distinct entry length (at most SHINGLE), however many values
    were recorded (a real import records tens of thousands; comparing each text with every entry that
    starts with a common word made the audit cost pages × values)."""

    entries: set[tuple[str, tuple[str, ...]]]
    _runs: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict, init=False)  # → field names
    _firsts: frozenset[str] = field(default=frozenset(), init=False)
    _lengths: tuple[int, ...] = field(default=(), init=False)
    _by_length: dict[int, frozenset[tuple[str, ...]]] = field(default_factory=dict, init=False)
    _singles: frozenset[str] = field(default=frozenset(), init=False)  # entries of one word
    _pairs: frozenset[tuple[str, str]] = field(default=frozenset(), init=False)  # entries of two words
    _triples: frozenset[tuple[str, str, str]] = field(default=frozenset(), init=False)  # the others' first three

    def __post_init__(self) -> None:
        runs: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for name, hashes in sorted(self.entries):
            if hashes:
                runs[hashes].append(name)
        self._runs = {hashes: tuple(names) for hashes, names in runs.items()}
        self._firsts = frozenset(hashes[0] for hashes in self._runs)
        self._lengths = tuple(sorted({len(hashes) for hashes in self._runs}))
        self._by_length = {length: frozenset(run for run in self._runs if len(run) == length)
                           for length in self._lengths}
        self._singles = frozenset(run[0] for run in self._by_length.get(1, ()))
        self._pairs = frozenset(self._by_length.get(2, ()))
        self._triples = frozenset(run[:3] for run in self._runs if len(run) > 2)

    def _any(self, hashed: list[str]) -> bool:
        """Whether any entry occurs in `hashed`. Most texts hold none, and show it by three set operations:
        no word is an entry of one word, no two words in a row are an entry of two, no three words in a row
        start a longer one; only a text where three do is checked against each longer entry length (every
        window, as set operations: no loop over words)."""
        if not self._singles.isdisjoint(hashed) or not self._pairs.isdisjoint(pairwise(hashed)):
            return True
        if self._triples.isdisjoint(zip(hashed, hashed[1:], hashed[2:], strict=False)):
            return False
        return any(not runs.isdisjoint(zip(*[hashed[k:] for k in range(length)], strict=False))
                   for length, runs in self._by_length.items() if length > 2)

    def __len__(self) -> int:
        return len(self.entries)

    def occurs_in(self, text: str) -> bool:
        """Whether any entry occurs in `text` (what `find` would find something in, told faster)."""
        return bool(self._runs) and self._any(_hashed(_WORD.findall(text.casefold())))

    def _at(self, hashed: list[str], i: int) -> Iterator[tuple[str, tuple[str, ...]]]:
        """The entries whose word run starts at word `i` of `hashed`."""
        runs, rest = self._runs, len(hashed) - i
        for length in self._lengths:
            if length > rest:
                break
            run = tuple(hashed[i:i + length])
            for name in runs.get(run, ()):
                yield name, run

    def matching(self, text: str) -> set[tuple[str, tuple[str, ...]]]:
        """The entries whose word sequence occurs in `text`."""
        hashed = _hashed([m.group() for m in _WORD.finditer(text.casefold())])
        found: set[tuple[str, tuple[str, ...]]] = set()
        for i, value in enumerate(hashed):
            if value in self._firsts:
                found.update(self._at(hashed, i))
        return found

    def find(self, text: str) -> Iterator[tuple[int, str]]:
        """(line, field) of every recorded word sequence found in `text`: at a word where several
        start, the first field name in sorted order (then the shortest run) is reported."""
        if not self._runs:
            return
        folded = text.casefold()
        hashed = _hashed(_WORD.findall(folded))
        if not self._any(hashed):
            return
        firsts, starts = self._firsts, None
        for i, value in enumerate(hashed):
            if value in firsts:
                found = min(self._at(hashed, i), default=None)
                if found is not None:
                    if starts is None:  # where each word starts: needed only for a leak's line
                        starts = [m.start() for m in _WORD.finditer(folded)]
                    yield folded.count("\n", 0, starts[i]) + 1, found[0]


def _hashed(words_: list[str]) -> list[str]:
    """The digest of every word (`digest` remembers the words it has seen)."""
    return list(map(digest, words_))


def load(root: Path) -> Denylist:
    return Denylist(read(root))


def load_file(path: Path) -> Denylist:
    """The denylist recorded in `path` (a `.internal-values` file)."""
    return Denylist(_read_file(path)[0])
