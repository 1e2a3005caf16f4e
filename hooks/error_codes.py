"""Error codes: the family registry (hooks/data/error_codes.yml), extraction from text, and the index
of every code quoted by every runbook of every language.

Extraction reads the raw Markdown (prose, inline code and fenced blocks alike: log excerpts are where
codes live) and the title. Codes are matched with ASCII-only boundaries, so `RED-520025が` in Japanese
text is found although Japanese letters count as word characters for `\\b`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from hooks import registry
from hooks.corpus import Corpus, Runbook
from hooks.problems import Problem

# Not glued to ASCII letters, digits, `_` or `-` on either side. `AM`/`PM` directly in front is allowed:
# logs sometimes lose the space between a 12-hour timestamp and the code (`10:20:31 PMXSV-350122`).
_BEFORE = r"(?<![A-Za-z0-9_\-])(?:[AP]M(?=[A-Z]{3}-\d))?"
_AFTER = r"(?![A-Za-z0-9_]|-\d)"
# What may separate a code from its message, and where a message ends in Markdown/HTML source.
_MESSAGE_START = re.compile(r"[ \t\u00a0]*(?:[:：\-–—][ \t\u00a0]*)?")
_MESSAGE_END = re.compile(r"`|\*|<br\s*/?>|</?(?:b|strong|em|i|code|span|p|li|td)\b[^>]*>|\s\|\s|\n")
MESSAGE_MAX = 160
MESSAGES_PER_CODE = 5


@dataclass(frozen=True)
class Family:
    id: str
    name: str
    pattern: str
    description: dict[str, str] = field(compare=False)
    code_format: str | None = None
    slug_format: str | None = None

    @property
    def is_other(self) -> bool:
        return self.id == "other"


@dataclass(frozen=True)
class Match:
    code: str
    slug: str
    family: Family
    start: int  # offsets of the code as written in the text
    end: int


@dataclass
class ErrorCode:
    code: str
    slug: str
    family: Family
    messages: Counter = field(default_factory=Counter)
    runbooks: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # lang → ids

    def sample_messages(self) -> list[str]:
        """The most quoted messages first, then alphabetical: same corpus, same list."""
        ranked = sorted(self.messages.items(), key=lambda item: (-item[1], item[0]))
        return [text for text, _ in ranked[:MESSAGES_PER_CODE]]

    def runbook_count(self) -> int:
        return len({rid for ids in self.runbooks.values() for rid in ids})


@dataclass
class ErrorIndex:
    codes: dict[str, ErrorCode]  # slug → code, sorted by slug
    by_runbook: dict[tuple[str, str], list[str]]  # (id, lang) → slugs in order of first mention

    def get(self, slug: str) -> ErrorCode | None:
        return self.codes.get(slug)

    def of_runbook(self, runbook_id: str, lang: str) -> list[ErrorCode]:
        return [self.codes[slug] for slug in self.by_runbook.get((runbook_id, lang), [])]

    def by_family(self) -> dict[Family, list[ErrorCode]]:
        """Families in registry order ('other' last), each with its codes sorted."""
        groups: dict[Family, list[ErrorCode]] = {}
        for family in families():
            members = sorted((c for c in self.codes.values() if c.family == family), key=lambda c: c.slug)
            if members:
                groups[family] = members
        return groups


@cache
def _registry() -> dict:
    with open(registry.DATA_DIR / "error_codes.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def families() -> tuple[Family, ...]:
    items = [
        Family(id=str(item["id"]), name=str(item.get("name") or item["id"]), pattern=item["pattern"],
               description=dict(item["description"]), code_format=item.get("code"),
               slug_format=item.get("slug"))
        for item in _registry()["families"]
    ]
    return tuple(sorted(items, key=lambda f: f.is_other))  # the catch-all is tried last


@cache
def lookalike_patterns() -> tuple[str, ...]:
    return tuple(item["pattern"] for item in _registry().get("lookalikes") or [])


@cache
def _scanner() -> re.Pattern:
    patterns = [*lookalike_patterns(), *(family.pattern for family in families())]
    alternatives = [f"(?:{pattern})" for pattern in lookalike_patterns()]
    alternatives += [f"(?P<f{i}>{family.pattern})" for i, family in enumerate(families())]
    # Python's regex engine tries every alternative at every position of the text; when every code starts
    # with an uppercase letter (all of today's registry), one look-ahead skips the other positions at once
    # (3× faster over a page)
    first = "(?=[A-Z])" if all(_starts_with_uppercase(pattern) for pattern in patterns) else ""
    return re.compile(first + _BEFORE + "(?:" + "|".join(alternatives) + ")" + _AFTER)


def _starts_with_uppercase(pattern: str) -> bool:
    """Whether every match of `pattern` starts with an ASCII capital (False when it cannot tell)."""
    try:
        from re import _parser  # the regex parser of CPython 3.11+: its output decides nothing else here

        return _first_is_upper(list(_parser.parse(pattern)))
    except Exception:  # another Python, or a shape not handled below: no look-ahead, same results
        return False


def _first_is_upper(items: list) -> bool:
    if not items:
        return False
    op, value = items[0]
    name = str(op)
    if name == "LITERAL":
        return 65 <= value <= 90
    if name == "IN":
        return bool(value) and all((str(k) == "LITERAL" and 65 <= v <= 90) or
                                   (str(k) == "RANGE" and 65 <= v[0] <= v[1] <= 90) for k, v in value)
    if name == "BRANCH":
        return all(_first_is_upper(list(branch)) for branch in value[1])
    if name == "SUBPATTERN":
        return _first_is_upper(list(value[-1]))
    if name == "MAX_REPEAT" or name == "MIN_REPEAT":
        return value[0] >= 1 and _first_is_upper(list(value[2]))
    return False


def family_of(index: int) -> Family:
    return families()[index]


def find(text: str) -> list[Match]:
    """Every error code in `text`, in order; lookalikes (ticket keys, CVE ids, KA numbers) are skipped."""
    found: list[Match] = []
    for m in _scanner().finditer(text):
        group = next((name for name, value in m.groupdict().items() if value is not None and name[0] == "f"
                      and name[1:].isdigit()), None)
        if group is None:
            continue  # a lookalike
        family = family_of(int(group[1:]))
        written = m.group(group)
        start = m.start(group)
        values = {k: v for k, v in m.groupdict().items() if v is not None and not k[1:].isdigit()}
        code = family.code_format.format(**values) if family.code_format else written
        slug = family.slug_format.format(**values) if family.slug_format else code
        found.append(Match(code=code, slug=slug, family=family, start=start, end=start + len(written)))
    return found


def message_after(text: str, end: int) -> str | None:
    """The message a log prints after a code (`RED-520025 Communication failed …`), cleaned of markup."""
    start = _MESSAGE_START.match(text, end)
    if start.end() == end:
        return None  # glued to punctuation or markup: `RED-520025,` is a list of codes, not a log line
    rest = text[start.end():start.end() + 4 * MESSAGE_MAX]
    stop = _MESSAGE_END.search(rest)
    message = re.sub(r"<[^>]+>", "", rest[:stop.start()] if stop else rest)
    message = _unquote(" ".join(message.replace("\u00a0", " ").split()).strip(" .,;"))
    if len(message) < 3 or not re.search(r"[^\W\d_]", message) or (find(message) and find(message)[0].start == 0):
        return None
    if len(message) > MESSAGE_MAX:
        message = message[:MESSAGE_MAX].rsplit(" ", 1)[0] + " …"
    return message


def _unquote(message: str) -> str:
    """Drop quotes left unbalanced by cutting the line (`"X": invalid` keeps both of its quotes)."""
    for quote in "\"'":
        if message.count(quote) % 2:
            if message.startswith(quote):
                message = message[1:]
            elif message.endswith(quote):
                message = message[:-1]
        elif len(message) > 1 and message[0] == message[-1] == quote and message.count(quote) == 2:
            message = message[1:-1]
    return message.strip(" .,;")


def runbook_text(runbook: Runbook) -> str:
    return f"{runbook.title}\n{runbook.body}"


@dataclass(frozen=True)
class Quote:
    """One code a runbook quotes, and the message a log prints after it there (if any)."""

    code: str
    slug: str
    family_id: str
    message: str | None


def quotes(runbook: Runbook) -> tuple[Quote, ...]:
    """Every code quoted by `runbook`, in order. Memoized on the runbook: the build reads the corpus on
    every core and extracts there (corpus_share), and `mkdocs serve` keeps unchanged runbooks between
    rebuilds, so each file is scanned once, not once per process or rebuild."""
    if runbook.error_quotes is None:
        text = runbook_text(runbook)
        runbook.error_quotes = tuple(Quote(m.code, m.slug, m.family.id, message_after(text, m.end))
                                     for m in find(text))
    return runbook.error_quotes


def build_index(corpus: Corpus) -> ErrorIndex:
    """Every code quoted anywhere in the corpus, with who quotes it and what the logs say after it."""
    family_by_id = {family.id: family for family in families()}
    codes: dict[str, ErrorCode] = {}
    by_runbook: dict[tuple[str, str], list[str]] = {}
    for runbook in sorted(corpus.runbooks, key=lambda r: (r.id, r.language)):
        slugs: list[str] = []
        for quote in quotes(runbook):
            entry = codes.get(quote.slug)
            if entry is None:
                entry = codes[quote.slug] = ErrorCode(quote.code, quote.slug, family_by_id[quote.family_id])
            if quote.message:
                entry.messages[quote.message] += 1
            if quote.slug not in slugs:
                slugs.append(quote.slug)
                entry.runbooks[runbook.language].append(runbook.id)
        by_runbook[(runbook.id, runbook.language)] = slugs
    return ErrorIndex(codes=dict(sorted(codes.items())), by_runbook=by_runbook)


def family_name(family: Family, lang: str) -> str:
    return registry.t(lang, "errors.family_other") if family.is_other else family.name


def registry_problems(path=None) -> list[Problem]:
    """Everything wrong with the registry file, with its line, so a bad edit fails the build clearly."""
    path = Path(path) if path else registry.DATA_DIR / "error_codes.yml"
    shown = display_path(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        return [Problem(shown, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, "error-codes-yaml",
                        f"cannot read the error-code registry: {getattr(exc, 'problem', None) or exc}",
                        "fix the YAML syntax (quote patterns with single quotes)")]
    problems: list[Problem] = []

    def problem(node, message: str, fix: str, key: str | None = None) -> None:
        if key and isinstance(node, yaml.MappingNode):  # point at the key's own line when it exists
            node = next((k for k, _ in node.value if k.value == key), node)
        problems.append(Problem(shown, node.start_mark.line + 1, node.start_mark.column + 1, "error-codes",
                                message, fix))

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    nodes = {key.value: value for key, value in root.value} if isinstance(root, yaml.MappingNode) else {}
    if not isinstance(data, dict) or not isinstance(data.get("families"), list) or "families" not in nodes:
        return [Problem(shown, 1, 1, "error-codes", "the registry has no 'families' list",
                        "start the file with 'families:' followed by '- id: …' entries")]
    for item, node in zip(data.get("lookalikes") or [], getattr(nodes.get("lookalikes"), "value", []), strict=False):
        try:
            re.compile(str(item.get("pattern")))
        except re.error as exc:
            problem(node, f"lookalike pattern does not compile: {exc}", "write a Python regular expression", "pattern")
    seen: set[str] = set()
    langs = registry.language_codes()
    for item, node in zip(data["families"], nodes["families"].value, strict=False):
        if not isinstance(item, dict) or not item.get("id") or not item.get("pattern"):
            problem(node, "a family needs 'id' and 'pattern'", "add both keys to this entry")
            continue
        if item["id"] in seen:
            problem(node, f"family '{item['id']}' is defined twice", "merge the two entries")
        seen.add(item["id"])
        try:
            groups = set(re.compile(item["pattern"]).groupindex)
        except re.error as exc:
            problem(node, f"pattern of family '{item['id']}' does not compile: {exc}",
                    "write a Python regular expression for the whole code", "pattern")
            continue
        for key in ("code", "slug"):
            used = set(re.findall(r"\{(\w+)\}", str(item.get(key) or "")))
            if used - groups:
                problem(node, f"'{key}' of family '{item['id']}' uses {sorted(used - groups)}, which its pattern "
                        "does not capture", "name the groups in the pattern, e.g. (?P<status>…)", key)
        description = item.get("description") if isinstance(item.get("description"), dict) else {}
        missing = [lang for lang in langs if not str(description.get(lang) or "").strip()]
        if missing:
            problem(node, f"family '{item['id']}' has no description in {', '.join(missing)}",
                    "add a 'description:' entry for every site language (" + ", ".join(langs) + ")", "description")
    return problems


def display_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(registry.DATA_DIR.parent.parent.resolve()).as_posix()
    except ValueError:
        return str(path)
