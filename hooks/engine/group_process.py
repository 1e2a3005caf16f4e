"""A language group's `mkdocs build`, run in a process forked from the one that read the corpus.

The child starts with everything the parent has in memory: the corpus (no pickle to write and read back),
and the MkDocs, Material, i18n and Markdown modules the parent imported while the corpus was read on
every core (`preimport`), instead of a fresh interpreter importing them again. It runs MkDocs' own
command line, writes its output to a file and never returns into the parent's code.
"""

from __future__ import annotations

import logging
import os
import resource
import signal
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import IO

from hooks.base import cpu_time


def preimport(config_file: Path) -> None:
    """Import what `mkdocs build` imports before it renders: MkDocs, the theme, plugins and hooks of
    `config_file` and its Markdown extensions. Whatever fails here is left for the group to report."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)  # the groups say what the config says (setLevel: no stale caches)
    try:
        import markdown
        from mkdocs.__main__ import cli  # noqa: F401
        from mkdocs.commands import build  # noqa: F401
        from mkdocs.config import load_config

        config = load_config(str(config_file))
        markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    except Exception:  # reported by the groups, which load the same configuration
        pass
    finally:
        logger.setLevel(level)


class GroupProcess:
    """A forked `mkdocs build`, with the part of subprocess.Popen's interface the build uses."""

    def __init__(self, args: list[str], environ: dict[str, str], log: IO[str],
                 in_child: Callable[[], None] = lambda: None) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        self.returncode: int | None = None
        self.cpu_s: float | None = None  # its CPU time and its children's (Pagefind), once reaped
        self.wall_s: float | None = None  # from the fork until it was reaped
        self._started = time.perf_counter()
        self.pid = os.fork()
        if self.pid == 0:
            _child(args, environ, log, in_child)

    def poll(self) -> int | None:
        if self.returncode is None:
            self._reaped(*os.wait4(self.pid, os.WNOHANG))
        return self.returncode

    def wait(self) -> int:
        while self.returncode is None:
            self._reaped(*os.wait4(self.pid, 0))
        return self.returncode

    def _reaped(self, pid: int, status: int, usage: resource.struct_rusage) -> None:
        """os.wait4, unlike os.waitpid, also says how much CPU time the process and its children used."""
        if pid:
            self.returncode = os.waitstatus_to_exitcode(status)
            self.cpu_s = cpu_time.of_usage(usage)
            self.wall_s = time.perf_counter() - self._started

    def kill(self) -> None:
        if self.returncode is None:
            os.kill(self.pid, signal.SIGKILL)


def _child(args: list[str], environ: dict[str, str], log: IO[str], in_child: Callable[[], None]) -> None:
    code = 1
    try:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 (flushed below)
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
        os.environ.update(environ)
        in_child()
        code = _mkdocs(args)
    except BaseException:  # the child must end here, whatever happened
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _mkdocs(args: list[str]) -> int:
    from mkdocs.__main__ import cli

    try:
        cli.main(args=args, prog_name="mkdocs")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0
