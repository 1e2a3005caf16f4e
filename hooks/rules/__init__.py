"""Validation of the whole corpus: the one loader, every rule, leak patterns and recorded internal values."""
