"""Build only some languages in this MkDocs process, with the URLs of a full build.

`python -m hooks build` runs one MkDocs process per group of languages (see parallel_build); each
process learns its group from the KB_BUILD_LANGUAGES environment variable. mkdocs-static-i18n always
starts with its default language and then builds every language marked `build: true`. We start it at
the group's first language instead, and hide the other languages only from its loop over languages
(while it iterates), never from the per-language configuration: the language switcher, the search
languages and the sitemap are computed exactly as in a full build. Without the variable nothing changes.
Private names of mkdocs-static-i18n used here: hooks/engine/private_names.py (tests/engine/test_private_names.py).
"""

from __future__ import annotations

import os

ENV = "KB_BUILD_LANGUAGES"


def requested(environ=os.environ) -> list[str] | None:
    value = environ.get(ENV, "").strip()
    return [code.strip() for code in value.split(",") if code.strip()] or None


def before_config(i18n, languages: list[str] | None) -> None:
    """Before the plugin's on_config: choose the first language; show every language to the config."""
    if not languages:
        return
    known = [lang.locale for lang in i18n.config.languages]
    unknown = [code for code in languages if code not in known]
    if unknown:
        raise ValueError(f"{ENV}: unknown language(s) {', '.join(unknown)}; known: {', '.join(known)}")
    configured = _configured(i18n)
    if i18n.current_language is None:  # the group's first language, in the order asked for
        i18n.current_language = next(code for code in languages if configured[code])
    for lang in i18n.config.languages:
        lang.build = configured[lang.locale]


def before_language_loop(i18n, languages: list[str] | None) -> None:
    """Before the plugin's on_post_build loops over the other languages: loop over ours only, without
    the one just built. (The plugin skips only the language it is on when it reaches it in its list; a
    group may start with a language that is not the first of the list, parallel_build.build_order.)"""
    if not languages:
        return
    configured = _configured(i18n)
    for lang in i18n.config.languages:
        lang.build = configured[lang.locale] and lang.locale in languages and lang.locale != i18n.current_language


def _configured(i18n) -> dict[str, bool]:
    """The `build:` flags of mkdocs.yml, remembered before we first change them."""
    if not hasattr(i18n, "_kb_configured_build"):
        i18n._kb_configured_build = {lang.locale: bool(lang.build) for lang in i18n.config.languages}
    return i18n._kb_configured_build
