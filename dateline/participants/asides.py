"""Rule subject_before_aside: the subject of a verb that follows an aside between commas, whatever the
aside is ("Jim Unruh, Unisys's president, said", "W. Brent LeGere, chairman and chief executive, said",
"Cilcorp Inc., Peoria, Ill., said"), and the person an aside names when the subject only describes him
("Slepian's lawyer, Glenn Edward Murray, said": Murray)."""
from __future__ import annotations

import re

from dateline.model import Participant
from dateline.participants.coordination import is_verb
from dateline.participants.names import ArticleNames, _participant

# A comma between digits ("4,000 nurses") groups thousands: it opens or closes no aside.
_COMMA = re.compile(r"(?<!\d),|,(?!\d{3}\b)")
_MOST_ASIDES = 3  # asides in a row before the verb ("Cilcorp Inc., Peoria, Ill., said": two)
_LONGEST_ASIDE = 20  # words


def subject_before_aside(names: ArticleNames, words: list[re.Match], sentence_start: int,
                         phrase_ending_at) -> Participant | None:
    """`words` end right before the comma that closes the aside; `phrase_ending_at(names, words,
    method)` reads the noun phrase ending with the last of them (subject._phrase_ending_at)."""
    text = names.text
    end = words[-1].end()
    if ";" in text[end:end + 3]:
        return None
    commas = [m.start() for m in _COMMA.finditer(text, sentence_start, end + 2)]
    closing = commas[-1] if commas else -1
    for back in range(2, _MOST_ASIDES + 2):
        if len(commas) < back:
            return None
        opening = commas[-back]
        aside = text[opening + 1:closing]
        if len(aside.split()) > _LONGEST_ASIDE or _QUOTE.search(text, opening - 3, closing) \
                or re.match(r"\s*(?:and|or|but)\b", aside) \
                or (_holds_event(names, opening, closing) and not _RELATIVE_OPENER.match(aside)):
            return None  # a list ("in Nairobi, Kenya, and Dar es Salaam"), a quotation or a clause: no aside
        before = [w for w in words if w.end() <= opening]
        if not before or text[before[-1].end():opening].strip(" ."):
            return None
        subject = phrase_ending_at(names, before, "subject_before_aside")
        if back == 2:
            named = _aside_person(names, opening + 1, closing, pair=bool(subject and subject.kind == "group"))
            if named and not (subject and subject.kind == "person"):
                return named
        if subject and not _place_of_city(names, subject) and not _city_with_state(names, subject) \
                and not (subject.kind == "group" and not _opens_phrase(names, subject, sentence_start)):
            return subject
    return None


def _city_with_state(names: ArticleNames, subject: Participant) -> bool:
    """"Hasbrouk Heights, N.J.,": a name followed by a comma and a state or country is a place."""
    after = names.names_in(subject.end, subject.end + 30)
    return bool(after) and after[0].kind in ("us_state", "country") \
        and names.text[subject.end:after[0].start].strip() == ","


def _opens_phrase(names: ArticleNames, group: Participant, sentence_start: int) -> bool:
    """Whether a people noun phrase starts its sentence or follows a comma ("The demonstrators, wearing
    T-shirts, waved"), so that it can be a subject; not "is selling copiers, fax machines ..."."""
    return not names.text[sentence_start:group.start].strip(" \t\n\"“‘`'") or \
        names.text[sentence_start:group.start].rstrip().endswith(",")


# A relative clause is an aside even with a finite verb in it ("The union, which represents 4,000
# nurses, called a strike"): rule subject_before_relative_clause.
_RELATIVE_OPENER = re.compile(r"\s*(?:who|which|whose)\b")
_QUOTE = re.compile(r"[\"“”]|''|``")


def _holds_event(names: ArticleNames, start: int, end: int) -> bool:
    """Whether a finite verb of an event read before this one lies in text[start:end]: a clause, not an
    aside (", said a government communique,"; a participle is an aside: ", snapping back to profit,")."""
    events = names.agents.get(names.sentence_index(end), [])
    return any(start < trigger_start < end and is_verb(trigger) and not trigger.endswith("ing")
               for trigger_start, _end, trigger, _subject in events)


def _place_of_city(names: ArticleNames, subject: Participant) -> bool:
    """"the embassies in Nairobi, Kenya, ...": a country after a city and a comma is where the city is."""
    before = names.names_in(max(0, subject.start - 60), subject.start)
    return subject.kind == "country" and bool(before) and before[-1].kind == "city" \
        and names.text[before[-1].end:subject.start].strip() == ","


def _aside_person(names: ArticleNames, start: int, end: int, pair: bool) -> Participant | None:
    """The person an aside is made of, and nothing else (", Glenn Edward Murray,"); with `pair` (the
    subject before is a group: "Two top aides to Lisk, Tom Rusk and Ana Obi,"), also two people."""
    inside = names.names_in(start, end)
    if len(inside) == 1 and inside[0].kind == "person" and names.text[start:end].strip() == inside[0].text:
        return _participant(inside[0], "appositive_name")
    # ", Tom Rusk and Ana Obi,": people coordinated in the aside; the first stands for them (the others
    # are read as coordinated with it)
    if pair and len(inside) == 2 and all(n.kind == "person" for n in inside) \
            and names.text[inside[0].end:inside[1].start].strip() == "and" \
            and names.text[start:end].strip() == names.text[inside[0].start:inside[1].end]:
        return _participant(inside[0], "appositive_name")
    return None
