"""Publish the runbook front-matter JSON Schema in the site at a stable URL, for editors and tools."""

from __future__ import annotations

import shutil
from pathlib import Path

from hooks.base import registry

SCHEMA_URL_PATH = "schema/runbook.schema.json"  # <site_url>/schema/runbook.schema.json


def publish(site_dir: Path) -> Path:
    target = Path(site_dir) / SCHEMA_URL_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(registry.SCHEMA_PATH, target)
    return target
