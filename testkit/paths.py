"""Where the repository and the data the tests and benchmarks read are."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# What `make test` reads is in the repository (tests/data/: the seeds and a trimmed copy of the KB sample, MIT),
# so that a clone without ../shared passes.
DATA = REPO / "tests" / "data"
SEEDS = DATA / "seeds"
CORPUS = DATA / "kcs-sample"
# The whole real KB data, read-only beside the clone: only tests marked `corpus` (`make test-corpus`) read it.
SHARED = REPO.parent / "shared"
FULL_SAMPLE = SHARED / "corpus" / "kcs-sample"
MORE = SHARED / "corpus" / "kcs-more"
