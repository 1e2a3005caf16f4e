"""A new runbook: valid front matter and the runbook sections, headed in the runbook's language."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from hooks.base import registry
from hooks.corpus.model import Corpus
from hooks.corpus.runbook_format import ID_PATTERN, dump
from hooks.rules import products as products_module

SHARED = ("article-number", "exl-id", "product", "applies-to")


class ScaffoldError(ValueError):
    """Bad arguments; the message says what to do."""


@dataclass(frozen=True)
class Section:
    id: str
    heading: dict[str, str]
    hint: dict[str, str]


@cache
def _data() -> dict:
    with open(registry.DATA_DIR / "sections.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def sections() -> list[Section]:
    return [Section(item["id"], item["heading"], item["hint"]) for item in _data()["sections"]]


def texts() -> dict[str, dict[str, str]]:
    """Every translated text of the data file, keyed like `sections.cause.heading`, for the language test."""
    found = {"title": _data()["title"], "description": _data()["description"]}
    for section in sections():
        found[f"sections.{section.id}.heading"] = section.heading
        found[f"sections.{section.id}.hint"] = section.hint
    return found


def check_products(names: list[str], vocabulary: products_module.Vocabulary | None = None) -> list[str]:
    vocabulary = vocabulary or products_module.load()
    out = []
    for name in names:
        if name in vocabulary.names:
            out.append(name)
            continue
        guess = vocabulary.suggest(name)
        hint = f"did you mean '{guess}'?" if guess else "see hooks/data/products.yml"
        raise ScaffoldError(f"unknown product '{name}': {hint}")
    return out


def front_matter(runbook_id: str, lang: str, corpus: Corpus, title: str | None, products: list[str],
                 now: str, exl_id: str | None = None) -> dict:
    if not ID_PATTERN.match(runbook_id):
        raise ScaffoldError(f"'{runbook_id}' is not a runbook id: use KA-NNNNN (KB article number), "
                            "KT-NNNNN or exl-<first 8 hex digits of the exl-id>")
    kb_article = runbook_id.startswith("KA-")
    meta: dict = {"id": runbook_id, "type": "kb-article" if kb_article else "guide", "language": lang,
                  "title": title or _data()["title"][lang].format(id=runbook_id),
                  "description": _data()["description"][lang].format(id=runbook_id)}
    translation = next(iter(corpus.translations(runbook_id).values()), None)
    if translation is not None:  # a translation: shared fields must agree with the other languages
        meta.update({key: translation.meta[key] for key in SHARED if key in translation.meta})
        if products and products != translation.products:
            raise ScaffoldError(f"{runbook_id} already exists in {translation.path} with product "
                                f"{translation.products}; translations share it: drop --product")
    else:
        if not products:
            raise ScaffoldError(f"{runbook_id} is a new runbook: name its product, e.g. --product "
                                f"'{products_module.load().names[0]}' (names from hooks/data/products.yml)")
        meta["product"] = products
        if runbook_id.startswith("exl-"):
            if not exl_id or not exl_id.startswith(runbook_id[4:]):
                raise ScaffoldError(f"{runbook_id} names an Experience League page: pass its --exl-id "
                                    f"(a UUID starting with {runbook_id[4:]})")
            meta["exl-id"] = exl_id
        if kb_article:
            meta["article-number"] = runbook_id
            meta["applies-to"] = list(products)
    if kb_article:
        meta.setdefault("applies-to", list(meta["product"]))
        meta.update({"version-number": 1, "created": now, "published": now})
    return meta


def body(meta: dict, lang: str) -> str:
    parts = [f"# {meta['title']}\n"]
    for section in sections():
        parts.append(f"## {section.heading[lang]} {{#{section.id}}}\n\n<!-- {section.hint[lang]} -->\n")
    return "\n".join(parts)


def scaffold(runbook_id: str, lang: str, corpus: Corpus, title: str | None, products: list[str],
             now: str, exl_id: str | None = None) -> str:
    """The text of runbooks/<lang>/<id>.md."""
    meta = front_matter(runbook_id, lang, corpus, title, products, now, exl_id)
    return dump(meta, body(meta, lang))
