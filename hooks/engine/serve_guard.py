"""`mkdocs serve` keeps serving when a rebuild fails.

MkDocs' live-reload server blocks every request after a failed rebuild ("the server will appear stuck")
until a build succeeds. A contributor who saves a broken runbook should instead see the problems in the
terminal, keep browsing the last good site, and get a fresh site as soon as the file is fixed.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable

STILL_SERVING = ("the site was not rebuilt; still serving the last good build. "
                 "Fix the problems above and save: the site rebuilds by itself.")


def keep_serving(builder: Callable[..., None], report: Callable[[str], None]) -> Callable[..., None]:
    """Wrap the server's builder: a failed build is reported, then the server carries on."""

    def guarded(*args, **kwargs) -> None:
        try:
            builder(*args, **kwargs)
        except SystemExit as exc:  # mkdocs Abort: problems were already logged by the build
            report(f"{exc} {STILL_SERVING}".strip())
        except Exception as exc:  # a bug, not a runbook problem: show where, keep serving
            report("".join(traceback.format_exception(exc)).rstrip())
            report(STILL_SERVING)

    return guarded
