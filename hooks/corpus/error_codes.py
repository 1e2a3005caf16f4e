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

from hooks.base import registry
from hooks.base.problems import Problem
from hooks.base.regex_first_chars import first_chars
from hooks.corpus.model import Corpus, Runbook

# Not glued to ASCII letters, digits, `_` or `-` on either side. `AM`/`PM` directly in front is allowed:
# logs sometimes lose the space between a 12-hour timestamp and the code (`10:20:31 PMXSV-350122`).
_BEFORE = r"(?<![A-Za-z0-9_\-])"
_GLUED = r"(?P<glued>[AP]M(?=[A-Z]{3}-\d))?"
_AFTER = r"(?![A-Za-z0-9_]|-\d)"
# What may separate a code from its message, and where a message ends in Markdown/HTML source.
_MESSAGE_START = re.compile(r"[ \t\u00a0]*(?:[:：\-–—][ \t\u00a0]*)?")
_MESSAGE_END = re.compile(r"`|\*|<br\s*/?>|</?(?:b|strong|em|i|code|span|p|li|td)\b[^>]*>|\s\|\s|\n")
MESSAGE_MAX = 160
MESSAGES_PER_CODE = 5


MESSAGE_POLICIES = ("any", "colon", "none")  # what may follow a code as its message


@dataclass(frozen=True)
class Form:
    """One way of writing a family's codes: a pattern, and whether a message may follow it."""

    pattern: str
    messages: str = "any"  # any | colon (`Class: message`, as Java prints it) | none (prose forms)
    short: bool = False  # a short name (`AccessDeniedException`) that stands for a full code of the family
    lists: bool = False  # codes may follow in a list (`erreurs 503 et 409`): the family's `list` pattern


@dataclass(frozen=True)
class Family:
    id: str
    name: str
    pattern: str
    description: dict[str, str] = field(compare=False)
    code_format: str | None = None
    slug_format: str | None = None
    forms: tuple[Form, ...] = field(default=(), compare=False)  # every way of writing a code, `pattern` first
    kind: str = "code"  # or "exception": a class a stack trace names (its first line, each `Caused by:`)
    list_pattern: str | None = None  # what continues a list of codes after a form with `lists: yes`

    @property
    def is_other(self) -> bool:
        return self.id == "other"

    @property
    def has_short_names(self) -> bool:
        return any(form.short for form in self.forms)


@dataclass(frozen=True)
class Match:
    code: str
    slug: str
    family: Family
    start: int  # offsets of the code as written in the text
    end: int
    form: Form | None = None

    @property
    def short(self) -> bool:
        return self.form is not None and self.form.short


@dataclass
class ErrorCode:
    code: str
    slug: str
    family: Family
    messages: Counter = field(default_factory=Counter)
    runbooks: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # lang → ids
    choices: list[str] = field(default_factory=list)  # a short name for several codes: their slugs

    def sample_messages(self) -> list[str]:
        """The most quoted messages first, then alphabetical: same corpus, same list."""
        ranked = sorted(self.messages.items(), key=lambda item: (-item[1], item[0]))
        return [text for text, _ in ranked[:MESSAGES_PER_CODE]]

    def runbook_count(self) -> int:
        return len({rid for ids in self.runbooks.values() for rid in ids})

    @property
    def short_name(self) -> str:
        """`AccessDeniedException` for `javax.jcr.AccessDeniedException`; the code itself otherwise."""
        return short_name(self.code) if self.family.has_short_names else self.code


def short_name(code: str) -> str:
    return re.split(r"[.$]", code)[-1]


@dataclass
class ErrorIndex:
    codes: dict[str, ErrorCode]  # slug → code, sorted by slug (short names of several codes: choice entries)
    by_runbook: dict[tuple[str, str], list[str]]  # (id, lang) → slugs in order of first mention
    links: dict[str, str] = field(default_factory=dict)  # slug as found in a text → slug of its page

    def get(self, slug: str) -> ErrorCode | None:
        return self.codes.get(slug)

    def resolve(self, slug: str) -> ErrorCode | None:
        """The page a code or short name as found leads to (a short name of one code: that code's)."""
        target = self.links.get(slug)
        return self.codes.get(target) if target is not None else None

    def of_runbook(self, runbook_id: str, lang: str) -> list[ErrorCode]:
        return [self.codes[slug] for slug in self.by_runbook.get((runbook_id, lang), [])]

    def code_count(self) -> int:
        """Distinct codes (a short name of several codes is a choice between them, not one more code)."""
        return sum(1 for code in self.codes.values() if not code.choices)

    def by_family(self, choices: bool = True) -> dict[Family, list[ErrorCode]]:
        """Families in registry order ('other' last), each with its codes sorted (and its choice entries
        unless `choices` is False)."""
        groups: dict[Family, list[ErrorCode]] = {}
        for family in families():
            members = sorted((c for c in self.codes.values() if c.family == family and (choices or not c.choices)),
                             key=lambda c: c.slug)
            if members:
                groups[family] = members
        return groups


