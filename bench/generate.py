"""A realistic benchmark corpus: N articles × 4 languages, shaped like the real KB sample.

Each generated article is a real sample article (../shared/corpus/kcs-sample; in a clone without it, the
trimmed copy in tests/data/kcs-sample), imported with our own importer, under a new id: sizes, headings, code
blocks, images, error codes and KA references follow the sample's distributions exactly because they *are*
the sample's. Articles cycle through the sample; each copy gets its own id, title suffix and one extra
error-code line so that pages are not identical.

Images: KB exports carry an `assets/` folder per language; the importer keeps one copy in
runbooks/assets/ (hooks/kb/article_assets.py), linked as `../assets/<name>`, published once for all languages.
Inline `data:` pictures of the sample (some articles are 400 KB of base64) become asset files on import
(hooks/kb/inline_pictures.py), written here with the sample's images; any other `data:` image left
becomes a reference to one of those images.

Two projects are written from the same articles:
- ours:  runbooks/<lang>/<id>.md (the format `hooks.corpus.runbook_format.dump` writes) + runbooks/assets/;
- stock: docs/<lang>/runbooks/<id>.md plain pages + docs/<lang>/runbooks/assets/ (images per language),
  for `bench/stock/mkdocs.yml` (mkdocs + material + static-i18n, default navigation).
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from hooks.base.problems import ProblemError
from hooks.corpus.frontmatter import read_file
from hooks.corpus.runbook_format import dump
from hooks.kb.conversion import import_document

REPO = Path(__file__).resolve().parent.parent
# The whole sample of ../shared; in a clone without it, the trimmed copy the tests use (tests/data/README.md)
FULL_SAMPLE = REPO.parent / "shared" / "corpus" / "kcs-sample"
TRIMMED_SAMPLE = REPO / "tests" / "data" / "kcs-sample"
SAMPLE = FULL_SAMPLE if FULL_SAMPLE.is_dir() else TRIMMED_SAMPLE
STOCK_CONFIG = Path(__file__).resolve().parent / "stock" / "mkdocs.yml"
LANGS = {"en": "en", "fr": "fr-FR", "pt-BR": "pt-BR", "ja": "ja-JP"}

_DATA_IMAGE = re.compile(r"!\[([^\]]*)\]\(data:image/[^)]*\)")
_ASSET_IMAGE = re.compile(r"(!\[[^\]]*\]\(<?)(?:\./)?assets/")
_ERROR_FAMILIES = ("RED", "DLV", "SOP", "WKF", "XSV", "PGS", "ODB", "NMS")


@dataclass
class SampleArticle:
    stem: str
    meta: dict
    body: str


class SampleMissing(RuntimeError):
    pass


def load_sample(sample: Path = SAMPLE) -> tuple[dict[str, list[SampleArticle]], dict[str, bytes]]:
    """Import every sample article that imports cleanly, per language; and the sample's images (name → bytes)."""
    if not sample.is_dir():
        raise SampleMissing(f"{sample}: the KB sample corpus is missing; the benchmark needs ../shared")
    articles: dict[str, list[SampleArticle]] = {}
    images: dict[str, bytes] = {}
    for lang, folder in LANGS.items():
        source_dir = sample / folder / "articles"
        found = []
        for path in sorted(source_dir.glob("*.md")):
            try:
                imported = import_document(read_file(path), lang, path)
            except ProblemError:
                continue
            if imported.meta.get("type") == "kb-article":  # the 3 guides of the sample are not articles
                found.append(SampleArticle(path.stem, imported.meta, imported.body))
                for picture in imported.pictures:  # inline in the KB: import made them files
                    images.setdefault(picture.name, picture.data)
        articles[lang] = found
        for image in sorted((source_dir / "assets").glob("*")):
            if image.is_file():
                images.setdefault(image.name, image.read_bytes())
    stems = set.intersection(*({a.stem for a in found} for found in articles.values()))
    articles = {lang: [a for a in found if a.stem in stems] for lang, found in articles.items()}
    if not stems:
        raise SampleMissing(f"{sample}: no article imports in all four languages")
    return articles, {name: images[name] for name in sorted(images)}


