"""One switch for every speed-up (hooks/engine/fast): with KB_FAST=0 the sample builds with none of them,
and the two sites are the same byte for byte."""

from hooks.engine import fast
from tests.conftest import build_site, site_differences


def test_the_switch_reads_the_environment():
    assert fast.enabled({})
    assert fast.enabled({fast.ENV: "1"})
    assert not fast.enabled({fast.ENV: "0"})


def test_without_speed_ups_the_sample_site_is_byte_identical(sample_site, tmp_path):
    site, _ = sample_site
    slow = build_site(site.parent, tmp_path / "slow", env={fast.ENV: "0"}, args=("--verbose",))
    assert slow.returncode == 0, slow.stderr[-3000:]
    log = slow.stdout + slow.stderr
    # the switch really is off: no page filled into a shell, none rendered without Markdown
    assert "0 pages filled into page shells" in log
    assert "generated pages rendered without Markdown" in log
    assert all(line.split(" generated pages")[0].rsplit(" ", 1)[-1] == "0"
               for line in log.splitlines() if "generated pages rendered without Markdown" in line)
    differences = site_differences(site, tmp_path / "slow")
    assert not differences, f"speed-ups change the site: {differences[:20]}"


def test_with_speed_ups_pages_are_filled_into_shells(sample_site, tmp_path):
    """The other side of the comparison: the default build does use them (else the test above proves nothing)."""
    site, _ = sample_site
    fast_build = build_site(site.parent, tmp_path / "fast", args=("--verbose",))
    log = fast_build.stdout + fast_build.stderr
    assert fast_build.returncode == 0, log[-3000:]
    assert "0 pages filled into page shells" not in log
    assert "pages filled into page shells" in log
