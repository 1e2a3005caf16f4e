"""`make serve` notices saved files through the operating system's file events instead of polling.

MkDocs' live-reload server polls every watched folder twice a second: it lists and stats every file of
runbooks/ (thousands) each time, in a thread that competes with the rebuild for the interpreter, and a
save waits up to half a second to be noticed. On systems with native file events (inotify on Linux,
FSEvents, kqueue, Windows) watchdog's native observer tells the server at once, for no work in between.
When the native observer cannot start (a file system without events, a watch limit reached), the
server keeps polling.
Private names of MkDocs used here are listed in hooks/engine/private_names.py (tests/engine/test_private_names.py).
"""

from __future__ import annotations

from collections.abc import Callable

import watchdog.events
import watchdog.observers


def use_native_events(server, report: Callable[[str], None] | None = None) -> bool:
    """Give MkDocs' LiveReloadServer `server` a native observer, watching what it watched; False (and the
    server unchanged) when the native observer cannot run here."""
    native = watchdog.observers.Observer
    if isinstance(server.observer, native):
        return True
    watched = dict(server._watched_paths)  # path → how many times watched
    probe = native()
    try:  # the same folders, watched natively once: does it work here?
        for path in watched:
            probe.schedule(watchdog.events.FileSystemEventHandler(), path, recursive=True)
        probe.start()
    except Exception as exc:  # no native events here, whatever the reason: keep polling
        if report:
            report(f"file events are not available ({exc}); `make serve` polls for changes")
        return False
    finally:
        if probe.is_alive():
            probe.stop()
            probe.join()
    for path, times in watched.items():
        for _ in range(times):
            server.unwatch(path)
    server.observer = native()
    for path, times in watched.items():
        for _ in range(times):
            server.watch(path)
    return True
