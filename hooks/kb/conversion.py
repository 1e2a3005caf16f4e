"""Turn a KB article (or an Experience League documentation page) into a runbook.

What import does, and only here:
- front matter: keep an allowlist of public fields, normalize them (lists, ISO dates, integers,
  product vocabulary), drop KB-internal fields and placeholder values (a placeholder title becomes the
  article's first heading), give the runbook an id;
- body: rewrite what cannot work outside the KB site — relative links to pages that are not in this
  site become plain text, KB article links become their public Experience League URL, images whose
  file does not exist are removed, pictures carried inline as `data:` URLs become files
  (hooks/kb/inline_pictures.py), links and images on internal systems become a marker — redact
  credentials, internal hosts, e-mail addresses and private IPs (hooks/kb/redaction.py), and report every
  rewrite and redaction (line and kind, never the value).
The KB dialect itself ([!NOTE], [!UICONTROL], {#id}…) is kept; it is rendered at build time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from hooks.base.mdtext import map_prose
from hooks.base.problems import Problem, ProblemError
from hooks.corpus import path_safety
from hooks.corpus.frontmatter import Document
from hooks.corpus.runbook_format import INTERNAL_FIELDS, LIST_FIELDS
from hooks.kb import field_text, inline_pictures, redaction
from hooks.kb.inline_pictures import Picture
from hooks.rules import leak_patterns, products
from hooks.rules.placeholders import is_placeholder

KB_ARTICLE_URL = "https://experienceleague.adobe.com/{lang}/docs/experience-cloud-kcs/kbarticles/{id}"
_EL_LANG = {"en": "en", "fr": "fr", "pt-BR": "pt-br", "ja": "ja"}

# [!UICONTROL x] / [!DNL x] in a title or description: metadata is plain text, keep just x.
_INLINE_MARKER = re.compile(r"\[!(?:UICONTROL|DNL)[ \t]+([^\[\]\n]*?)[ \t]*\]")
_LIST_SPLIT = re.compile(r"\s*[,，、]\s*")
_KA = re.compile(r"\bKA-\d{5}\b")
_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?P<url><[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"
    r"(?P<title>\s+\"[^\"]*\")?\)(?P<attrs>\{[^}\n]*\})?"
)
_KB_DATE_FORMATS = ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y")
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_IMG_DATA_SRC = re.compile(r"(?P<name>(?<![\w-])src\s*=\s*)(?P<quote>[\"'])(?P<url>\s*data:[^\"']*)(?P=quote)",
                           re.IGNORECASE)
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*(?:\{#[^}]*\})?[ \t]*$", re.MULTILINE)
# The KB's own test articles: a title that is one identifier with a `test` part (TEST_Instance_URL,
# test_EXL_PUB). A real title that mentions a test ("Performance test fails") has spaces.
_TEST_TITLE = re.compile(r"(?i)(?:[^\W_]+_)*test(?:_[^\W_]+)*")
MAX_NAMES = 30  # product / applies-to items: real KB articles name at most a few


@dataclass(frozen=True)
class Rewrite:
    line: int
    kind: str
    before: str
    after: str

    def describe(self, path: str) -> str:
        return f"{path}:{self.line}: {self.kind}: {self.before} → {self.after or '(removed)'}"


@dataclass
class Imported:
    runbook_id: str
    language: str
    meta: dict
    body: str
    rewrites: list[Rewrite] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    images: list[Path] = field(default_factory=list)  # image files the body links to, to copy into assets/
    pictures: list[Picture] = field(default_factory=list)  # inline pictures, to write into assets/


def split_list(value) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else _LIST_SPLIT.split(str(value))
    seen: list[str] = []
    for item in items:
        text = str(item).strip().strip('"').strip()
        if text and text not in seen:
            seen.append(text)
    return seen


def iso_datetime(value, path: str, line: int, key: str) -> str:
    text = str(value).strip()
    for fmt in _KB_DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).strftime("%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            continue
    for candidate in (text.replace("Z", "+00:00"), text):
        try:
            parsed = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        if len(text) == 10:
            return parsed.strftime("%Y-%m-%d")
        return parsed.strftime("%Y-%m-%dT%H:%M:%SZ")
    raise ProblemError(Problem(path, line, 1, "bad-date", f"'{key}' is not a date: {text!r}",
                               "write the date as M/D/YYYY h:mm:ss AM/PM (KB) or ISO 8601 (YYYY-MM-DD)"))


def to_int(value, path: str, line: int, key: str) -> int:
    text = str(value).strip().rstrip("%").strip()
    try:
        return int(text)
    except ValueError:
        raise ProblemError(Problem(path, line, 1, "bad-number", f"'{key}' is not a whole number: {value!r}",
                                   f"write '{key}' as a whole number, e.g. {key}: 3")) from None


def is_test_article(meta: dict) -> bool:
    """A KB test article (`title: TEST_Instance_URL`): reported by import, never published."""
    title = meta.get("title")
    return isinstance(title, str) and bool(_TEST_TITLE.fullmatch(title.strip()))


def first_heading(body: str) -> str | None:
    match = _HEADING.search(body)
    return " ".join(match.group(1).split()) if match else None


def product_names(raw: dict, key: str, path: str, line: int, notes: list[str]) -> list[str]:
    """The usable names of a `product`/`applies-to`/`solution` value, tidied (unknown names stay: import
    records them in the vocabulary); placeholders and unusable names are dropped with a note."""
    names = []
    for item in split_list(raw.get(key)):
        why = products.unusable(item)
        if is_placeholder(key, item) or is_placeholder("product", item):
            notes.append(f"{path}:{line}: dropped the placeholder {item!r} from '{key}'")
        elif why:
            notes.append(f"{path}:{line}: dropped a '{key}' name: {why}")
        else:
            names.append(products.tidy(item))
    if len(names) > MAX_NAMES:
        raise ProblemError(Problem(path, line, 1, "too-many-products",
                                   f"'{key}' names {len(names)} products (at most {MAX_NAMES})",
                                   f"list the products the article is about in '{key}'"))
    return names


def runbook_id_for(meta: dict, source: Path) -> str | None:
    number = str(meta.get("article-number") or "").strip()
    if re.fullmatch(r"KA-\d{5}", number):
        return number
    kt = str(meta.get("kt") or "").strip()
    if re.fullmatch(r"\d{4,6}", kt):
        return f"KT-{kt}"
    exl = str(meta.get("exl-id") or "").strip().lower()
    if re.fullmatch(r"[0-9a-f]{8}-[0-9a-f-]+", exl):
        return f"exl-{exl[:8]}"
    if re.fullmatch(r"(KA-\d{5}|KT-\d{4,6})", source.stem):
        return source.stem
    return None


def normalize_meta(doc: Document, lang: str, source: Path,
                   root: Path | None = None) -> tuple[str, dict, list[str]]:
    raw = field_text.clean_fields(doc.meta)  # titles, descriptions, keywords as the KB shows them
    path = doc.path
    notes: list[str] = []
    runbook_id = runbook_id_for(raw, source)
    if runbook_id is None:
        raise ProblemError(Problem(path, 1, 1, "no-id",
                                   "no article-number, kt or exl-id to name the runbook after",
                                   "add 'article-number: KA-NNNNN' or the page's 'exl-id'"))
    meta: dict = {"id": runbook_id, "type": "kb-article" if runbook_id.startswith("KA-") else "guide",
                  "language": lang}
    for key in ("title", "description"):
        value = raw.get(key)
        if value is None:
            continue
        if is_placeholder(key, str(value)):
            notes.append(f"{path}:{doc.line_of(key)}: '{key}' was the placeholder {value!r}")
            continue
        text, redactions = redaction.redact(" ".join(_INLINE_MARKER.sub(r"\1", str(value)).split()), lang)
        notes.extend(f"{path}:{doc.line_of(key)}: redacted in '{key}': {redaction.KINDS[r.kind]}"
                     for r in redactions)
        meta[key] = text
    if "title" not in meta:
        heading = first_heading(doc.body)
        if heading is None or is_placeholder("title", heading):
            raise ProblemError(Problem(path, doc.line_of("title"), 1, "no-title",
                                       "the article has no real title (missing or a placeholder) and no heading",
                                       "give the article a 'title:'"))
        meta["title"] = redaction.redact(heading, lang)[0]
        notes.append(f"{path}:{doc.line_of('title')}: no real title; used the first heading")
    if "description" not in meta and "title" in meta:
        meta["description"] = meta["title"]
        notes.append(f"{path}:{doc.line_of('description')}: no real description; used the title")
    if runbook_id.startswith("KA-"):
        meta["article-number"] = runbook_id
    if raw.get("exl-id"):
        meta["exl-id"] = str(raw["exl-id"]).strip().lower()
    vocabulary = products.for_root(root) if root is not None else products.load()
    for key in LIST_FIELDS:
        if key not in raw:
            continue
        if key in ("product", "applies-to"):
            items = [vocabulary.canonical(name) or name
                     for name in product_names(raw, key, path, doc.line_of(key), notes)]
        else:
            items = []
            for item in split_list(raw[key]):
                if is_placeholder(key, item) or is_placeholder("keywords", item):
                    notes.append(f"{path}:{doc.line_of(key)}: dropped the placeholder {item!r} from '{key}'")
                else:
                    items.append(redaction.redact(item, lang)[0])
        items = list(dict.fromkeys(items))
        if items:
            meta[key] = items
    if "product" not in meta and raw.get("solution"):
        # Experience League pages (KT-…) name their product only in `solution`.
        names = product_names(raw, "solution", path, doc.line_of("solution"), notes)
        if names:
            meta["product"] = list(dict.fromkeys(vocabulary.canonical(name) or name for name in names))
            notes.append(f"{path}:{doc.line_of('solution')}: no 'product'; used 'solution'")
    if "product" in meta and "applies-to" not in meta and runbook_id.startswith("KA-"):
        meta["applies-to"] = list(meta["product"])  # a kb-article needs it; the KB's own default
        notes.append(f"{path}:{doc.line_of('applies-to')}: no 'applies-to'; used 'product'")
    if "product" not in meta:
        raise ProblemError(Problem(path, doc.line_of("product"), 1, "no-product",
                                   "the article names no product (missing, empty or only placeholders)",
                                   "add 'product: <the product's name>' to the article"))
    if raw.get("level"):
        meta["level"] = str(raw["level"]).strip()
    if raw.get("version-number") is not None:
        meta["version-number"] = to_int(raw["version-number"], path, doc.line_of("version-number"),
                                        "version-number")
    for source_key, key in (("article-created-date", "created"), ("article-published-date", "published"),
                            ("last-substantial-update", "updated")):
        if raw.get(source_key):
            meta[key] = iso_datetime(raw[source_key], path, doc.line_of(source_key), source_key)
    if raw.get("workflow-type"):
        meta["workflow-type"] = str(raw["workflow-type"]).strip()
    if raw.get("ht-degree") is not None:
        meta["ht-degree"] = to_int(raw["ht-degree"], path, doc.line_of("ht-degree"), "ht-degree")
    if str(raw.get("hide", "")).lower() in ("true", "yes") or str(raw.get("hidefromtoc", "")).lower() in (
        "true", "yes"):
        meta["hide"] = True
    known = set(meta) | set(INTERNAL_FIELDS) | {
        "article-created-date", "article-published-date", "last-substantial-update", "hidefromtoc",
        "doc-type"}
    for key in raw:
        if key not in known and key not in LIST_FIELDS and key not in ("version-number", "ht-degree"):
            notes.append(f"{path}:{doc.line_of(key)}: dropped unknown field '{key}'")
    return runbook_id, meta, notes


def rewrite_body(body: str, source: Path, lang: str, first_line: int, images: list[Path] | None = None,
                 pictures: list[Picture] | None = None) -> tuple[str, list[Rewrite]]:
    """Rewrite links; images that exist are appended to `images` and linked as `../assets/<name>`; inline
    pictures, when `pictures` is given, are appended to it and linked (or their `<img src>` set) the same way."""
    rewrites: list[Rewrite] = []

    def as_file(url: str, line: int) -> str | None:
        """Where the inline picture `url` goes (`../assets/<name>`), collected into `pictures`; None: keep `url`."""
        picture = inline_pictures.decode(url) if pictures is not None else None
        if picture is None:
            return None
        pictures.append(picture)
        new = f"../assets/{picture.name}"
        rewrites.append(Rewrite(line, "inline picture saved as a file", f"(picture, {picture.kilobytes} KB)", new))
        return new

    # line numbers: map_prose works piecewise, so track each piece's offset into the body.
    offsets = {"pos": 0}

    def fix(piece: str) -> str:
        start = body.find(piece, offsets["pos"])
        if start >= 0:
            offsets["pos"] = start + len(piece)

        def replace(match: re.Match, base: int = 0) -> str:
            """`base`: where the text `match` is in starts in `piece` (a link's text, for an image in a link)."""
            line = first_line + body.count("\n", 0, max(start, 0) + base + match.start())
            url = match["url"].strip("<>")
            text = match["text"]
            is_image = bool(match["bang"])
            whole = match.group()
            if not is_image and "](" in text:  # an image in the link's text: `[![](picture)](page)`
                inner = base + match.start("text")
                text = _LINK.sub(lambda nested: replace(nested, inner), text)
                before, after = match.start("text") - match.start(), match.end("text") - match.start()
                whole = f"{whole[:before]}{text}{whole[after:]}"
            parts = urlsplit(url)
            if leak_patterns.load().internal_host(url):
                if is_image:
                    new = redaction.marker("internal-image", lang)
                    rewrites.append(Rewrite(line, "image on an internal system removed", "(image)", new))
                    return new
                note = redaction.marker("internal-link", lang)
                rewrites.append(Rewrite(line, "link to an internal system removed", "(link)", note))
                return f"{text} {note}" if text.strip() else note
            if is_image and parts.scheme.lower() == "data":
                new = as_file(url, line)
                if new is None:
                    return whole
                return f"![{text}]({new}{match['title'] or ''}){match['attrs'] or ''}"
            if parts.scheme or url.startswith(("#", "/", "//")) or not url:
                return whole
            target = (source.parent / unquote(parts.path)).resolve()
            if is_image:
                if path_safety.is_inside(target, source.parent) and target.is_file():
                    if images is None:
                        return whole
                    images.append(target)
                    title = match["title"] or ""
                    return f"![{text}](../assets/{asset_name(target)}{title}){match['attrs'] or ''}"
                rewrites.append(Rewrite(line, "missing image removed", whole, text))
                return text
            ka = _KA.search(PurePosixPath(parts.path).name)
            if ka:
                new_url = KB_ARTICLE_URL.format(lang=_EL_LANG.get(lang, "en"), id=ka.group())
                new = f"[{text}]({new_url})"
                rewrites.append(Rewrite(line, "KB article link made absolute", whole, new))
                return new
            rewrites.append(Rewrite(line, "link to a page outside this site made plain text", whole, text))
            return text

        def replace_img(match: re.Match) -> str:
            # in the piece as the links left it: the same lines, not the same offsets
            line = first_line + body.count("\n", 0, max(start, 0)) + match.string.count("\n", 0, match.start())
            if not leak_patterns.load().internal_host(match.group()):
                return _IMG_DATA_SRC.sub(lambda src: _new_src(src, as_file(src["url"], line)), match.group())
            new = redaction.marker("internal-image", lang)
            rewrites.append(Rewrite(line, "image on an internal system removed", "(image)", new))
            return new

        piece = _LINK.sub(replace, piece)
        return _HTML_IMG.sub(replace_img, piece) if "<img" in piece.lower() else piece

    return map_prose(body, fix), rewrites


def _new_src(src: re.Match, new: str | None) -> str:
    return src.group() if new is None else f"{src['name']}{src['quote']}{new}{src['quote']}"


def asset_name(image: Path) -> str:
    """Name of an image under runbooks/assets/: its file name (KB exports name images by GUID)."""
    return image.name.replace(" ", "_")


def import_document(doc: Document, lang: str, source: Path, root: Path | None = None) -> Imported:
    runbook_id, meta, notes = normalize_meta(doc, lang, source, root)
    images: list[Path] = []
    pictures: list[Picture] = []
    body, rewrites = rewrite_body(doc.body, source, lang, doc.body_line, images, pictures)
    body, redactions = redaction.redact(body, lang)
    notes.extend(r.describe(doc.path, doc.body_line) for r in redactions)
    return Imported(runbook_id=runbook_id, language=lang, meta=meta, body=body, rewrites=rewrites, notes=notes,
                    images=images, pictures=pictures)
