"""`python -m hooks.corpus.error_census FOLDER…`: how many distinct error codes per family a set of KB articles
quotes, and the share of articles (one per language) that quote at least one. The README's numbers.

FOLDER is a KB export (`<folder>/<lang>/articles/*.md`, as in ../shared/corpus/kcs-sample) or a runbooks
folder; articles are read as the build reads runbooks (title + body), without importing them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from hooks.corpus.error_codes import build_index
from hooks.corpus.model import Corpus, Runbook


def _read(path: Path, lang: str) -> Runbook:
    text = path.read_text(encoding="utf-8", errors="replace")
    meta: dict = {}
    body = text
    if text.startswith("---"):
        head, sep, rest = text[3:].partition("\n---")
        if sep:
            try:
                meta = yaml.safe_load(head) or {}
            except yaml.YAMLError:
                meta = {}
            body = rest
    meta = meta if isinstance(meta, dict) else {}
    return Runbook(id=path.stem, language=lang, path=str(path), meta={"title": str(meta.get("title") or "")},
                   body=body, body_line=1)


def articles(folder: Path) -> list[Runbook]:
    found = []
    for path in sorted(folder.glob("*/articles/*.md")) or sorted(folder.glob("*/*.md")):
        lang = path.parent.parent.name if path.parent.name == "articles" else path.parent.name
        found.append(_read(path, lang))
    return found


def census(runbooks: list[Runbook]) -> dict:
    index = build_index(Corpus(runbooks))
    families = {family.id: len(codes) for family, codes in index.by_family(choices=False).items()}
    quoting = sum(1 for r in runbooks if index.by_runbook.get((r.id, r.language)))
    return {"articles": len(runbooks), "quoting": quoting, "families": families,
            "codes": sum(families.values())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.corpus.error_census", description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for folder in args.folders:
        result = census(articles(folder))
        share = result["quoting"] / result["articles"] if result["articles"] else 0
        print(f"{folder}: {result['codes']} distinct codes; {result['quoting']}/{result['articles']} "
              f"articles quote one or more ({share:.0%})")
        for family, count in result["families"].items():
            print(f"  {family:<8} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
