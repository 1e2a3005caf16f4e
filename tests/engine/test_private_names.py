"""The private names of MkDocs, Material, mkdocs-static-i18n, Python-Markdown, pymdown-extensions, Pygments and
Jinja2 that we rely on (hooks/engine/private_names.py) are still there, as we use them; and no new one is used
without being listed there.

Run after upgrading one of those libraries: a failure names the library, its installed version, the version
the entry was checked against, the name, and our modules that rely on it.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import importlib
import importlib.metadata
import inspect
import operator
import re
import textwrap
from functools import cache
from pathlib import Path

import pytest

from hooks.engine import private_names
from hooks.engine.private_names import NAMES, Kind, PrivateName

REPO = Path(__file__).resolve().parents[2]
# the import names of the libraries whose private names must be registered
LIBRARY_PACKAGES = ("mkdocs", "material", "mkdocs_static_i18n", "markdown", "pymdownx", "pygments", "jinja2")
# Underscore names of our own that also occur in a library's source: name → (module, class) of the library
# class ours derives from, which must not have it (else ours would replace the library's).
OURS: dict[str, tuple[str, str]] = {
    "_store": ("jinja2", "BytecodeCache"),  # template_cache's dict (pymdownx.superfences has an unrelated _store)
}


# ---- checking one entry against the installed library ----

def _resolve(module, owner: str):
    return operator.attrgetter(owner)(module) if owner else module


def _source(obj) -> str:
    if isinstance(obj, property):
        obj = obj.fget
    return inspect.getsource(obj)


def _set_by_class(cls: type, name: str) -> bool:
    """`name` is a class attribute or annotation of `cls` (or a base), or assigned as `self.name` in its code."""
    assigned = re.compile(rf"\bself\.{re.escape(name)}\s*(?::[^=\n]*)?=(?!=)")
    for klass in cls.__mro__:
        if klass is object:
            continue
        if name in vars(klass) or name in getattr(klass, "__annotations__", {}):
            return True
        try:
            if assigned.search(inspect.getsource(klass)):
                return True
        except (OSError, TypeError):
            continue
    return False


def _templates(module) -> Path:
    return Path(module.__file__).parent / "templates"


def problems(entry: PrivateName) -> list[str]:
    """What no longer holds of `entry` in the installed library (empty: all of it holds)."""
    try:
        module = importlib.import_module(entry.module)
    except ImportError as exc:
        return [f"module {entry.module} cannot be imported ({exc})"]
    if entry.kind is Kind.TEMPLATE:
        return _template_problems(entry, _templates(module) / entry.name)
    if entry.kind is Kind.PROCESSOR:
        return _processor_problems(entry)
    try:
        owner = _resolve(module, entry.owner)
    except AttributeError:
        return [f"{entry.module} has no {entry.owner}"]
    found: list[str] = []
    target = owner
    if entry.kind is Kind.INSTANCE_ATTRIBUTE:
        if not _set_by_class(owner, entry.name):
            found.append(f"{entry.owner} no longer sets or declares `{entry.name}`")
        return found
    if entry.kind is Kind.VALUE:
        actual = getattr(owner, entry.name, "(missing)")
        if actual != entry.value:
            found.append(f"{entry.owner}.{entry.name} is {actual!r}, not {entry.value!r}")
        return found
    if entry.kind in (Kind.ATTRIBUTE, Kind.MODULE_ATTRIBUTE):
        try:
            static = inspect.getattr_static(owner, entry.name)
        except AttributeError:
            return [f"{entry.owner or entry.module} has no attribute `{entry.name}`"]
        if entry.descriptor is not None and type(static).__name__ != entry.descriptor:
            found.append(f"`{entry.name}` is a {type(static).__name__}, not a {entry.descriptor}")
        if entry.kind is Kind.ATTRIBUTE:
            target = static
        replaced = _ours(static)  # installed by one of our speed-ups in this process: read the library's code
        if entry.params is not None:
            params = (_params_in_source(owner, entry.name) if replaced
                      else tuple(inspect.signature(getattr(owner, entry.name)).parameters))
            if params != entry.params:
                found.append(f"`{entry.name}` takes ({', '.join(params or ())}), not ({', '.join(entry.params)})")
        if replaced:
            target = _definition(owner, entry.name) if entry.kind is Kind.ATTRIBUTE else owner
    if entry.contains:
        try:
            text = target if isinstance(target, str) else _source(target)
        except (OSError, TypeError) as exc:
            return [*found, f"the source of `{entry.name}` cannot be read ({exc})"]
        found.extend(f"its source no longer contains {text_!r}" for text_ in entry.contains if text_ not in text)
    return found


def _ours(obj) -> bool:
    return (getattr(obj, "__module__", None) or "").startswith("hooks.")


def _function_node(owner, name: str) -> tuple[str, ast.FunctionDef | None]:
    """The library's own definition of `name` in `owner`'s source (a mangled name as written: `__name`)."""
    mangled = re.fullmatch(r"_[A-Za-z]\w*?(__\w+)", name)
    written = mangled.group(1) if mangled else name
    source = textwrap.dedent(inspect.getsource(owner))
    tree = ast.parse(source)
    body = tree.body[0].body if inspect.isclass(owner) else tree.body
    for node in body:
        if isinstance(node, ast.FunctionDef) and node.name == written:
            return source, node
    return source, None


def _definition(owner, name: str) -> str:
    source, node = _function_node(owner, name)
    return "" if node is None else ast.get_source_segment(source, node) or ""


def _params_in_source(owner, name: str) -> tuple[str, ...] | None:
    node = _function_node(owner, name)[1]
    if node is None:
        return None
    args = node.args
    names = [a.arg for a in (*args.posonlyargs, *args.args)]
    names += [args.vararg.arg] if args.vararg else []
    names += [a.arg for a in args.kwonlyargs]
    names += [args.kwarg.arg] if args.kwarg else []
    return tuple(names)


def _template_problems(entry: PrivateName, path: Path) -> list[str]:
    if not path.is_file():
        return [f"the theme has no template {entry.name} ({path})"]
    data = path.read_bytes()
    text = data.decode("utf-8", "replace")
    found = [f"the template no longer contains {text_!r}" for text_ in entry.contains if text_ not in text]
    if entry.sha256 is not None and hashlib.sha256(data).hexdigest() != entry.sha256:
        found.append(f"the template changed (sha256 {hashlib.sha256(data).hexdigest()}); our copy or replacement "
                     f"({', '.join(entry.used_by)}) may need the change: compare, then update sha256")
    return found


def _processor_problems(entry: PrivateName) -> list[str]:
    import markdown

    md = markdown.Markdown(extensions=list(entry.extensions))
    registry = operator.attrgetter(entry.owner)(md)
    if entry.name not in registry:
        return [f"no processor registered as {entry.name!r} in md.{entry.owner}"]
    found = []
    item = registry[entry.name]
    if entry.item_class is not None and type(item).__name__ != entry.item_class:
        found.append(f"md.{entry.owner}[{entry.name!r}] is a {type(item).__name__}, not a {entry.item_class}")
    priority = registry._priority[registry.get_index_for_name(entry.name)].priority
    if entry.value is not None and priority != entry.value:
        found.append(f"md.{entry.owner}[{entry.name!r}] has priority {priority}, not {entry.value}")
    return found


def _installed(library: str) -> str:
    try:
        return importlib.metadata.version(library)
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


def report(entry: PrivateName, found: list[str]) -> str:
    where = ".".join(part for part in (entry.module, entry.owner, entry.name) if part)
    if entry.kind is Kind.TEMPLATE:
        where = f"{entry.module} template {entry.name}"
    checked = private_names.pinned().get(entry.library.lower(), "(not pinned)")
    return (f"{entry.library} {_installed(entry.library)} (the registry was checked against {checked}): "
            f"{where} ({entry.kind.value})\n  - " + "\n  - ".join(found) +
            f"\nUsed by {', '.join(entry.used_by)}: {entry.why}.\n"
            f"What to do: read {entry.library}'s changelog and source for this name, adapt our modules (or keep "
            f"{entry.library} at {checked} in requirements.txt), then update the entry in "
            "hooks/engine/private_names.py.")


def _entry_id(entry: PrivateName) -> str:
    return f"{entry.library}:{entry.owner + '.' if entry.owner else ''}{entry.name}"[:90]


@pytest.mark.parametrize("entry", NAMES, ids=_entry_id)
def test_each_private_name_is_still_as_we_use_it(entry):
    found = problems(entry)
    assert not found, report(entry, found)


@pytest.mark.parametrize("entry", NAMES, ids=_entry_id)
def test_each_entry_names_files_that_still_use_it(entry):
    """A stale entry (its user changed, or the name moved) is removed or corrected."""
    for path in entry.used_by:
        file = REPO / path
        assert file.is_file(), f"{_entry_id(entry)}: used_by names {path}, which does not exist"
        if entry.kind not in (Kind.TEMPLATE, Kind.VALUE):
            assert entry.name in file.read_text(encoding="utf-8"), (
                f"{_entry_id(entry)}: {path} no longer mentions {entry.name!r}; update used_by or remove the entry")


def test_every_library_of_the_registry_is_pinned():
    versions = private_names.pinned()
    assert {e.library.lower() for e in NAMES} <= set(versions), "every library of the registry is pinned"


# ---- the checker fails when it should ----

def _fake(**changes) -> PrivateName:
    base = PrivateName("mkdocs", "mkdocs.structure.pages", "Page", "render", Kind.ATTRIBUTE, ("x.py",), "test",
                       params=("self", "config", "files"))
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize("entry, expected", [
    (_fake(name="_render_markdown_gone"), "has no attribute"),
    (_fake(params=("self", "config")), "takes (self, config, files)"),
    (_fake(contains=("no such text in render",)), "no longer contains"),
    (_fake(module="mkdocs.no_such_module"), "cannot be imported"),
    (_fake(owner="NoSuchPage"), "has no NoSuchPage"),
    (_fake(name="title", params=None, descriptor="property"), "is a weak_property, not a property"),
    (_fake(name="_no_such_attribute", kind=Kind.INSTANCE_ATTRIBUTE, params=None), "no longer sets or declares"),
    (_fake(module="mkdocs_static_i18n.plugin", owner="I18n.on_config", name="mkdocs_priority", kind=Kind.VALUE,
           params=None, value=7), "is -100, not 7"),
    (_fake(module="markdown", owner="inlinePatterns", name="no_such_pattern", kind=Kind.PROCESSOR, params=None),
     "no processor registered"),
    (_fake(module="markdown", owner="inlinePatterns", name="escape", kind=Kind.PROCESSOR, params=None, value=1),
     "has priority 180, not 1"),
    (_fake(module="material", owner="", name="partials/no-such.html", kind=Kind.TEMPLATE, params=None),
     "has no template"),
    (_fake(module="material", owner="", name="main.html", kind=Kind.TEMPLATE, params=None, sha256="0" * 64),
     "the template changed"),
])
def test_the_checker_reports_what_no_longer_holds(entry, expected):
    found = problems(entry)
    assert any(expected in problem for problem in found), found
    message = report(entry, found)
    assert f"mkdocs {_installed('mkdocs')}" in message or entry.library != "mkdocs"
    assert "x.py" in message and "hooks/engine/private_names.py" in message


# ---- no unregistered reach into a library's underscore names ----

@dataclasses.dataclass(frozen=True)
class Reach:
    name: str
    path: str
    line: int


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _is_library(module: str | None) -> bool:
    return bool(module) and module.split(".")[0] in LIBRARY_PACKAGES


def underscore_reaches(source: str, path: str) -> list[Reach]:
    """Underscore names our code reads, writes or overrides on objects that may be a library's: every
    `x._name` (and getattr/hasattr/setattr with a constant `_name`) except on a module we import that is
    not a library (`os._exit`) and on `self` in a class of ours that does not derive from a library class;
    and every `def _name` in a class that derives from one (an override of a private method)."""
    tree = ast.parse(source)
    library_aliases: set[str] = set()
    other_modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                (library_aliases if _is_library(alias.name) else other_modules).add(bound)
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                bound = alias.asname or alias.name
                (library_aliases if _is_library(node.module) else other_modules).add(bound)
    library_classes: set[str] = set()

    def root(expr: ast.expr) -> str | None:
        while isinstance(expr, ast.Attribute):
            expr = expr.value
        return expr.id if isinstance(expr, ast.Name) else None

    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(root(b) in library_aliases | library_classes for b in node.bases):
            library_classes.add(node.name)
    reaches: list[Reach] = []

    def visit(node: ast.AST, in_class: str | None) -> None:
        if isinstance(node, ast.ClassDef):
            in_class = node.name
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and _private(item.name) \
                        and node.name in library_classes:
                    reaches.append(Reach(item.name, path, item.lineno))
        ours = in_class is not None and in_class not in library_classes

        def on_object(obj: ast.expr, name: str, line: int) -> None:
            if not _private(name):
                return
            if isinstance(obj, ast.Name) and (obj.id in other_modules or (obj.id in ("self", "cls") and ours)):
                return
            reaches.append(Reach(name, path, line))

        if isinstance(node, ast.Attribute):
            on_object(node.value, node.attr, node.lineno)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "hasattr", "setattr", "delattr") and len(node.args) >= 2
              and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)):
            on_object(node.args[0], node.args[1].value, node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child, in_class)

    visit(tree, None)
    return reaches


@cache
def _library_source() -> str:
    texts = []
    for package in LIBRARY_PACKAGES:
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.submodule_search_locations, f"{package} is not installed"
        for folder in spec.submodule_search_locations:
            texts.extend(p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path(folder).rglob("*.py")))
    return "\n".join(texts)


def in_library(name: str, library_source: str) -> bool:
    """`name` occurs in a library's source (a mangled `_Class__name` as `__name`)."""
    mangled = re.fullmatch(r"_[A-Za-z]\w*?(__\w+)", name)
    word = mangled.group(1) if mangled else name
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", library_source) is not None


