"""A real KB export of N articles per language, for `make bench`: the real articles of ../shared/corpus
(kcs-sample and kcs-more) as they are, then copies of them under new ids up to N.

A copy is the real article file, every language of it, with only what identifies the article changed:
- its article number (`KA-` + 5 digits not used anywhere in the sources), in the file name, the front
  matter and wherever an article of the export mentions it (so references to other articles follow to
  their copies, as in a KB that really had that many articles);
- its `exl-id` (which groups its translations) and the record id in its `dynamics-url`, derived from the
  original's (uuid5), so each copy is its own translation group and import records its own internal values;
- its `internal-notes`, when it has some, with a copy mark between every five words, so the six-word runs
  import records (hooks/rules/internal_values.py) are new ones, as a new article's notes would be.
Everything else — titles, bodies, front matter with the internal fields, images (`articles/assets/`),
error codes, references, redirects — is the real article's. Guides (pages without an article number)
are kept once, not copied. Output: one `<language folder>/articles/` per language, `python -m hooks
import` reads it like any KB export.
"""

from __future__ import annotations

import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = (REPO.parent / "shared" / "corpus" / "kcs-sample", REPO.parent / "shared" / "corpus" / "kcs-more")
FOLDERS = {"en": "en", "fr": "fr-FR", "pt-BR": "pt-BR", "ja": "ja-JP"}  # site language → export folder

_KA = re.compile(r"\bKA-(\d{5})\b")
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_EXL_ID = re.compile(rf"^(exl-id:\s*['\"]?)({_UUID})", re.MULTILINE)
_DYNAMICS = re.compile(rf"^(dynamics-url:.*?\bid=)({_UUID})", re.MULTILINE)
_NOTES = re.compile(r"^(internal-notes:[ \t]*)(.*\S.*)$", re.MULTILINE)
_ARTICLE_NUMBER = re.compile(r"^article-number:\s*['\"]?KA-\d{5}", re.MULTILINE)


class CorpusMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class Original:
    stem: str  # the file name without .md (the article number for KB articles)
    files: dict[str, Path]  # export folder → the article's file in that language
    copyable: bool  # a KB article (has an article number): copies of it are made


def originals(sources: tuple[Path, ...] = SOURCES) -> list[Original]:
    """Every article of the sources, in source then file-name order (an article in any language)."""
    found: dict[str, dict[str, Path]] = {}
    for source in sources:
        if not source.is_dir():
            raise CorpusMissing(f"{source}: the real KB corpus is missing; the benchmark needs ../shared/corpus")
        for folder in FOLDERS.values():
            for path in sorted((source / folder / "articles").glob("*.md")):
                found.setdefault(path.stem, {}).setdefault(folder, path)
    result = []
    for stem, files in found.items():
        first = next(iter(files.values())).read_text(encoding="utf-8", errors="replace")
        result.append(Original(stem, files, bool(_ARTICLE_NUMBER.search(first.split("\n---", 1)[0]))))
    return result


def plan(articles: list[Original], n: int) -> list[tuple[Original, int]]:
    """(original, copy number) of the N articles of the export: the originals first, then copies."""
    chosen = [(article, 0) for article in articles[:n]]
    copyable = [article for article in articles if article.copyable]
    copy = 1
    while len(chosen) < n and copyable:
        chosen += [(article, copy) for article in copyable[:n - len(chosen)]]
        copy += 1
    return chosen


def _used_numbers(articles: list[Original]) -> set[int]:
    used = set()
    for article in articles:
        for path in article.files.values():
            used.update(int(m) for m in _KA.findall(path.read_text(encoding="utf-8", errors="replace")))
    return used


def _copy_ids(chosen: list[tuple[Original, int]], used: set[int]) -> dict[tuple[str, int], str]:
    """(original stem, copy) → the copy's article number, from numbers no source uses."""
    free = (number for number in range(10000, 100000) if number not in used)
    return {(article.stem, copy): f"KA-{next(free):05d}" for article, copy in chosen if copy}


def _derived_uuid(value: str, copy: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"kb-runbooks-bench/{value.lower()}/{copy}"))


def _marked_notes(text: str, copy: int) -> str:
    words = text.split(" ")  # marks go between words, never after the last (it may close a quote)
    return " ".join(f"{word} c{copy}" if i % 5 == 4 and i < len(words) - 1 else word
                    for i, word in enumerate(words))


def copied_text(text: str, copy: int, ids: dict[str, str]) -> str:
    """The article file `text` as copy number `copy`; `ids`: original article number → this copy's."""
    if not copy:
        return text
    text = _KA.sub(lambda m: ids.get(m.group(), m.group()), text)
    text = _EXL_ID.sub(lambda m: m[1] + _derived_uuid(m[2], copy), text)
    text = _DYNAMICS.sub(lambda m: m[1] + _derived_uuid(m[2], copy), text)
    head, sep, body = text.partition("\n---")
    head = _NOTES.sub(lambda m: m[1] + (m[2] if m[2].strip() in ("null", "~") else _marked_notes(m[2], copy)), head)
    return head + sep + body


def write_export(n: int, dest: Path, sources: tuple[Path, ...] = SOURCES) -> dict:
    """A KB export of N articles per language under `dest` (one folder per language); what it holds."""
    articles = originals(sources)
    chosen = plan(articles, n)
    copy_ids = _copy_ids(chosen, _used_numbers(articles) if any(copy for _, copy in chosen) else set())
    by_copy: dict[int, dict[str, str]] = {}
    for (stem, copy), number in copy_ids.items():
        by_copy.setdefault(copy, {})[stem] = number
    files = 0
    for folder in FOLDERS.values():
        out = dest / folder / "articles"
        (out / "assets").mkdir(parents=True, exist_ok=True)
        redirects = ["source,dest"]
        for source in sources:
            for image in sorted((source / folder / "articles" / "assets").glob("*")):
                if image.is_file() and not (out / "assets" / image.name).exists():
                    shutil.copyfile(image, out / "assets" / image.name)
            csv = source / folder / "redirects.csv"
            if csv.is_file():
                redirects += csv.read_text(encoding="utf-8").splitlines()[1:]
        (dest / folder / "redirects.csv").write_text("\n".join(redirects) + "\n", encoding="utf-8")
        for article, copy in chosen:
            path = article.files.get(folder)
            if path is None:
                continue
            ids = by_copy.get(copy, {})
            name = ids.get(article.stem, article.stem) if copy else article.stem
            text = path.read_text(encoding="utf-8", errors="surrogateescape")
            (out / f"{name}.md").write_text(copied_text(text, copy, ids), encoding="utf-8", errors="surrogateescape")
            files += 1
    return {"articles": len(chosen), "originals": len(articles), "copies": sum(1 for _, c in chosen if c),
            "files": files, "languages": len(FOLDERS)}
