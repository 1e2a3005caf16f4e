"""KB constructs that need more than the dialect: images, videos, article references, redirects."""

from hooks.corpus import images
from hooks.corpus.model import Corpus, Runbook
from hooks.corpus.redirects import Redirect, parse_kb_csv
from hooks.render import media, references
from hooks.site import redirect_pages


def runbook(runbook_id, lang):
    return Runbook(id=runbook_id, language=lang, path=f"runbooks/{lang}/{runbook_id}.md", meta={}, body="",
                   body_line=1)


def test_images_point_at_the_one_shared_copy_from_every_language():
    fr = media.render("Voir :\n\n![Écran](../assets/a.png)\n", "fr/runbooks/KA-1/", "fr")
    en = media.render("![](../assets/a.png)", "runbooks/KA-1/", "en")
    assert '<img src="../../../runbooks/assets/a.png" alt="Écran" loading="lazy">' in fr
    assert '<img src="../assets/a.png" alt="" loading="lazy">' in en


def test_video_marker_becomes_a_player_and_a_link_in_the_page_language():
    out = media.render("Intro\n\n>[!VIDEO](https://video.tv.adobe.com/v/3409876/?quality=12&learn=on)\n", "ja/x/",
                       "ja")
    assert "[!VIDEO]" not in out
    assert '<iframe src="https://video.tv.adobe.com/v/3409876/?quality=12&amp;learn=on" title="ビデオ"' in out
    assert '<a href="https://video.tv.adobe.com/v/3409876/?quality=12&amp;learn=on">ビデオを見る</a>' in out


def test_markers_inside_code_are_left_as_code():
    text = "```\n>[!VIDEO](https://example.com/v)\n![](../assets/a.png)\n```\n"
    assert media.render(text, "runbooks/KA-1/", "en") == text


def test_unsafe_video_urls_are_not_embedded():
    text = ">[!VIDEO](javascript:alert(1))\n"
    assert "<iframe" not in media.render(text, "runbooks/KA-1/", "en")


def exists(*pairs):
    return lambda runbook_id, lang: (runbook_id, lang) in pairs


def test_bare_mentions_and_kb_urls_link_to_the_runbook_in_the_same_language():
    html = ('<p>See KA-17454 and <a href="https://experienceleague.adobe.com/docs/experience-cloud-kcs/kbarticles/'
            'KA-15564.html?lang=en" target="_blank">this article</a>.</p>')
    out = references.link_references(html, "fr/runbooks/KA-1/", "fr", exists(("KA-17454", "fr"), ("KA-15564", "fr")))
    assert '<a class="kb-ref" href="../KA-17454/">KA-17454</a>' in out
    assert '<a href="../KA-15564/">this article</a>' in out


def test_references_without_a_runbook_in_that_language_code_and_self_are_left_alone():
    html = ("<p>KA-17454 KA-99999 KA-00001</p><pre><code>KA-17454</code></pre>"
            '<p><a href="https://experienceleague.adobe.com/docs/experience-cloud-kcs/kbarticles/KA-17454.html">x</a>'
            "</p>")
    out = references.link_references(html, "runbooks/KA-00001/", "en", exists(("KA-17454", "fr"), ("KA-00001", "en")),
                                     self_id="KA-00001")
    assert out == html


def test_kb_redirects_keep_article_rows_and_report_the_rest_with_their_line():
    text = ("source,dest\nhttps://experienceleague.adobe.com/docs/experience-cloud-kcs/kbarticles/KA-17912.html,"
            "https://example.com/new\nhttps://example.com/other,https://example.com/x\n")
    rows, problems = parse_kb_csv(text, "fr-FR/redirects.csv")
    assert rows == [Redirect("KA-17912", "https://example.com/new", 2)]
    assert [(p.path, p.line, p.rule) for p in problems] == [("fr-FR/redirects.csv", 3, "redirects-source")]


def test_redirect_to_an_article_we_have_goes_to_our_runbook_else_outside():
    corpus = Corpus([runbook("KA-19371", "fr")])
    kb_url = "https://experienceleague.adobe.com/docs/experience-cloud-kcs/kbarticles/KA-19371.html"
    inside = redirect_pages.page(Redirect("KA-17912", kb_url), "fr", corpus)
    assert inside.src_uri == "fr/runbooks/KA-17912/index.html"
    assert '<meta http-equiv="refresh" content="0; url=../KA-19371/">' in inside.html
    assert '<html lang="fr">' in inside.html and "Cet article a été déplacé" in inside.html
    outside = redirect_pages.page(Redirect("KA-17912", kb_url), "ja", corpus)
    assert f'content="0; url={kb_url}"' in outside.html and "この記事は移動しました" in outside.html


def test_validate_reports_bad_redirect_rows_and_redirects_that_hide_a_runbook(tmp_path, capsys):
    import shutil

    from hooks.cli import main
    from tests.conftest import REPO

    root = tmp_path / "runbooks"
    shutil.copytree(REPO / "runbooks", root)
    (root / "fr" / "redirects.csv").write_text(
        "id,to\nKA-19371,https://example.com/new\nnot-an-id,https://example.com/x\n", encoding="utf-8")
    assert main(["validate", "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert "runbooks/fr/redirects.csv:2:1: error [redirect-hides-runbook] KA-19371 is a runbook in fr" in out
    assert "runbooks/fr/redirects.csv:3:1: error [redirects-row]" in out


def test_validate_reports_an_image_missing_from_assets_with_its_line(tmp_path, capsys):
    import shutil

    from hooks.cli import main
    from tests.conftest import REPO

    root = tmp_path / "runbooks"
    shutil.copytree(REPO / "runbooks", root)
    target = root / "fr" / "KA-19371.md"
    lines = target.read_text(encoding="utf-8").split("\n")
    lines.insert(len(lines) - 1, "![Capture](../assets/gone.png)")
    target.write_text("\n".join(lines), encoding="utf-8")
    (root / "assets").mkdir()
    assert main(["validate", "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert f"runbooks/fr/KA-19371.md:{len(lines) - 1}:1: error [missing-image] image ../assets/gone.png" in out
    (root / "assets" / "gone.png").write_bytes(b"\x89PNG")
    assert main(["validate", "--root", str(root)]) == 0


def test_link_check_resolves_imported_images_to_the_shared_copy():
    assert images.shared_image_url("fr/runbooks/KA-15564.md", "../assets/a.png") == "runbooks/assets/a.png"
    assert images.shared_image_url("fr/index.md", "../assets/a.png") is None
    assert images.shared_image_url("fr/runbooks/KA-15564.md", "assets/a.png") is None
