import markdown

from hooks.render.dialect import render

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "toc", "pymdownx.superfences"]


def html(source: str, lang: str = "en") -> str:
    return markdown.markdown(render(source, lang), extensions=EXTENSIONS)


def test_note_block_becomes_a_localized_admonition():
    out = html(">[!NOTE]\n>\n>Ces étapes ne peuvent être effectuées que par un expert.\n", "fr")
    assert '<div class="admonition note">' in out
    assert '<p class="admonition-title">Remarque</p>' in out
    assert "Ces étapes" in out and "[!NOTE]" not in out


def test_note_block_keeps_lists_and_links_inside():
    source = (">[!NOTE]\n>\n>Intro :\n>\n>* a : [A](https://example.com/a){target=\"_blank\"}\n"
              ">* b\n>\n>Outro **bold.**\n\nAfter.\n")
    out = html(source, "ja")
    assert '<p class="admonition-title">メモ</p>' in out
    assert '<a href="https://example.com/a" target="_blank">A</a>' in out
    assert out.count("<li>") == 2 and "<p>After.</p>" in out


def test_other_admonition_kinds():
    assert '<div class="admonition warning">' in html(">[!IMPORTANT]\n>\n>Careful\n")
    assert '<div class="admonition tip">' in html(">[!TIP]\n>\n>Hint\n", "pt-BR")
    assert "Dica" in html(">[!TIP]\n>\n>Hint\n", "pt-BR")


def test_plain_block_quotes_stay_block_quotes():
    assert "<blockquote>" in html("> quoted\n")


def test_uicontrol_and_dnl():
    out = html("Open **[!UICONTROL Administration]** > [!DNL Adobe Campaign].\n")
    assert '<strong><span class="uicontrol">Administration</span></strong>' in out
    assert "Adobe Campaign" in out and "[!DNL" not in out and "[!UICONTROL" not in out


def test_code_is_never_rewritten():
    source = "`[!UICONTROL x]`\n\n```\n>[!NOTE]\n[!DNL y]\n```\n"
    out = render(source, "en")
    assert out == source


def test_heading_ids_and_bold_headings():
    out = html("## Description {#description}\n\n### <b>Environment</b>\n")
    assert '<h2 id="description">Description</h2>' in out
    assert "<b>Environment</b></h3>" in out


def test_list_right_after_a_line_is_a_list():
    out = html("<b>Environnement</b>\n- Campaign Classic\n- Campaign\n")
    assert "<ul>" in out and out.count("<li>") == 2


def test_entities_render_as_characters():
    out = html("l&#39;instance [&#x200B; Guide &#x200B;](https://e.com)\n")
    assert "&#39;" in out or "'" in out
    assert "&amp;#39;" not in out


def test_a_lone_boxed_line_is_text_but_real_tables_stay_tables():
    out = html("|This video explains the difference.|\n\n>[!VIDEO](https://video.tv.adobe.com/v/1/)\n")
    assert "<p>This video explains the difference.</p>" in out and "|" not in out.split("<p>")[1]
    table = markdown.markdown(render("| Head |\n| --- |\n| cell |\n", "en"), extensions=["tables"])
    assert "<table>" in table and "<td>cell</td>" in table
