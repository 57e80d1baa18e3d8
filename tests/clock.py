"""The fixed clock of the tests that run the ingest: a run's date, as a caller hands it to sync_articles."""
from __future__ import annotations

from datetime import date

TODAY = date(2026, 1, 15)  # later than every publication date the tests write, except those meant to be future
