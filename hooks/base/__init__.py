"""Shared by every layer: problems, data files (registry), URLs, paths, text helpers. Imports nothing of ours."""
