"""Is a runbook page what its source says? The source, KB dialect stripped, rendered by a CommonMark parser
(markdown-it-py) is the reference; the page is the built site's runbook content.

- text: every sentence of the reference's visible text is on the page (whitespace aside);
- structures: the same headings (level and text), tables (rows × columns), code blocks, images, links
  and lists (tests/list_structure.py);
- syntax: no Markdown or HTML syntax shows as text on the page more often than in the reference (where
  CommonMark shows it too, e.g. `*` in a regular expression written as text).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag
from markdown_it import MarkdownIt

from hooks.render import dialect
from tests import list_structure

_ORACLE = MarkdownIt("commonmark").enable("table")
_BLOCKS = ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "div", "blockquote", "tr", "br",
           "table", "ul", "ol", "dd", "dt", "section", "article")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")
_WORD = re.compile(r"\w")
# The KB dialect, as the page shows it: markers stripped, attribute lists and video markers gone
_INLINE_MARKER = re.compile(r"\[!(?:UICONTROL|DNL)[ \t]+([^\[\]\n]*?)[ \t]*\]")
_NOTE_MARKER = re.compile(r"^([ \t]*(?:>[ \t]*)+)\[![A-Za-z]+\][ \t]*", re.MULTILINE)
_VIDEO = re.compile(r"^[ \t]*>[ \t]*\[!VIDEO\]\([^)\n]*\)[ \t]*$", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{(?:[:#.]|[\w-]+=)[^}\n]*\}")
# syntax that shows as text when a renderer does not read it
SYNTAX = {
    "strong marker": re.compile(r"\*\*\w|\w\*\*"),
    "emphasis marker": re.compile(r"(?<![*\w])\*\w[^*\n]*\w\*(?![*\w])"),
    "link": re.compile(r"\]\([^)\s]*\)"),
    "image": re.compile(r"!\["),
    "KB marker": re.compile(r"\[!(?:UICONTROL|DNL|NOTE|TIP|IMPORTANT|CAUTION|WARNING|INFO|VIDEO)"),
    "heading": re.compile(r"(?m)^#{1,6} "),
    "fence": re.compile(r"```|~~~"),
    "table row": re.compile(r"\|\s*:?-{3,}"),
    "attribute list": re.compile(r"\{(?:[:#.]|target=)[^}\n]*\}"),
    "HTML tag": re.compile(r"</?(?:b|i|u|br|p|div|span|table|tr|td|th|ul|ol|li|img|a|strong|em|sup|sub)\b[^>\n]*>"),
    "entity": re.compile(r"&(?:[a-z]+|#\d+|#x[0-9a-f]+);", re.IGNORECASE),
    "line-break backslash": re.compile(r"\\\n"),
}


def strip_dialect(markdown: str) -> str:
    """The KB dialect as a reader sees it on the page, in plain CommonMark."""
    markdown = dialect.unwrap_lone_rows(markdown)  # `|Some text|` alone: the KB's boxed lead
    markdown = _VIDEO.sub("", markdown)
    markdown = _NOTE_MARKER.sub(r"\1", markdown)
    markdown = _INLINE_MARKER.sub(r"\1", markdown)
    return _ATTR_LIST.sub("", markdown)


def reference(markdown: str) -> Tag:
    """The source rendered by CommonMark, dialect stripped."""
    return BeautifulSoup(_ORACLE.render(strip_dialect(markdown)), "html.parser")


def normalize(text: str) -> str:
    """Text to compare: whitespace collapsed, without the permalink sign and emphasis asterisks (CommonMark
    shows `*~/*has` as text where Python-Markdown reads emphasis: the words are the same)."""
    text = unicodedata.normalize("NFC", text).replace("\u200b", "").replace("¶", " ").replace("*", "")
    return " ".join(text.split())


def _lines(element: Tag) -> list[str]:
    """The text of `element`, one entry per block (paragraph, item, cell, heading, code line)."""
    copy = BeautifulSoup(str(element), "html.parser")
    for block in copy.find_all(_BLOCKS):
        block.insert_before("\n")
        block.insert_after("\n")
    return [line for line in copy.get_text().split("\n") if line.strip()]


def sentences(element: Tag) -> list[str]:
    found = []
    for line in _lines(element):
        for sentence in _SENTENCE_END.split(normalize(line)):
            if len(_WORD.findall(sentence)) >= 2:
                found.append(sentence)
    return found


def _prose_text(element: Tag) -> str:
    """Visible text outside code, block boundaries kept as line breaks."""
    copy = BeautifulSoup(str(element), "html.parser")
    for code in copy.find_all(["pre", "code"]):
        code.decompose()
    return "\n".join(_lines(copy))


def _headings(element: Tag) -> list[tuple[str, str]]:
    return [(h.name, normalize(h.get_text())) for h in element.find_all(re.compile(r"^h[1-6]$"))]


def _tables(element: Tag) -> list[tuple[int, int]]:
    shapes = []
    for table in element.find_all("table"):
        rows = [row for row in table.find_all("tr") if row.find_parent("table") is table]
        shapes.append((len(rows), len(rows[0].find_all(["td", "th"])) if rows else 0))
    return shapes


_ADDED_LINKS = ("headerlink", "kb-ref", "kb-error-code")


def _links(element: Tag, page: bool) -> list[str]:
    links = []
    for link in element.find_all("a", href=True):
        if page and (set(link.get("class", ())) & set(_ADDED_LINKS) or link.find_parent(class_="kb-video")):
            continue
        links.append(normalize(link.get_text()))
    return links


@dataclass
class Report:
    sentences: int = 0
    found: int = 0
    missing: list[str] = field(default_factory=list)
    structures: dict[str, tuple[object, object]] = field(default_factory=dict)  # name → (reference, page)
    syntax: dict[str, tuple[int, int]] = field(default_factory=dict)  # name → (reference count, page count)

    @property
    def differences(self) -> dict[str, tuple[object, object]]:
        return {name: pair for name, pair in self.structures.items() if pair[0] != pair[1]}

    @property
    def syntax_shown(self) -> dict[str, tuple[int, int]]:
        return {name: pair for name, pair in self.syntax.items() if pair[1] > pair[0]}


def check(markdown: str, page: Tag) -> Report:
    """Compare a runbook's source body with its page content (title, header and banners removed)."""
    ref = reference(markdown)
    first_h1 = ref.find("h1")
    if first_h1 is not None:  # the page shows the runbook's title instead (hooks/engine/page_render.py drops it)
        first_h1.decompose()
    page_text = normalize(page.get_text(" "))
    page_compact = page_text.replace(" ", "")
    report = Report()
    for sentence in sentences(ref):
        report.sentences += 1
        if sentence in page_text or sentence.replace(" ", "") in page_compact:
            report.found += 1
        else:
            report.missing.append(sentence)
    report.structures = {
        "headings": (_headings(ref), _headings(page)),
        "tables": (_tables(ref), _tables(page)),
        "code blocks": (len(ref.find_all("pre")), len(page.find_all("pre"))),
        "images": (len(ref.find_all("img")), len(page.find_all("img"))),
        "links": (_links(ref, page=False), _links(page, page=True)),
        "lists": (list_structure.oracle(markdown), list_structure.page(page)),
    }
    ref_prose, page_prose = _prose_text(ref), _prose_text(page)
    report.syntax = {name: (len(pattern.findall(ref_prose)), len(pattern.findall(page_prose)))
                     for name, pattern in SYNTAX.items()}
    return report


def page_content(html: str) -> Tag:
    """A built runbook page's content: the runbook without our title, header and banners."""
    soup = BeautifulSoup(html, "html.parser")
    runbook = soup.select_one(".kb-runbook")
    for extra in runbook.select(":scope > h1, .kb-header, .kb-banner"):
        extra.decompose()
    return runbook
