"""Validation read on every core, and re-checked per changed file under `make serve`, finds exactly
what the one-process reader finds."""

from __future__ import annotations

import os

from bench import generate
from hooks.rules import loader
from tests.conftest import CORPUS


def _problems(found) -> list[str]:
    return [str(p) for p in found.problems]


def test_parallel_and_incremental_validation_report_the_same_problems(tmp_path):
    generate.generate(110, tmp_path, None, sample=CORPUS)  # 440 files: read by two processes
    root = tmp_path / "runbooks"
    files = sorted((root / "fr").glob("*.md"))
    files[3].write_text(files[3].read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    files[7].write_text(files[7].read_text(encoding="utf-8") + "\nsee https://wiki.corp.adobe.com/x\n",
                        encoding="utf-8")
    (root / "ja" / "notes.txt.md").write_text("---\ntitle: [\n", encoding="utf-8")
    serial = loader.load(root)
    assert len(serial.problems) >= 3
    parallel = loader.load_for_validate(root, 2)
    assert _problems(parallel) == _problems(serial)
    assert [r.path for r in parallel.runbooks] == [r.path for r in serial.runbooks]  # the same order too
    built = loader.load_parallel(root, 2)  # what `python -m hooks build` reads
    assert [(r.path, r.body) for r in built.runbooks] == [(r.path, r.body) for r in serial.runbooks]

    # `make serve`: the first read checks every file; after an edit only the edited one is checked again
    first = loader.load_incremental(root)
    edited = files[11]
    edited.write_text(edited.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    stat = edited.stat()
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    second = loader.load_incremental(root)
    again = loader.load(root)
    assert len(second.problems) > len(first.problems)
    assert [str(p) for p in second.problems if "redirect" not in p.rule and "image" not in p.rule] == \
        [str(p) for p in again.problems if "redirect" not in p.rule and "image" not in p.rule]


def test_every_loader_reads_through_the_one_loop_and_serve_reads_and_checks_only_what_changed(tmp_path,
                                                                                           monkeypatch):
    generate.generate(6, tmp_path, None, sample=CORPUS)
    root = tmp_path / "runbooks"
    counted = {"loops": 0, "read": 0, "check": 0}
    real_loop, real_read, real_check = loader.read_files, loader.model.read_checked, loader.check_file

    def counting(name, real):
        def call(*args, **kwargs):
            counted[name] += 1
            return real(*args, **kwargs)
        return call

    monkeypatch.setattr(loader, "read_files", counting("loops", real_loop))
    monkeypatch.setattr(loader.model, "read_checked", counting("read", real_read))
    monkeypatch.setattr(loader, "check_file", counting("check", real_check))
    files = len(loader.model.runbook_files(root))
    loader.load(root)
    assert counted == {"loops": 1, "read": files, "check": files}
    assert isinstance(loader._read((loader.model.runbook_files(root), root, False)), loader.Reading)
    loader._read_cache.clear()
    counted.update(loops=0, read=0, check=0)
    first = loader.load_incremental(root)
    assert counted == {"loops": 1, "read": files, "check": files}
    edited = sorted((root / "fr").glob("*.md"))[2]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    counted.update(loops=0, read=0, check=0)
    second = loader.load_incremental(root)
    assert counted == {"loops": 1, "read": 1, "check": 1}  # the edited file only
    assert [r.path for r in second.runbooks] == [r.path for r in first.runbooks]
    assert _problems(second) == _problems(loader.load(root))
