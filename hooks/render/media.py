"""Images and videos of imported runbooks, rendered as HTML the site can serve.

    ![alt](../assets/<file>)   → <img> pointing at the ONE published copy, runbooks/assets/<file>
    >[!VIDEO](https://…)       → an embedded player plus a plain link to the video

Images are shared by every language, so their URL does not follow the page's language prefix: the
link is written as raw HTML relative to the page (MkDocs only resolves Markdown links within one
language's files). `data:image` pictures need nothing and are left as they are.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

from hooks.base import registry, urls
from hooks.base.mdtext import map_prose, map_prose_blocks
from hooks.corpus import images
from hooks.corpus.images import IMAGE

_VIDEO = re.compile(r"^[ \t]*>[ \t]*\[!VIDEO\]\((?P<url>[^()\s]+)\)[ \t]*$", re.MULTILINE)


def _image(match: re.Match, page_url: str) -> str:
    src = urls.relative(page_url, images.asset_url(match["name"]))
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
    return map_prose(markdown, lambda text: IMAGE.sub(lambda m: _image(m, page_url), text))


def published_assets(runbooks_root: Path) -> list[tuple[str, Path]]:
    """(site URL, file) for every shared image; published once, by the default language's build."""
    folder = runbooks_root / "assets"
    if not folder.is_dir():
        return []
    return [(images.asset_url(path.name), path) for path in sorted(folder.iterdir())
            if path.is_file() and not path.name.startswith(".")]
