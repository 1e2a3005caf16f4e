"""The rule about images as a whole: every image a runbook shows is in runbooks/assets/."""

from __future__ import annotations

from pathlib import Path

from hooks.base.mdtext import map_prose
from hooks.base.problems import Problem
from hooks.corpus.images import IMAGE


def missing_images(runbooks, root: Path) -> list[Problem]:
    """Runbook images (`../assets/<file>`) whose file is not in runbooks/assets/: they would not show."""
    folder = root / "assets"
    present = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    problems: list[Problem] = []
    for runbook in runbooks:
        if "../assets/" not in runbook.body:
            continue

        def check(text: str, runbook=runbook) -> str:
            for match in IMAGE.finditer(text):
                if match["name"] not in present:
                    line = runbook.body_line + runbook.body.count("\n", 0, runbook.body.find(match.group()))
                    problems.append(Problem(runbook.path, line, 1, "missing-image",
                                            f"image ../assets/{match['name']} is not in runbooks/assets/",
                                            "import the article again (it copies its images) or add the file"))
            return text

        map_prose(runbook.body, check)
    return problems
