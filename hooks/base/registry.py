"""The data files people edit: languages, product vocabulary, UI strings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "runbook.schema.json"


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    kb: tuple[str, ...]

    @property
    def url_prefix(self) -> str:
        """Site-root-relative prefix: '' for the default language, 'fr/' for the others."""
        return "" if self.code == default_language().code else f"{self.code}/"


def _load(name: str):
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def languages() -> tuple[Language, ...]:
    return tuple(
        Language(code=item["code"], name=item["name"], kb=tuple(item.get("kb", [item["code"]])))
        for item in _load("languages.yml")
    )


def language_codes() -> tuple[str, ...]:
    return tuple(lang.code for lang in languages())


def default_language() -> Language:
    return languages()[0]


def language(code: str) -> Language:
    for lang in languages():
        if lang.code == code:
            return lang
    raise KeyError(code)


def language_from_kb_folder(name: str) -> str | None:
    """`fr-FR` → `fr`, `ja-JP` → `ja`; None when the folder names no site language."""
    lowered = name.lower()
    for lang in languages():
        if lowered in (alias.lower() for alias in (*lang.kb, lang.code)):
            return lang.code
    return None


@cache
def ui_strings() -> dict[str, dict[str, str]]:
    """All UI strings: every file in data/ui/ (one per feature), merged; a key may appear once."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted((DATA_DIR / "ui").glob("*.yml")):
        for key, values in (_load(f"ui/{path.name}") or {}).items():
            if key in merged:
                raise ValueError(f"UI string '{key}' is defined twice (second time in {path.name})")
            merged[key] = values
    return merged


def ui(lang: str) -> dict[str, str]:
    """The UI strings of one language, keyed like `header.version`."""
    return {key: values[lang] for key, values in ui_strings().items()}


def t(lang: str, key: str, **values: object) -> str:
    text = ui_strings()[key][lang]
    return text.format(**values) if values else text