def unregistered(reaches: list[Reach], registry: tuple[PrivateName, ...], library_source: str) -> list[Reach]:
    registered = {entry.name for entry in registry} | set(OURS)
    return [r for r in reaches if r.name not in registered and in_library(r.name, library_source)]


def _our_reaches() -> list[Reach]:
    reaches = []
    for file in sorted((REPO / "hooks").rglob("*.py")):
        path = file.relative_to(REPO).as_posix()
        reaches.extend(underscore_reaches(file.read_text(encoding="utf-8"), path))
    return reaches


def test_every_underscore_name_of_a_library_we_use_is_registered():
    missing = unregistered(_our_reaches(), NAMES, _library_source())
    assert not missing, (
        "underscore names of MkDocs, Material, mkdocs-static-i18n, Python-Markdown, pymdown-extensions, Pygments or "
        "Jinja2 used without an entry in hooks/engine/private_names.py. Add one, with what the test should check. "
        "Or, if the name is ours and a library now also has it: rename ours when the library class ours derives "
        "from has it, else list it in OURS in this test:\n"
        + "\n".join(f"  {r.path}:{r.line}: {r.name}" for r in missing))


@pytest.mark.parametrize("name", sorted(OURS))
def test_our_underscore_names_do_not_replace_the_library_s(name):
    module, cls = OURS[name]
    base = getattr(importlib.import_module(module), cls)
    assert not hasattr(base, name), (f"{module}.{cls} now has `{name}` ({module} {_installed(module)}): our subclass "
                                     "would replace it; rename ours")


