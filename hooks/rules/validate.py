"""One validator for the build and the command line: they cannot disagree.

Per-file shape comes from the published JSON Schema; cross-file rules (vocabulary, folder and
file name, duplicates, translations agreeing) are checked here.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import fastjsonschema
from jsonschema import Draft202012Validator

from hooks.base import registry
from hooks.base.problems import Problem
from hooks.base.suggestions import suggest
from hooks.corpus import path_safety, redirects
from hooks.corpus.model import Corpus, Runbook, display_path
from hooks.corpus.runbook_format import FIELD_ORDER, INTERNAL_FIELDS
from hooks.rules import html_safety, internal_values, leak_lint, products
from hooks.rules.images import missing_images
from hooks.rules.internal_values import Denylist
from hooks.rules.placeholders import is_placeholder

SHARED_FIELDS = ("article-number", "exl-id", "product", "applies-to")


@dataclass(frozen=True)
class Context:
    """What the rules need from the project around a runbooks folder, read once per check of the corpus:
    its product vocabulary and the internal values import recorded."""

    vocabulary: products.Vocabulary
    denylist: Denylist


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=8)
def _context(vocabulary_file: Path, values_file: Path | None, stamps: tuple) -> Context:
    return Context(products.load(vocabulary_file),
                   internal_values.load_file(values_file) if values_file else Denylist(set()))


def context_for(root: Path | None) -> Context:
    """The same object while neither data file changes (`make serve` keeps checks made with it)."""
    vocabulary_file = products.FILE if root is None else products.file_for(root)
    values_file = None if root is None else internal_values.file_for(root)
    return _context(vocabulary_file, values_file,
                    (_stamp(vocabulary_file), _stamp(values_file) if values_file else None))


@cache
def schema_validator() -> Draft202012Validator:
    with open(registry.SCHEMA_PATH, encoding="utf-8") as fh:
        schema = json.load(fh)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def _fast_schema_check():
    """The same schema compiled to Python code: ~20x faster than jsonschema, but it stops at the first
    error. A runbook it accepts has no schema problem (tests/rules/test_validate_schema_agree.py holds the
    two libraries to the same verdict); one it rejects is re-checked by jsonschema for every error."""
    with open(registry.SCHEMA_PATH, encoding="utf-8") as fh:
        return fastjsonschema.compile(json.load(fh))


def schema_accepts(meta: dict) -> bool:
    try:
        _fast_schema_check()(meta)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _problem(runbook: Runbook, key: str | None, rule: str, message: str, fix: str) -> Problem:
    """A problem at the key's line (column 1); `key/3` points at the fourth item of a list."""
    if key and "/" in key:
        line, column = runbook.positions.get(key) or (runbook.key_lines.get(key.split("/")[0], 1), 1)
    else:
        line, column = (runbook.key_lines.get(key, 1) if key else 1), 1
    return Problem(runbook.path, line, column, rule, message, fix)


def _value_problem(runbook: Runbook, key: str, rule: str, message: str, fix: str) -> Problem:
    """A problem at the value itself: its line and column."""
    line, column = runbook.positions.get(key) or (runbook.key_lines.get(key.split("/")[0], 1), 1)
    return Problem(runbook.path, line, column, rule, message, fix)


def check_schema(runbook: Runbook) -> list[Problem]:
    if schema_accepts(runbook.meta):
        return []
    problems = []
    kind = runbook.meta.get("type")
    for error in sorted(schema_validator().iter_errors(runbook.meta), key=lambda e: [str(p) for p in e.path]):
        key = str(error.path[0]) if error.path else None
        if error.validator == "additionalProperties":
            continue  # reported by check_keys with a better message
        if error.validator == "required":
            missing = error.message.split("'")[1]
            what = f"a {kind}" if isinstance(kind, str) and kind in ("kb-article", "guide") else "every runbook"
            problems.append(_problem(runbook, None, "required-field",
                                     f"required field '{missing}' is missing ({what} needs it)",
                                     f"add a '{missing}:' line to the front matter"))
            continue
        where = "/".join(str(p) for p in error.path)
        problems.append(_value_problem(runbook, where or "", f"schema-{error.validator}",
                                       f"'{where}': {error.message}", _schema_fix(key, error.validator, kind)))
    return problems


def _schema_fix(key: str | None, validator: str, kind: object = None) -> str:
    if key == "id" and kind == "kb-article":
        return "a kb-article's id is its article number, e.g. id: KA-19371"
    if key == "id" and kind == "guide":
        return "a guide's id is KT-NNNNN or exl-<first 8 hex digits of exl-id>; KA- ids are kb-articles"
    hints = {
        "version-number": "write a whole number of 1 or more, e.g. version-number: 3",
        "article-number": "write KA- and five digits, e.g. article-number: KA-19371",
        "published": "write an ISO 8601 date, e.g. 2024-04-17T12:38:19Z",
        "created": "write an ISO 8601 date, e.g. 2024-04-17T12:30:27Z",
        "language": f"use one of: {', '.join(registry.language_codes())}",
        "product": "write a YAML list, e.g. product: [Campaign]",
        "applies-to": "write a YAML list, e.g. applies-to: [Campaign Classic v7]",
        "id": "use the article number (KA-NNNNN), KT-NNNNN or exl-<8 hex digits>",
    }
    if key in hints:
        return hints[key]
    if validator == "type":
        return "see hooks/schema/runbook.schema.json for the expected type"
    return "see hooks/schema/runbook.schema.json"


