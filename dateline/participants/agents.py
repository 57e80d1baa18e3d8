"""The agents of an event: who did it or said it, apart from the other participants (the object, the
recipient, a victim, a name the subject only mentions), so that "what did X do" reads X's own acts.

The agents are the subject the participant rules found (with the names coordinated with it: "Albright,
Berger and Cohen announced"), the passive's "by X", the speaker after an inverted "said", the subject a
verb inherits from the verb governing it ("fell 50 cents to close"), the owner of an event noun
("Castro's remarks"); not the names after the trigger (objects, recipients, partners) nor the modifiers
of the subject ("FBI" in "FBI officials said"). In a passive without "by" ("Mr. Antar was charged",
"Slepian was shot"), and in a participle coordinated with one ("were arrested and charged with murder"),
the subject underwent the event: the event names no agent.
"""
from __future__ import annotations

import re
from dateline.events import vocabulary
from dateline.model import Participant

# A form of "be" or "get", then adverbs, right before the trigger: "was charged", "were quickly arrested".
_PASSIVE_HELPER = re.compile(r"\b(?:was|were|is|are|be|been|being|got|gets|get|getting)\s+"
                             r"(?:(?:not|also|later|still|then|never|reportedly|allegedly|[a-z]+ly)\s+){0,2}$",
                             re.IGNORECASE)


def agent_names(text: str, trigger_start: int, trigger: str, agents: list[Participant]) -> tuple[str, ...]:
    """The canonical names of `agents`, without the subject of a passive (only its "by X" stays)."""
    if not agents:
        return ()
    if all(p.method == "coordinated_passive" for p in agents):
        return ()  # "were arrested and charged with murder": the subject underwent both
    if len(agents) == 1:
        only = agents[0]
        return () if only.method != "passive_agent" and is_passive(text, trigger_start, trigger) else (only.name,)
    passive = is_passive(text, trigger_start, trigger)
    return tuple(dict.fromkeys(p.name for p in agents if not passive or p.method == "passive_agent"))


def is_participle(trigger: str) -> bool:
    low = trigger.lower()
    return (low.endswith(("ed", "en")) and len(low) >= 4) or low in vocabulary().irregular_verbs


def is_passive(text: str, trigger_start: int, trigger: str) -> bool:
    return is_participle(trigger) and bool(_PASSIVE_HELPER.search(text, max(0, trigger_start - 40), trigger_start))
