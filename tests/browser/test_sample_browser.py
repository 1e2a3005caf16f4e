"""In a real browser, on the site built from the seeds plus the whole KB sample."""

import pytest

from tests.conftest import serve_site

pytestmark = pytest.mark.browser


def test_images_load_and_redirects_land_on_the_runbook(sample_site, browser):
    site, _ = sample_site
    with serve_site(site) as base:
        tab = browser.new_page()
        try:
            tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                      else route.abort())
            tab.goto(base + "ja/runbooks/KA-15564/")
            widths = tab.eval_on_selector_all("article img", """imgs => Promise.all(imgs.map(i => {
                i.loading = "eager";  // lazy images below the fold would never load otherwise
                const loaded = i.decode().then(() => i.naturalWidth, () => 0);
                return Promise.race([loaded, new Promise(ok => setTimeout(() => ok(-1), 10000))]);
            }))""")
            assert len(widths) == 4 and all(width > 0 for width in widths)
            tab.goto(base + "fr/runbooks/KA-99002/")
            tab.wait_for_url(base + "fr/runbooks/KA-19371/")
            assert "Email avec URL trackée non envoyée" in tab.title()
        finally:
            tab.close()