@cache
def _registry() -> dict:
    with open(registry.DATA_DIR / "error_codes.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _forms(item: dict) -> tuple[Form, ...]:
    default = str(item.get("messages") or "any")
    forms = [Form(str(item["pattern"]), default)]
    for extra in item.get("forms") or []:
        extra = extra if isinstance(extra, dict) else {"pattern": extra}
        forms.append(Form(str(extra["pattern"]), str(extra.get("messages") or default), lists=bool(extra.get("lists"))))
    if item.get("short"):
        forms.append(Form(str(item["short"]), "none", short=True))
    return tuple(forms)


@cache
def families() -> tuple[Family, ...]:
    items = [
        Family(id=str(item["id"]), name=str(item.get("name") or item["id"]), pattern=item["pattern"],
               description=dict(item["description"]), code_format=item.get("code"),
               slug_format=item.get("slug"), forms=_forms(item), kind=str(item.get("kind") or "code"),
               list_pattern=item.get("list"))
        for item in _registry()["families"]
    ]
    return tuple(sorted(items, key=lambda f: f.is_other))  # the catch-all is tried last


@cache
def lookalike_patterns() -> tuple[str, ...]:
    return tuple(item["pattern"] for item in _registry().get("lookalikes") or [])


_GROUP = re.compile(r"\\(?P<escape>.)|\(\?P(?P<kind>[<=])(?P<name>\w+)")


def _renamed(pattern: str, prefix: str) -> tuple[str, dict[str, str]]:
    """`pattern` with its named groups prefixed (one scanner holds many forms that all say `status`),
    and renamed → name."""
    names: dict[str, str] = {}

    def rename(m: re.Match) -> str:
        if m.group("escape") is not None:
            return m.group(0)
        names[prefix + m.group("name")] = m.group("name")
        return f"(?P{m.group('kind')}{prefix}{m.group('name')}"

    return _GROUP.sub(rename, pattern), names


@dataclass(frozen=True)
class _Alternative:
    family: Family
    form: Form
    groups: dict[str, str]  # scanner group name → the form's own group name


@cache
def _scanner() -> tuple[re.Pattern, dict[str, _Alternative]]:
    patterns = list(lookalike_patterns())
    alternatives = [f"(?:{_renamed(pattern, f'l{i}_')[0]})" for i, pattern in enumerate(lookalike_patterns())]
    table: dict[str, _Alternative] = {}
    for i, family in enumerate(families()):
        for j, form in enumerate(family.forms):
            name = f"f{i}_{j}"
            renamed, groups = _renamed(form.pattern, f"{name}_")
            # the alternative's name is an empty group at its end (the last group a match closes: lastgroup):
            # a group at its start would hide its first character from the engine, which skips an
            # alternative at once when that character cannot start it (a third less time over the corpus)
            alternatives.append(f"(?:{renamed})(?P<{name}>)")
            table[name] = _Alternative(family, form, groups)
            patterns.append(form.pattern)
    # Python's regex engine tries every alternative at every position of the text; one look-ahead for the
    # characters a code can start with skips the other positions (spaces, punctuation, most of a Japanese
    # text) at once
    starts = [first_chars(pattern) for pattern in patterns]
    first = "" if any(s is None for s in starts) else "(?=[" + "".join(sorted(set().union(*starts))) + "])"
    return re.compile(_BEFORE + first + _GLUED + "(?:" + "|".join(alternatives) + ")" + _AFTER), table


def _starts_with_uppercase(pattern: str) -> bool:
    """Whether every match of `pattern` starts with an ASCII capital (False when it cannot tell)."""
    chars = first_chars(pattern)
    return bool(chars) and all(re.fullmatch(r"[A-Z](?:-[A-Z])?", piece) for piece in chars)


def family_of(index: int) -> Family:
    return families()[index]


def slug_of(code: str) -> str:
    """A URL segment and file name that is safe everywhere: ASCII letters, digits, `.`, `_` and `-`."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", code).strip(".-") or "-"


def css_class(code: str) -> str:
    """The class of a link to a code: a dotted name (a Java class) may be longer than a phone's line and
    may wrap (kb.css); the others never do."""
    return "kb-error-code kb-error-code--long" if "." in code else "kb-error-code"


def find(text: str) -> list[Match]:
    """Every error code in `text`, in order; lookalikes (ticket keys, CVE ids, KA numbers) are skipped."""
    scanner, table = _scanner()
    found: list[Match] = []
    listed_until = 0  # end of the last list continuation (`erreurs 503 et 409`): its codes are found already
    for m in scanner.finditer(text):
        alternative = table.get(m.lastgroup) if m.lastgroup else None
        if alternative is None or m.start() < listed_until:
            continue  # a lookalike, or a code of a list already read
        family, form = alternative.family, alternative.form
        start = m.end("glued") if m.group("glued") is not None else m.start()
        written = m.group()[start - m.start():]
        values = {own: m.group(group) for group, own in alternative.groups.items() if m.group(group) is not None}
        found.append(_match(family, form, values, written, start))
        if form.lists and family.list_pattern:
            end = m.end()
            while (more := _list_item(family.list_pattern).match(text, end)) is not None:
                found.append(_match(family, form, more.groupdict(), more.group("item"), more.start("item")))
                end = listed_until = more.end()
    return found


def _match(family: Family, form: Form, values: dict[str, str], written: str, start: int) -> Match:
    code = family.code_format.format(**values) if family.code_format and not form.short else written
    slug = family.slug_format.format(**values) if family.slug_format and not form.short else code
    return Match(code=code, slug=slug_of(slug), family=family, start=start, end=start + len(written), form=form)


@cache
def _list_item(pattern: str) -> re.Pattern:
    """A family's `list` pattern: a separator, then the next code as the group `item`."""
    return re.compile(pattern + _AFTER)


def message_after(text: str, end: int, policy: str = "any") -> str | None:
    """The message a log prints after a code (`RED-520025 Communication failed …`), cleaned of markup.
    `policy` is the form's: `colon` wants `Code: message` (as Java prints exceptions), `none` has none."""
    if policy == "none":
        return None
    start = _MESSAGE_START.match(text, end)
    if start.end() == end:
        return None  # glued to punctuation or markup: `RED-520025,` is a list of codes, not a log line
    if policy == "colon" and not re.search("[:：]", start.group()):
        return None  # `javax.jcr.AccessDeniedException is thrown when …` is prose, not a message
    rest = text[start.end():start.end() + 4 * MESSAGE_MAX]
    stop = _MESSAGE_END.search(rest)
    message = re.sub(r"<[^>]+>", "", rest[:stop.start()] if stop else rest)
    message = _unquote(" ".join(message.replace("\u00a0", " ").split()).strip(" .,;"))
    if len(message) < 3 or not re.search(r"[^\W\d_]", message):
        return None
    codes = find(message)
    if codes and codes[0].start == 0:  # another code follows: a list of codes, not a message
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
    short: bool = False  # a short name (`AccessDeniedException`), resolved against the whole corpus
    start: int = 0  # where the code is written in runbook_text(runbook)
    end: int = 0


def message_of(text: str, match: Match) -> str | None:
    return message_after(text, match.end, match.form.messages if match.form else "any")


def quotes(runbook: Runbook) -> tuple[Quote, ...]:
    """Every code quoted by `runbook`, in order. Memoized on the runbook: the build reads the corpus on
    every core and extracts there (corpus_share), and `mkdocs serve` keeps unchanged runbooks between
    rebuilds, so each file is scanned once, not once per process or rebuild."""
    if runbook.error_quotes is None:
        text = runbook_text(runbook)
        runbook.error_quotes = tuple(Quote(m.code, m.slug, m.family.id, message_of(text, m), m.short, m.start, m.end)
                                     for m in find(text))
    return runbook.error_quotes


def glued_names(codes: dict[str, ErrorCode]) -> dict[str, str]:
    """Qualified names that are another quoted one with letters glued in front of its first package
    segment (a space or line break lost in the article: `mapcom.adobe.granite.crypto.CryptoException`)
    → the slug of that one."""
    glued: dict[str, str] = {}
    for slug, code in codes.items():
        if code.family.kind != "exception" or "." not in code.code:
            continue
        first, rest = code.code.split(".", 1)
        for cut in range(1, len(first)):
            other = slug_of(f"{first[cut:]}.{rest}")
            if other in codes and other != slug:
                glued[slug] = other
                break
    return glued


def short_targets(codes: dict[str, ErrorCode]) -> dict[tuple[str, str], list[str]]:
    """(family id, short name) → slugs of the codes with that short name, for families that have them."""
    targets: dict[tuple[str, str], list[str]] = defaultdict(list)
    for slug, code in codes.items():
        if code.family.has_short_names and not code.choices:
            targets[(code.family.id, slug_of(code.short_name))].append(slug)
    return targets


def build_index(corpus: Corpus) -> ErrorIndex:
    """Every code quoted anywhere in the corpus, with who quotes it and what the logs say after it.

    A short name (`AccessDeniedException`) counts as a quote of the one code it names in the corpus
    (`javax.jcr.AccessDeniedException`); when it names several, it gets a choice entry listing them;
    when it names none, it is not a code."""
    family_by_id = {family.id: family for family in families()}
    codes: dict[str, ErrorCode] = {}
    order: list[tuple[Runbook, list[Quote]]] = []
    for runbook in sorted(corpus.runbooks, key=lambda r: (r.id, r.language)):
        found = list(quotes(runbook))
        order.append((runbook, found))
        for quote in found:
            if quote.short:
                continue
            entry = codes.get(quote.slug)
            if entry is None:
                entry = codes[quote.slug] = ErrorCode(quote.code, quote.slug, family_by_id[quote.family_id])
            if quote.message:
                entry.messages[quote.message] += 1
    links = {slug: slug for slug in codes}
    for glued, slug in glued_names(codes).items():  # `mapcom.adobe.…` counts as `com.adobe.…`
        target, merged = codes[slug], codes.pop(glued)
        target.messages.update(merged.messages)
        links[glued] = slug
    targets = short_targets(codes)
    for (family_id, short), slugs in sorted(targets.items()):
        if len(slugs) == 1:
            links.setdefault(short, slugs[0])
        elif short not in codes:
            codes[short] = ErrorCode(short, short, family_by_id[family_id], choices=sorted(slugs))
            links[short] = short
    by_runbook: dict[tuple[str, str], list[str]] = {}
    for runbook, found in order:
        slugs: list[str] = []
        for quote in found:
            slug = links.get(quote.slug)
            if slug is None or slug in slugs:
                continue
            slugs.append(slug)
            codes[slug].runbooks[runbook.language].append(runbook.id)
        by_runbook[(runbook.id, runbook.language)] = slugs
    return ErrorIndex(codes=dict(sorted(codes.items())), by_runbook=by_runbook, links=links)


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
        extra = item.get("forms") or []
        if not isinstance(extra, list):
            problem(node, f"'forms' of family '{item['id']}' is not a list", "write '- pattern: …' entries", "forms")
            extra = []
        patterns = [("pattern", item["pattern"], item.get("messages"))]
        patterns += [("forms", f.get("pattern") if isinstance(f, dict) else f, f.get("messages") if isinstance(f, dict)
                      else None) for f in extra]
        if item.get("short"):
            patterns.append(("short", item["short"], None))
        broken = False
        for key, pattern, messages in patterns:
            try:
                groups = set(re.compile(str(pattern)).groupindex) if pattern else None
            except re.error as exc:
                problem(node, f"{'pattern' if key == 'pattern' else key + ' pattern'} of family '{item['id']}' "
                        f"does not compile: {exc}", "write a Python regular expression for the whole code", key)
                broken = True
                continue
            if groups is None:
                problem(node, f"a form of family '{item['id']}' has no pattern", "add 'pattern: …'", key)
                continue
            if messages is not None and messages not in MESSAGE_POLICIES:
                problem(node, f"'messages' of family '{item['id']}' is '{messages}'",
                        "write one of: " + ", ".join(MESSAGE_POLICIES), "messages" if key == "pattern" else key)
            for fmt in () if key == "short" else ("code", "slug"):
                used = set(re.findall(r"\{(\w+)\}", str(item.get(fmt) or "")))
                if used - groups:
                    problem(node, f"'{fmt}' of family '{item['id']}' uses {sorted(used - groups)}, which its "
                            f"{key} does not capture", "name the groups in the pattern, e.g. (?P<status>…)", fmt)
        if item.get("list"):
            try:
                if "item" not in re.compile(str(item["list"])).groupindex:
                    problem(node, f"'list' of family '{item['id']}' has no group 'item'",
                            "capture the next code as (?P<item>…)", "list")
            except re.error as exc:
                problem(node, f"'list' of family '{item['id']}' does not compile: {exc}",
                        "write a Python regular expression: a separator, then (?P<item>…)", "list")
        if broken:
            continue
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
