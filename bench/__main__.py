"""`make bench` / `python -m bench`: our site against the stock stack, side by side, in one run.

Measures on real data (default): a KB export of the real articles of ../shared/corpus (kcs-sample and
kcs-more) as they are (`--sizes all`) and scaled to N articles per language by copies of real articles
under new ids (bench/real.py), imported with `python -m hooks import` like a user imports an export:
- at each size, full build of our site (`python -m hooks build`) and of the stock stack
  (bench/stock/mkdocs.yml) built from the same imported pages: wall time, CPU time, peak memory of the
  whole process tree (PSS: forked processes' shared pages counted once; RSS summed too), output size,
  pages; ratios ours/stock; CPU per page at the largest size against the next one (does anything grow
  faster than the site?); the same pages' size at the smallest and the largest size;
- `python -m hooks validate` over 10,000 (generated) runbooks;
- under a real `mkdocs serve` of the size nearest 1,200: time until the first page answers and until an
  edited runbook shows.
`--corpus generated` measures the generated corpus of earlier runs instead (bench/generate.py, `--n`).
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

from bench import generate, measure, real, real_site, serve

REPO = Path(__file__).resolve().parent.parent
TIMINGS = "timings.json"  # `python -m hooks build --timings`: where our build's CPU time goes
TARGETS = {"build_time_ratio": 0.1, "output_size_ratio": 0.1, "peak_memory_ratio": 2.0,
           "cpu_per_page_ratio": 1.15, "validate_seconds": 5.0, "serve_edit_seconds": 5.0,
           "serve_first_page_seconds": 60.0}


def our_project(path: Path) -> Path:
    """A project folder like the repository: our mkdocs.yml, docs/ and hooks/ (linked), generated runbooks/."""
    path.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "mkdocs.yml", path / "mkdocs.yml")
    shutil.copytree(REPO / "docs", path / "docs", dirs_exist_ok=True)
    if not (path / "hooks").exists():
        (path / "hooks").symlink_to(REPO / "hooks", target_is_directory=True)
    return path


def build_ours(project: Path, jobs: int | None) -> tuple[measure.Run, measure.SiteStats]:
    """`python -m hooks build` of `project`, with where its CPU time goes in project/TIMINGS (`timings`)."""
    site = project / "site"
    command = [sys.executable, "-m", "hooks", "build", "--config-file", str(project / "mkdocs.yml"),
               "--site-dir", str(site), "--quiet", "--timings", str(project / TIMINGS)]
    if jobs:
        command += ["--jobs", str(jobs)]
    result = measure.run(command, cwd=project, env=_env())
    _check(result, "our build")
    return result, measure.site_stats(site)


def timings(project: Path) -> dict:
    """CPU and wall seconds of each phase of the last build_ours of `project` (hooks/build/timings.py)."""
    path = project / TIMINGS
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


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
           "peak_rss_mb": round(result.peak_rss_mb, 1), "peak_pss_mb": round(result.peak_pss_mb, 1),
           "max_process_rss_mb": round(result.max_process_rss_mb, 1)}
    if stats is not None:
        row.update({"output_mb": round(stats.bytes / 2**20, 1), "pages": stats.pages,
                    "runbook_pages": stats.runbook_pages,
                    "cpu_ms_per_page": round(1000 * result.cpu_seconds / max(1, stats.pages), 3),
                    "median_runbook_page_kb": round(stats.runbook_page_bytes / 1024, 1),
                    "search_index_mb": round(stats.search_index_bytes / 2**20, 1)})
    return row


def _ratios(ours: dict, stock: dict) -> dict:
    return {
        "build_time_ratio": round(ours["seconds"] / stock["seconds"], 3),
        "output_size_ratio": round(ours["output_mb"] / stock["output_mb"], 3),
        "peak_memory_ratio": round(ours["peak_pss_mb"] / stock["peak_pss_mb"], 3),
        "peak_rss_ratio": round(ours["peak_rss_mb"] / stock["peak_rss_mb"], 3),
        "cpu_time_ratio": round(ours["cpu_seconds"] / stock["cpu_seconds"], 3),
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("real", "generated"), default="real",
                        help="real KB articles of ../shared/corpus (default) or the generated corpus")
    parser.add_argument("--sizes", default="all,1200,4000",
                        help="real data: articles per language, comma-separated; 'all' = the real articles "
                             "as they are (default all,1200,4000)")
    parser.add_argument("--serve-size", type=int, default=1200,
                        help="real data: `mkdocs serve` is timed on the size nearest this (default 1200)")
    parser.add_argument("--n", type=int, default=1200, help="generated corpus: articles per language")
    parser.add_argument("--validate-n", type=int, default=10_000, help="runbooks for `validate` (default 10000)")
    parser.add_argument("--jobs", type=int, default=None, help="our build's parallel processes (default: cores)")
    parser.add_argument("--skip-stock", action="store_true")
    parser.add_argument("--skip-small", action="store_true", help="generated corpus: skip the N/10 builds")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--skip-validate", action="store_true")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out", help="where bench.json goes")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects and sites")
    parser.add_argument("--site-only", action="store_true", help="skip the other bench/bench_*.py benchmarks")
    return parser


def _sizes(text: str) -> list[int]:
    everything = len(real.originals())
    sizes = {everything if item.strip() == "all" else int(item) for item in text.split(",") if item.strip()}
    return sorted(sizes)


def main(argv: list[str] | None = None) -> int:
    # Real KB text quotes a few unredacted private IPs: under CI=true the leak lint makes those errors.
    # The benchmark measures speed, so it runs with the local policy.
    os.environ.pop("CI", None)
    args = _parser().parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-", dir=args.out))
    report: dict = {"corpus": args.corpus, "languages": len(generate.LANGS), "cores": os.cpu_count(),
                    "python": platform.python_version(), "targets": TARGETS, "results": {}}

    def save() -> None:  # after every step: a long run interrupted still leaves its numbers
        report["verdict"] = verdict(report["results"])
        text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
        (args.out / "bench.json").write_text(text, encoding="utf-8")

    try:
        if args.corpus == "real":
            try:
                run_real(args, report, work, save)
            except real.CorpusMissing as exc:
                raise SystemExit(f"bench: {exc}") from None
        else:
            run_generated(args, report, work, save)
        if not args.skip_validate:
            results = report["results"]
            articles = max(1, args.validate_n // len(generate.LANGS))
            print(f"validating {articles * len(generate.LANGS)} runbooks …", flush=True)
            root = work / "validate"
            generate.generate(articles, root, None)
            run = measure.run([sys.executable, "-m", "hooks", "validate", "--root", str(root / "runbooks")],
                              cwd=REPO, env=_env())
            _check(run, "validate")
            results["validate"] = {**_run_row(run), "runbooks": articles * len(generate.LANGS)}
            save()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    save()
    print(table(report))
    print(f"\nwritten: {args.out / 'bench.json'}")
    if args.site_only:
        return 0
    others = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    outcome = {name: importlib.import_module(f"bench.{name}").run() for name in others}
    return 0 if all(outcome.values()) else 1


def same_real_pages_bytes(site: Path, ids: list[str]) -> float:
    """Mean HTML size of the pages of these runbooks in every language (the real articles, at every size)."""
    sizes = [page.stat().st_size for runbook_id in ids for prefix in ("", "fr/", "pt-BR/", "ja/")
             for page in [site / f"{prefix}runbooks/{runbook_id}/index.html"] if page.is_file()]
    return sum(sizes) / len(sizes) if sizes else 0.0


def run_real(args, report: dict, work: Path, save) -> None:
    """Import and build each size of the real corpus, ours and stock side by side."""
    sizes = _sizes(args.sizes)
    report["sizes"] = sizes
    results = report["results"]
    results["sizes"] = {}
    same_ids = [article.stem for article in real.originals()[:min(20, sizes[0])]]  # pages at every size
    serve_size = min(sizes, key=lambda size: (abs(size - args.serve_size), size))
    for size in sizes:
        row: dict = {}
        results["sizes"][str(size)] = row
        print(f"real KB export: {size} articles × {len(real.FOLDERS)} languages …", flush=True)
        export = work / f"export-{size}"
        row["corpus"] = real.write_export(size, export)
        ours = real_site.our_project(work / f"ours-{size}")
        run = real_site.import_export(ours, export, _env())
        row["import"] = {"seconds": round(run.seconds, 2), "cpu_seconds": round(run.cpu_seconds, 2),
                         "exit_status": run.returncode, "summary": _import_summary(run.output)}
        row["stopgap"] = real_site.make_buildable(ours, _env())
        shutil.rmtree(export, ignore_errors=True)
        save()
        print(f"building our site ({size}) …", flush=True)
        run, stats = build_ours(ours, args.jobs)
        row["ours"] = {**_run_row(run, stats),
                       "same_pages_kb": round(same_real_pages_bytes(ours / "site", same_ids) / 1024, 2),
                       "timings": timings(ours)}
        shutil.rmtree(ours / "site", ignore_errors=True)
        save()
        if not args.skip_stock:
            stock = work / f"stock-{size}"
            real_site.stock_project(ours, stock)
            print(f"building the stock site ({size}) …", flush=True)
            run, stats = build_stock(stock)
            row["stock"] = {**_run_row(run, stats),
                            "same_pages_kb": round(same_real_pages_bytes(stock / "site", same_ids) / 1024, 2)}
            row["ratios"] = _ratios(row["ours"], row["stock"])
            shutil.rmtree(stock, ignore_errors=True)
            save()
        if size == serve_size and not args.skip_serve:
            print(f"timing `mkdocs serve` ({size}) …", flush=True)
            first = sorted((ours / "runbooks" / "fr").glob("*.md"))[0]
            edit = serve.measure_edit(ours, first, f"fr/runbooks/{first.stem}/")
            results["serve"] = {"articles": size, "startup_seconds": round(edit.startup_seconds, 2),
                                "edit_seconds": round(edit.edit_seconds, 2)}
            save()
        shutil.rmtree(ours, ignore_errors=True)
    rows = [results["sizes"][str(size)] for size in sizes]
    if len(rows) >= 2:
        small, large = rows[-2]["ours"], rows[-1]["ours"]
        results["scaling"] = {
            "from_articles": sizes[-2], "to_articles": sizes[-1],
            "cpu_per_page_ratio": round(large["cpu_ms_per_page"] / small["cpu_ms_per_page"], 3),
            "ours_same_pages_kb": [rows[0]["ours"]["same_pages_kb"], rows[-1]["ours"]["same_pages_kb"]],
        }
        if "stock" in rows[0]:
            results["scaling"]["stock_same_pages_kb"] = [rows[0]["stock"]["same_pages_kb"],
                                                         rows[-1]["stock"]["same_pages_kb"]]
    save()


def _import_summary(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith("imported ")]
    return lines[-1] if lines else output.strip().splitlines()[-1:][0] if output.strip() else ""


def run_generated(args, report: dict, work: Path, save) -> None:
    """The generated corpus of earlier runs (bench/generate.py): N articles, and N/10 for page sizes."""
    results = report["results"]
    report["n"] = args.n
    small_n = max(1, args.n // 10)
    same = min(20, small_n)
    print(f"generating {args.n} articles × {len(generate.LANGS)} languages …", flush=True)
    ours = our_project(work / "ours")
    stock = work / "stock"
    report["generated"] = generate.generate(args.n, ours, None if args.skip_stock else stock)
    print("building our site …", flush=True)
    run, stats = build_ours(ours, args.jobs)
    results["ours"] = {**_run_row(run, stats),
                       "same_pages_kb": round(same_pages_bytes(ours / "site", same) / 1024, 2),
                       "timings": timings(ours)}
    save()
    if not args.skip_stock:
        print("building the stock site …", flush=True)
        run, stats = build_stock(stock)
        results["stock"] = {**_run_row(run, stats),
                            "same_pages_kb": round(same_pages_bytes(stock / "site", same) / 1024, 2)}
        shutil.rmtree(stock / "site", ignore_errors=True)
        save()
        results["ratios"] = _ratios(results["ours"], results["stock"])
    if not args.skip_small:
        print(f"building both at N/10 = {small_n} (page size against N) …", flush=True)
        small = our_project(work / "ours-small")
        small_stock = work / "stock-small"
        generate.generate(small_n, small, None if args.skip_stock else small_stock)
        build_ours(small, args.jobs)
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
        save()
    if not args.skip_serve:
        print("timing an edit under mkdocs serve …", flush=True)
        shutil.rmtree(ours / "site", ignore_errors=True)
        edit = serve.measure_edit(ours, ours / "runbooks" / "fr" / f"{generate.article_id(0)}.md",
                                  f"fr/runbooks/{generate.article_id(0)}/")
        results["serve"] = {"startup_seconds": round(edit.startup_seconds, 2),
                            "edit_seconds": round(edit.edit_seconds, 2)}


def verdict(results: dict) -> dict:
    checks = {}
    rows = [("", results)] + [(f"@{size} ", row) for size, row in results.get("sizes", {}).items()]
    for label, row in rows:
        ratios = row.get("ratios", {})
        for key in ("build_time_ratio", "output_size_ratio", "peak_memory_ratio"):
            if key in ratios:
                checks[f"{label}{key}"] = ratios[key] <= TARGETS[key]
    if "validate" in results:
        checks["validate_seconds"] = results["validate"]["seconds"] <= TARGETS["validate_seconds"]
    if "serve" in results:
        checks["serve_edit_seconds"] = results["serve"]["edit_seconds"] <= TARGETS["serve_edit_seconds"]
        checks["serve_first_page_seconds"] = (results["serve"]["startup_seconds"]
                                              <= TARGETS["serve_first_page_seconds"])
    scaling = results.get("scaling")
    if scaling:
        checks["cpu_per_page_ratio"] = scaling["cpu_per_page_ratio"] <= TARGETS["cpu_per_page_ratio"]
        small, large = scaling["ours_same_pages_kb"]
        checks["page_size_independent_of_n"] = large <= small * 1.02
    sizes = results.get("page_size_vs_n")
    if sizes:
        small, large = sizes["ours_same_pages_kb_at_n_div_10"], sizes["ours_same_pages_kb_at_n"]
        checks["page_size_independent_of_n"] = large <= small * 1.02
    return checks


_ROWS = (("build wall time (s)", "seconds", "build_time_ratio"),
         ("build CPU time (s)", "cpu_seconds", "cpu_time_ratio"),
         ("CPU per page (ms)", "cpu_ms_per_page", None),
         ("peak memory (MB, PSS tree)", "peak_pss_mb", "peak_memory_ratio"),
         ("peak memory (MB, RSS sum)", "peak_rss_mb", "peak_rss_ratio"),
         ("output size (MB)", "output_mb", "output_size_ratio"),
         ("pages (HTML files)", "pages", None),
         ("median runbook page (KB)", "median_runbook_page_kb", None),
         ("search index (MB)", "search_index_mb", None))


def _side_by_side(ours: dict, stock: dict, ratios: dict) -> list[str]:
    lines = [f"{'':28}{'ours':>12}{'stock':>12}{'ours/stock':>12}"]
    for label, key, ratio in _ROWS:
        value = ratios.get(ratio, "") if ratio else ""
        lines.append(f"{label:28}{ours.get(key, ''):>12}{stock.get(key, ''):>12}{value:>12}")
    return lines


def phase_table(results: dict) -> list[str]:
    """Where our build's CPU time goes, phase by phase (CPU seconds, share of the build), one column per
    size: `python -m hooks build --timings` (hooks/build/timings.py)."""
    columns = [(f"{size} articles", row["ours"]["timings"]) for size, row in results.get("sizes", {}).items()
               if row.get("ours", {}).get("timings")]
    if results.get("ours", {}).get("timings"):
        columns.append(("generated", results["ours"]["timings"]))
    if not columns:
        return []
    names = list(dict.fromkeys(name for _, report in columns for name in report["phases"]))
    lines = ["\nour build, CPU seconds by phase (share of the build's CPU time)",
             f"{'':32}" + "".join(f"{title:>22}" for title, _ in columns)]
    for name in [*names, "total"]:
        cells = []
        for _, report in columns:
            phase = report["total"] if name == "total" else report["phases"].get(name)
            total = report["total"]["cpu_s"] or 1
            cells.append(f"{phase['cpu_s']:>12.2f} s {100 * phase['cpu_s'] / total:>5.1f} %" if phase else f"{'':>22}")
        lines.append(f"{name:32}" + "".join(cells))
    return lines


def table(report: dict) -> str:
    results = report["results"]
    lines = []
    for size, row in results.get("sizes", {}).items():
        lines.append(f"\nreal KB data: {size} articles × {report['languages']} languages, {report['cores']} cores "
                     f"({row.get('corpus', {}).get('copies', 0)} of them copies of real articles)")
        if "import" in row:
            lines.append(f"import: {row['import']['seconds']} s ({row['import']['summary']}); "
                         f"stopgap: {row.get('stopgap')}")
        lines += _side_by_side(row.get("ours", {}), row.get("stock", {}), row.get("ratios", {}))
    if "ours" in results:
        lines.append(f"\ngenerated corpus: N = {report.get('n')} articles × {report['languages']} languages, "
                     f"{report['cores']} cores")
        lines += _side_by_side(results["ours"], results.get("stock", {}), results.get("ratios", {}))
    lines += phase_table(results)
    scaling = results.get("scaling")
    if scaling:
        lines.append(f"CPU per page at {scaling['to_articles']} / at {scaling['from_articles']} articles: "
                     f"{scaling['cpu_per_page_ratio']}; same 20 articles' pages (KB): ours "
                     f"{scaling['ours_same_pages_kb']}, stock {scaling.get('stock_same_pages_kb', '')}")
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
