"""Who took part in an event and where it happened, resolved inside the article.

Rules over the text, no parser. The names of an article are its entities (dateline.entities): found
once, each of a kind (person, organisation, product, country, city, US state), short mentions and the
words that stand for a name tied to its entity ("Mr. Shoigu" -> "Sergei K. Shoigu", "IBM" ->
"International Business Machines Corp.", "the carmaker" -> "General Motors"). For each event:

- the agent: the noun phrase before the trigger ("a Russian official said"), skipping an aside
  between commas; "by X" after a passive, past a time and a place (passive.py: "announced on Monday by
  Mr. Shoigu", "rescued off the coast on Friday by two fishermen", "rejected by regulators", "by a group
  of farmers"); the person before "of" an organisation ("Inspector Mara Quill of the city police said")
  or a role before it ("the chief executive of a Dutch bank"); the speaker a possessor owns ("said
  Harlow Ltd.'s Ann Bell"); the organisation a description's genitive stands for before an event noun
  ("the company's takeover"); the antecedent of "who"; the
  person a pronoun refers to (the first person named in its sentence or the nearest one before); the
  organisation "it", "its" or "the company" stands for;
  what follows "there were"; past a time or an adverb between subject and verb ("FBI officials on
  Saturday played down"), and past an age before an aside (", 52, an obstetrician,"); past any aside
  (asides.py: "Jim Unruh, Unisys's president, said"), or the person the aside names ("Slepian's
  lawyer, Glenn Edward Murray, said"); the speaker after an inverted "said" ('"...," said a U.S.
  Embassy official'); "her lawyer", "Elian's father" as someone other than the possessor
  (relation_of_possessor); "They" opening a sentence as the previous sentence's plural subject; the
  people a noun names before "who"/"that" ("the panel that issued"); past a relative clause ("The union,
  which represents 4,000 nurses, called"); a nationality plural ("The Soviets invaded"); past the subject's place ("U.N.
  officials in New York on Friday finished") or where the people work ("Officials at the ministry
  said": group_before_affiliation);
- names joined to the subject ("Albright, Berger and Cohen announced") and the subject a verb shares
  with the verb it is coordinated with ("approved and delivered") (coordination.py);
- the other names in the subject (modifier_of_subject): the possessor or modifier of its head noun,
  names after its "of" and names coordinated with it ("Telerate shares fell", "an FBI official said",
  "representatives of Dow Jones and Telerate began");
- for a verb without a subject of its own, the subject of the event governing it (inherited_agent): an
  infinitive ("fell 50 cents to close"; its people object does it: "led employers to raise"), a
  participle after a comma, after the verb, its place or an event noun ("died trying", "arrived in
  Washington seeking"), an event noun taken by a support verb ("began negotiations"), a participle
  opening the sentence ("Reading from ..., Castro said");
- the others: names and nationality groups ("Russian forces") in the trigger's clause, after it (none
  after a reporting verb without an addressee: "said Jordan is seeking"), up
  to a later verb that opens a predicate of its own (object_ends_at_next_verb: "an accord signed by
  Mr. Annan" is Annan's signing, not the accord's);
- not a participant: a country after "in", "at", "outside" ..., or later in a list that opens so ("in
  Chad and Niger": place_list_after_preposition);
- the place: for a statement, a place right after its verb or the sentence's opening "In X,"; else a
  place after "in", "at", "near", "to" in the clause; "the North Korean capital" as the
  capital the article names; the place a "where" clause refers back to; else the nearest place after
  such a preposition in the sentence.
"""
from __future__ import annotations

import re

from dateline.model import Event, Participant, Place
from dateline.participants.agents import agent_names
from dateline.participants.coordination import coordinated_groups, coordinated_subject, coordinated_subjects
from dateline.participants.inherited import _inherited_agent, _subject_modifiers
from dateline.participants.names import (
    ArticleNames, REACH, _PARTICIPANT_KINDS, _Window, _group_phrases, _participant, _possessor)
from dateline.participants.objects import _direct_object, _in_aside, _object_region_end, _partners, is_source
from dateline.participants.places import _places, in_place_phrase, modifies_place_noun
from dateline.participants.subject import _agent, _phrase_ending_at, _shared_subject
from dateline.sentences import Span


# A possessor after "of", in a part of its shares ("owns 72% of Erbamont's common shares"): the company the
# holding is in takes part; other possessors ("visited Russia's capital") only describe the object.
_OF_BEFORE = re.compile(r"\bof\s+$")
_SHARES_AFTER = re.compile(r"['’]s\s+(?:[a-z-]+\s+){0,2}(?:shares|stock|stake|equity|capital)\b")


