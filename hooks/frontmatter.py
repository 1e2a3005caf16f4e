"""Read a Markdown file with YAML front matter, safely, keeping line numbers.

Hostile input is expected: BOMs, CRLF, non-UTF-8 bytes, YAML aliases ("billion laughs"),
duplicate keys, front matter that is not a mapping, huge files. Every failure becomes a
`ProblemError` naming the file and line; nothing else escapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from hooks.problems import Problem, ProblemError

MAX_BYTES = 2 * 1024 * 1024  # a KB article is at most ~420 KB; 2 MiB leaves room, 50 MB is refused
BOM = "\ufeff"
_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


@dataclass
class Document:
    path: str
    meta: dict
    body: str
    body_line: int  # 1-based line number of the first body line in the file
    key_lines: dict[str, int] = field(default_factory=dict)
    has_front_matter: bool = True

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


class _Loader(yaml.SafeLoader):
    """SafeLoader without aliases, without timestamp magic, with duplicate-key detection."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(event.start_mark, "YAML aliases (*name) are not allowed in front matter",
                           "write the value out in full")
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(event.start_mark, "YAML anchors (&name) are not allowed in front matter",
                           "remove the anchor and write values out in full")
        return super().compose_node(parent, index)


# Keep dates as the strings people wrote; the schema checks their format.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Refused(Exception):
    def __init__(self, mark, message: str, fix: str):
        super().__init__(message)
        self.mark = mark
        self.message = message
        self.fix = fix


def decode(data: bytes, path: str) -> str:
    """UTF-8 (BOM accepted) with LF line endings, or a problem at the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ProblemError(Problem(
            path, line, column, "encoding",
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
            "save the file as UTF-8 (for example: iconv -f latin1 -t utf-8)",
        )) from None
    if text.startswith(BOM):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_file(path: Path | str, display: str | None = None, max_bytes: int = MAX_BYTES) -> Document:
    path = Path(path)
    shown = display or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ProblemError(Problem(
                shown, 1, 1, "file-too-large",
                f"file is {size:,} bytes; the limit is {max_bytes:,} bytes",
                "split the article or move large content (logs, images) into assets",
            ))
        data = path.read_bytes()
    except OSError as exc:
        raise ProblemError(Problem(shown, 1, 1, "unreadable", f"cannot read file: {exc.strerror}",
                                   "check the path and permissions")) from None
    return parse(decode(data, shown), shown)


def parse(text: str, path: str) -> Document:
    if text.startswith(BOM):
        text = text[1:]
    text = text.replace("\r\n", "\n")
    if not text.strip():
        raise ProblemError(Problem(path, 1, 1, "empty-file", "file is empty",
                                   "add front matter between two '---' lines, then the body"))
    first_line = text.split("\n", 1)[0]
    if first_line.rstrip() != "---":
        raise ProblemError(Problem(path, 1, 1, "no-front-matter",
                                   "file does not start with YAML front matter",
                                   "start the file with a '---' line, the metadata, and another '---' line"))
    closing = _FENCE.search(text, len(first_line) + 1)
    if closing is None:
        raise ProblemError(Problem(path, 1, 1, "unclosed-front-matter",
                                   "front matter opened with '---' is never closed",
                                   "add a '---' line after the last metadata line"))
    yaml_text = text[len(first_line) + 1:closing.start()]
    body_start = closing.end() + 1
    body = text[body_start:] if body_start <= len(text) else ""
    body_line = text.count("\n", 0, min(body_start, len(text))) + 1
    meta, key_lines = parse_yaml_mapping(yaml_text, path, line_offset=1)
    return Document(path=path, meta=meta, body=body, body_line=body_line, key_lines=key_lines)


def parse_yaml_mapping(yaml_text: str, path: str, line_offset: int = 0) -> tuple[dict, dict[str, int]]:
    """Parse YAML that must be a mapping; return it with the 1-based line of each top-level key."""
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, yaml.MappingNode):
            kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
            raise ProblemError(Problem(
                path, node.start_mark.line + 1 + line_offset, node.start_mark.column + 1,
                "front-matter-not-mapping", f"front matter is {kind}, not a set of 'key: value' lines",
                "write one 'key: value' per line, e.g. 'title: My runbook'",
            ))
        key_lines: dict[str, int] = {}
        for key_node, _value in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1 + line_offset
            if key in key_lines:
                raise ProblemError(Problem(
                    path, line, key_node.start_mark.column + 1, "duplicate-key",
                    f"key '{key}' appears twice (first on line {key_lines[key]})",
                    "keep one of the two lines",
                ))
            key_lines[key] = line
        data = loader.construct_document(node)
    except _Refused as exc:
        raise ProblemError(Problem(path, exc.mark.line + 1 + line_offset, exc.mark.column + 1,
                                   "yaml-alias", exc.message, exc.fix)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        column = (mark.column + 1) if mark else 1
        what = " ".join(filter(None, [exc.context, exc.problem])) or "invalid YAML"
        fix = "quote values that contain ':' or '#', and indent with spaces, not tabs"
        raise ProblemError(Problem(path, line, column, "yaml-syntax", f"invalid YAML: {what}", fix)) from None
    except yaml.YAMLError as exc:
        raise ProblemError(Problem(path, 1 + line_offset, 1, "yaml-syntax", f"invalid YAML: {exc}",
                                   "check the front matter syntax")) from None
    except RecursionError:
        raise ProblemError(Problem(path, 1 + line_offset, 1, "yaml-too-deep", "front matter nests too deeply",
                                   "front matter values are flat strings, numbers and lists")) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise ProblemError(Problem(path, 1 + line_offset, 1, "front-matter-not-mapping",
                                   "front matter is not a mapping", "write one 'key: value' per line"))
    return {str(k): v for k, v in data.items()}, key_lines
