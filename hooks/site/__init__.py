"""The pages of each language as plain data: runbook pages, lists, error codes, status, redirects, banners."""
