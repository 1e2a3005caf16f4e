"""Issue 15: a KB export this project has never seen imports, validates and builds with no hand edits.

Generated exports hold what the sample does not: product names that appear nowhere in it, placeholder
values in every field, credentials, internal hosts, e-mail addresses and private IPs planted in bodies
and titles. What import writes always validates (no error, no warning), and nothing planted is written.
"""

from __future__ import annotations

import contextlib
import io
import json
import string
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hooks import cli
from tests.conftest import FULL_SAMPLE, MORE, build_site, copy_project

KB_FOLDERS = {"en": "en", "fr": "fr-FR", "pt-BR": "pt-BR", "ja": "ja-JP"}
PLACEHOLDERS = ["n/a", "Placeholder", "TBD", "test", "TODO", "xxx", "N/A", "..."]
# Values that must never reach runbooks/ (each is found by hooks/data/leaks.yml or the leak lint).
SECRETS = {
    "jwt": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "aws": "AKIAIOSFODNN7EXAMPLF",
    "assigned": "password=Sup3rS3cretValue99",
    "host": "https://jira.corp.adobe.com/browse/NEO-12345",
    "crm": "adobe-ent.crm.dynamics.com",
    "sharepoint": "https://adobe.sharepoint.com/sites/x/Shared%20Documents/error.png",
    "email": "jane.doe@customer-corp.com",
    "ip": "10.42.137.123",
}
NEVER_WRITTEN = ["eyJhbGciOiJIUzI1NiJ9", "AKIAIOSFODNN7EXAMPLF", "Sup3rS3cretValue99", "corp.adobe.com",
                 "dynamics.com", "sharepoint.com", "jane.doe@customer-corp.com", "10.42.137.123"]

name_chars = st.sampled_from(string.ascii_letters + string.digits + " .-+&'éü")
product_names = st.one_of(
    st.text(name_chars, min_size=2, max_size=40).filter(lambda s: s.strip(" .-+&'")),
    st.sampled_from(["Experience Manager 6.5", "Adobe Workfront", "workfront", "Journey Optimizer",
                     "Acrobat Sign", "Experience Manager as a Cloud Service", "Campain"]),
    st.sampled_from(PLACEHOLDERS),
    st.sampled_from(["<b>Bold</b>", "Bad\x07name", "x" * 300, ""]),
)


@st.composite
def articles(draw, number: int) -> dict:
    names = draw(st.lists(product_names, min_size=1, max_size=4))
    if not any(n.strip() and n not in PLACEHOLDERS and len(n) < 100 and "<" not in n and "\x07" not in n
               for n in names):
        names.append(draw(st.text(string.ascii_letters, min_size=3, max_size=12)))
    planted = draw(st.lists(st.sampled_from(sorted(SECRETS)), max_size=4, unique=True))
    title_leak = draw(st.sampled_from(["", " for jane.doe@customer-corp.com", " on 10.42.137.123"]))
    return {
        "number": number,
        "title": draw(st.sampled_from(["Title", "TBD", "n/a", f"Real problem {number}{title_leak}"])),
        "description": draw(st.sampled_from(["Description", "Placeholder", "", f"What goes wrong {number}"])),
        "product": names,
        "applies-to": draw(st.sampled_from([names, ["n/a"], []])),
        "keywords": draw(st.lists(st.sampled_from([*PLACEHOLDERS, "KCS", "email", "tracking"]), max_size=4)),
        "planted": planted,
        "languages": draw(st.lists(st.sampled_from(sorted(KB_FOLDERS)), min_size=1, max_size=4, unique=True)),
    }


def article_text(article: dict, lang: str) -> str:
    meta = {"title": article["title"], "description": article["description"],
            "solution": article["product"][0], "product": ", ".join(article["product"]),
            "applies-to": ", ".join(article["applies-to"]), "keywords": ", ".join(article["keywords"]),
            "resolution": "Resolution", "internal-notes": "call the owner before publishing", "bug": False,
            "article-created-by": "Jane Internal", "article-created-date": "5/14/2024 10:02:11 AM",
            "article-published-by": "Jane Internal", "article-published-date": "5/15/2024 10:02:11 AM",
            "version-number": 1, "article-number": f"KA-{article['number']:05d}",
            "dynamics-url": "https://adobe-ent.crm.dynamics.com/main.aspx?id=1",
            "exl-id": f"{article['number']:08x}-0000-4000-8000-000000000000"}
    lines = [f"Heading of article {article['number']} ({lang})", "", "## Description {#description}", ""]
    for kind in article["planted"]:
        value = SECRETS[kind]
        lines += [f"Seen in the log: {value}", "", f"* a step that mentions [{value}]({value})"
                  if kind in ("host", "sharepoint") else "* a step", "", "```", f"trace {value}", "```", ""]
    body = "\n".join(["# " + lines[0], *lines[1:]])
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"


def write_export(folder: Path, batch: list[dict]) -> list[Path]:
    exports = []
    for lang, kb_folder in KB_FOLDERS.items():
        chosen = [a for a in batch if lang in a["languages"]]
        if not chosen:
            continue
        target = folder / kb_folder / "articles"
        target.mkdir(parents=True)
        for article in chosen:
            (target / f"KA-{article['number']:05d}.md").write_text(article_text(article, lang), encoding="utf-8")
        exports.append(folder / kb_folder)
    return exports


def run_cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main([*args])
    return code, out.getvalue()


