"""Images and videos of imported runbooks, rendered as HTML the site can serve.

    ![alt](../assets/<file>)   → <img> pointing at the ONE published copy, runbooks/assets/<file>
    >[!VIDEO](https://…)       → an embedded player plus a plain link to the video

Images are shared by every language, so their URL does not follow the page's language prefix: the
link is written as raw HTML relative to the page (MkDocs only resolves Markdown links within one
language's files). `data:image` pictures need nothing and are left as they are.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from hooks import registry, urls
from hooks.mdtext import map_prose, map_prose_blocks
from hooks.problems import Problem

ASSETS_URL = "runbooks/assets/"
_IMAGE = re.compile(r"!\[(?P<alt>[^\[\]\n]*)\]\(\.\./assets/(?P<name>[^()\s\"]+)(?:\s+\"(?P<title>[^\"]*)\")?\)"
                    r"(?:\{[^}\n]*\})?")
_VIDEO = re.compile(r"^[ \t]*>[ \t]*\[!VIDEO\]\((?P<url>[^()\s]+)\)[ \t]*$", re.MULTILINE)


def asset_url(name: str) -> str:
    return ASSETS_URL + name


def shared_image_url(src_uri: str, path: str) -> str | None:
    """`../assets/<file>` written in a runbook (src_uri `<lang>/runbooks/<id>.md`) → `runbooks/assets/<file>`."""
    if posixpath.basename(posixpath.dirname(src_uri)) != "runbooks" or not path.startswith("../assets/"):
        return None
    name = path[len("../assets/"):]
    return asset_url(name) if name and "/" not in name else None


def _image(match: re.Match, page_url: str) -> str:
    src = urls.relative(page_url, asset_url(match["name"]))
    title = f' title="{html.escape(match["title"])}"' if match["title"] else ""
    return f'<img src="{html.escape(src)}" alt="{html.escape(match["alt"])}"{title} loading="lazy">'


def _video(match: re.Match, lang: str) -> str:
    url = match["url"]
    if urlsplit(url).scheme not in ("http", "https"):
        return match.group()
    src = html.escape(url)
    title = html.escape(registry.t(lang, "video.title"))
    watch = html.escape(registry.t(lang, "video.watch"))
    return (f'\n<div class="kb-video">\n<iframe src="{src}" title="{title}" loading="lazy" allowfullscreen '
            f'referrerpolicy="no-referrer"></iframe>\n<p><a href="{src}">{watch}</a></p>\n</div>\n')


def render(markdown: str, page_url: str, lang: str) -> str:
    if "[!VIDEO]" in markdown:
        markdown = map_prose_blocks(markdown, lambda text: _VIDEO.sub(lambda m: _video(m, lang), text))
    if "](../assets/" not in markdown:
        return markdown
    return map_prose(markdown, lambda text: _IMAGE.sub(lambda m: _image(m, page_url), text))


def published_assets(runbooks_root: Path) -> list[tuple[str, Path]]:
    """(site URL, file) for every shared image; published once, by the default language's build."""
    folder = runbooks_root / "assets"
    if not folder.is_dir():
        return []
    return [(asset_url(path.name), path) for path in sorted(folder.iterdir())
            if path.is_file() and not path.name.startswith(".")]


def missing_images(runbooks, root: Path) -> list[Problem]:
    """Runbook images (`../assets/<file>`) whose file is not in runbooks/assets/: they would not show."""
    folder = root / "assets"
    present = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    problems: list[Problem] = []
    for runbook in runbooks:
        if "../assets/" not in runbook.body:
            continue

        def check(text: str, runbook=runbook) -> str:
            for match in _IMAGE.finditer(text):
                if match["name"] not in present:
                    line = runbook.body_line + runbook.body.count("\n", 0, runbook.body.find(match.group()))
                    problems.append(Problem(runbook.path, line, 1, "missing-image",
                                            f"image ../assets/{match['name']} is not in runbooks/assets/",
                                            "import the article again (it copies its images) or add the file"))
            return text

        map_prose(runbook.body, check)
    return problems
