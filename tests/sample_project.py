"""The seeds plus a KB sample (the trimmed copy in tests/data, or the whole one of ../shared), imported into a
temporary project and built with --strict.

One extra French article (written here) cross-references sample articles, and one redirect points at a
runbook we have, because the sample itself has neither.
"""

from pathlib import Path

import pytest

from hooks.cli import main
from tests.conftest import build_site, copy_project

EXTRA_ARTICLE = """---
title: Article de test avec des renvois
description: Renvois vers d'autres articles de la base
product: Experience Manager
applies-to: Experience Manager
article-created-date: 1/2/2024 10:00:00 AM
article-published-date: 1/3/2024 10:00:00 AM
version-number: 1
---
# Article de test avec des renvois

Pour Maven, voir KA-17454. Pour les images, voir [cet article](KA-15564.md). KA-17482 n'est pas ici.

```
KA-17454 reste du code
```
"""
EL_KB = "https://experienceleague.adobe.com/docs/experience-cloud-kcs/kbarticles/"
MOVED = "https://experienceleague.adobe.com/docs/experience-manager-learn/ams/dispatcher/understanding-cache.html"


def build_sample_site(tmp_path_factory, sample: Path) -> tuple[Path, object]:
    project = copy_project(tmp_path_factory.mktemp("project") / "project")
    extra = tmp_path_factory.mktemp("extra") / "fr-FR"
    (extra / "articles").mkdir(parents=True)
    (extra / "articles" / "KA-99001.md").write_text(EXTRA_ARTICLE, encoding="utf-8")
    (extra / "redirects.csv").write_text(f"source,dest\n{EL_KB}KA-99002.html,{EL_KB}KA-19371.html\n",
                                         encoding="utf-8")
    assert main(["import", "-q", str(sample), str(extra), "--root", str(project / "runbooks")]) == 0
    site = project / "site"
    result = build_site(project, site)
    if result.returncode != 0:
        pytest.fail("the sample site did not build:\n" + result.stderr[-3000:])
    return site, result
