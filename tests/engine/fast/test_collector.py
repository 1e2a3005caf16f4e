"""Build processes keep the garbage collector off the corpus (hooks/engine/fast/collector.py); `mkdocs serve`
does not."""

import subprocess
import sys
import textwrap

from tests.conftest import REPO


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                            cwd=REPO, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_what_exists_is_frozen_and_young_collections_are_rarer():
    out = _run("""
        import gc
        from hooks.engine.fast import collector
        corpus = [{"id": i} for i in range(1000)]
        before = gc.get_freeze_count()
        collector.keep_out_of_collections()
        print(before == 0, gc.get_freeze_count() >= 1000, gc.get_threshold()[0] > 700)
    """)
    assert out.split() == ["True", "True", "True"]


def test_everything_is_frozen_before_the_interpreter_exits():
    out = _run("""
        import atexit, gc
        from hooks.engine.fast import collector
        frozen = {}
        atexit.register(lambda: print(gc.get_freeze_count() - frozen["then"] >= 5000))  # runs after ours
        handlers = atexit._ncallbacks()
        collector.keep_out_of_collections()
        collector.keep_out_of_collections()  # once per language build: still one exit handler
        print(atexit._ncallbacks() - handlers)
        frozen["then"] = gc.get_freeze_count()
        later = [[] for _ in range(5000)]
    """)
    assert out.split() == ["1", "True"]
