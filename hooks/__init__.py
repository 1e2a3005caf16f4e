"""KB Runbooks: turn knowledge-base articles into a multilingual runbook site.

Packages in the order of the flow (ARCHITECTURE.md): base, corpus, rules, kb, site, render, finish, engine
(the only one that knows MkDocs; its speed-ups in engine/fast), build (parallel language groups), commands.
Which package may import which is a contract `lint-imports` checks (pyproject.toml).
"""
