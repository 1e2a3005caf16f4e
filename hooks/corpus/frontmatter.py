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

from hooks.base.problems import Problem, ProblemError

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
    # "key" or "key/index" → (line, column) of the value, 1-based, for messages that point at a list item
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)

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


class _FastLoader(yaml.CSafeLoader):
    """libyaml, for the common case; only used on text that cannot hold an anchor or alias."""


# Keep dates as the strings people wrote (the schema checks their format); `<<` is an ordinary key.
_RESOLVERS = {
    key: [(tag, regexp) for tag, regexp in resolvers
          if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# Only JSON-like values: explicit !!binary, !!set, !!timestamp, !!omap… become "could not determine a
# constructor" errors at their line instead of Python objects no rule expects.
_JSON_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str", "seq", "map")}
_CONSTRUCTORS = {tag: fn for tag, fn in yaml.SafeLoader.yaml_constructors.items() if tag in _JSON_TAGS}
for _cls in (_Loader, _FastLoader):
    _cls.yaml_implicit_resolvers = _RESOLVERS
    _cls.yaml_constructors = {**_CONSTRUCTORS, None: yaml.SafeLoader.yaml_constructors[None]}

# libyaml composes recursively in C and crashes the interpreter on very deep nesting; every level of
# nesting needs one of these characters, so text with few of them is safe for the fast loader.
_NESTING_CHARS = "[{-:?"
_FAST_MAX_NESTING = 500


def _loader_for(yaml_text: str):
    if "&" in yaml_text or "*" in yaml_text:
        return _Loader(yaml_text)  # the pure-Python loader names the anchor or alias and its line
    if sum(yaml_text.count(c) for c in _NESTING_CHARS) > _FAST_MAX_NESTING:
        return _Loader(yaml_text)  # raises RecursionError (reported) instead of crashing
    return _FastLoader(yaml_text)


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"


def _construct(loader, node):
    """Strings and lists of strings (nearly every value) directly; anything else through PyYAML."""
    if type(node) is yaml.ScalarNode and node.tag == _STR:
        return node.value
    items = node.value if type(node) is yaml.SequenceNode and node.tag == _SEQ else None
    if items is not None and all(type(i) is yaml.ScalarNode and i.tag == _STR for i in items):
        return [item.value for item in node.value]
    return loader.construct_object(node, deep=True)


def _scalar_key(key: object) -> bool:
    return key is None or isinstance(key, (str, int, float, bool))


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
    meta, key_lines, positions = parse_yaml_mapping_with_positions(yaml_text, path, line_offset=1)
    return Document(path=path, meta=meta, body=body, body_line=body_line, key_lines=key_lines,
                    positions=positions)


def parse_yaml_mapping(yaml_text: str, path: str, line_offset: int = 0) -> tuple[dict, dict[str, int]]:
    """Parse YAML that must be a mapping; return it with the 1-based line of each top-level key."""
    meta, key_lines, _ = parse_yaml_mapping_with_positions(yaml_text, path, line_offset)
    return meta, key_lines


def _where(mark, line_offset: int) -> tuple[int, int]:
    return mark.line + 1 + line_offset, mark.column + 1


def parse_yaml_mapping_with_positions(
    yaml_text: str, path: str, line_offset: int = 0,
) -> tuple[dict, dict[str, int], dict[str, tuple[int, int]]]:
    """Like parse_yaml_mapping, plus the (line, column) of every value and list item."""
    try:
        loader = _loader_for(yaml_text)
    except yaml.reader.ReaderError as exc:  # the pure-Python reader checks characters on creation
        line = yaml_text.count("\n", 0, exc.position) + 1 + line_offset
        column = exc.position - (yaml_text.rfind("\n", 0, exc.position) + 1) + 1
        raise ProblemError(Problem(path, line, column, "yaml-syntax",
                                   f"invalid YAML: control character U+{exc.character:04X} is not allowed",
                                   "remove control characters from the front matter")) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}, {}
        if not isinstance(node, yaml.MappingNode):
            kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
            raise ProblemError(Problem(
                path, *_where(node.start_mark, line_offset),
                "front-matter-not-mapping", f"front matter is {kind}, not a set of 'key: value' lines",
                "write one 'key: value' per line, e.g. 'title: My runbook'",
            ))
        data: dict[str, object] = {}
        key_lines: dict[str, int] = {}
        positions: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            line, column = _where(key_node.start_mark, line_offset)
            raw_key = key_node.value if type(key_node) is yaml.ScalarNode and key_node.tag == _STR else (
                loader.construct_object(key_node, deep=True))
            if not _scalar_key(raw_key):
                raise ProblemError(Problem(path, line, column, "yaml-key", "a key must be a plain word",
                                           "write 'name: value', with the name as plain text"))
            key = str(raw_key)
            if key in key_lines:
                raise ProblemError(Problem(
                    path, line, column, "duplicate-key",
                    f"key '{key}' appears twice (first on line {key_lines[key]})",
                    "keep one of the two lines",
                ))
            key_lines[key] = line
            positions[key] = _where(value_node.start_mark, line_offset)
            if isinstance(value_node, yaml.SequenceNode):
                for index, item in enumerate(value_node.value):
                    positions[f"{key}/{index}"] = _where(item.start_mark, line_offset)
            try:
                data[key] = _construct(loader, value_node)
            except (ValueError, OverflowError):  # e.g. an integer of 5,000 digits
                raise ProblemError(Problem(path, *positions[key], "yaml-value",
                                           f"value of '{key}' cannot be read: the number is too long",
                                           "write a shorter value, or quote it to make it text")) from None
    except _Refused as exc:
        raise ProblemError(Problem(path, *_where(exc.mark, line_offset),
                                   "yaml-alias", exc.message, exc.fix)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _where(mark, line_offset) if mark else (1 + line_offset, 1)
        what = " ".join(filter(None, [exc.context, exc.problem])) or "invalid YAML"
        fix = "quote values that contain ':' or '#', and indent with spaces, not tabs"
        if "tab" in what:
            fix = "indent with spaces, not tabs"
        elif "constructor" in what:
            fix = "remove the '!!' tag: values are plain text, numbers, true/false or lists"
        raise ProblemError(Problem(path, line, column, "yaml-syntax", f"invalid YAML: {what}", fix)) from None
    except yaml.reader.ReaderError as exc:
        line = yaml_text.count("\n", 0, exc.position) + 1 + line_offset
        column = exc.position - (yaml_text.rfind("\n", 0, exc.position) + 1) + 1
        raise ProblemError(Problem(path, line, column, "yaml-syntax",
                                   f"invalid YAML: control character U+{exc.character:04X} is not allowed",
                                   "remove control characters from the front matter")) from None
    except yaml.YAMLError as exc:
        raise ProblemError(Problem(path, 1 + line_offset, 1, "yaml-syntax", f"invalid YAML: {exc}",
                                   "check the front matter syntax")) from None
    except RecursionError:
        raise ProblemError(Problem(path, 1 + line_offset, 1, "yaml-too-deep", "front matter nests too deeply",
                                   "front matter values are flat strings, numbers and lists")) from None
    finally:
        loader.dispose()
    return data, key_lines, positions
