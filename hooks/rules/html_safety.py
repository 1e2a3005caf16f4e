"""Raw HTML in runbooks: what is allowed, what validation reports, what the site neutralizes.

The KB writes raw HTML (`<b>`, `<u>`, `<br>`, links, `<div>`, tables…); that stays. Active content —
`<script>`, `<iframe>`, `<object>`, `<embed>`, `<style>`, `on*` event attributes, `javascript:` URLs and
`data:` URLs that are not images — is reported by validation (`unsafe-html`, with file:line) and, should
it reach a build anyway, removed from the page by nh3 (the Rust `ammonia` sanitizer) with the safelist
below. The sanitizer runs on the HTML of every runbook page, after Markdown, so attributes added with
attr_list (`{onclick=…}`) are covered too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import nh3

from hooks.base.mdtext import mask_code
from hooks.base.problems import Problem

# Tags whose element and content are dropped (the rest of a disallowed tag's content is kept as text).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "object", "embed", "noscript", "template",
                                  "frame", "frameset", "applet"})
DANGEROUS_TAGS = DROPPED_WITH_CONTENT | {"iframe", "form", "input", "button", "textarea", "select", "link",
                                        "meta", "base", "svg", "math"}
# `>[!VIDEO](…)` renders an <iframe> (hooks/render/media.py); frames keep a source only from these players.
# A raw <iframe> in a runbook is still reported by validation.
TRUSTED_FRAME_SOURCES = ("https://video.tv.adobe.com/",)
TAGS = ((set(nh3.ALLOWED_TAGS) | {"tfoot"}) - DANGEROUS_TAGS) | {"iframe"}
_GLOBAL_ATTRIBUTES = {"class", "id", "title", "lang", "dir"}
ATTRIBUTES: dict[str, set[str]] = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
ATTRIBUTES["*"] = _GLOBAL_ATTRIBUTES
ATTRIBUTES["a"] = ATTRIBUTES.get("a", set()) | {"target", "rel"}
ATTRIBUTES["img"] = ATTRIBUTES.get("img", set()) | {"title", "loading"}
ATTRIBUTES["th"] = ATTRIBUTES.get("th", set()) | {"style"}
ATTRIBUTES["td"] = ATTRIBUTES.get("td", set()) | {"style"}
ATTRIBUTES["details"] = {"open"}
ATTRIBUTES["time"] = {"datetime"}
ATTRIBUTES["iframe"] = {"src", "title", "loading", "allowfullscreen", "referrerpolicy"}
URL_SCHEMES = {"http", "https", "mailto", "tel", "data"}
STYLE_PROPERTIES = {"text-align"}  # Markdown tables align columns with style="text-align: …"
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "background",
                            "cite", "srcset"})
_IMAGE_DATA = re.compile(r"^\s*data:image/(?:png|jpe?g|gif|webp|bmp|avif)[;,]", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript)\s*:", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20]+")


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if tag == "iframe" and attr == "src":
        return value if value.startswith(TRUSTED_FRAME_SOURCES) else None
    if attr in ("href", "src") and _CONTROL.sub("", value).lower().startswith("data:"):
        return value if tag == "img" and attr == "src" and _IMAGE_DATA.match(value) else None
    return value


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:  # built once: nh3.clean() builds one from these settings on every call
    return nh3.Cleaner(
        tags=TAGS,
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=URL_SCHEMES,
        filter_style_properties=STYLE_PROPERTIES,
        link_rel=None,
        strip_comments=True,
    )


def sanitize(html: str) -> str:
    """The HTML of a runbook page with only safelisted tags, attributes and URLs left."""
    return _cleaner().clean(html)


def unsafe_url(value: str, tag: str, attr: str) -> str | None:
    """Why a URL is unsafe in this position, or None."""
    compact = _CONTROL.sub("", value)
    if _SCRIPT_URL.match(compact):
        return f"a {compact.split(':', 1)[0].lower()}: URL runs code in the reader's browser"
    if compact.lower().startswith("data:") and not (tag == "img" and attr == "src" and _IMAGE_DATA.match(compact)):
        return "a data: URL that is not an image can carry a page or a script"
    return None


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str, str]] = []  # line, column, what, fix

    def handle_starttag(self, tag: str, attrs) -> None:
        line, column = self.getpos()
        if tag in DANGEROUS_TAGS:
            self.found.append((line, column, f"<{tag}> is not allowed in a runbook",
                               f"remove the <{tag}> element; runbooks are text, links and images"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, column, f"event attribute '{name}' on <{tag}> runs code",
                                   f"remove {name}=\"…\" from the <{tag}> tag"))
            elif name == "style" and tag not in ("th", "td"):
                continue  # style attributes are dropped quietly; they cannot run code in current browsers
            elif name in URL_ATTRIBUTES and value:
                reason = unsafe_url(value, tag, name)
                if reason:
                    self.found.append((line, column, f"{name}= on <{tag}>: {reason}",
                                       "link to an https:// page, or embed an image as data:image/png"))

    handle_startendtag = handle_starttag


_ATTR_LIST = re.compile(r"\{:?[ \t]*(?P<body>[^{}\n]*?\bon[a-z]+[ \t]*=[^{}\n]*)\}")
_MD_URL = re.compile(r"(?P<bang>!?)\[[^\[\]\n]*\]\([ \t]*<?(?P<url>[^)\s>]+)")


_START_TAG = re.compile(r"<[a-zA-Z]")  # where HTMLParser sees a start tag
_PLAIN_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\s*/?>")  # `<b>`, `<br/>`: a name and no attributes


def needs_parser(prose: str) -> bool:
    """Whether the HTML parser could find anything: only start tags with attributes or a dangerous name
    can be reported, and KB bodies are mostly `<b>`, `<br>`, `<u>` (checking 10,000 runbooks)."""
    for start in _START_TAG.finditer(prose):
        plain = _PLAIN_TAG.match(prose, start.start())
        if plain is None or plain.group(1).lower() in DANGEROUS_TAGS:
            return True
    return False


def check_body(body: str, path: str, first_line: int) -> list[Problem]:
    """Report active content in a runbook body (outside code) with file:line:column."""
    prose = mask_code(body)
    problems: list[Problem] = []
    if needs_parser(prose):
        finder = _Finder()
        try:
            finder.feed(prose)
            finder.close()
        except Exception:  # HTMLParser is lenient; it must never break validation
            pass
        problems = [Problem(path, first_line + line - 1, column + 1, "unsafe-html", what, fix)
                    for line, column, what, fix in finder.found]
    for number, text in enumerate(prose.split("\n")):
        if "{" not in text and "](" not in text:
            continue
        for match in _ATTR_LIST.finditer(text):
            problems.append(Problem(path, first_line + number, match.start() + 1, "unsafe-html",
                                    "an attribute list sets an event handler (on…=)",
                                    "remove the on…= attribute from the {…} list"))
        for match in _MD_URL.finditer(text):
            reason = unsafe_url(match["url"], "img" if match["bang"] else "a", "src" if match["bang"] else "href")
            if reason:
                problems.append(Problem(path, first_line + number, match.start("url") + 1, "unsafe-html",
                                        f"link target: {reason}",
                                        "link to an https:// page, or embed an image as data:image/png"))
    return sorted(set(problems))


def check_runbooks(runbooks) -> list[Problem]:
    problems: list[Problem] = []
    for runbook in runbooks:
        problems.extend(check_body(runbook.body, runbook.path, runbook.body_line))
    return problems
