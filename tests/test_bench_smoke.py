"""A small run of the benchmark (N = 20), so that `make bench` cannot rot."""

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO


def test_bench_runs_end_to_end_and_reports_every_measure(tmp_path):
    command = [sys.executable, "-m", "bench", "--corpus", "generated", "--n", "20", "--validate-n", "200",
               "--site-only", "--out", str(tmp_path)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))
    results = report["results"]
    assert results["ours"]["runbook_pages"] == 20 * 4 == results["stock"]["runbook_pages"]
    assert results["ours"]["pages"] > 20 * 4
    for side in ("ours", "stock"):
        assert results[side]["seconds"] > 0 and results[side]["peak_rss_mb"] > 0 and results[side]["peak_pss_mb"] > 0
        assert results[side]["output_mb"] > 0
        assert 0 < results[side]["search_index_mb"] < results[side]["output_mb"]  # Pagefind's, lunr's
    assert set(results["ratios"]) == {"build_time_ratio", "output_size_ratio", "peak_memory_ratio",
                                       "peak_rss_ratio", "cpu_time_ratio"}
    assert results["validate"]["runbooks"] == 200
    assert results["serve"]["edit_seconds"] > 0
    # the same runbook pages weigh the same whatever the number of pages (no all-runbooks navigation)
    assert report["verdict"]["page_size_independent_of_n"] is True
    sizes = results["page_size_vs_n"]
    assert sizes["stock_same_pages_kb_at_n"] > sizes["stock_same_pages_kb_at_n_div_10"]
    assert "ours/stock" in result.stdout  # the table
    timings = results["ours"]["timings"]  # where our build's CPU time goes (python -m hooks build --timings)
    assert {"read + validate corpus", "check links", "other (parent)"} <= set(timings["phases"])
    assert any(name.startswith("render ") for name in timings["phases"]) and timings["total"]["cpu_s"] > 0
    assert "CPU seconds by phase" in result.stdout
    assert not any(tmp_path.glob("bench-*")), "generated projects are removed"


@pytest.mark.corpus
def test_bench_measures_a_real_kb_export_imported_like_a_user_imports_it(tmp_path):
    """The real-data benchmark at a few articles: an export of real articles (and copies of them beyond
    the real ones), `python -m hooks import`, both builds, CPU per page between two sizes."""
    command = [sys.executable, "-m", "bench", "--sizes", "6,12", "--skip-validate", "--skip-serve",
               "--site-only", "--out", str(tmp_path)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))
    sizes = report["results"]["sizes"]
    assert set(sizes) == {"6", "12"}
    for size, row in sizes.items():
        assert row["import"]["summary"].startswith(f"imported {int(size) * 4},")
        assert row["stock"]["runbook_pages"] == int(size) * 4
        assert row["ours"]["runbook_pages"] >= int(size) * 4  # + the KB's redirect pages
        assert set(row["ratios"]) >= {"build_time_ratio", "output_size_ratio", "peak_memory_ratio"}
    assert report["results"]["scaling"]["cpu_per_page_ratio"] > 0
    assert "real KB data: 12 articles" in result.stdout
    assert not any(tmp_path.glob("bench-*")), "the projects are removed"
