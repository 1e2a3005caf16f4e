"""Values left from a template: one definition for import (drops them) and validate (reports them).

A placeholder is a short value equal to its field name (`description: Description`, also as the KB's
translated templates write it: `説明`, `Descrição`) or a filler word (`TODO`, `TBD`, `n/a`, `test`…).
"""

from __future__ import annotations

# Filler words people and templates leave in a field; compared case-insensitively, whitespace collapsed.
FILLERS = frozenset({"todo", "tbd", "tba", "tbc", "xxx", "placeholder", "lorem ipsum", "n/a", "na", "none",
                     "null", "test", "...", "…", "-", "?"})
# The KB's translated templates translate the field names too.
_TRANSLATED_FIELD_NAMES = {
    "description": {"descrição", "説明", "descripción", "beschreibung"},
    "title": {"titre", "título", "タイトル"},
    "keywords": {"mots-clés", "palavras-chave", "キーワード"},
}
MAX_LENGTH = 20  # placeholders and field names are short; a long value is never one


def is_placeholder(key: str, value: object) -> bool:
    if not isinstance(value, str) or len(value) > MAX_LENGTH:
        return False
    text = " ".join(value.split()).lower()
    return bool(text) and ( text == key.lower() or text in FILLERS or text in _TRANSLATED_FIELD_NAMES.get(key, ()))
