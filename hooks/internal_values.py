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

import contextlib
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from hooks.runbook_format import write_atomic

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
    try:
        return _parse(file_for(root).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return set(), set()


def read(root: Path) -> set[tuple[str, tuple[str, ...]]]:
    """The recorded secret entries (for the runbooks folder `root`)."""
    return _read_all(root)[0]


@dataclass
class _Record:
    """The file's entries in memory; the secret ones also by word run (to find what a text publishes)."""

    secret: set
    public: set
    on_disk: tuple[frozenset, frozenset]
    runs: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    lengths: Counter = field(default_factory=Counter)  # run length → how many runs have it

    @classmethod
    def read(cls, root: Path) -> _Record:
        secret, public = _read_all(root)
        record = cls(set(secret), set(public), (frozenset(secret), frozenset(public)))
        record._index(secret)
        return record

    def _index(self, entries) -> None:
        for name, hashes in entries:
            names = self.runs.setdefault(hashes, set())
            if not names:
                self.lengths[len(hashes)] += 1
            names.add(name)

    def _unindex(self, entries) -> None:
        for name, hashes in entries:
            names = self.runs.get(hashes)
            if names and name in names:
                names.discard(name)
                if not names:
                    del self.runs[hashes]
                    self.lengths[len(hashes)] -= 1

    def published(self, text: str) -> set[tuple[str, tuple[str, ...]]]:
        """The indexed entries whose word run occurs in `text` (one lookup per word and run length)."""
        hashed = _hashed(_WORD.findall(text.casefold()))
        lengths = sorted(length for length, count in self.lengths.items() if count)
        found = set()
        for i in range(len(hashed)):
            for length in lengths:
                if i + length > len(hashed):
                    break
                run = tuple(hashed[i:i + length])
                found.update((name, run) for name in self.runs.get(run, ()))
        return found

    def remember(self, meta: dict, public_text: str) -> int:
        before = set(self.secret)
        new = entries_from_meta(meta)
        self.secret |= new
        self._index(new)
        if public_text:
            self.public |= self.published(public_text)
        gone = self.secret & self.public
        self.secret -= gone
        self._unindex(gone)
        return len(new - before - self.public)

    def write(self, root: Path) -> None:
        if (self.secret, self.public) == self.on_disk:
            return  # importing again rewrites nothing
        lines = sorted(f"{name}\t{' '.join(hashes)}" for name, hashes in self.secret)
        lines += sorted(f"{PUBLIC}{name}\t{' '.join(hashes)}" for name, hashes in self.public)
        write_atomic(file_for(root), _HEADER + "\n".join(lines) + "\n")
        self.on_disk = (frozenset(self.secret), frozenset(self.public))


_batches: dict[Path, _Record] = {}
_since_write: dict[Path, int] = {}
# Within a batch the file is also written every FLUSH_EVERY articles: an import killed outright (no
# `finally`) loses at most these; importing again records them (import remembers every article it reads,
# unchanged ones too). A few writes per thousand articles keep the import linear.
FLUSH_EVERY = 200


@contextlib.contextmanager
def batch(root: Path) -> Iterator[None]:
    """Within it, `remember` keeps the file's entries in memory and writes the file every FLUSH_EVERY
    articles and at the end (an import of thousands of articles read, indexed and rewrote the whole file
    for each article)."""
    key = file_for(root).resolve()
    if key in _batches:
        yield
        return
    _batches[key], _since_write[key] = _Record.read(root), 0
    try:
        yield
    finally:
        _since_write.pop(key)
        _batches.pop(key).write(root)


def remember(root: Path, meta: dict, public_text: str = "") -> int:
    """Record the internal values of one KB article's front matter; returns how many entries were new.

    Word runs that an imported article publishes (`public_text`: its title, description and body, and
    its translations) are not secret: an internal note of the French article may be the title of the
    English one, or a public help link. They are remembered as public, so the result does not depend
    on the order articles are imported in, and importing again rewrites nothing.
    """
    key = file_for(root).resolve()
    record = _batches.get(key)
    if record is not None:
        count = record.remember(meta, public_text)
        _since_write[key] += 1
        if _since_write[key] >= FLUSH_EVERY:
            record.write(root)
            _since_write[key] = 0
        return count
    record = _Record.read(root)
    count = record.remember(meta, public_text)
    record.write(root)
    return count


def remember_article(root: Path, runbook_id: str, doc) -> int:
    """`remember` for a KB article being imported; what it or its translations publish is public."""
    texts = [str(doc.meta.get("title") or ""), str(doc.meta.get("description") or ""), doc.body]
    for path in sorted(root.glob(f"*/{runbook_id}.md")):
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
    return remember(root, doc.meta, "\n".join(texts))


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

    def _any(self, hashed: list[str]) -> bool:
        """Whether any entry occurs in `hashed`: every window of each entry length against the entries of
        that length, as set operations (no Python loop over the words; most texts hold no entry)."""
        return any(not runs.isdisjoint(zip(*[hashed[k:] for k in range(length)], strict=False))
                   for length, runs in self._by_length.items())

    def __len__(self) -> int:
        return len(self.entries)

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
