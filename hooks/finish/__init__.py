"""The written site as a whole: link check, output audit, search index, api/*.json."""
