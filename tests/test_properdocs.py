"""The site builds with ProperDocs 1.6.7 (the fork continuing MkDocs 1.x) exactly as with MkDocs 1.6.1.

ProperDocs lives in a venv of its own, `.venv-properdocs` (`make properdocs`, a prerequisite of `make test`),
installed from requirements-properdocs.txt without MkDocs: Material, mkdocs-static-i18n and our hook files
`import mkdocs...`, and the `properdocs` command answers those imports with its own modules. Both engines
build the repository's runbooks; the sites must be the same byte for byte but for the one tag naming the
generator. Without that venv the comparison skips locally and fails in CI.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import MKDOCS, REPO, build_site, copy_project

PROPERDOCS_VENV = REPO / ".venv-properdocs"
PROPERDOCS = (str(PROPERDOCS_VENV / "bin" / "python"), "-m", "properdocs")
# Material's base.html: <meta name="generator" content="mkdocs-{{ mkdocs_version }}, mkdocs-material-…">
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')
# MkDocs' own packages: ProperDocs replaces them, so they must not be installed beside it
ENGINE_ONLY = {"mkdocs", "mkdocs-get-deps"}


def _pins(name: str) -> dict[str, str]:
    """{normalized package name: version} of a requirements file of `name==version` lines."""
    pins = {}
    for line in (REPO / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            package, _, version = line.partition("==")
            assert version, f"{name}: {line!r} is not pinned with =="
            pins[re.sub(r"[-_.]+", "-", package).lower()] = version
    return pins


def generators(html: bytes) -> list[bytes]:
    """The contents of a page's generator tags (Material's pages have one)."""
    return GENERATOR.findall(html)


def without_generator(html: bytes) -> bytes:
    """The page with its generator tag's content emptied (the only part allowed to differ)."""
    return GENERATOR.sub(b'<meta name="generator">', html, count=1)


def site_differences_but_generator(a: Path, b: Path) -> list[str]:
    """Files only one site has, then files that differ once each HTML page's generator tag is emptied."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    differ = []
    for rel in sorted(files_a & files_b):
        bytes_a, bytes_b = (a / rel).read_bytes(), (b / rel).read_bytes()
        if bytes_a != bytes_b and without_generator(bytes_a) != without_generator(bytes_b):
            differ.append(rel)
    return [f"only in {a.name}: {p}" for p in sorted(files_a - files_b)] + \
        [f"only in {b.name}: {p}" for p in sorted(files_b - files_a)] + differ


@pytest.fixture(scope="module")
def properdocs() -> tuple[str, ...]:
    if not Path(PROPERDOCS[0]).is_file():
        hint = f"ProperDocs is not installed in {PROPERDOCS_VENV.name}: run `make properdocs` (make test does)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true: {hint}")
        pytest.skip(hint)
    return PROPERDOCS


def test_properdocs_pins_match_requirements():
    """Same versions of everything both venvs hold, so a difference in the sites is the engine's alone."""
    ours, theirs = _pins("requirements.txt"), _pins("requirements-properdocs.txt")
    assert theirs.get("properdocs") == "1.6.7" and ours.get("mkdocs") == "1.6.1"
    assert not ENGINE_ONLY & theirs.keys(), "MkDocs must not be installed beside ProperDocs"
    assert {k: v for k, v in theirs.items() if k != "properdocs" and ours.get(k) != v} == {}
    for package in ("mkdocs-material", "mkdocs-static-i18n", "pymdown-extensions", "pygments", "markdown"):
        assert package in theirs, package


def test_mkdocs_and_properdocs_build_the_same_site(tmp_path, properdocs):
    project = copy_project(tmp_path / "project")
    sites = {"mkdocs": tmp_path / "mkdocs", "properdocs": tmp_path / "properdocs"}
    for (name, site), engine in zip(sites.items(), (MKDOCS, properdocs), strict=True):
        result = build_site(project, site, engine=engine)
        assert result.returncode == 0, f"{name} build --strict failed:\n{result.stdout}{result.stderr}"

    differ = site_differences_but_generator(sites["mkdocs"], sites["properdocs"])
    assert differ == [], f"{len(differ)} files differ between the MkDocs and the ProperDocs site:\n" + \
        "\n".join(differ[:50])

    # Two engines did build them: each page's generator tag names its own (the one part that differs)
    pages = sorted(p.relative_to(sites["mkdocs"]) for p in sites["mkdocs"].rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        mkdocs, properdocs_ = (generators((sites[name] / page).read_bytes()) for name in sites)
        assert len(mkdocs) == 1 and mkdocs[0].startswith(b"mkdocs-1.6.1, mkdocs-material-"), (page, mkdocs)
        assert properdocs_ == [mkdocs[0].replace(b"mkdocs-1.6.1,", b"mkdocs-ProperDocs 1.6.7,")], page


def test_only_the_generator_tag_may_differ(tmp_path):
    page = '<head><meta name="generator" content="{}"></head><p>{}</p>'
    for name, engine, text in (("a", "mkdocs-1.6.1", "x"), ("b", "mkdocs-ProperDocs 1.6.7", "x")):
        (tmp_path / name / "same").mkdir(parents=True)
        (tmp_path / name / "same" / "index.html").write_text(page.format(engine, text))
        (tmp_path / name / "other.html").write_text(page.format(engine, name))
    (tmp_path / "b" / "extra.js").write_text("")
    assert site_differences_but_generator(tmp_path / "a", tmp_path / "b") == ["only in b: extra.js", "other.html"]


def test_ci_builds_strict_with_each_engine_and_make_test_installs_properdocs():
    import yaml

    job = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))["jobs"]["engine"]
    assert set(job["strategy"]["matrix"]["engine"]) == {"mkdocs", "properdocs"}
    runs = [step.get("run", "") for step in job["steps"]]
    assert "${{ matrix.venv }}/bin/${{ matrix.engine }} build --strict --config-file mkdocs.yml --site-dir site" in runs
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^test: .*\$\(PD_STAMP\)", makefile, re.M)
    assert re.search(r"^PD_VENV +:= \.venv-properdocs$", makefile, re.M)
