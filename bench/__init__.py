"""Performance benchmarks (`make bench`); not part of `make test`. Each bench_*.py module has run() -> bool."""
