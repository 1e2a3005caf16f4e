"""Several engine processes in parallel (language groups), merged into one site, swapped in atomically."""
