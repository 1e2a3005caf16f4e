"""The cores this process may run on (its CPU affinity, which a container or `taskset` can narrow)."""

from __future__ import annotations

import os


def usable() -> list[int]:
    try:
        return sorted(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return []


def count() -> int:
    return len(usable()) or os.cpu_count() or 1
