"""Lists as CommonMark reads them, written so that Python-Markdown builds the same lists.

The KB is written in GitHub-flavoured Markdown (CommonMark); the site renders it with Python-Markdown,
whose list rules are older and differ where the KB relies on CommonMark:
- nested lists indented by 2 or 3 spaces (most translations) become siblings of their parent;
- an item that follows an indented paragraph with no blank line is glued into that paragraph, and the
  step numbers after it shift;
- `1)` is not a list marker; a list that directly follows a paragraph line is not a list;
- a list written after a list of another kind (or with another marker) is merged into it;
- an ordered list starting at 3 is numbered from 1.

`normalize` parses the text with markdown-it-py (a CommonMark parser), and writes every list again,
from its token stream, in the one shape Python-Markdown reads unambiguously: item markers `-`/`N.`,
item content indented by 4 spaces per level, a blank line before every block of an item but the first
paragraph and a nested list right under it, a blank line before an item that follows such blocks,
and an HTML comment between two lists that CommonMark keeps apart. The text of every block is kept
as it is (only the indentation that CommonMark takes as the list's is rewritten); an empty item gets an
HTML comment as its text (`- ` alone is a heading underline or nothing to Python-Markdown). Outside
lists every line is left as it is, but a thematic break that Python-Markdown would read as nested
items (`- -   -`) is written `***`. Python-Markdown keeps an ordered list's first number
(`<ol start="3">`) with hooks/render/markdown_fixes.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

SEPARATOR = "<!-- -->"  # between two lists CommonMark keeps apart, in an empty item (the sanitizer drops it)
_MAYBE_LIST = re.compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])(?:[ \t\r]|$)", re.MULTILINE)
_MARKER = re.compile(r"[-*+]|\d{1,9}[.)]")
_QUOTE = re.compile(r" {0,3}>")
# a paragraph line Python-Markdown would read as a list item or a heading when it starts a line of a
# list item (CommonMark keeps it as text: `2.` cannot interrupt a paragraph, `#x` is no heading)
_PYMD_BLOCK_START = re.compile(r"(?:(\d+)([.)])|([-*+]))(?=[ \t]|$)|#")
# a paragraph line Python-Markdown's tables would read as the rule under a header (`- | a |` then `|---|`:
# CommonMark keeps both lines as the item's text, Python-Markdown makes the whole list a table)
_PYMD_TABLE_RULE = re.compile(r"[|:\- \t]*\|[|:\- \t]*")

# a thematic break as Python-Markdown reads one (CommonMark allows any spaces between the marks: `- -   -`,
# which Python-Markdown reads as nested list items)
_PYMD_HR = re.compile(r"[ ]{0,3}(?:(?:-+[ ]{0,2}){3,}|(?:_+[ ]{0,2}){3,}|(?:\*+[ ]{0,2}){3,})[ ]*")
HR = "***"

_PARSER: MarkdownIt | None = None  # lives: the process (made on first use; it keeps no state between texts)


def parser() -> MarkdownIt:
    """markdown-it-py with CommonMark's block rules and GFM tables (the KB's flavour), blocks only."""
    global _PARSER
    if _PARSER is None:
        _PARSER = MarkdownIt("commonmark").enable("table").disable("inline", ignoreInvalid=True)
    return _PARSER


@dataclass
class _Node:
    kind: str  # paragraph, heading, fence, code_block, html_block, table, hr, blockquote, bullet_list,
    #            ordered_list, list_item
    start: int
    end: int
    number: str = ""  # list_item of an ordered list: its number as written
    marker: str = ""  # list_item: `-`, `*`, `+`, `.` or `)`
    children: list[_Node] = field(default_factory=list)

    @property
    def is_list(self) -> bool:
        return self.kind in ("bullet_list", "ordered_list")

    def has_list(self) -> bool:
        return self.is_list or any(child.has_list() for child in self.children)

    def to_write(self, lines: list[str]) -> bool:
        """This node holds a list, or a thematic break that Python-Markdown would not read as one."""
        if self.kind == "hr":
            return not _PYMD_HR.fullmatch(lines[self.start].lstrip(" \t>"))
        return self.is_list or any(child.to_write(lines) for child in self.children)


def _tree(tokens) -> list[_Node]:
    root = _Node("root", 0, 0)
    stack = [root]
    leaf_level = None  # inside a leaf (paragraph, heading, table): its level, until its close
    for token in tokens:
        if leaf_level is not None:
            if token.nesting == -1 and token.level == leaf_level:
                leaf_level = None
            continue
        if token.nesting == 1:
            node = _Node(token.type.removesuffix("_open"), token.map[0], token.map[1], number=token.info,
                         marker=token.markup)
            stack[-1].children.append(node)
            if node.kind in ("blockquote", "bullet_list", "ordered_list", "list_item"):
                stack.append(node)
            else:
                leaf_level = token.level
        elif token.nesting == -1:
            stack.pop()
        elif token.map is not None:  # fence, code_block, html_block, hr
            stack[-1].children.append(_Node(token.type, token.map[0], token.map[1]))
    return root.children


def _columns(text: str, col: int) -> int:
    """Columns of leading whitespace of `text`, which starts at column `col` (tabs stop every 4)."""
    width = 0
    for char in text:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - (col + width) % 4
        else:
            break
    return width


def _strip(text: str, col: int, width: int) -> tuple[str, int]:
    """`text` (starting at column `col`) without `width` columns of leading whitespace; a tab that is
    only partly taken leaves the rest of its columns as spaces. Less whitespace than that: all of it."""
    i = 0
    need = width
    while need > 0 and i < len(text):
        char = text[i]
        if char == " ":
            need -= 1
            col += 1
        elif char == "\t":
            tab = 4 - col % 4
            if tab > need:
                return " " * (tab - need) + text[i + 1:], col + need
            need -= tab
            col += tab
        else:
            break
        i += 1
    return text[i:], col


class _Writer:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.blank = True  # the last line written is blank (or nothing is written yet)

    def line(self, text: str) -> None:
        self.out.append(text)
        self.blank = False

    def blank_line(self, prefix: str) -> None:
        if not self.blank:
            self.out.append(prefix.rstrip())
            self.blank = True

    # --- containers -----------------------------------------------------------------------------
    def blocks(self, nodes: list[_Node], inner: dict[int, tuple[str, int]], prefix: str,
               lead: str | None = None, tight_lists: bool = False) -> bool:
        """Write `nodes` (the children of one container) with `prefix` before every line; `lead`, when
        given, replaces the prefix on the first line (an item's marker). Returns True when nothing but
        a first paragraph and lists right under it was written, with no blank line (a tight item)."""
        tight = True
        previous: _Node | None = None
        for index, node in enumerate(nodes):
            if index == 0 and lead is not None:
                first_prefix = lead
            else:
                first_prefix = prefix
                attached = (tight_lists and tight and index == 1 and node.is_list and previous.kind == "paragraph"
                            and previous.end == node.start)
                if _kept_apart(previous, node):
                    self.blank_line(prefix)
                    self.line(prefix + SEPARATOR)
                if not attached:
                    self.blank_line(prefix)
                    tight = False
            if node.is_list:
                tight = self.list(node, inner, prefix, first_prefix) and tight
            elif node.kind == "blockquote":
                self.quote(node, inner, prefix, first_prefix)
                tight = False
            else:
                self.leaf(node, inner, prefix, first_prefix)
                if index > 0 or node.kind != "paragraph":
                    tight = False
            previous = node
        return tight

    def list(self, node: _Node, inner, prefix: str, first_prefix: str) -> bool:
        """Write a list; True when it is tight (no blank line written in it)."""
        tight = item_tight = True
        for index, item in enumerate(node.children):
            if index > 0 and (not item_tight or _blank(inner, item.start - 1)):
                self.blank_line(prefix)
                tight = False
            item_tight = self.item(item, inner, prefix, first_prefix if index == 0 else prefix)
            tight = tight and item_tight
        return tight

    def item(self, item: _Node, inner, prefix: str, first_prefix: str) -> bool:
        text, col = inner[item.start]
        lead_ws = _columns(text, col)
        rest, rest_col = _strip(text, col, lead_ws)
        marker = _MARKER.match(rest).group()
        after, after_col = rest[len(marker):], rest_col + len(marker)
        spaces = _columns(after, after_col)
        if not after.strip(" \t") or spaces >= 5:
            width = lead_ws + len(marker) + 1
        else:
            width = lead_ws + len(marker) + spaces
        content: dict[int, tuple[str, int]] = {item.start: _strip(after, after_col, width - lead_ws - len(marker))}
        for number in range(item.start + 1, item.end):
            line, line_col = inner[number]
            content[number] = _strip(line, line_col, width) if _columns(line, line_col) >= width else \
                (line.lstrip(" \t"), line_col)
        written = f"{int(item.number)}." if marker[-1] in ".)" else marker
        lead = f"{first_prefix}{written} "
        children = item.children
        child_prefix = prefix + "    "
        if children and children[0].kind in ("paragraph", "heading"):
            return self.blocks(children, content, child_prefix, lead=lead, tight_lists=True)
        # `- ` alone: Python-Markdown would read `-` as a heading underline, or no item at all
        self.line(lead + SEPARATOR)
        if not children:
            return True
        self.blocks(children, content, child_prefix)
        return False

    def quote(self, node: _Node, inner, prefix: str, first_prefix: str) -> None:
        content: dict[int, tuple[str, int]] = {}
        for number in range(node.start, node.end):
            line, col = inner[number]
            match = _QUOTE.match(line)
            if match:
                line, col = line[match.end():], col + match.end()
                line, col = _strip(line, col, 1) if line[:1] in (" ", "\t") else (line, col)
            content[number] = (line, col)
        self.blocks(node.children, content, prefix + "> ", lead=first_prefix + "> ")

    def leaf(self, node: _Node, inner, prefix: str, first_prefix: str) -> None:
        for number in range(node.start, node.end):
            text, col = inner[number]
            if text[:1] == "\t" or "\t" in text[:_columns(text, col)]:
                # a tab's width depends on its column: written at another one (a deeper prefix), it would
                # indent by another amount once Python-Markdown expands it; its columns become spaces
                text = " " * _columns(text, col) + text.lstrip(" \t")
            if node.kind == "hr" and not _PYMD_HR.fullmatch(text.strip(" \t") or "x"):
                text = HR
            if node.kind in ("paragraph", "heading"):
                text = text.strip(" \t") if node.kind == "heading" else text.lstrip(" \t")
                if node.kind == "paragraph":
                    text = _escape(text, continuation=number > node.start)
            line_prefix = first_prefix if number == node.start else prefix
            if text.strip(" \t"):
                self.line(line_prefix + text)
            else:
                self.out.append(line_prefix.rstrip())
                self.blank = True


def _kept_apart(previous: _Node | None, node: _Node) -> bool:
    """Python-Markdown would take `node` into the block before it: a list after a list is merged into it,
    an indented code block after a list or a KB note (an admonition) becomes their content."""
    if previous is None:
        return False
    return (previous.is_list and node.is_list) or (node.kind == "code_block"
                                                   and (previous.is_list or previous.kind == "blockquote"))


def _blank(inner: dict[int, tuple[str, int]], number: int) -> bool:
    return number in inner and not inner[number][0].strip(" \t")


def _escape(text: str, continuation: bool) -> str:
    if continuation and "-" in text and _PYMD_TABLE_RULE.fullmatch(text.rstrip("\r")):
        return "\\" + text
    match = _PYMD_BLOCK_START.match(text)
    if match is None:
        return text
    if match.group() == "#":
        return "\\" + text
    if not continuation:
        return text
    if match.group(1):
        return f"{match.group(1)}\\{text[len(match.group(1)):]}"
    return "\\" + text


def normalize(markdown: str) -> str:
    """`markdown` with every list written so that Python-Markdown reads it as CommonMark does."""
    if _MAYBE_LIST.search(markdown) is None:
        return markdown
    if "\r" in markdown:  # line numbers are markdown-it's, which reads any line ending as \n
        markdown = markdown.replace("\r\n", "\n").replace("\r", "\n")
    nodes = _tree(parser().parse(markdown))
    lines = markdown.split("\n")
    if not any(node.to_write(lines) for node in nodes):
        return markdown
    if not lines[0].strip(" \t"):  # Python-Markdown blanks whitespace-only lines, but not the first one
        lines[0] = ""
    writer = _Writer()
    inner = {number: (line, 0) for number, line in enumerate(lines)}
    position = 0
    previous: _Node | None = None
    for node in nodes:
        apart = _kept_apart(previous, node)
        previous = node
        rewrite = node.kind != "hr" and node.to_write(lines)
        if node.kind == "hr" and node.to_write(lines):
            lines[node.start] = HR  # copied with the lines around it
        if not rewrite and not apart:
            continue
        for number in range(position, node.start):
            writer.out.append(lines[number])
            writer.blank = not lines[number].strip(" \t")
        position = node.start
        writer.blank_line("")
        if apart:
            writer.line(SEPARATOR)
            writer.blank_line("")
        if not rewrite:
            continue
        if node.is_list:
            writer.list(node, inner, "", "")
        else:
            writer.quote(node, inner, "", "")
        position = node.end
        if position < len(lines) and lines[position].strip(" \t"):
            writer.blank_line("")
    writer.out.extend(lines[position:])
    return "\n".join(writer.out)