def runbook_texts(root: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.md")))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(10000, 10100).flatmap(
    lambda first: st.tuples(*(articles(first + i) for i in range(3)))))
def test_what_import_writes_always_validates_and_carries_nothing_planted(batch):
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        exports = write_export(tmp_path / "export", list(batch))
        root = tmp_path / "runbooks"
        code, out = run_cli("import", *map(str, exports), "--root", str(root))
        for secret in NEVER_WRITTEN:
            assert secret not in out, "import output names a planted value"
        written = runbook_texts(root) if root.exists() else ""
        for secret in NEVER_WRITTEN:
            assert secret not in written
        if not root.exists():
            assert code == 1  # nothing importable: said so, with file:line
            return
        code_v, report = run_cli("validate", "--root", str(root), "--format", "json")
        assert json.loads(report) == [] and code_v == 0, report
        # every article either became a runbook or was refused with its file and line
        for article in batch:
            for lang in article["languages"]:
                path = root / lang / f"KA-{article['number']:05d}.md"
                assert path.exists() or f"KA-{article['number']:05d}.md:" in out


def test_bad_product_lists_are_reported_at_file_and_line_and_nothing_is_written(tmp_path):
    base = {"number": 20001, "title": "Real problem", "description": "What goes wrong", "applies-to": [],
            "keywords": ["KCS"], "planted": [], "languages": ["en"]}
    cases = {
        20001: [""],  # an empty product list
        20002: [f"Product {i}" for i in range(200)],  # 200 products
        20003: ["<b>Campaign</b>"],  # HTML only
        20004: ["Camp\x07aign"],  # a control character only
        20005: ["x" * 300],  # a 300-character name only
        20006: ["n/a"],  # a placeholder only
    }
    batch = [{**base, "number": n, "product": names} for n, names in cases.items()]
    batch[0]["title"] = batch[0]["description"] = "Title"
    exports = write_export(tmp_path / "export", batch)
    root = tmp_path / "runbooks"
    code, out = run_cli("import", *map(str, exports), "--root", str(root))
    assert code == 1
    assert "Traceback" not in out
    for number in cases:
        line = next((line for line in out.splitlines() if f"KA-{number}.md:" in line and "error [" in line), "")
        assert line, f"KA-{number}: no error line in\n{out}"
        assert "Fix:" in line and ":1:" not in line.split("KA-")[1][:12]  # the product line, not line 1
        assert not (root / "en" / f"KA-{number}.md").exists()
    assert "too-many-products" in out and "no-product" in out


def test_an_article_whose_every_field_is_a_placeholder_is_refused_clearly(tmp_path):
    folder = tmp_path / "en" / "articles"
    folder.mkdir(parents=True)
    (folder / "KA-30001.md").write_text(
        "---\ntitle: Title\ndescription: Description\nproduct: Product\napplies-to: n/a\nkeywords: TBD\n"
        "article-number: KA-30001\nversion-number: 1\narticle-created-date: TBD\n"
        "article-published-date: TBD\n---\nTBD\n", encoding="utf-8")
    code, out = run_cli("import", str(tmp_path / "en"), "--root", str(tmp_path / "runbooks"))
    assert code == 1 and "Traceback" not in out
    assert "KA-30001.md:2:1: error [no-title]" in out or "KA-30001.md:4:1: error [no-product]" in out, out
    assert not (tmp_path / "runbooks" / "en" / "KA-30001.md").exists()


def test_a_generated_export_builds_and_the_audit_finds_nothing(tmp_path):
    """Planted leaks everywhere, new product names: import, then the real `python -m hooks build`."""
    batch = [{"number": 40000 + i, "title": f"Real problem {i} for jane.doe@customer-corp.com",
              "description": "Description", "product": [f"Brand New Product {i}", "Adobe Brand New Product 0"],
              "applies-to": ["n/a"], "keywords": ["Placeholder", "n/a", "KCS"], "planted": sorted(SECRETS),
              "languages": sorted(KB_FOLDERS)} for i in range(3)]
    exports = write_export(tmp_path / "export", batch)
    project = copy_project(tmp_path / "project")
    code, out = run_cli("import", *map(str, exports), "--root", str(project / "runbooks"))
    assert code == 0, out
    assert "added 3 product name(s)" in out and "Brand New Product 0 (3 articles)" in out
    site = tmp_path / "site"
    build = build_site(project, site, env={"CI": "true"})
    assert build.returncode == 0, build.stderr[-3000:]
    published = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*.html"))
    for secret in NEVER_WRITTEN:
        assert secret not in published
    assert "[credential removed]" in (site / "runbooks" / "KA-40000" / "index.html").read_text(encoding="utf-8")
    assert "[identifiant supprimé]" in (site / "fr" / "runbooks" / "KA-40000" / "index.html").read_text(
        encoding="utf-8")


@pytest.mark.corpus
@pytest.mark.parametrize("source", [FULL_SAMPLE, MORE], ids=["kcs-sample", "kcs-more"])
def test_every_real_article_imports_and_validates_strictly(tmp_path, source):
    root = tmp_path / "runbooks"
    code, out = run_cli("import", str(source), "--root", str(root), "-q")
    assert code == 0, out[-3000:]
    code, report = run_cli("validate", "--root", str(root), "--format", "json")
    problems = json.loads(report)
    assert problems == [] and code == 0, problems[:20]
    for secret in ("corp.adobe.com", "sharepoint.com", "crm.dynamics.com"):
        assert secret not in runbook_texts(root)
