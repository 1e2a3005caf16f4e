"""KB Runbooks: turn knowledge-base articles into a multilingual runbook site.

Only the hook files listed in mkdocs.yml (`mkdocs_hooks.py`, `mkdocs_page_shells.py`) know MkDocs; every
other module works on plain data.
"""
