"""KB Runbooks: turn knowledge-base articles into a multilingual runbook site.

Only `mkdocs_hooks.py` knows MkDocs; every other module works on plain data.
"""
