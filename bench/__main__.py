"""Run every bench/bench_*.py module's run(); exit non-zero when one misses its target."""

import importlib
import sys
from pathlib import Path

names = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
wanted = sys.argv[1:] or names
results = {name: importlib.import_module(f"bench.{name}").run() for name in wanted}
sys.exit(0 if all(results.values()) else 1)
