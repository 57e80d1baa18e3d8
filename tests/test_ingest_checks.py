"""The ingest checks' fast paths (date-word density, the letter count and function-word share of the
language check) decide exactly as the plain per-character and per-word loops they replaced."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.ingest import language
from dateline.lexicon import lexicon
from dateline.text_shape import anchor_categories, date_word_density

CHECKS = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.too_slow])

_lx = lexicon()
_FORMS = sorted({*_lx.month_by_form, *_lx.weekday_by_form, *_lx.season_by_form, *_lx.unit_by_form,
                 *_lx.references, *_lx.holiday_by_form, *_lx.part_of_day_by_form, "while", "noon"})
# Prose words, date words in any case, digits, and characters whose case or class Unicode treats
# differently from ASCII: the Kelvin sign and dotted I (lowercase to ASCII letters), long s, superscript
# two and one half (numeric, not letters), no-break space, a lone surrogate, letters of other scripts.
_PIECES = ["the", "and", "of", "said", "with", "der", "und", "la", "de", "4", "1999", "3:30", "'90s", "\u212a",
           "\u0130", "\u017f", "\u00b2", "\u00bd", "\u00a0", "\ud800", "\u00e9t\u00e9", "\u043c\u0430\u0439", "_", "-", ".",
           ",", "\n", "  "]
_words = st.one_of(
    st.sampled_from(_FORMS).flatmap(lambda form: st.sampled_from([form, form.upper(), form.title(), form + "s"])),
    st.sampled_from(_PIECES),
    st.text(max_size=6),
)
texts = st.lists(_words, max_size=400).flatmap(
    lambda words: st.sampled_from([" ".join(words), "".join(words), "\n".join(words)]))


def density_as_before(text: str) -> float:
    if not text:
        return 0.0
    return 1000 * sum(1 for m in anchor_categories().finditer(text) if m.lastgroup != "digit") / len(text)


def letters_as_before(sample: str) -> int:
    return sum(1 for char in sample if char.isalpha())


def share_as_before(sample: str) -> float:
    words = re.findall(r"[a-z]+", sample[:2_000].lower())[:300]
    if len(words) < 20:
        return 0.0
    return sum(1 for word in words if word in language._ENGLISH_FUNCTION_WORDS) / len(words)


@CHECKS
@given(texts)
def test_date_word_density_is_as_before(text):
    assert date_word_density(text) == density_as_before(text)


@CHECKS
@given(texts, st.integers(min_value=0, max_value=400))
def test_letter_check_and_function_word_share_are_as_before(text, wanted):
    assert language._has_letters(text, wanted) == (letters_as_before(text) >= wanted)
    assert language._english_function_word_share(text) == share_as_before(text)


def test_every_date_word_counts_in_any_case():
    for form in _FORMS:
        for written in (form, form.upper(), form.title()):
            assert date_word_density(f"On {written} x") == density_as_before(f"On {written} x") > 0, written
