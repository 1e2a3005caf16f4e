"""The only package that knows MkDocs, Material and mkdocs-static-i18n: events, build state, serve."""
