"""Long inline pictures skip Markdown's link parser: the pages are the same, byte for byte."""

from __future__ import annotations

import base64
import shutil

import pytest

from hooks.cli import main
from hooks.engine import fast
from hooks.engine.fast import data_urls
from tests.conftest import MORE, build_site, copy_project, site_differences


def test_a_picture_target_comes_back_or_the_page_is_converted_as_it_is():
    target = "data:image/png;base64," + "iVBORw0KGgo" * 40
    text = f"Voir ![capture]({target}) puis ![autre]({target})\n"
    short, originals = data_urls.shortened(text)
    assert len(short) < 300 and len(originals) == 2
    html = short.replace("![capture](", '<img alt="capture" src="').replace("![autre](", '<img alt="autre" src="')
    assert data_urls.restored(html, originals).count(target) == 2
    assert data_urls.restored("<p>lost</p>", originals) is None  # not exactly once: convert as it is
    assert data_urls.shortened("![x](data:image/png;base64,abc)") == ("![x](data:image/png;base64,abc)", {})


@pytest.mark.corpus
def test_real_articles_with_inline_pictures_build_the_same_site(tmp_path):
    project = copy_project(tmp_path / "project", with_runbooks=False)
    export = tmp_path / "export"
    for folder in ("fr-FR", "ja-JP"):
        articles = export / folder / "articles"
        articles.mkdir(parents=True)
        for path in sorted((MORE / folder / "articles").glob("*.md")):
            if "](data:image/" in path.read_text(encoding="utf-8"):
                shutil.copyfile(path, articles / path.name)
    assert len(list((export / "fr-FR" / "articles").glob("*.md"))) >= 5
    main(["import", "-q", str(export), "--root", str(project / "runbooks")])
    # import makes the pictures files (hooks/kb/inline_pictures.py); a runbook written by hand may still
    # carry them inline: put the real ones back in the text
    assets = project / "runbooks" / "assets"
    for picture in sorted(assets.glob("inline-*")):
        mime = "image/" + picture.suffix[1:].replace("jpg", "jpeg")
        url = f"data:{mime};base64,{base64.b64encode(picture.read_bytes()).decode()}"
        for runbook in (project / "runbooks").glob("*/*.md"):
            text = runbook.read_text(encoding="utf-8")
            if picture.name in text:
                runbook.write_text(text.replace(f"../assets/{picture.name}", url), encoding="utf-8")
        picture.unlink()
    products = project / "hooks" / "data" / "products.yml"  # names the real articles use (issue 15)
    products.write_text(products.read_text(encoding="utf-8") + "".join(
        f"- name: {name}\n" for name in ("Experience Manager as a Cloud Service", "Experience Manager 6.5",
                                         "Workfront", "Journey Optimizer", "Experience Cloud")), encoding="utf-8")
    on, off = tmp_path / "on", tmp_path / "off"
    first = build_site(project, on, strict=False)
    second = build_site(project, off, strict=False, env={fast.ENV: "0"})
    assert first.returncode == 0 == second.returncode, first.stderr[-3000:] + second.stderr[-3000:]
    pages = list(on.glob("*/runbooks/*/index.html"))
    assert any("data:image/png;base64," in page.read_text(encoding="utf-8") for page in pages)
    assert site_differences(on, off) == []
