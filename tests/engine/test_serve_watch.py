"""`make serve` is told of saved files by native file events (hooks/engine/serve_watch.py), not by polling."""

import watchdog.observers
from mkdocs.livereload import LiveReloadServer

from hooks.engine import serve_watch

HANG = 120  # seconds: only stops a test that would otherwise wait forever; the event comes in milliseconds


def test_the_server_watches_the_same_folders_with_native_events_and_sees_a_save(tmp_path):
    (tmp_path / "runbooks").mkdir()
    runbook = tmp_path / "runbooks" / "KA-1.md"
    runbook.write_text("before", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    server.watch(str(tmp_path / "runbooks"))
    server.watch(str(tmp_path / "runbooks"))  # watched twice (docs_dir and mkdocs.yml's watch: both count)
    assert "Polling" in type(server.observer).__name__
    assert serve_watch.use_native_events(server)
    assert isinstance(server.observer, watchdog.observers.Observer)
    assert server._watched_paths == {str(tmp_path / "runbooks"): 2}
    server.observer.start()  # watchdog sets the inotify watches up before start() returns: no race with the save
    try:
        runbook.write_text("after", encoding="utf-8")
        with server._rebuild_cond:  # notified by the server's own handler: no clock read, no polling
            assert server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=HANG)
    finally:
        server.observer.stop()
        server.observer.join()


def test_without_native_events_the_server_keeps_polling(tmp_path, monkeypatch):
    class Broken(watchdog.observers.Observer):
        def start(self):
            raise OSError("inotify watch limit reached")

    monkeypatch.setattr(watchdog.observers, "Observer", Broken)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path))
    polling = server.observer
    said = []
    assert not serve_watch.use_native_events(server, said.append)
    assert server.observer is polling and server._watched_paths == {str(tmp_path): 1}
    assert "polls for changes" in said[0] and "watch limit" in said[0]