def test_registered_underscore_names_are_found_by_the_scan():
    """The scan sees the reaches we know of: were it blind, the test above could not fail."""
    found = {r.name for r in _our_reaches()}
    underscored = {e.name for e in NAMES if _private(e.name) and e.kind is not Kind.TEMPLATE}
    assert underscored <= found, underscored - found


SAMPLE = '''
import os
from mkdocs.structure import pages as mkdocs_pages
from markdown.util import Registry

class Page(mkdocs_pages.Page):
    def _render_markdown(self):
        return self._title_from_render

class Pool:
    def __init__(self):
        self._converters = {}

    def get(self, registry: Registry):
        os._exit(0)
        return registry._priority, self._converters, getattr(registry, "_data")
'''


def test_the_scan_reports_an_unregistered_reach_into_a_library():
    reaches = underscore_reaches(SAMPLE, "sample.py")
    assert {(r.name, r.line) for r in reaches} == {("_render_markdown", 7), ("_title_from_render", 8),
                                                   ("_priority", 16), ("_data", 16)}
    library = "class Page:\n    _title_from_render = None\n    def _priority(self): ...\n"
    missing = unregistered(reaches, (), library)
    assert {r.name for r in missing} == {"_title_from_render", "_priority"}  # _data, _render_markdown: not there
    registry = (_fake(name="_priority"),)
    assert {r.name for r in unregistered(reaches, registry, library)} == {"_title_from_render"}


