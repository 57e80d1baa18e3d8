"""Size limits on raw input, so one oversized file cannot exhaust memory or stall a run.

A news article is at most a few hundred kilobytes; a feed or .jsonl of many thousands of them a few
tens of megabytes. Anything larger is more likely a dump, a mistake or an attack, and is quarantined
with a reason saying how to split it rather than read.
"""
from __future__ import annotations

MAX_FILE_BYTES = 64 * 1024 * 1024  # a raw file larger than this is not read at all (file_too_large)
MAX_TEXT_CHARS = 2_000_000  # one article's text longer than this is not tagged (text_too_long)
MAX_DATE_WORDS_PER_1000_CHARS = 60  # a longer text denser in date words than this is not prose (implausible_text)
DENSITY_CHECK_MIN_CHARS = 5_000  # shorter texts are cheap to tag whatever they hold, and their density is noisy
