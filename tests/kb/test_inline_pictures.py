"""Inline pictures (`data:image/…` URLs) of a KB article are imported as files in runbooks/assets/."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from urllib.parse import quote_from_bytes

from hypothesis import given
from hypothesis import strategies as st

from hooks.cli import main
from hooks.corpus.frontmatter import read_file
from hooks.kb import inline_pictures

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(64))
JPEG = b"\xff\xd8\xff\xe0" + bytes(200)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def data_url(data: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


@given(st.binary(max_size=2000), st.sampled_from([b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a", b"GIF87a"]),
       st.sampled_from(["image/png", "IMAGE/PNG", "image/jpeg", "image/gif"]), st.booleans())
def test_a_raster_picture_comes_back_byte_for_byte_named_by_its_content(tail, signature, mime, wrapped):
    data = signature + tail
    encoded = base64.b64encode(data).decode()
    if wrapped:  # base64 broken over lines, as some exports write it
        encoded = "\n".join(encoded[i:i + 76] for i in range(0, len(encoded), 76))
    picture = inline_pictures.decode(f"data:{mime};base64,{encoded}")
    assert picture is not None and picture.data == data
    assert picture.name == inline_pictures.decode(data_url(data)).name  # the name is the content's, not the URL's
    assert picture.name.startswith("inline-") and hashlib.sha256(data).hexdigest()[:20] in picture.name
    assert picture.name.endswith({b"\x89": ".png", b"\xff": ".jpg", b"G": ".gif"}[signature[:1]])


def test_percent_encoded_pictures_are_moved_too():
    picture = inline_pictures.decode("data:image/png," + quote_from_bytes(PNG))
    assert picture is not None and picture.data == PNG


RASTER_STARTS = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"BM")


@given(st.binary(max_size=300).filter(lambda data: not data.startswith(RASTER_STARTS) and data[4:12] != b"ftypavif"))
def test_anything_but_a_raster_picture_stays_inline(data):
    assert inline_pictures.decode(data_url(data)) is None


def test_svg_bad_base64_and_other_urls_stay_as_they_are():
    assert inline_pictures.decode(data_url(SVG, "image/svg+xml")) is None  # a file could run its script
    assert inline_pictures.decode("data:image/png;base64,iVBORw0K!!!") is None
    assert inline_pictures.decode(data_url(PNG, "text/html")) is None
    assert inline_pictures.decode("https://example.com/a.png") is None
    assert inline_pictures.decode("data:image/png;base64") is None


ARTICLE = """---
title: Pictures inline
description: Screenshots carried in the text
product: Campaign
version-number: 1
article-created-date: 1/2/2024 10:00:00 AM
article-published-date: 1/3/2024 10:00:00 AM
---
# Pictures inline

First step:

![step 1]({png})

A picture linked to a page of an internal system:

[![]({jpeg})](https://jira.corp.adobe.com/browse/NEO-1)

In HTML: <img alt="step 2" src="{png}" width="200"> and one that is not a picture ![logo]({svg})

```
![not a picture](data:image/png;base64,{png_b64})
```
"""


def test_import_writes_each_picture_once_and_links_it_in_every_language(tmp_path):
    export = tmp_path / "export"
    text = ARTICLE.format(png=data_url(PNG), jpeg=data_url(JPEG), svg="data:image/png;base64,AAAA",
                          png_b64=base64.b64encode(PNG).decode())
    for folder in ("en", "fr-FR"):
        (export / folder / "articles").mkdir(parents=True)
        (export / folder / "articles" / "KA-90010.md").write_text(text, encoding="utf-8")
    root = tmp_path / "runbooks"
    assert main(["import", str(export), "--root", str(root)]) == 0
    png = inline_pictures.decode(data_url(PNG)).name
    jpeg = inline_pictures.decode(data_url(JPEG)).name
    assert sorted(p.name for p in (root / "assets").iterdir()) == sorted([png, jpeg])
    assert (root / "assets" / png).read_bytes() == PNG and (root / "assets" / jpeg).read_bytes() == JPEG
    for lang in ("en", "fr"):
        body = read_file(root / lang / "KA-90010.md").body
        assert f"![step 1](../assets/{png})" in body
        assert f"![](../assets/{jpeg})" in body and "jira" not in body  # the picture stays, the link goes
        assert f'<img alt="step 2" src="../assets/{png}" width="200">' in body
        assert "![logo](data:image/png;base64,AAAA)" in body  # not a PNG: kept as it was
        assert f"![not a picture](data:image/png;base64,{base64.b64encode(PNG).decode()})" in body  # code
    assert main(["validate", "--root", str(root)]) == 0
    before = {p: p.stat().st_mtime_ns for p in Path(root).rglob("*") if p.is_file()}
    assert main(["import", str(export), "--root", str(root)]) == 0
    assert {p: p.stat().st_mtime_ns for p in Path(root).rglob("*") if p.is_file()} == before  # nothing rewritten


def test_each_moved_picture_is_reported_with_its_line(tmp_path, capsys):
    export = tmp_path / "export" / "en" / "articles"
    export.mkdir(parents=True)
    (export / "KA-90011.md").write_text(ARTICLE.format(png=data_url(PNG), jpeg=data_url(JPEG),
                                                      svg="data:image/png;base64,AAAA", png_b64=""),
                                        encoding="utf-8")
    assert main(["import", str(export.parent), "--root", str(tmp_path / "runbooks")]) == 0
    out = capsys.readouterr().out
    assert "KA-90011.md:13: inline picture saved as a file: (picture, 1 KB) → ../assets/inline-" in out
    assert "KA-90011.md:17: inline picture saved as a file" in out
    assert "KA-90011.md:19: inline picture saved as a file" in out
    assert "base64," not in out  # a report line never carries the picture