def test_a_mangled_name_is_found_as_the_library_writes_it():
    assert in_library("_InlineProcessor__handleInline", "    def __handleInline(self, data):")
    assert not in_library("_InlineProcessor__handleInline", "    def _handleInline(self, data):")


def test_a_new_reach_into_python_markdown_is_reported_against_the_installed_source():
    reaches = underscore_reaches("def f(md):\n    return md.inlinePatterns._is_sorted\n", "new.py")
    assert [(r.name, r.line) for r in unregistered(reaches, NAMES, _library_source())] == [("_is_sorted", 2)]


def test_a_name_our_speed_up_replaced_in_this_process_is_checked_in_the_library_source(monkeypatch):
    from pygments.formatters.html import HtmlFormatter

    from hooks.engine.fast import pygments_reuse

    monkeypatch.setattr(HtmlFormatter, "_create_stylesheet", pygments_reuse._create_stylesheet)
    entry = next(e for e in NAMES if e.name == "_create_stylesheet")
    assert problems(entry) == []
    assert "no longer contains" in problems(dataclasses.replace(entry, contains=("self.nothing =",)))[0]
    assert "takes (self)" in problems(dataclasses.replace(entry, params=("self", "style")))[0]


def test_every_inline_pattern_inline_skip_knows_is_registered():
    """inline_skip.PATTERNS names Markdown's and pymdown-extensions' inline patterns (undocumented names): each
    is an entry here, so that a renamed pattern fails this file instead of silently turning the skipping off."""
    from hooks.engine.fast import inline_skip

    registered = {e.name: e.item_class for e in NAMES if e.kind is Kind.PROCESSOR and e.owner == "inlinePatterns"}
    ours = {"backslash_linebreak"}  # hooks/render/markdown_fixes.py
    assert {name: cls for name, (cls, _) in inline_skip.PATTERNS.items() if name not in ours} == {
        name: registered.get(name) for name in inline_skip.PATTERNS if name not in ours}
