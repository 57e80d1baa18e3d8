"""The infinitive after a phase verb ("began to arrive") takes that verb's time; TO_BETWEEN also finds an
infinitive of purpose right after a time (dateline.events.sentence_time)."""
from __future__ import annotations

import re

from dateline.events.links import Link
from dateline.events.sentence_parts import SentenceParts
from dateline.events.trigger_vocabulary import Vocabulary
from dateline.sentences import Span, sentence_at


# Verbs of a phase whose infinitive is the event that begins, goes on or stops ("began to arrive").
_ASPECT_VERBS = frozenset({"begin", "begins", "began", "begun", "beginning", "start", "starts", "started", "starting",
                           "continue", "continues", "continued", "continuing", "resume", "resumes", "resumed",
                           "stop", "stops", "stopped", "cease", "ceases", "ceased"})
TO_BETWEEN = re.compile(r"\s+to\s+")


def aspect_infinitive_links(text: str, links: list[Link], vocab: Vocabulary,
                            parts: SentenceParts,
                            sentences: list[Span]) -> list[Link]:
    """The infinitive after a phase verb ("hundreds began to arrive Today", "customers continue to adjust")
    takes that verb's time: it is the event that began, went on or stopped then."""
    linked = {(link.trigger.start, link.trigger.end) for link in links}
    found = []
    for link in links:
        if link.trigger.text.lower() not in _ASPECT_VERBS:
            continue
        sentence = sentence_at(sentences, link.trigger.start)
        triggers = parts.triggers(sentence) if sentence else []
        following = next((t for t in triggers if t.start > link.trigger.end), None)
        if following and following.kind == "infinitive" and (following.start, following.end) not in linked \
                and TO_BETWEEN.fullmatch(text, link.trigger.end, following.start):
            linked.add((following.start, following.end))
            found.append(Link(following, link.expression, link.relation, "infinitive_after_phase_verb", link.clause))
    return found