def article_id(index: int) -> str:
    return f"KA-{10000 + index:05d}"


def _body(sample: SampleArticle, index: int, image_names: list[str], rng: random.Random,
          stock: bool = False) -> str:
    def data_image(match: re.Match) -> str:
        return f"![{match[1]}](../assets/{image_names[rng.randrange(len(image_names))]})"

    body = _DATA_IMAGE.sub(data_image, sample.body)
    body = _ASSET_IMAGE.sub(r"\1../assets/", body)  # ours: runbooks/<lang>/x.md → runbooks/assets/
    if stock:  # docs/<lang>/runbooks/x.md → docs/<lang>/runbooks/assets/
        body = body.replace("](../assets/", "](assets/")
    family = _ERROR_FAMILIES[index % len(_ERROR_FAMILIES)]
    code = f"{family}-{100000 + (index * 7919) % 900000}"
    return body.rstrip("\n") + f"\n\n- `{code} {sample.meta.get('title', '')}`\n"


def generate(n: int, ours: Path | None, stock: Path | None, seed: int = 1,
             sample: Path = SAMPLE) -> dict:
    """Write the benchmark corpus for our site (`ours`) and for the stock site (`stock`)."""
    articles, images = load_sample(sample)
    image_names = list(images)
    count = len(next(iter(articles.values())))
    if ours is not None:
        (ours / "runbooks" / "assets").mkdir(parents=True, exist_ok=True)
        for name, data in images.items():
            (ours / "runbooks" / "assets" / name).write_bytes(data)
    if stock is not None:
        stock.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(STOCK_CONFIG, stock / "mkdocs.yml")
    written = 0
    for lang in LANGS:
        rng = random.Random(f"{seed}-{lang}")
        if stock is not None:
            docs = stock / "docs" / lang
            (docs / "runbooks" / "assets").mkdir(parents=True, exist_ok=True)
            for name, data in images.items():
                (docs / "runbooks" / "assets" / name).write_bytes(data)
            (docs / "index.md").write_text(f"# KB Runbooks ({lang})\n", encoding="utf-8")
            (docs / "runbooks").mkdir(exist_ok=True)
        if ours is not None:
            (ours / "runbooks" / lang).mkdir(parents=True, exist_ok=True)
        for index in range(n):
            sample_article = articles[lang][index % count]
            runbook_id = article_id(index)
            state = rng.getstate()
            body = _body(sample_article, index, image_names, rng)
            title = f"{sample_article.meta.get('title', runbook_id)} ({runbook_id})"
            if ours is not None:
                meta = {**sample_article.meta, "id": runbook_id, "title": title, "article-number": runbook_id}
                meta.pop("exl-id", None)
                if len(str(meta.get("description", ""))) < 3:  # e.g. ja '説明', a localized placeholder
                    meta["description"] = title
                (ours / "runbooks" / lang / f"{runbook_id}.md").write_text(dump(meta, body), encoding="utf-8")
            if stock is not None:
                rng.setstate(state)
                stock_body = _body(sample_article, index, image_names, rng, stock=True)
                (stock / "docs" / lang / "runbooks" / f"{runbook_id}.md").write_text(
                    f"---\ntitle: {_yaml_str(title)}\n---\n\n{stock_body}", encoding="utf-8")
            written += 1
    return {"articles": n, "languages": len(LANGS), "files": written, "sample_articles": count,
            "images": len(images)}


def _yaml_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def generate_runbooks_only(n: int, root: Path, seed: int = 1) -> None:
    """Just runbooks/ (for the `validate` measurement), N articles × 4 languages."""
    generate(n, root, None, seed)
