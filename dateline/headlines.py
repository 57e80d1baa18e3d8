"""Events a headline states that the article's text does not report.

A headline has its own register: Title Case ("Acme Recalls 10,000 Cars"), the present tense for what
has just happened ("Rebels Seize Airport"), "to" or "will" for what is planned. Feed items often carry
their news in the headline alone. The headline is read as a one-sentence text of its own:

1. `sentence_case`: in a Title Case headline a capitalised word keeps its capital only when it is the
   first word, an acronym, or a word the article writes capitalised after a lowercase word (a name);
   every other word is lowercased, so the event rules see verbs and nouns rather than names.
2. It goes through the chain an article's text goes through (tag, events, statements the publication
   date bounds, enrichment). A verb in the present or past tense that no time of its own dates
   ("recalls", "seized") is dated as a statement with no time word is: the day of publication or the
   day before (link_rule `headline_tense`), the headline convention for news just in.
3. An event the text reports too (a trigger of the same base form: "Says" and "said") is left out:
   the text dates it and names its actors better.

The rows of these events carry `from_title`: their offsets are into the title, not the text.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.enrich import article_timeline, enrich_events
from dateline.event_kinds import base_form, event_bases
from dateline.events import vocabulary
from dateline.model import Event
from dateline.tagger import tag
from dateline.undated import GRANULARITY, PUBLICATION_WINDOW_DAYS

HEADLINE_TENSE_RULE = "headline_tense"

_WORD = re.compile(r"[A-Za-z](?:[A-Za-z'’&-]|\.(?=[A-Za-z]))*")
# Short words Title Case leaves in lowercase; they do not count for or against it.
# Verbs that carry no event of their own: "Arrest made" reports an arrest, not a making.
_LIGHT_VERBS = frozenset("make makes made take takes took taken give gives gave given get gets got have has had "
                         "do does did".split())
_MINOR_WORDS = frozenset("a an and as at but by for from in into of on onto or over the to up via vs with".split())


def sentence_case(title: str, text: str) -> str:
    """The title with the capitals of Title Case taken off the words that are not names; a title in
    sentence case already comes back as it is."""
    words = [m for m in _WORD.finditer(title) if m.group().lower() not in _MINOR_WORDS]
    if len(words) < 2 or sum(w.group()[0].isupper() for w in words) < 0.8 * len(words):
        return title
    pieces, last = [], 0
    for number, word in enumerate(_WORD.finditer(title)):
        written = word.group()
        keep = number == 0 or not written[0].isupper() or _is_acronym(written) or _written_as_name(written, text)
        pieces += [title[last:word.start()], written if keep else written.lower()]
        last = word.end()
    return "".join(pieces) + title[last:]


def headline_events(title: str | None, text: str, text_events: list[Event], published: date) -> list[Event]:
    """The events the title states and the text does not report, enriched, in title order."""
    if not title or not title.strip():
        return []
    title = " ".join(title.split())
    # Feeds repeat the title in their footer ("The post <title> appeared first on ..."): that copy
    # says nothing about how the article writes the title's words.
    headline = sentence_case(title, " ".join(text.split()).replace(title, " "))
    events = [event for event in article_timeline(headline, tag(headline, published), published)[0]
              if event.trigger.islower()]  # a capitalised word of a headline is a name ("Fed raises rates")
    events += enrich_events(headline, _undated_news(headline, events, published), published)
    reported = {base_form(event.trigger) for event in text_events}
    return sorted((event for event in events if base_form(event.trigger) not in reported),
                  key=lambda event: event.trigger_start)


def _undated_news(headline: str, dated: list[Event], published: date) -> list[Event]:
    """Verbs of the headline in the present or past tense that no time dates: news of the last day."""
    taken = {event.trigger_start for event in dated}
    earliest = published - timedelta(days=PUBLICATION_WINDOW_DAYS)
    return [
        Event(trigger=verb.group(), trigger_start=verb.start(), trigger_end=verb.end(),
              sentence=headline, sentence_start=0, sentence_end=len(headline), times=(),
              relation="on", earliest=earliest, latest=published, granularity=GRANULARITY,
              link_rule=HEADLINE_TENSE_RULE)
        for verb in _news_verbs(headline) if verb.start() not in taken
    ]


def _news_verbs(headline: str) -> list[re.Match]:
    """The verb of each comma-separated part of the headline, when it reports news. A headline part
    reads subject, verb, object: the verb is the first lowercase word after the first word and the
    capitalised words that follow it ("Acme Corp. recalls", "Rebels seize", "officials say"). It is
    taken when it is an event word in an inflected form ("recalls", "seized") or in the bare form
    after a plural subject ("Rebels seize"); a modal or "to" there ("will send", "to close") is a
    plan, not news."""
    verbs = []
    for part in re.finditer(r"[^,;:]+", headline):
        words = list(_WORD.finditer(headline, part.start(), part.end()))
        position = 1
        while position < len(words) and not words[position].group()[0].islower():
            position += 1  # the rest of a named subject
        if position >= len(words):
            continue
        subject, verb = words[position - 1].group().lower(), words[position]
        low = verb.group().lower()
        base = base_form(low)
        if not verb.group().islower() or low in _LIGHT_VERBS or not _is_event_verb(base, low):
            continue
        if low != base or subject.endswith("s"):
            verbs.append(verb)
    return verbs


def _is_event_verb(base: str, low: str) -> bool:
    vocab = vocabulary()
    return base in event_bases() or low in vocab.trigger_words or base in vocab.trigger_words


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _written_as_name(word: str, text: str) -> bool:
    """The text writes the word capitalised inside a sentence ("the North Korean leader", "Kim, the
    leader"): a name, not a capital that only a sentence start or Title Case gives."""
    for found in re.finditer(r"\b" + re.escape(word) + r"\b", text):
        before = text[:found.start()].rstrip(" \t\"“‘'(")
        if before and before[-1] not in ".!?\n":
            return True
    return False