# Rule name_in_compound_adjective: a name glued to a participle ("the U.N.-imposed sanctions", "a
# Saudi-funded school") describes the noun after it; it takes no part in the trigger's event.
_COMPOUND_ADJECTIVE = re.compile(r"-[a-z]+(?:ed|en)\b")


# Methods of a subject a verb takes from another verb (dateline.participants.inherited).
_INHERITED_AGENTS = frozenset({"inherited_agent", "object_before_infinitive", "subject_after_opening_participle",
                               "coordinated_verb", "coordinated_passive"})


def _share_owner(text: str, name) -> bool:
    return bool(_OF_BEFORE.search(text, max(0, name.start - 5), name.start)
                and _SHARES_AFTER.match(text, name.end))


def participants_and_places(names: ArticleNames, event: Event, clauses: list[Span], clause: Span,
                            kind: str) -> tuple[tuple[Participant, ...], tuple[Place, ...], tuple[str, ...]]:
    """Who took part in the event, where it happened, and the names of its agents (agents.py). `clauses`
    are its sentence's clauses and `clause` the one holding the trigger; `kind` its event kind (a
    statement is placed only by a place after the verb: "said in Seoul", not by what the statement is
    about)."""
    # Participants sit near their verb: reading at most REACH characters around it keeps an endless
    # sentence (hostile input) linear, and changes nothing for a news sentence.
    low, high = event.trigger_start - REACH, event.trigger_end + REACH
    event = _Window(event.trigger, event.trigger_start, event.trigger_end,
                    max(event.sentence_start, low), min(event.sentence_end, high))
    clauses = [(max(a, low), min(b, high)) for a, b in clauses if b > low and a < high]
    clause = (max(clause[0], low), min(clause[1], high))
    participants, agents = _participants(names, event, clauses, clause, kind)
    return participants, _places(names, event, clause, kind), agents


# --- who ----------------------------------------------------------------------------------------


def _participants(names: ArticleNames, event: _Window, clauses: list[Span], clause: Span,
                  kind: str) -> tuple[tuple[Participant, ...], tuple[str, ...]]:
    text = names.text
    found: list[Participant] = []
    agent = _agent(names, event, clause) or _shared_subject(names, clauses, clause, event)
    coordinated = () if agent else coordinated_subject(names, event)
    if coordinated:
        subject = list(coordinated)
        agents = subject
    else:
        joined = coordinated_subjects(names, agent, event.sentence_start) \
            if agent and agent.method in ("subject", "relation_of_person", "member_of_possessor") else []
        if not joined and agent and agent.kind == "group" and agent.method in ("subject", "relation_of_person"):
            joined = coordinated_groups(names, agent, event.sentence_start, _phrase_ending_at)
        agents = joined + ([agent] if agent else [])
        subject = agents + _subject_modifiers(names, event, agent)
        if not agent:
            subject = subject or list(_inherited_agent(names, event))
            # what the verb inherits ("fell 50 cents to close", "led employers to raise"), else the name
            # the subject's head stands for ("Bethlehem shares rose", "all NATO member states have approved")
            agents = [p for p in subject if p.method in _INHERITED_AGENTS] \
                or [p for p in subject if p.method == "modifier_of_subject"][:1]
    names.agents.setdefault(names.sentence_index(event.trigger_start), []).append(
        (event.trigger_start, event.trigger_end, event.trigger.lower(), tuple(subject)))
    found += subject
    end = _object_region_end(text, event, clause, kind)
    after = [_participant(n, "named_after_trigger") for n in names.names_in(event.trigger_end, end)
             if n.kind in _PARTICIPANT_KINDS and (not _possessor(text, n) or _share_owner(text, n))
             and not (n.kind == "country" and in_place_phrase(names, n))
             and not (n.kind == "organization" and modifies_place_noun(names, n))
             and not _COMPOUND_ADJECTIVE.match(text, n.end)]
    after += _group_phrases(names, event.trigger_end, end) + _partners(names, event.trigger_end, end)
    after += _direct_object(names, event, end)
    found += sorted((p for p in after if not _in_aside(text, event.trigger_end, p.start)
                     and not is_source(names, p.end)
                     and not (agent and agent.start < p.end and p.start < agent.end)
                     # "said spokesman Kenneth Bacon": the words before the speaker's name describe him
                     and not (agent and agent.method == "speaker_after_verb" and p.start < agent.end)),
                    key=lambda p: p.start)
    unique: dict[str, Participant] = {}
    for participant in found:
        unique.setdefault(participant.name, participant)
    return tuple(unique.values()), agent_names(text, event.trigger_start, event.trigger, agents)
