"""Render the Experience League KB dialect into the Markdown our site understands.

    >[!NOTE]            → an admonition with a title in the page's language
    >                     (NOTE, TIP, IMPORTANT, CAUTION, WARNING, INFO, …)
    [!UICONTROL Save]   → <span class="uicontrol">Save</span>  (a UI label)
    [!DNL Campaign]     → Campaign                             (do-not-localize marker)

Heading ids `{#id}` and link attributes `{target="_blank"}` are attr_list syntax and pass through.
Code (fenced blocks and inline spans) is never touched.
"""

from __future__ import annotations

import re

from hooks.base import registry
from hooks.base.mdtext import map_prose, map_prose_blocks
from hooks.render import commonmark_lists

ADMONITION_TYPES = {
    "note": "note",
    "tip": "tip",
    "important": "warning",
    "caution": "warning",
    "warning": "warning",
    "info": "info",
    "error": "danger",
    "success": "success",
    "prerequisites": "abstract",
    "availability": "info",
    "morelikethis": "abstract",
    "administration": "info",
}
_OPEN = re.compile(r"^(?P<indent>[ \t]*)>[ \t]*\[!(?P<kind>[A-Za-z]+)\][ \t]*(?P<rest>.*)$")
_QUOTED = re.compile(r"^(?P<indent>[ \t]*)>[ \t]?(?P<text>.*)$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_UICONTROL = re.compile(r"\[!UICONTROL[ \t]+([^\[\]\n]*?)[ \t]*\]")
_DNL = re.compile(r"\[!DNL[ \t]+([^\[\]\n]*?)[ \t]*\]")


def admonition_title(kind: str, lang: str) -> str:
    strings = registry.ui_strings()
    key = f"admonition.{kind}"
    return strings[key][lang] if key in strings else strings["admonition.note"][lang]


def convert_admonitions(markdown: str, lang: str) -> str:
    lines = markdown.split("\n")
    out: list[str] = []
    fence: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        fence_match = _FENCE.match(line)
        if fence is not None:
            out.append(line)
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                fence = None
            i += 1
            continue
        if fence_match:
            fence = fence_match.group(1)
            out.append(line)
            i += 1
            continue
        match = _OPEN.match(line)
        kind = match["kind"].lower() if match else ""
        if not match or kind not in ADMONITION_TYPES:
            out.append(line)
            i += 1
            continue
        indent = match["indent"]
        title = admonition_title(kind, lang).replace('"', "'")
        body: list[str] = [match["rest"]] if match["rest"].strip() else []
        i += 1
        while i < len(lines):
            quoted = _QUOTED.match(lines[i])
            if not quoted or quoted["indent"] != indent:
                break
            body.append(quoted["text"])
            i += 1
        while body and not body[0].strip():
            body.pop(0)
        if out and out[-1].strip():
            out.append("")
        out.append(f'{indent}!!! {ADMONITION_TYPES[kind]} "{title}"')
        out.append("")
        nested = convert_admonitions("\n".join(body), lang).split("\n")
        out.extend(f"{indent}    {text}" if text.strip() else "" for text in nested)
        out.append("")
    return "\n".join(out)


def convert_inline(text: str) -> str:
    text = _UICONTROL.sub(r'<span class="uicontrol">\1</span>', text)
    return _DNL.sub(r"\1", text)


_LONE_ROW = re.compile(r"^\|(?P<text>[^|\n]+)\|[ \t]*$")


def unwrap_lone_rows(text: str) -> str:
    """`|Some text|` alone (no header separator, no neighbouring row) is the KB's boxed lead, not a table."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        match = _LONE_ROW.match(line)
        if not match:
            continue
        neighbours = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if not any(n.lstrip().startswith("|") for n in neighbours):
            lines[i] = match["text"].strip()
    return "\n".join(lines)


def render(markdown: str, lang: str) -> str:
    markdown = commonmark_lists.normalize(markdown)  # lists as CommonMark reads them (the KB's flavour)
    # each pass goes through the whole text: skipped when the text cannot contain what it converts
    if "|" in markdown:
        markdown = map_prose_blocks(markdown, unwrap_lone_rows)
    if "[!" not in markdown:  # admonitions (`>[!NOTE]`) and inline markers (`[!UICONTROL …]`)
        return markdown
    return map_prose(convert_admonitions(markdown, lang), convert_inline)
