"""The row-precision audit: sample timeline rows of the dev documents into a sheet a person judges, then
score the judged sheet (see docs/audit.md)."""