def check_keys(runbook: Runbook) -> list[Problem]:
    problems = []
    for key in runbook.meta:
        if key in INTERNAL_FIELDS:
            problems.append(_problem(runbook, key, "internal-field",
                                     f"KB-internal field '{key}' must not be published",
                                     f"delete the '{key}' line (import drops it automatically)"))
        elif key not in FIELD_ORDER:
            guess = suggest(key, FIELD_ORDER)
            fix = f"did you mean '{guess}'?" if guess else "remove it; allowed fields are listed in the schema"
            problems.append(_problem(runbook, key, "unknown-field", f"unknown field '{key}'", fix))
    return problems


def check_placeholders(runbook: Runbook) -> list[Problem]:
    problems = []
    for key, value in runbook.meta.items():
        if is_placeholder(key, value):
            problems.append(_value_problem(runbook, key, "placeholder", f"'{key}' is the placeholder {value!r}",
                                           f"write the real {key}, or remove the line"))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if is_placeholder(key, item):
                    problems.append(_value_problem(runbook, f"{key}/{index}", "placeholder",
                                                   f"'{key}' contains the placeholder {item!r}",
                                                   "write the real value, or remove the item"))
    return problems


def check_vocabulary(runbook: Runbook, vocabulary: products.Vocabulary) -> list[Problem]:
    problems = []
    canonical = set(vocabulary.names)
    for key in ("product", "applies-to"):
        values = runbook.meta.get(key)
        if not isinstance(values, list):
            continue
        for index, value in enumerate(values):
            if not isinstance(value, str) or value in canonical:
                continue
            why = products.unusable(value)
            guess = None if why else vocabulary.suggest(value)
            if why:
                fix = f"a product name cannot be used: {why}; write the product's name"
            elif guess:
                fix = f"did you mean '{guess}'?"
            else:
                fix = ("use a name from hooks/data/products.yml, or add the product there "
                       "(import adds the names of the KB articles it imports)")
            problems.append(_value_problem(runbook, f"{key}/{index}", "unknown-product",
                                           f"unknown {key} '{value}'", fix))
    return problems


def check_location(runbook: Runbook) -> list[Problem]:
    problems = []
    folder = runbook.language
    if folder not in registry.language_codes():
        problems.append(_problem(runbook, None, "unknown-language-folder",
                                 f"folder '{folder}' is not a site language",
                                 f"move the file under runbooks/<{'|'.join(registry.language_codes())}>/"))
    declared = runbook.meta.get("language")
    if declared is not None and declared != folder:
        problems.append(_value_problem(runbook, "language", "language-mismatch",
                                 f"language '{declared}' does not match the folder '{folder}'",
                                 f"set 'language: {folder}' or move the file to runbooks/{declared}/"))
    file_id = Path(runbook.path).stem
    declared_id = runbook.meta.get("id")
    if declared_id is not None and str(declared_id) != file_id:
        problems.append(_value_problem(runbook, "id", "id-mismatch",
                                 f"id '{declared_id}' does not match the file name '{file_id}.md'",
                                 f"rename the file to {declared_id}.md or set 'id: {file_id}'"))
    return problems


def check_identity(runbook: Runbook) -> list[Problem]:
    """The id, the type, the article number and the exl-id tell one story."""
    meta = runbook.meta
    runbook_id, kind = meta.get("id"), meta.get("type")
    if not isinstance(runbook_id, str):
        return []
    problems = []
    number = meta.get("article-number")
    if kind == "kb-article" and isinstance(number, str) and number != runbook_id:
        problems.append(_value_problem(runbook, "article-number", "id-article-number",
                                       f"article-number '{number}' differs from the id '{runbook_id}'",
                                       "a kb-article's id is its article number: make them the same"))
    if kind == "guide" and "article-number" in meta:
        problems.append(_problem(runbook, "article-number", "guide-article-number",
                                 "a guide has no article-number",
                                 "set 'type: kb-article' (and id to the article number), or remove the line"))
    exl_id = meta.get("exl-id")
    if runbook_id.startswith("exl-"):
        if exl_id is None:
            problems.append(_problem(runbook, "id", "id-exl-id", f"id '{runbook_id}' needs an exl-id",
                                     "add the page's 'exl-id:' line (its first 8 hex digits are the id)"))
        elif isinstance(exl_id, str) and not exl_id.startswith(runbook_id[4:]):
            problems.append(_value_problem(runbook, "exl-id", "id-exl-id",
                                           f"exl-id '{exl_id}' does not start with the id's '{runbook_id[4:]}'",
                                           f"use id exl-{exl_id[:8]}, or correct the exl-id"))
    return problems


