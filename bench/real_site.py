"""The two projects of one real-data benchmark size: ours, made by `python -m hooks import` of a real KB
export (bench/real.py) like a user makes it, and the stock stack's, made of the same imported pages."""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from bench import measure
from hooks.base.problems import ProblemError
from hooks.corpus.frontmatter import read_file

REPO = Path(__file__).resolve().parent.parent
STOCK_CONFIG = Path(__file__).resolve().parent / "stock" / "mkdocs.yml"
_UNKNOWN_PRODUCT = re.compile(r"^unknown (?:product|applies-to) '(.+)'$")
_LINK_TARGET = re.compile(r"\]\(([^)\s]+)")


def our_project(path: Path) -> Path:
    """A project folder like the repository: our mkdocs.yml, docs/ and a copy of hooks/ (the stopgap
    below edits its products.yml), no runbooks yet."""
    path.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "mkdocs.yml", path / "mkdocs.yml")
    shutil.copytree(REPO / "docs", path / "docs", dirs_exist_ok=True)
    shutil.copytree(REPO / "hooks", path / "hooks", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (path / "runbooks").mkdir(exist_ok=True)
    return path


def import_export(project: Path, export: Path, env: dict) -> measure.Run:
    """`python -m hooks import` of the export into the project, as a user runs it. Its exit status is
    reported, not fatal (a real export may have articles import skips); importing nothing is."""
    run = measure.run([sys.executable, "-m", "hooks", "import", "-q", str(export.resolve()), "--root",
                       str((project / "runbooks").resolve())], cwd=project, env=env)
    if not any((project / "runbooks").glob("*/*.md")):
        sys.stderr.write(run.output[-5000:])
        raise SystemExit(f"bench: importing {export} into {project} imported nothing")
    return run


def _validate(project: Path, env: dict) -> list[dict]:
    run = measure.run([sys.executable, "-m", "hooks", "validate", "--format", "json", "--root",
                       str(project / "runbooks")], cwd=project, env=env)
    try:
        return json.loads(run.output[run.output.index("["):]) if "[" in run.output else []
    except ValueError:
        sys.stderr.write(run.output[-3000:])
        raise SystemExit("bench: `python -m hooks validate --format json` printed no JSON") from None


def make_buildable(project: Path, env: dict) -> dict:
    """What the build would refuse in the imported runbooks, made buildable in this scratch project only.

    STOPGAP (issue #15, being fixed in parallel): a real KB names products that hooks/data/products.yml
    does not list yet, and the build refuses unknown products. The benchmark measures speed, so the names
    are appended to the *scratch copy's* products.yml (never the repository's); any other runbook the
    build would refuse is removed from the scratch project. Both are counted in the report.
    Remove this once import accepts every product name of a real export.
    """
    problems = [p for p in _validate(project, env) if p.get("severity") == "error"]
    unknown = sorted({m[1] for p in problems if p["rule"] == "unknown-product"
                      for m in [_UNKNOWN_PRODUCT.match(p["message"])] if m})
    if unknown:
        with (project / "hooks" / "data" / "products.yml").open("a", encoding="utf-8") as fh:
            fh.write("# bench stopgap (bench/real_site.py): names of the real export not listed yet\n")
            fh.writelines(f"- name: {json.dumps(name, ensure_ascii=False)}\n" for name in unknown)
        problems = [p for p in _validate(project, env) if p.get("severity") == "error"]
    removed = sorted({p["path"] for p in problems})
    for shown in removed:
        path = project / shown
        if path.is_file() and path.suffix == ".md":
            path.unlink()
    leaks = _leaking(project / "runbooks")
    for path in leaks:
        path.unlink()
    rules = Counter(p["rule"] for p in problems) + Counter(rule for rules in leaks.values() for rule in rules)
    return {"products_added": len(unknown), "runbooks_removed": len(removed) + len(leaks),
            "removed_for": dict(rules)}


def _leaking(root: Path) -> dict[Path, set[str]]:
    """Runbooks whose own text the output audit would flag (a real KB still has unredacted internal hosts
    and notes in article bodies: issue #15). STOPGAP like the products above: the build would refuse to
    publish them, so the benchmark leaves them out of its scratch project; the audit still runs on the rest."""
    from hooks.finish import output_audit
    from hooks.rules import internal_values

    denylist, patterns = internal_values.load(root), output_audit.load_patterns()
    found: dict[Path, set[str]] = {}
    for path in sorted(root.glob("*/*.md")):
        try:
            doc = read_file(path, str(path))
        except ProblemError:
            continue
        text = "\n".join((str(doc.meta.get("title") or ""), str(doc.meta.get("description") or ""), doc.body))
        rules = {f"leak-{rule}" for _, _, rule, _ in output_audit.audit_text(text, patterns, denylist)}
        if rules:
            found[path] = rules
    return found


def stock_project(ours: Path, stock: Path) -> int:
    """The stock stack's project: every imported runbook as a plain page docs/<lang>/runbooks/<id>.md
    (title in front matter, the same body), images copied per language (static-i18n's folder layout)."""
    stock.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(STOCK_CONFIG, stock / "mkdocs.yml")
    images = sorted(p for p in (ours / "runbooks" / "assets").glob("*") if p.is_file())
    pages = 0
    for folder in sorted(p for p in (ours / "runbooks").iterdir() if p.is_dir() and p.name != "assets"):
        docs = stock / "docs" / folder.name
        (docs / "runbooks" / "assets").mkdir(parents=True, exist_ok=True)
        (docs / "index.md").write_text(f"# KB Runbooks ({folder.name})\n", encoding="utf-8")
        for image in images:
            shutil.copyfile(image, docs / "runbooks" / "assets" / image.name)
        for path in sorted(folder.glob("*.md")):
            try:
                doc = read_file(path, str(path))
            except ProblemError:
                continue
            title = str(doc.meta.get("title") or path.stem).replace("'", "''")
            body = _stock_buildable(doc.body.replace("](../assets/", "](assets/"))
            (docs / "runbooks" / path.name).write_text(f"---\ntitle: '{title}'\n---\n\n{body}", encoding="utf-8")
            pages += 1
    return pages


def _stock_buildable(body: str) -> str:
    """The body with the link targets MkDocs itself cannot parse replaced by '#': a real article links
    `http://`[`%200`]`…`, and `urlsplit` raises on it, which stops the stock build with a traceback (ours
    renders it). Only the stock copy is changed, so that the stock stack builds the same pages."""
    def target(match: re.Match) -> str:
        try:
            urlsplit(match[1])
        except ValueError:
            return "](#"
        return match.group()

    return _LINK_TARGET.sub(target, body)
