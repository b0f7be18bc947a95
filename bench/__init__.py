"""Benchmarks: `make bench` (python -m bench.run) and `make lighthouse` (python -m bench.lighthouse)."""