def check_duplicates(corpus: Corpus) -> list[Problem]:
    """Ids are compared ignoring case: KA-12345.md and ka-12345.md collide on some file systems."""
    problems = []
    groups: dict[tuple[str, str], list[Runbook]] = defaultdict(list)
    for runbook in sorted(corpus.runbooks, key=lambda r: r.path):
        groups[(runbook.language, runbook.id.lower())].append(runbook)
    for same in groups.values():
        if len(same) < 2:
            continue
        for runbook in same:
            others = ", ".join(r.path for r in same if r is not runbook)
            problems.append(_problem(runbook, "id", "duplicate-id",
                                     f"id '{runbook.id}' is also used by {others} in '{runbook.language}'",
                                     "give each runbook its own id; one file per article and language"))
    return problems


def check_translations(corpus: Corpus) -> list[Problem]:
    problems = []
    for runbook_id in corpus.ids():
        group = list(corpus.translations(runbook_id).values())
        if len(group) < 2:
            continue
        for key in SHARED_FIELDS:
            values = defaultdict(list)
            for runbook in group:
                if key in runbook.meta:
                    values[json.dumps(runbook.meta[key], ensure_ascii=False, sort_keys=True, default=repr)].append(
                        runbook)
            if len(values) < 2:
                continue
            for runbook in group:
                if key not in runbook.meta:
                    continue
                others = [f"{r.language}: {r.meta[key]}" for r in group if key in r.meta and r is not runbook
                          and r.meta[key] != runbook.meta[key]]
                problems.append(_problem(
                    runbook, key, "translation-disagrees",
                    f"'{key}' is {runbook.meta[key]} here but differs in other translations ({'; '.join(others)})",
                    f"make '{key}' the same in every language of {runbook_id}"))
    return problems


def check_runbook(runbook: Runbook, context: Context) -> list[Problem]:
    return [*check_location(runbook), *check_keys(runbook), *check_schema(runbook), *check_identity(runbook),
            *check_placeholders(runbook), *check_vocabulary(runbook, context.vocabulary)]


def check_layout(root: Path) -> list[Problem]:
    """Markdown files the site would silently ignore: runbooks live exactly at <language>/<id>.md."""
    problems = []
    for path in sorted(root.rglob("*.md")):
        depth = len(path.relative_to(root).parts)
        if depth == 2 or not path.is_file() or (depth == 1 and path.name.lower() == "readme.md"):
            continue
        where = "directly in runbooks/" if depth == 1 else "in a sub-folder of a language folder"
        problems.append(Problem(display_path(path, root), 1, 1, "misplaced-file",
                                f"this file is {where} and would not be published",
                                "move it to runbooks/<language>/<id>.md, e.g. runbooks/fr/KA-19371.md"))
    return problems


def check_file(runbook: Runbook, context: Context, strict: bool | None = None) -> list[Problem]:
    """Every rule that looks at one runbook alone: run where the file is read (on every core), and
    not again under `make serve` while the file is unchanged (corpus_share). `strict`: leak warnings are
    errors (default: in CI)."""
    return [*check_runbook(runbook, context), *html_safety.check_runbooks([runbook]),
            *path_safety.check_runbooks([runbook]),
            *leak_lint.check_runbooks([runbook], ci=strict, denylist=context.denylist)]


def check_whole_tree(corpus: Corpus, root: Path) -> list[Problem]:
    """Rules about the runbooks folder as a whole: files the site would ignore, redirects, images, and the
    product vocabulary file itself."""
    if not root.is_dir():
        return []
    vocabulary = products.file_for(root)
    return [*check_layout(root), *redirects.load_checked(root, corpus)[1], *missing_images(corpus.runbooks, root),
            *products.file_problems(vocabulary, display_path(vocabulary, root))]


def validate_corpus(corpus: Corpus, root: Path | None = None,
                    checked: dict[str, list[Problem]] | None = None, whole_tree: bool = True) -> list[Problem]:
    """Every rule, for every loader of the corpus (one list of problems, whoever asks).

    `checked`: check_file's problems by runbook path, where already known. `whole_tree`: the corpus is all
    of `root` (not a few files named on the command line). Callers sort problems."""
    problems: list[Problem] = []
    if root is not None and whole_tree:
        problems.extend(check_whole_tree(corpus, root))
    context = None
    for runbook in corpus.runbooks:
        known = checked.get(runbook.path) if checked is not None else None
        if known is None:
            context = context or context_for(root)
            known = check_file(runbook, context)
        problems.extend(known)
    problems.extend(check_duplicates(corpus))
    problems.extend(check_translations(corpus))
    return problems
