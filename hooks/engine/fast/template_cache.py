"""Compile each Jinja template once per process instead of once per language build.

MkDocs creates a new Jinja environment for every build, and mkdocs-static-i18n builds once per
language (and again on every `mkdocs serve` rebuild): without a cache, Material's ~150 templates are
parsed and compiled four times per build. Jinja's bytecode cache keys on the template's name and
checks its source checksum, so an edited template is compiled again.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


CACHE = MemoryBytecodeCache()  # lives: the process (templates compiled once for every language's build)


def use(env) -> None:
    env.bytecode_cache = CACHE
