"""External links quoted in runbooks: checked with a cache, a per-host rate limit, timeouts and an allowlist.

Never part of the build or the default tests (no network there): `python -m hooks check-external`, run
weekly by .github/workflows/external-links.yml.
"""

from __future__ import annotations

import fnmatch
import json
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from hooks.corpus.model import Corpus
from hooks.corpus.runbook_format import write_atomic
from hooks.finish import links

if TYPE_CHECKING:
    import requests

USER_AGENT = "kb-runbooks-link-check/1 (+https://github.com/)"


@dataclass(frozen=True)
class Place:
    path: str
    line: int
    column: int


@dataclass
class Result:
    url: str
    ok: bool
    status: int | None
    error: str
    checked: float


def collect(corpus: Corpus) -> dict[str, list[Place]]:
    """http(s) URL → where it is quoted, sorted."""
    found: dict[str, list[Place]] = defaultdict(list)
    for runbook in sorted(corpus.runbooks, key=lambda r: r.path):
        for link in links.extract(runbook.body, runbook.body_line):
            if urlsplit(link.target).scheme in ("http", "https"):
                found[link.target].append(Place(runbook.path, link.line, link.column))
    return dict(sorted(found.items()))


@dataclass(frozen=True)
class Allowlist:
    """Lines of the allowlist file: a URL prefix (https://…), or a host pattern (example.com, *.example.com)."""

    prefixes: tuple[str, ...]
    hosts: tuple[str, ...]

    @classmethod
    def read(cls, path: Path | None) -> Allowlist:
        if path is None or not path.is_file():
            return cls((), ())
        entries = [line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()]
        entries = [e for e in entries if e]
        return cls(tuple(e for e in entries if "://" in e), tuple(e.lower() for e in entries if "://" not in e))

    def allows(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return url.startswith(self.prefixes) or any(fnmatch.fnmatch(host, h) for h in self.hosts)


class RateLimiter:
    """At most one request per `interval` seconds to each host."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        with self._lock:
            now = self.clock()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self.interval
        if start > now:
            self.sleep(start - now)


class Cache:
    """Good results are kept for `max_age` seconds; broken ones are checked again every run."""

    def __init__(self, path: Path | None, max_age: float, clock: Callable[[], float] = time.time):
        self.path = path
        self.max_age = max_age
        self.clock = clock
        self.entries: dict[str, dict] = {}
        if path is not None and path.is_file():
            try:
                self.entries = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, OSError):
                self.entries = {}  # a damaged cache only costs a full check

    def fresh(self, url: str) -> Result | None:
        entry = self.entries.get(url)
        if entry and entry.get("ok") and self.clock() - entry.get("checked", 0) < self.max_age:
            return Result(**entry)
        return None

    def save(self, results: list[Result]) -> None:
        for result in results:
            self.entries[result.url] = asdict(result)
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps(self.entries, indent=1, sort_keys=True) + "\n")


MAX_REDIRECTS = 5


def _request(session: requests.Session, method: str, url: str, limiter: RateLimiter, timeout: float):
    """One request, following redirects by hand so that every hop waits for its host's turn."""
    import requests

    for _ in range(MAX_REDIRECTS + 1):
        limiter.wait((urlsplit(url).hostname or "").lower())
        response = session.request(method, url, allow_redirects=False, timeout=timeout, stream=True)
        response.close()
        if not response.is_redirect:
            return response
        url = urljoin(url, response.headers["Location"])
    raise requests.TooManyRedirects(f"more than {MAX_REDIRECTS} redirects")


def fetch(session: requests.Session, url: str, limiter: RateLimiter, timeout: float) -> Result:
    import requests  # here: `python -m hooks build` and `validate` load this module but never fetch

    try:
        response = _request(session, "HEAD", url, limiter, timeout)
        if response.status_code in (403, 405, 501):  # servers that refuse HEAD: ask again with GET
            response = _request(session, "GET", url, limiter, timeout)
        ok = response.status_code < 400
        return Result(url, ok, response.status_code, "" if ok else f"HTTP {response.status_code}", time.time())
    except requests.Timeout:
        return Result(url, False, None, f"no answer within {timeout:g} s", time.time())
    except requests.RequestException as exc:
        return Result(url, False, None, type(exc).__name__, time.time())


@dataclass
class Report:
    results: list[Result]
    skipped: list[str]  # allowlisted
    cached: int

    @property
    def broken(self) -> list[Result]:
        return [r for r in self.results if not r.ok and r.status != 429]

    @property
    def deferred(self) -> list[Result]:
        """Answered 429 Too Many Requests: not known to be broken; checked again next run."""
        return [r for r in self.results if r.status == 429]


def check(urls: list[str], allowlist: Allowlist, cache: Cache, limiter: RateLimiter, timeout: float,
          workers: int = 4, session_factory: Callable[[], requests.Session] | None = None) -> Report:
    if session_factory is None:
        import requests

        session_factory = requests.Session
    skipped = [u for u in urls if allowlist.allows(u)]
    results: list[Result] = []
    todo: dict[str, list[str]] = defaultdict(list)
    cached = 0
    for url in urls:
        if url in skipped:
            continue
        hit = cache.fresh(url)
        if hit is not None:
            results.append(hit)
            cached += 1
        else:
            todo[(urlsplit(url).hostname or "").lower()].append(url)

    def run_host(host: str) -> list[Result]:
        session = session_factory()
        session.headers["User-Agent"] = USER_AGENT
        out = []
        for url in todo[host]:
            out.append(fetch(session, url, limiter, timeout))
        session.close()
        return out

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:  # hosts in parallel, each host in turn
        for host_results in pool.map(run_host, sorted(todo)):
            results.extend(host_results)
    fetched = [r for r in results if r.url in {u for host in todo.values() for u in host}]
    cache.save(fetched)
    return Report(sorted(results, key=lambda r: r.url), skipped, cached)
