"""Issue 8, point 3: private data in runbooks reported with path:line — warnings locally, errors in CI."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hooks.rules.leak_lint import in_ci, scan
from hooks.rules.leak_patterns import load

RUNBOOK = """---
id: exl-a039a288
type: guide
language: en
title: Mail from ops@acme-internal.net fails
description: Mail is not sent to recipients
exl-id: a039a288-2e7b-4f35-9885-ead3ed4347af
product: [Campaign]
---

# T

The server 10.30.74.xxx (redacted) is fine; 10.42.137.123 is not.
```
curl -H "Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345" https://wiki.corp.adobe.com/x
```
"""


def rules(text: str) -> list[tuple[int, str]]:
    return [(line, rule) for line, _, rule, _, _ in scan(text, load())]


@pytest.mark.parametrize("text, expected", [
    ("host 10.42.137.123 and 192.168.0.12 and 172.20.1.1", [(1, "private-ip")] * 3),
    ("redacted 10.30.74.xxx, public 192.150.9.201, version 10.1.2.3.4, 172.32.0.1", []),
    ("write to jane.doe@adobe.com", [(1, "email")]),
    ("user@example.com, no-reply@adobe.com, email@provider.com, git@github.com:org/repo", []),
    ("see https://jira.corp.adobe.com/browse/NEO-1\nand adobe-ent.crm.dynamics.com", [(1, "internal-host"),
                                                                                    (2, "internal-host")]),
    ("key AKIAIOSFODNN7EXAMPLE", [(1, "secret")]),
    ("-----BEGIN RSA PRIVATE KEY-----", [(1, "secret")]),
    ("api_key = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'", [(1, "secret")]),
    ("password: xxxxxxxxxxxxxxxx and token <API_KEY>", []),
    ("ghp_" + "a" * 36, [(1, "secret")]),
])
def test_scan_finds_private_data_and_leaves_placeholders(text, expected):
    assert rules(text) == expected


def validate(root, **env):
    environ = {k: v for k, v in os.environ.items() if k != "CI"}
    environ.update(env)
    return subprocess.run([sys.executable, "-m", "hooks", "validate", "--root", str(root)], capture_output=True,
                          text=True, env=environ, check=False)


@pytest.fixture
def leaky_root(tmp_path):
    root = tmp_path / "runbooks"
    (root / "en").mkdir(parents=True)
    (root / "en" / "exl-a039a288.md").write_text(RUNBOOK, encoding="utf-8")
    return root


def test_locally_what_the_audit_refuses_is_an_error_the_rest_warnings(leaky_root):
    result = validate(leaky_root)
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "runbooks/en/exl-a039a288.md:5:1: warning [leak-email] 'title': e-mail address ops@acme-internal.net" in out
    assert "runbooks/en/exl-a039a288.md:13:45: warning [leak-private-ip] private IP address 10.42.137.123" in out
    # the output audit would fail the build on these: errors on a contributor's machine too
    assert "runbooks/en/exl-a039a288.md:15:25: error [leak-secret]" in out
    assert "runbooks/en/exl-a039a288.md:15:66: error [leak-internal-host] internal host name wiki.corp.adobe.com" in out
    assert "address 10.30.74" not in out and out.count("[leak-private-ip]") == 1


def test_in_ci_leaks_are_errors(leaky_root):
    result = validate(leaky_root, CI="true")
    assert result.returncode == 1
    assert "error [leak-private-ip]" in result.stdout and "warning" not in result.stdout
    github = subprocess.run([sys.executable, "-m", "hooks", "validate", "--root", str(leaky_root), "--ci",
                             "--format", "github"], capture_output=True, text=True, check=False)
    assert github.returncode == 1 and "::error file=runbooks/en/exl-a039a288.md,line=13" in github.stdout


def test_ci_detection():
    assert in_ci({"CI": "true"}) and in_ci({"CI": "1"})
    assert not in_ci({}) and not in_ci({"CI": "false"}) and not in_ci({"CI": ""})


@given(st.sampled_from(["title", "description", "applies-to"]), st.integers(min_value=0, max_value=3))
def test_a_recorded_value_in_any_front_matter_item_is_an_error_on_its_line(key, position):
    """The front matter is searched as one text first: a value in one item, wherever it is, is still found
    there, and only there (not across two items)."""
    from hooks.corpus.model import Runbook
    from hooks.rules import internal_values
    from hooks.rules.leak_lint import check_runbook

    denylist = internal_values.Denylist(internal_values.entries_for("article-created-by", "Jim Menn"))
    items = ["Campaign", "Delivery fails", "Jim", "Menn"]  # across two items: not the value
    items.insert(position, "ask Jim Menn")
    meta = {"title": "A title", "description": "Its description", "applies-to": ["Campaign"], key: items}
    lines = {name: number for number, name in enumerate(meta, start=2)}
    runbook = Runbook("KA-90001", "en", "runbooks/en/KA-90001.md", meta, "Body.\n", 7, lines, {})
    found = [(p.line, p.rule) for p in check_runbook(runbook, "warning", denylist=denylist)]
    assert found == [(lines[key], "leak-internal-value")]
    meta[key] = items[:position] + items[position + 1:]
    assert check_runbook(runbook, "warning", denylist=denylist) == []
