"""Titles, descriptions and keywords of KB articles as the KB's own site shows them.

The translated exports escape quotes (`title: '"Échec … \\"L’identifiant …\\"'`), wrap a whole title in
「…」 or in quotes (`「共有オーディエンスを…」`, `'Adobe Campaign Standard : problème d''accès…'`), and
sometimes open such a wrapper without closing it (`「ACC v7 エラー：「JVM-510037 …。」`,
`'PGS-220000 PostgreSQL : ERREUR…`) or close it with another quote. The KB renders titles as Markdown
(CommonMark), so a backslash before ASCII punctuation only escapes it and an entity is its character.

    clean('"Échec avec l’erreur \\"Accès refusé\\"')   → 'Échec avec l’erreur "Accès refusé"'
    clean('「共有オーディエンスを読み込み続ける」')         → '共有オーディエンスを読み込み続ける'
    clean("'PGS-220000 PostgreSQL : ERREUR")          → 'PGS-220000 PostgreSQL : ERREUR'

Quotes inside the text are left as they are: only a wrapper around the whole value, or one quote at
either end that nothing closes, is removed. Plain functions; the importer calls `clean_fields`.
"""

from __future__ import annotations

import html
import re

FIELDS = ("title", "description", "keywords")
# opening → closing; a quote that is its own closing mark is symmetric
PAIRS = {'"': '"', "'": "'", "“": "”", "‘": "’", "「": "」", "『": "』", "«": "»", "„": "“"}
_CLOSING = {closing: opening for opening, closing in PAIRS.items()}
# CommonMark: a backslash escapes ASCII punctuation only (`\"` shows `"`; `\長` shows `\長`)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# translations turn `\"x\"` into `「\x\」`: the backslash was the escape of a quote that became a bracket
_BRACKET_BACKSLASH = re.compile(r"(?<=[「『])\\|\\(?=[」』])")
_FINAL_STOP = re.compile(r"[.。]$")


def clean(text: str) -> str:
    """A title, description or keyword as the KB shows it (never empty when `text` is not)."""
    text = _BRACKET_BACKSLASH.sub("", text.strip())
    if text.startswith("'") and "''" in text:  # a YAML single-quoted value quoted once more: '' is '
        text = text.replace("''", "'")
    cleaned = unescape(_unwrap(text)).strip()
    return cleaned or text


def unescape(text: str) -> str:
    """Backslash escapes and entities as a CommonMark renderer shows them."""
    text = _ESCAPE.sub(r"\1", _BRACKET_BACKSLASH.sub("", text))
    return html.unescape(text) if "&" in text else text


def clean_fields(meta: dict) -> dict:
    """`meta` with its title, description and keywords cleaned (a copy; other fields unchanged)."""
    cleaned = dict(meta)
    for key in FIELDS:
        value = meta.get(key)
        if isinstance(value, str):
            cleaned[key] = clean(value)
        elif isinstance(value, list):
            cleaned[key] = [clean(item) if isinstance(item, str) else item for item in value]
    return cleaned


def _quotes(text: str, mark: str) -> list[int]:
    """Where `mark` is used as a quote in `text`: not escaped with a backslash, and for `'` not an
    apostrophe inside a word (`d'accès`, `n'existe`)."""
    found = []
    for index, char in enumerate(text):
        if char != mark or (index > 0 and text[index - 1] == "\\"):
            continue
        if mark == "'" and 0 < index < len(text) - 1 and text[index - 1].isalnum() and text[index + 1].isalnum():
            continue
        found.append(index)
    return found


def _balanced(text: str, opening: str, closing: str) -> bool:
    if opening == closing:
        return len(_quotes(text, opening)) % 2 == 0
    depth = 0
    for char in text:
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _unwrap(text: str) -> str:
    """`text` without a wrapper around all of it, or without a quote at one end that nothing closes."""
    stop = _FINAL_STOP.search(text) if len(text) > 2 and text[-2] in _CLOSING else None
    body = text[:-1] if stop else text  # `"…".`: the wrapper closes before a final full stop
    first, last = body[:1], body[-1:]
    if (len(body) >= 2 and first in PAIRS and PAIRS[first] == last and not _escaped(body)
            and _balanced(body[1:-1], first, last)):
        return body[1:-1].strip() + (stop.group() if stop else "")
    if first in PAIRS and not _balanced(text, first, PAIRS[first]) and _stray_at_start(text, first):
        text = text[1:].lstrip()
    last = text[-1:]
    if (last in _CLOSING and not _escaped(text) and not _balanced(text, _CLOSING[last], last)
            and _stray_at_end(text, last)):
        text = text[:-1].rstrip()
    return text


def _escaped(text: str) -> bool:
    """The last character of `text` is escaped with a backslash (`\\"` is a quote of the text)."""
    return len(text) >= 2 and text[-2] == "\\"


def _stray_at_start(text: str, mark: str) -> bool:
    closing = PAIRS[mark]
    if mark != closing:  # 「 opened once more than 」 is closed
        return text.count(mark) == text.count(closing) + 1
    if not text.endswith(mark) or _escaped(text):
        return len(_quotes(text, mark)) == 1
    # `"…"…"`: one of the two ends is stray; keep the one that opens a quote well placed
    return _well_placed(text[1:], mark) and not _well_placed(text[:-1], mark)


def _stray_at_end(text: str, mark: str) -> bool:
    opening = _CLOSING[mark]
    if opening != mark:
        return text.count(mark) == text.count(opening) + 1
    if not text.startswith(mark):
        return len(_quotes(text, mark)) == 1
    return _well_placed(text[:-1], mark)


def _word_character(char: str) -> bool:
    """A letter or digit of a script that separates words with spaces (not Chinese or Japanese)."""
    return char.isalnum() and ord(char) < 0x2E80


def _well_placed(text: str, mark: str) -> bool:
    """Every quote of `text` pairs up, each opening one at the start of a word and each closing one at
    the end of a word."""
    positions = _quotes(text, mark)
    if len(positions) % 2:
        return False
    for opening, closing in zip(positions[::2], positions[1::2], strict=True):
        before = text[opening - 1] if opening else " "
        after = text[closing + 1] if closing + 1 < len(text) else " "
        if _word_character(before) or _word_character(after):
            return False
    return True
