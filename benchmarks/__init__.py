"""Benchmarks: scripts that print figures (run from the project folder, e.g. python -m benchmarks.bench)."""
