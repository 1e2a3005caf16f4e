"""The hook files mkdocs.yml lists hold only MkDocs events of a few lines, and no state: MkDocs may load
them again for each `mkdocs serve` rebuild (hooks/engine/session.py)."""

from __future__ import annotations

import ast

import pytest
import yaml

from tests.engine.cycle_fixture import REPO

EVENT_LINES = 3  # an event hands its objects over; no decision of its own


def hook_files() -> list[str]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["hooks"]


@pytest.mark.parametrize("path", hook_files())
def test_a_hook_file_holds_events_of_a_few_lines_and_no_state(path):
    tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert functions
    for function in functions:
        body = [node for node in function.body if not (isinstance(node, ast.Expr) and
                                                       isinstance(node.value, ast.Constant))]
        assert function.name.startswith(("on_", "_")) and len(body) <= EVENT_LINES, function.name
        assert not any(isinstance(node, (ast.If, ast.For, ast.While, ast.Try, ast.With)) for node in body), \
            function.name
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            assert not isinstance(node.value, (ast.Dict, ast.List, ast.Set, ast.DictComp)), ast.unparse(node)
    assert not any(isinstance(node, ast.ClassDef) for node in tree.body)


def test_every_piece_of_engine_state_says_how_long_it_lives():
    from dataclasses import fields

    from hooks.engine import session
    from hooks.engine.fast import shell_filling

    for state in (session.ServeSession, session.BuildCycle, session.LanguageBuild, shell_filling.ShellCounts,
                  shell_filling.ShellsOfLanguage):
        assert state.__doc__ and any(word in state.__doc__ for word in ("Lives", "process", "cycle", "pass")), state
        assert fields(state)
