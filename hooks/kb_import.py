"""Turn a KB article (or an Experience League documentation page) into a runbook.

What import does, and only here:
- front matter: keep an allowlist of public fields, normalize them (lists, ISO dates, integers,
  product vocabulary), drop KB-internal fields and placeholder values, give the runbook an id;
- body: rewrite what cannot work outside the KB site — relative links to pages that are not in this
  site become plain text, KB article links become their public Experience League URL, images whose
  file does not exist are removed — and report every rewrite.
The KB dialect itself ([!NOTE], [!UICONTROL], {#id}…) is kept; it is rendered at build time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from hooks import kb_text, leak_patterns, path_safety, registry
from hooks.frontmatter import Document
from hooks.mdtext import map_prose
from hooks.problems import Problem, ProblemError
from hooks.runbook_format import INTERNAL_FIELDS, LIST_FIELDS

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


# The KB exports translate the placeholder values too (`description: 説明` in ja-JP).
_TRANSLATED_PLACEHOLDERS = {"description": {"descrição", "説明", "descripción", "beschreibung"}}


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


def is_placeholder(key: str, value) -> bool:
    if not isinstance(value, str):
        return False
    text = value.strip().lower()
    return text == key.lower() or text in _TRANSLATED_PLACEHOLDERS.get(key, ())


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


def normalize_meta(doc: Document, lang: str, source: Path) -> tuple[str, dict, list[str]]:
    raw = kb_text.clean_fields(doc.meta)  # titles, descriptions, keywords as the KB shows them
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
        if is_placeholder(key, value):
            notes.append(f"{path}:{doc.line_of(key)}: '{key}' was the placeholder {value!r}")
            continue
        meta[key] = " ".join(_INLINE_MARKER.sub(r"\1", str(value)).split())
    if "description" not in meta and "title" in meta:
        meta["description"] = meta["title"]
        notes.append(f"{path}:{doc.line_of('description')}: no real description; used the title")
    if runbook_id.startswith("KA-"):
        meta["article-number"] = runbook_id
    if raw.get("exl-id"):
        meta["exl-id"] = str(raw["exl-id"]).strip().lower()
    vocabulary = registry.products()
    for key in LIST_FIELDS:
        if key not in raw or is_placeholder(key, raw[key]):
            continue
        items = split_list(raw[key])
        if key in ("product", "applies-to"):
            items = list(dict.fromkeys(vocabulary.get(item.lower(), item) for item in items))
        if items:
            meta[key] = items
    if "product" not in meta and raw.get("solution") and not is_placeholder("solution", raw["solution"]):
        # Experience League pages (KT-…) name their product only in `solution`.
        meta["product"] = list(dict.fromkeys(vocabulary.get(item.lower(), item)
                                             for item in split_list(raw["solution"])))
        notes.append(f"{path}:{doc.line_of('solution')}: no 'product'; used 'solution'")
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


def rewrite_body(body: str, source: Path, lang: str, first_line: int,
                 images: list[Path] | None = None) -> tuple[str, list[Rewrite]]:
    """Rewrite links; images that exist are appended to `images` and linked as `../assets/<name>`."""
    rewrites: list[Rewrite] = []
    # line numbers: map_prose works piecewise, so track each piece's offset into the body.
    offsets = {"pos": 0}

    def fix(piece: str) -> str:
        start = body.find(piece, offsets["pos"])
        if start >= 0:
            offsets["pos"] = start + len(piece)

        def replace(match: re.Match) -> str:
            line = first_line + body.count("\n", 0, max(start, 0) + match.start())
            url = match["url"].strip("<>")
            text = match["text"]
            is_image = bool(match["bang"])
            parts = urlsplit(url)
            if leak_patterns.load().internal_host(url):
                rewrites.append(Rewrite(line, "link to an internal system removed", match.group(), text))
                return text
            if parts.scheme or url.startswith(("#", "/", "//")) or not url:
                return match.group()
            target = (source.parent / unquote(parts.path)).resolve()
            if is_image:
                if path_safety.is_inside(target, source.parent) and target.is_file():
                    if images is None:
                        return match.group()
                    images.append(target)
                    title = match["title"] or ""
                    return f"![{text}](../assets/{asset_name(target)}{title}){match['attrs'] or ''}"
                rewrites.append(Rewrite(line, "missing image removed", match.group(), text))
                return text
            ka = _KA.search(PurePosixPath(parts.path).name)
            if ka:
                new_url = KB_ARTICLE_URL.format(lang=_EL_LANG.get(lang, "en"), id=ka.group())
                new = f"[{text}]({new_url})"
                rewrites.append(Rewrite(line, "KB article link made absolute", match.group(), new))
                return new
            rewrites.append(Rewrite(line, "link to a page outside this site made plain text", match.group(), text))
            return text

        return _LINK.sub(replace, piece)

    return map_prose(body, fix), rewrites


def asset_name(image: Path) -> str:
    """Name of an image under runbooks/assets/: its file name (KB exports name images by GUID)."""
    return image.name.replace(" ", "_")


def import_document(doc: Document, lang: str, source: Path) -> Imported:
    runbook_id, meta, notes = normalize_meta(doc, lang, source)
    images: list[Path] = []
    body, rewrites = rewrite_body(doc.body, source, lang, doc.body_line, images)
    return Imported(runbook_id=runbook_id, language=lang, meta=meta, body=body, rewrites=rewrites, notes=notes,
                    images=images)
