"""From a KB export to runbooks: discovery, article conversion, assets, redaction, import, scaffolding."""
