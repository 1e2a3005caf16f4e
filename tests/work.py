"""Work, not time: what tests that guard against slow code count instead of reading a clock (a clock makes a
test fail on a busy machine and pass on a fast one whatever the code does)."""

from __future__ import annotations

import sys
from types import TracebackType


class CallCounter:
    """Python function calls made while the block runs (sys.setprofile; calls into C counted too)."""

    def __init__(self) -> None:
        self.calls = 0

    def __enter__(self) -> CallCounter:
        self.calls = 0

        def profile(frame, event, arg):
            if event in ("call", "c_call"):
                self.calls += 1

        sys.setprofile(profile)
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        sys.setprofile(None)
