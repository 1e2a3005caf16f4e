"""The runbooks as data: the model (Runbook, Corpus), the file format, front matter, redirects,
translations, error codes."""
