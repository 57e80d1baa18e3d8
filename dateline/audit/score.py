"""Totals of a judged review sheet: how many rows are real events, dated right, with the right
participants, and fully right; for every row and for the rows shown by default."""
from __future__ import annotations

from dataclasses import dataclass

from dateline.audit.sheet import SheetError
from dateline.confidence import SHOWN_BY_DEFAULT

_ANSWERS = {True: "yes", False: "no"}  # YAML 1.1 reads a bare yes/no as a boolean


@dataclass(frozen=True, slots=True)
class Judgement:
    entry: int
    real_event: bool
    date_right: bool  # False for a row that is not a real event: it has no right date
    participant: str  # "yes", "no" or "na"
    confidence: str | None

    @property
    def fully_right(self) -> bool:
        return self.real_event and self.date_right and self.participant != "no"


@dataclass(frozen=True, slots=True)
class Totals:
    judged: int
    real_events: int
    date_right: int
    participant_named: int  # real events whose sentence names a participant (judged yes or no)
    participant_right: int
    fully_right: int


def judgements(entries: list[dict], partial: bool = False) -> tuple[list[Judgement], int]:
    """The judged entries and how many were left unjudged. SheetError on a value that is not an
    answer, and on any unjudged entry unless `partial`."""
    judged, unjudged = [], []
    for position, entry in enumerate(entries, 1):
        number = entry.get("entry", position)
        judgement = _judgement(number, entry)
        if judgement is None:
            unjudged.append(number)
        else:
            judged.append(judgement)
    if unjudged and not partial:
        raise SheetError(f"{len(unjudged)} of {len(entries)} entries are not judged (first: entry {unjudged[0]}); "
                         "judge them or pass --partial")
    return judged, len(unjudged)


def _judgement(number: int, entry: dict) -> Judgement | None:
    real = _answer(number, entry, "real_event", ("yes", "no"))
    date = _answer(number, entry, "date_right", ("yes", "no", "na"))
    participant = _answer(number, entry, "participant_right", ("yes", "no", "na"))
    if real is None:
        return None
    if real == "no":
        if date not in (None, "na") or participant not in (None, "na"):
            raise SheetError(f"entry {number}: not a real event, so date_right and participant_right must be na")
        date, participant = "no", "na"
    elif date is None or participant is None:
        return None
    elif date == "na":
        raise SheetError(f"entry {number}: date_right is na, but only a row that is not a real event has no date")
    confidence = entry.get("confidence")
    return Judgement(number, real == "yes", date == "yes", participant,
                     None if confidence is None else str(confidence).strip().lower())


def _answer(number: int, entry: dict, field: str, allowed: tuple[str, ...]) -> str | None:
    value = entry.get(field)
    if value is None or value == "":
        return None
    answer = _ANSWERS[value] if isinstance(value, bool) else str(value).strip().lower()
    if answer not in allowed:
        raise SheetError(f"entry {number}: {field} must be {' or '.join(allowed)}, not {value!r}")
    return answer


def totals(judged: list[Judgement]) -> Totals:
    real = [j for j in judged if j.real_event]
    named = [j for j in real if j.participant != "na"]
    return Totals(
        judged=len(judged),
        real_events=len(real),
        date_right=sum(j.date_right for j in real),
        participant_named=len(named),
        participant_right=sum(j.participant == "yes" for j in named),
        fully_right=sum(j.fully_right for j in judged),
    )


def shown_by_default(judged: list[Judgement]) -> list[Judgement] | None:
    """The rows a reader sees by default (confidence high or medium); None when the sheet's rows carry
    no confidence at all."""
    if all(j.confidence is None for j in judged):
        return None
    return [j for j in judged if j.confidence in SHOWN_BY_DEFAULT]


def format_totals(figures: Totals) -> list[str]:
    return [
        f"rows judged        {figures.judged}",
        _share_line("real events", figures.real_events, figures.judged, "of rows"),
        _share_line("date right", figures.date_right, figures.real_events, "of real events"),
        _share_line("participant right", figures.participant_right, figures.participant_named,
                    "of real events whose sentence names a participant"),
        _share_line("fully right", figures.fully_right, figures.judged,
                    "of rows: real event, right date, participant right or na"),
    ]


def _share_line(label: str, count: int, total: int, of_what: str) -> str:
    share = f"{100 * count / total:5.1f}%" if total else "    -"
    return f"{label:<18} {share}  {count}/{total} {of_what}"


def score_report(entries: list[dict], partial: bool = False) -> str:
    """The printed totals of a sheet: all judged rows, then the rows shown by default."""
    judged, unjudged = judgements(entries, partial)
    lines = ["all rows" + (f" (left out, not judged: {unjudged} of {unjudged + len(judged)})" if unjudged else "")]
    lines += [f"  {line}" for line in format_totals(totals(judged))]
    shown = shown_by_default(judged)
    if shown is None:
        lines.append("shown by default: the rows carry no confidence, so every row is shown (figures as above)")
    else:
        lines.append(f"shown by default (confidence {' or '.join(SHOWN_BY_DEFAULT)})")
        lines += [f"  {line}" for line in format_totals(totals(shown))]
    return "\n".join(lines)
