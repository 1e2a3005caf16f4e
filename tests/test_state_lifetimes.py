"""Every piece of module-level state says how long it lives (`# lives: …` on its line or the line above):
one build of a language, one build cycle, one serve session, the process. State is a module-level name a
function rebinds (`global`) or changes in place (item assignment, `.clear()`, `.update()`, `.append()`…)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

MUTATORS = {"clear", "update", "append", "extend", "add", "discard", "pop", "popitem", "remove", "setdefault",
            "insert", "__setitem__"}


def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute | ast.Subscript):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def undocumented_state(path: Path, root: Path = REPO) -> list[str]:
    source = path.read_text(encoding="utf-8")
    lines, tree = source.splitlines(), ast.parse(source)
    defined = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AnnAssign) else []
        for target in targets:
            if isinstance(target, ast.Name):
                defined.setdefault(target.id, node.lineno)
    changed: set[str] = set()
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Global):
                changed.update(node.names)
            elif isinstance(node, ast.Assign | ast.AugAssign):
                for target in (node.targets if isinstance(node, ast.Assign) else [node.target]):
                    if isinstance(target, ast.Subscript | ast.Attribute):
                        changed.add(_root_name(target) or "")
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and node.func.attr in MUTATORS and isinstance(node.func.value, ast.Name | ast.Attribute)):
                changed.add(_root_name(node.func.value) or "")
    local = {n.id for f in ast.walk(tree) if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
             for n in ast.walk(f) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    found = []
    for name in sorted(changed & set(defined)):
        if name in local and not any(isinstance(n, ast.Global) and name in n.names for n in ast.walk(tree)):
            continue  # a function's own variable of the same name
        line = defined[name]
        context = " ".join(lines[max(0, line - 2):line])
        if "lives:" not in context:
            found.append(f"{path.relative_to(root)}:{line}: {name}")
    return found


def test_every_piece_of_module_state_says_how_long_it_lives():
    missing = [item for path in sorted((REPO / "hooks").rglob("*.py")) for item in undocumented_state(path)]
    assert not missing, ("module-level state without a `# lives: …` comment (one language's build, one build "
                         "cycle, one serve session, the process):\n" + "\n".join(missing))


def test_state_without_a_lifetime_is_found(tmp_path):
    module = tmp_path / "hooks" / "m.py"
    module.parent.mkdir()
    module.write_text("_seen = {}\n# lives: the process\n_kept = {}\n_constant = {'a': 1}\n\n"
                      "def f(key):\n    _seen[key] = 1\n    _kept.clear()\n    return _constant['a']\n")
    assert undocumented_state(module, tmp_path) == ["hooks/m.py:1: _seen"]
