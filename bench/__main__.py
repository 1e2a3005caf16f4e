"""`make bench` / `python -m bench`: our site against the stock stack, side by side, in one run.

Measures, on a generated corpus of N articles × 4 languages (bench/generate.py):
- full build of our site (`python -m hooks build`) and of the stock stack (bench/stock/mkdocs.yml):
  wall time, peak memory (whole process tree), output size, pages; ratios ours/stock;
- per-page HTML size at N and at N/10 (the same pages in both sites: is page size independent of N?);
- `python -m hooks validate` over 10,000 runbooks;
- time until an edited runbook shows under a real `mkdocs serve`.
Prints a table and writes bench/out/bench.json (or --out). Then runs the other benchmarks of this
folder (bench/bench_*.py, each with a run() that returns whether it met its targets) unless --site-only;
exits non-zero when one of them misses its target.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path

from bench import generate, measure, serve

REPO = Path(__file__).resolve().parent.parent
TARGETS = {"build_time_ratio": 0.1, "output_size_ratio": 0.1, "validate_seconds": 5.0,
           "serve_edit_seconds": 5.0}


def our_project(path: Path) -> Path:
    """A project folder like the repository: our mkdocs.yml, docs/ and hooks/ (linked), generated runbooks/."""
    path.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "mkdocs.yml", path / "mkdocs.yml")
    shutil.copytree(REPO / "docs", path / "docs", dirs_exist_ok=True)
    if not (path / "hooks").exists():
        (path / "hooks").symlink_to(REPO / "hooks", target_is_directory=True)
    return path


def build_ours(project: Path, jobs: int | None) -> tuple[measure.Run, measure.SiteStats]:
    site = project / "site"
    command = [sys.executable, "-m", "hooks", "build", "--config-file", str(project / "mkdocs.yml"),
               "--site-dir", str(site), "--quiet"]
    if jobs:
        command += ["--jobs", str(jobs)]
    result = measure.run(command, cwd=project, env=_env())
    _check(result, "our build")
    return result, measure.site_stats(site)


def build_stock(project: Path) -> tuple[measure.Run, measure.SiteStats]:
    site = project / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file",
               str(project / "mkdocs.yml"), "--site-dir", str(site)]
    result = measure.run(command, cwd=project, env=_env())
    _check(result, "stock build")
    return result, measure.site_stats(site)


def _env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def _check(result: measure.Run, what: str) -> None:
    if result.returncode != 0:
        sys.stderr.write(result.output[-5000:])
        raise SystemExit(f"bench: {what} failed ({' '.join(result.command)})")


def same_pages_bytes(site: Path, count: int) -> float:
    """Mean HTML size of the first `count` runbooks in every language (present at every N)."""
    sizes = []
    for index in range(count):
        runbook_id = generate.article_id(index)
        for prefix in ("", "fr/", "pt-BR/", "ja/"):
            page = site / f"{prefix}runbooks/{runbook_id}/index.html"
            if page.is_file():
                sizes.append(page.stat().st_size)
    return sum(sizes) / len(sizes) if sizes else 0.0


def _run_row(result: measure.Run, stats: measure.SiteStats | None = None) -> dict:
    row = {"seconds": round(result.seconds, 2), "cpu_seconds": round(result.cpu_seconds, 2),
           "peak_rss_mb": round(result.peak_rss_mb, 1),
           "max_process_rss_mb": round(result.max_process_rss_mb, 1)}
    if stats is not None:
        row.update({"output_mb": round(stats.bytes / 2**20, 1), "pages": stats.pages,
                    "runbook_pages": stats.runbook_pages,
                    "median_runbook_page_kb": round(stats.runbook_page_bytes / 1024, 1),
                    "search_index_mb": round(stats.search_index_bytes / 2**20, 1)})
    return row


def main(argv: list[str] | None = None) -> int:
    # The generated corpus is real KB text, which quotes a few unredacted private IPs: under CI=true the
    # leak lint makes those errors. The benchmark measures speed, so it runs with the local policy.
    os.environ.pop("CI", None)
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1200, help="articles per language (default 1200)")
    parser.add_argument("--validate-n", type=int, default=10_000, help="runbooks for `validate` (default 10000)")
    parser.add_argument("--jobs", type=int, default=None, help="our build's parallel processes (default: cores)")
    parser.add_argument("--skip-stock", action="store_true")
    parser.add_argument("--skip-small", action="store_true", help="skip the N/10 builds (page size vs N)")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--skip-validate", action="store_true")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out", help="where bench.json goes")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects and sites")
    parser.add_argument("--site-only", action="store_true", help="skip the other bench/bench_*.py benchmarks")
    args = parser.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-", dir=args.out))
    report: dict = {"n": args.n, "languages": len(generate.LANGS), "cores": os.cpu_count(),
                    "python": platform.python_version(), "targets": TARGETS, "results": {}}
    results = report["results"]

    def save() -> None:  # after every step: a long run interrupted still leaves its numbers
        report["verdict"] = verdict(results)
        text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
        (args.out / "bench.json").write_text(text, encoding="utf-8")

    try:
        small_n = max(1, args.n // 10)
        same = min(20, small_n)
        print(f"generating {args.n} articles × {len(generate.LANGS)} languages …", flush=True)
        ours = our_project(work / "ours")
        stock = work / "stock"
        report["corpus"] = generate.generate(args.n, ours, None if args.skip_stock else stock)

        print("building our site …", flush=True)
        run, stats = build_ours(ours, args.jobs)
        results["ours"] = {**_run_row(run, stats),
                           "same_pages_kb": round(same_pages_bytes(ours / "site", same) / 1024, 2)}
        save()
        if not args.skip_stock:
            print("building the stock site …", flush=True)
            run, stats = build_stock(stock)
            results["stock"] = {**_run_row(run, stats),
                                "same_pages_kb": round(same_pages_bytes(stock / "site", same) / 1024, 2)}
            shutil.rmtree(stock / "site", ignore_errors=True)
            save()
            results["ratios"] = {
                "build_time_ratio": round(results["ours"]["seconds"] / results["stock"]["seconds"], 3),
                "output_size_ratio": round(results["ours"]["output_mb"] / results["stock"]["output_mb"], 3),
                "peak_memory_ratio": round(results["ours"]["peak_rss_mb"] / results["stock"]["peak_rss_mb"], 3),
                "cpu_time_ratio": round(results["ours"]["cpu_seconds"] / results["stock"]["cpu_seconds"], 3),
            }
        if not args.skip_small:
            print(f"building both at N/10 = {small_n} (page size against N) …", flush=True)
            small = our_project(work / "ours-small")
            small_stock = work / "stock-small"
            generate.generate(small_n, small, None if args.skip_stock else small_stock)
            _, small_stats = build_ours(small, args.jobs)
            results["page_size_vs_n"] = {
                "ours_same_pages_kb_at_n": results["ours"]["same_pages_kb"],
                "ours_same_pages_kb_at_n_div_10": round(same_pages_bytes(small / "site", same) / 1024, 2),
            }
            if not args.skip_stock:
                build_stock(small_stock)
                results["page_size_vs_n"].update({
                    "stock_same_pages_kb_at_n": results["stock"]["same_pages_kb"],
                    "stock_same_pages_kb_at_n_div_10": round(same_pages_bytes(small_stock / "site", same) / 1024, 2),
                })
            del small_stats
            save()
        if not args.skip_validate:
            articles = max(1, args.validate_n // len(generate.LANGS))
            print(f"validating {articles * len(generate.LANGS)} runbooks …", flush=True)
            root = work / "validate"
            generate.generate(articles, root, None)
            run = measure.run([sys.executable, "-m", "hooks", "validate", "--root", str(root / "runbooks")],
                              cwd=REPO, env=_env())
            _check(run, "validate")
            results["validate"] = {**_run_row(run), "runbooks": articles * len(generate.LANGS)}
            save()
        if not args.skip_serve:
            print("timing an edit under mkdocs serve …", flush=True)
            shutil.rmtree(ours / "site", ignore_errors=True)
            edit = serve.measure_edit(ours, ours / "runbooks" / "fr" / f"{generate.article_id(0)}.md",
                                      f"fr/runbooks/{generate.article_id(0)}/")
            results["serve"] = {"startup_seconds": round(edit.startup_seconds, 2),
                                "edit_seconds": round(edit.edit_seconds, 2)}
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    save()
    print(table(report))
    print(f"\nwritten: {args.out / 'bench.json'}")
    if args.site_only:
        return 0
    others = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    results = {name: importlib.import_module(f"bench.{name}").run() for name in others}
    return 0 if all(results.values()) else 1


def verdict(results: dict) -> dict:
    checks = {}
    ratios = results.get("ratios", {})
    for key in ("build_time_ratio", "output_size_ratio"):
        if key in ratios:
            checks[key] = ratios[key] <= TARGETS[key]
    if "validate" in results:
        checks["validate_seconds"] = results["validate"]["seconds"] <= TARGETS["validate_seconds"]
    if "serve" in results:
        checks["serve_edit_seconds"] = results["serve"]["edit_seconds"] <= TARGETS["serve_edit_seconds"]
    sizes = results.get("page_size_vs_n")
    if sizes:
        small, large = sizes["ours_same_pages_kb_at_n_div_10"], sizes["ours_same_pages_kb_at_n"]
        checks["page_size_independent_of_n"] = large <= small * 1.02
    return checks


def table(report: dict) -> str:
    results = report["results"]
    lines = [f"\nN = {report['n']} articles × {report['languages']} languages, {report['cores']} cores",
             f"{'':28}{'ours':>12}{'stock':>12}{'ours/stock':>12}"]
    ours, stock, ratios = results.get("ours", {}), results.get("stock", {}), results.get("ratios", {})
    for label, key, ratio in (("build wall time (s)", "seconds", "build_time_ratio"),
                              ("build CPU time (s)", "cpu_seconds", "cpu_time_ratio"),
                              ("peak memory (MB, tree)", "peak_rss_mb", "peak_memory_ratio"),
                              ("output size (MB)", "output_mb", "output_size_ratio"),
                              ("pages (HTML files)", "pages", None),
                              ("median runbook page (KB)", "median_runbook_page_kb", None),
                              ("search index (MB)", "search_index_mb", None)):
        value = ratios.get(ratio, "") if ratio else ""
        lines.append(f"{label:28}{ours.get(key, ''):>12}{stock.get(key, ''):>12}{value:>12}")
    sizes = results.get("page_size_vs_n")
    if sizes:
        lines.append(f"{'same pages (KB) at N':28}{sizes['ours_same_pages_kb_at_n']:>12}"
                     f"{sizes.get('stock_same_pages_kb_at_n', ''):>12}")
        lines.append(f"{'same pages (KB) at N/10':28}{sizes['ours_same_pages_kb_at_n_div_10']:>12}"
                     f"{sizes.get('stock_same_pages_kb_at_n_div_10', ''):>12}")
    if "validate" in results:
        lines.append(f"validate {results['validate']['runbooks']} runbooks: {results['validate']['seconds']} s")
    if "serve" in results:
        lines.append(f"mkdocs serve: first page after {results['serve']['startup_seconds']} s; "
                     f"edited runbook visible after {results['serve']['edit_seconds']} s")
    lines.append("targets: " + ", ".join(f"{k} {'ok' if v else 'MISSED'}" for k, v in report["verdict"].items()))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
