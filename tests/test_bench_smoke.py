"""A small run of the benchmark (N = 20), so that `make bench` cannot rot."""

import json
import subprocess
import sys

import pytest

from tests.conftest import CORPUS, REPO


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus/kcs-sample")
def test_bench_runs_end_to_end_and_reports_every_measure(tmp_path):
    command = [sys.executable, "-m", "bench", "--n", "20", "--validate-n", "200", "--site-only", "--out", str(tmp_path)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))
    results = report["results"]
    assert results["ours"]["runbook_pages"] == 20 * 4 == results["stock"]["runbook_pages"]
    assert results["ours"]["pages"] > 20 * 4
    for side in ("ours", "stock"):
        assert results[side]["seconds"] > 0 and results[side]["peak_rss_mb"] > 0
        assert results[side]["output_mb"] > 0
    assert set(results["ratios"]) == {"build_time_ratio", "output_size_ratio", "peak_memory_ratio",
                                       "cpu_time_ratio"}
    assert results["validate"]["runbooks"] == 200
    assert results["serve"]["edit_seconds"] > 0
    # the same runbook pages weigh the same whatever the number of pages (no all-runbooks navigation)
    assert report["verdict"]["page_size_independent_of_n"] is True
    sizes = results["page_size_vs_n"]
    assert sizes["stock_same_pages_kb_at_n"] > sizes["stock_same_pages_kb_at_n_div_10"]
    assert "ours/stock" in result.stdout  # the table
    assert not any(tmp_path.glob("bench-*")), "generated projects are removed"
