"""The only package that knows MkDocs, Material and mkdocs-static-i18n: events, build state, serve.

Every private name of those libraries (and of Python-Markdown, pymdown-extensions, Pygments) that our code
relies on is listed in private_names.py; tests/engine/test_private_names.py checks them after an upgrade.
"""
