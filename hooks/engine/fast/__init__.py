"""Speed-ups of the engine, behind one switch: with `KB_FAST=0` the build uses none of them.

None changes the output: `tests/engine/test_fast_switch.py` builds the sample both ways and finds the two
sites byte-identical. Each speed-up is one module here; the engine asks `enabled()` before using any.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

ENV = "KB_FAST"


def enabled(environ: Mapping[str, str] = os.environ) -> bool:
    """False when `KB_FAST=0`: the plain engine, to compare outputs or to rule a speed-up out of a bug."""
    return environ.get(ENV, "1") != "0"
