"""Titles, descriptions and keywords are imported as the KB shows them (hooks/kb/field_text.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hooks.cli import main
from hooks.corpus import frontmatter
from hooks.kb import conversion, field_text
from tests.conftest import SHARED


@pytest.mark.parametrize(("raw", "shown"), [
    # escaped quotes (translated front matter), a wrapper opened and never closed
    ('"Échec du workflow avec l’erreur \\"Accès refusé\\"', "Échec du workflow avec l’erreur \"Accès refusé\""),
    ("「Message Center の\\\"xtk:session\\\"の\\\"ログオン\\\"に空の戻りエラー」",
     'Message Center の"xtk:session"の"ログオン"に空の戻りエラー'),
    # a whole value wrapped in 「」, quotes, guillemets
    ("「共有オーディエンスを読み込み続ける」", "共有オーディエンスを読み込み続ける"),
    ("'Adobe Campaign Standard : problème d'accès'", "Adobe Campaign Standard : problème d'accès"),
    ('"O recurso "Comparar período" não está disponível"', 'O recurso "Comparar período" não está disponível'),
    ("« Adobe Campaign : TLS 1.3 est-il pris en charge ? »", "Adobe Campaign : TLS 1.3 est-il pris en charge ?"),
    ("“KCS”", "KCS"),
    # a stray quote at one end
    ("'PGS-220000 PostgreSQL : ERREUR : erreur \"bigint\"", 'PGS-220000 PostgreSQL : ERREUR : erreur "bigint"'),
    ("「ACC v7 エラー：「JVM-510037 で Java ダイナミックライブラリが見つかりません。」",
     "ACC v7 エラー：「JVM-510037 で Java ダイナミックライブラリが見つかりません。」"),
    ('"Comparer la période" non disponible dans Analysis Workspace"',
     '"Comparer la période" non disponible dans Analysis Workspace'),
    ('"SCM-120008 Impossible de trouver les valeurs clés de l’élément "Événement"',
     'SCM-120008 Impossible de trouver les valeurs clés de l’élément "Événement"'),
    # a backslash left by a translation that turned \" into 「」
    ("「メールの「\\長いテキスト\\」フィールド」", "メールの「長いテキスト」フィールド"),
    # a wrapper that closes before the final full stop
    ('"Découvrez comment résoudre le problème du \\"mult\\"".', 'Découvrez comment résoudre le problème du "mult".'),
])
def test_kb_values_are_shown_without_escapes_and_wrappers(raw, shown):
    assert field_text.clean(raw) == shown


@pytest.mark.parametrize("text", [
    '"Something went wrong" Error in TouchUI when Viewing an Asset Timeline',
    "「優先言語」ドロップダウンで言語を追加する方法",
    "Error while compiling script 'content htmlContent' line 38: missing ; (line='@ include option='NmsTracking'",
    "Overview: Data collected in AAM for Adobe Analytics' video analytics",
    "Adobe Campaign: Unable to decode URLs of schema 'ftps'.",
    "C:\\Program Files\\Adobe",
])
def test_quotes_and_backslashes_that_are_part_of_the_text_stay(text):
    assert field_text.clean(text) == text


def test_backslashes_show_as_commonmark_shows_them():
    assert field_text.unescape('a \\"b\\" \\* \\長 &amp; &quot;c&quot;') == 'a "b" * \\長 & "c"'


@given(st.text(max_size=40))
def test_cleaning_never_empties_a_value_and_is_stable(text):
    cleaned = field_text.clean(text)
    assert cleaned or not text.strip()
    assert field_text.clean_fields({"title": text, "product": text})["product"] == text


def test_import_cleans_title_description_and_keywords(tmp_path):
    source = tmp_path / "ja-JP" / "articles"
    source.mkdir(parents=True)
    (source / "KA-12345.md").write_text(
        "---\ntitle: 「JavaScript コードエラー：\\\"allocation size overflow\\\"\n"
        "description: 「Campaign Classicの\\\"allocation size overflow\\\"を解決する方法を説明します。」\n"
        "keywords: 「KCS、エラー、campaign classic。 ACC\"\nproduct: Campaign\napplies-to: Campaign\n"
        "article-created-date: 1/2/2024 10:00:00 AM\narticle-published-date: 1/3/2024 10:00:00 AM\n"
        "version-number: 1\n---\n# x\n", encoding="utf-8")
    root = tmp_path / "runbooks"
    assert main(["import", "-q", str(tmp_path / "ja-JP"), "--root", str(root)]) == 0
    meta = frontmatter.read_file(root / "ja" / "KA-12345.md").meta
    assert meta["title"] == 'JavaScript コードエラー："allocation size overflow"'
    assert meta["description"] == 'Campaign Classicの"allocation size overflow"を解決する方法を説明します。'
    assert meta["keywords"] == ["KCS", "エラー", "campaign classic。 ACC"]


@pytest.mark.corpus
def test_no_imported_title_shows_an_escape_or_a_wrapper():
    """The real translations: titles with a literal \\", Japanese titles wrapped in 「」."""
    titles = {}
    for path in sorted(SHARED.glob("corpus/kcs-*/*/articles/*.md")):
        lang = {"fr-FR": "fr", "ja-JP": "ja"}.get(path.parts[-3], path.parts[-3])
        _, meta, _ = conversion.normalize_meta(frontmatter.read_file(path), lang, path)
        titles[f"{lang}/{path.stem}"] = meta["title"]
    assert len(titles) >= 1600
    assert [t for t in titles.values() if '\\"' in t] == []
    assert [t for t in titles.values() if t.startswith("「") and t.endswith("」") and t.count("「") == 1] == []
    assert titles["fr/KA-24479"] == ("Échec du workflow ACS avec l’erreur \"L’identifiant de clé d’accès AWS que "
                                     "vous avez fourni n’existe pas\"")
    assert titles["ja/KA-05406"] == 'Message Center の"xtk:session"の"ログオン"に空の戻りエラーがあります'
    assert titles["ja/KA-16538"] == '電子メールエントリに"double"が含まれている場合、ファイルのアップロードに失敗する'
    assert titles["pt-BR/KA-10235"] == ('Erro "Algo deu errado" na interface para toque ao visualizar uma linha do '
                                        "tempo de ativos")
