"""The schema editors use: valid, complete, in the repository and in the built site; the VS Code task
puts every validate problem in the Problems panel at the right file, line and column."""

import json
import re
import subprocess
import sys

from jsonschema import Draft202012Validator

from hooks.base import registry
from hooks.corpus.runbook_format import FIELD_ORDER
from hooks.site.schema_publish import SCHEMA_URL_PATH
from tests.conftest import REPO
from tests.rules.test_validate_rules import KB, write


def test_schema_is_valid_and_describes_every_field():
    schema = json.loads(registry.SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert set(schema["properties"]) == set(FIELD_ORDER)  # autocomplete offers every field, no more


def test_vscode_maps_the_repository_schema():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    (schema_path,) = settings["yaml.schemas"]
    assert (REPO / schema_path).resolve() == registry.SCHEMA_PATH.resolve()


def test_vscode_task_problem_matcher_reads_validate_output(tmp_path):
    task = json.loads((REPO / ".vscode" / "tasks.json").read_text(encoding="utf-8"))["tasks"][0]
    matcher = task["problemMatcher"]["pattern"]
    write(tmp_path, "fr/KA-12345.md", KB.replace("language: fr", "language: ja").replace("- Campaign\n", "- Campain\n"))
    result = subprocess.run([sys.executable, "-m", "hooks", *task["args"][2:], "--root", str(tmp_path)],
                            capture_output=True, text=True, cwd=REPO, check=False)
    matches = [re.match(matcher["regexp"], line) for line in result.stdout.splitlines()]
    found = [(m[matcher["file"]], m[matcher["line"]], m[matcher["column"]], m[matcher["code"]])
             for m in matches if m]
    assert found == [(f"{tmp_path.name}/fr/KA-12345.md", "4", "11", "language-mismatch"),
                     (f"{tmp_path.name}/fr/KA-12345.md", "10", "3", "unknown-product")]


def test_built_site_publishes_the_schema_at_a_stable_url(built_site):
    published = built_site / SCHEMA_URL_PATH
    assert published.read_bytes() == registry.SCHEMA_PATH.read_bytes()
    assert not (built_site / "fr" / SCHEMA_URL_PATH).exists()
