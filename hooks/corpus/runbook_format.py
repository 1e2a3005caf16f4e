"""The runbook file format: normalized front matter + KB-dialect body, one file per id and language.

    runbooks/<lang>/<id>.md

Ids: `KA-NNNNN` for KB articles (their article number); for pages without an article number,
`KT-NNNNN` when the page carries a `kt` (Experience League video/tutorial number), else
`exl-` + the first 8 hex digits of its `exl-id` (shared by every translation of the page).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import yaml

# Order in which fields are written; also the complete list of fields a runbook may carry.
FIELD_ORDER = (
    "id",
    "type",
    "language",
    "title",
    "description",
    "article-number",
    "exl-id",
    "product",
    "applies-to",
    "feature",
    "role",
    "level",
    "keywords",
    "version-number",
    "created",
    "published",
    "updated",
    "workflow-type",
    "ht-degree",
    "hide",
)

LIST_FIELDS = ("product", "applies-to", "feature", "role", "keywords")

# KB fields that are internal to the KB tooling and must never reach runbooks/ or the site.
INTERNAL_FIELDS = (
    "internal-notes",
    "dynamics-url",
    "article-created-by",
    "article-published-by",
    "bug",
    "resolution",
    "solution",
    "source-git-commit",
    "source-wordcount",
    "thumbnail",
    "kt",
)

ID_PATTERN = re.compile(r"^(KA-\d{5}|KT-\d{4,6}|exl-[0-9a-f]{8})$")


def runbook_path(root: Path, lang: str, runbook_id: str) -> Path:
    return root / lang / f"{runbook_id}.md"


def dump(meta: dict, body: str) -> str:
    ordered = {key: meta[key] for key in FIELD_ORDER if key in meta and meta[key] not in (None, [], "")}
    front = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=100_000,
                           default_flow_style=False)
    body = body.strip("\n")
    return f"---\n{front}---\n\n{body}\n"


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
