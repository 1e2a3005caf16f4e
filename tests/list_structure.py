"""The lists of a text as CommonMark reads them (markdown-it-py, the oracle) and as a page shows them.

Both sides give the same shape: a list of lists, each `{"tag": "ul"|"ol", "start": n, "items": [...]}`
(start 1 for a bullet list), each item `{"text": first words, "lists": [lists nested in the item]}`.
Nesting depth, item count, order and numbering are all in it; `text` (the first words of the item's own
text, not of its nested lists) tells that the items are the source's items in the source's order.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag
from markdown_it import MarkdownIt

_ORACLE = MarkdownIt("commonmark").enable("table")
_MARKERS = re.compile(r"\[!(?:UICONTROL|DNL)[ \t]+([^\[\]\n]*?)[ \t]*\]")  # `[!UICONTROL Save]` shows "Save"
_WORD = re.compile(r"\w+")
WORDS = 4
_LEAVES = {"paragraph_open", "heading_open", "fence", "code_block", "html_block"}
_INLINE_TAGS = {"a", "b", "strong", "em", "i", "u", "code", "span", "sub", "sup", "del", "ins", "mark", "kbd",
                "s", "small", "br", "img", "abbr"}


def words(text: str) -> str:
    return " ".join(_WORD.findall(_MARKERS.sub(r"\1", text))[:WORDS])


def _inline_text(token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def oracle(markdown: str) -> list[dict]:
    """The lists CommonMark finds in `markdown`."""
    root: list[dict] = []
    stack: list = [root]  # lists (of lists) and items
    tokens = _ORACLE.parse(markdown)
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            node = {"tag": token.tag, "start": int(token.attrGet("start") or 1), "items": []}
            (stack[-1]["lists"] if isinstance(stack[-1], dict) else stack[-1]).append(node)
            stack.append(node)
        elif token.type == "list_item_open":
            item = {"text": None, "lists": [], "level": token.level + 1}
            stack[-1]["items"].append(item)
            stack.append(item)
        elif token.type in ("bullet_list_close", "ordered_list_close", "list_item_close"):
            stack.pop()
        elif token.type in _LEAVES and isinstance(stack[-1], dict) and "text" in stack[-1]:
            item = stack[-1]
            if item["text"] is None and token.level == item["level"]:
                if token.type.endswith("_open"):
                    text = _inline_text(tokens[index + 1])
                elif token.type == "html_block":  # raw HTML: the page shows its text
                    text = BeautifulSoup(token.content, "html.parser").get_text()
                else:
                    text = token.content
                item["text"] = words(text)
    return _fill(root)


def _fill(lists: list[dict]) -> list[dict]:
    for node in lists:
        for item in node["items"]:
            item["text"] = item["text"] or ""
            del item["level"]
            _fill(item["lists"])
    return lists


def page(element: Tag) -> list[dict]:
    """The lists shown in `element` (a page's content)."""
    found = []
    for lst in _outermost(element, ("ul", "ol")):
        start = int(lst.get("start", 1)) if lst.name == "ol" else 1
        found.append({"tag": lst.name, "start": start,
                      "items": [{"text": words(_own_text(li)), "lists": page(li)}
                                for li in lst.find_all("li", recursive=False)]})
    return found


def _outermost(element: Tag, names: tuple[str, ...]) -> list[Tag]:
    out = []
    for child in element.children:
        if not isinstance(child, Tag):
            continue
        if child.name in names:
            out.append(child)
        else:
            out.extend(_outermost(child, names))
    return out


def _own_text(li: Tag) -> str:
    """The text of an item's first block: its leading text, or its first paragraph, heading or code."""
    parts: list[str] = []
    for child in li.children:
        if isinstance(child, NavigableString):
            parts.append(str(child))
        elif child.name in _INLINE_TAGS:
            parts.append(child.get_text())
        elif "".join(parts).strip():
            break
        elif child.name in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "pre") or "highlight" in child.get("class", ()):
            return child.get_text()
        else:
            break
    return "".join(parts)


def html_lists(html: str) -> list[dict]:
    return page(BeautifulSoup(html, "html.parser"))


def shape(lists: list[dict], depth: int = 0) -> list[str]:
    """One line per list and item, indented by depth: for failure messages."""
    lines = []
    for node in lists:
        start = f" start={node['start']}" if node["tag"] == "ol" and node["start"] != 1 else ""
        lines.append(f"{'  ' * depth}<{node['tag']}{start}> {len(node['items'])} items")
        for item in node["items"]:
            lines.append(f"{'  ' * depth}  - {item['text']}")
            lines.extend(shape(item["lists"], depth + 2))
    return lines


def without_text(lists: list[dict]) -> list[dict]:
    """Only the shape: tags, numbering, items and nesting."""
    return [{"tag": node["tag"], "start": node["start"],
             "items": [without_text(item["lists"]) for item in node["items"]]} for node in lists]
