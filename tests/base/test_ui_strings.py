import re
from pathlib import Path

import yaml

from hooks.base import registry

UI_DIR = Path(registry.DATA_DIR) / "ui"


def test_every_ui_string_exists_in_every_language_with_the_same_placeholders():
    codes = set(registry.language_codes())
    strings = registry.ui_strings()
    assert strings, "no UI strings loaded"
    for key, values in strings.items():
        assert set(values) == codes, f"{key}: languages {sorted(values)} instead of {sorted(codes)}"
        placeholders = {lang: set(re.findall(r"\{(\w+)\}", text)) for lang, text in values.items()}
        assert len({frozenset(p) for p in placeholders.values()}) == 1, f"{key}: placeholders differ {placeholders}"
        for lang, text in values.items():
            assert isinstance(text, str) and text.strip(), f"{key}[{lang}] is empty"


def test_no_key_is_defined_in_two_files():
    seen = {}
    for path in sorted(UI_DIR.glob("*.yml")):
        for key in yaml.safe_load(path.read_text(encoding="utf-8")) or {}:
            assert key not in seen, f"{key} in {seen.get(key)} and {path.name}"
            seen[key] = path.name
