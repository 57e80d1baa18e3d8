"""Which language an article is in, from its metadata or, failing that, from its text.

The tagger only reads English, so any other language is quarantined rather than dated wrongly.
- Metadata wins: a `language` such as "en", "en-US", "en_GB", "eng" or "English" is English; any other
  value ("de", "fr-FR", "Deutsch") is a claim of another language and is believed.
- Without metadata, a text whose first words are plainly English (enough "the", "and", "of" ...) is
  English; otherwise py3langid (its model ships inside the package, nothing is downloaded) classifies
  the start of the text. Only a confident verdict on enough text counts: short snippets ("x", a
  headline) are too ambiguous to judge and are taken as English.
Cost: loading the model once per process, then well under a millisecond per kilobyte (see README).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

ENGLISH_NAMES = frozenset({"en", "eng", "english"})
MIN_LETTERS_TO_DETECT = 60  # fewer letters than this: too little evidence, assumed English
MIN_CONFIDENCE = 0.9  # a detected non-English language below this probability is not believed
DETECTION_SAMPLE_CHARS = 5_000  # the head of the text is enough; keeps the cost flat for long texts

_SUBTAG_SEPARATOR = re.compile(r"[-_\s]")

# Words that are common in English prose and rare as words of other languages written in Latin letters.
# When they make up this share of the first words, the text is English without asking the model, which
# costs about 10 ms an article (most of the ingest step on English news).
_ENGLISH_FUNCTION_WORDS = frozenset("the and of that with said which from have were would their".split())
ENGLISH_FUNCTION_WORD_SHARE = 0.10  # English news: about 0.15; German, French, Spanish: under 0.01
_FUNCTION_WORD_SAMPLE_WORDS = 300
_LOWER_WORD = re.compile(r"[a-z]+")
_LETTER_BLOCK_CHARS = 256  # letters are counted a block at a time: prose has enough in its first line


def _english_function_word_share(sample: str) -> float:
    words = _LOWER_WORD.findall(sample[:2_000].lower())[:_FUNCTION_WORD_SAMPLE_WORDS]
    if len(words) < 20:
        return 0.0
    return sum(map(_ENGLISH_FUNCTION_WORDS.__contains__, words)) / len(words)


def _has_letters(sample: str, wanted: int) -> bool:
    """Whether the sample holds at least `wanted` letters (str.isalpha), stopping as soon as it does."""
    found = 0
    for start in range(0, len(sample), _LETTER_BLOCK_CHARS):
        found += sum(map(str.isalpha, sample[start:start + _LETTER_BLOCK_CHARS]))
        if found >= wanted:
            return True
    return found >= wanted  # only when nothing is wanted from an empty sample


@dataclass(frozen=True, slots=True)
class LanguageVerdict:
    english: bool
    language: str | None  # the language named or detected, when known
    how: str  # "metadata", "function_words", "detected" or "too_short"
    confidence: float | None = None


def is_english_tag(tag: str) -> bool:
    """Whether a metadata language value names English ("en", "EN-us", "eng", "English")."""
    primary = _SUBTAG_SEPARATOR.split(tag.strip().lower(), maxsplit=1)[0]
    return primary in ENGLISH_NAMES


def judge_language(metadata_language: str | None, text: str) -> LanguageVerdict:
    if metadata_language:
        return LanguageVerdict(is_english_tag(metadata_language), metadata_language, "metadata")
    sample = text[:DETECTION_SAMPLE_CHARS]
    if not _has_letters(sample, MIN_LETTERS_TO_DETECT):
        return LanguageVerdict(True, None, "too_short")
    if _english_function_word_share(sample) >= ENGLISH_FUNCTION_WORD_SHARE:
        return LanguageVerdict(True, "en", "function_words")
    language, confidence = _identifier().classify(sample)
    english = language == "en" or confidence < MIN_CONFIDENCE
    return LanguageVerdict(english, language, "detected", confidence)


@cache
def _identifier():
    # Imported here: the model takes about a second to load, and only ingest needs it.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
