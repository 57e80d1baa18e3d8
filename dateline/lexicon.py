"""The temporal vocabulary (vocabulary/temporal.yaml) compiled once into lookup tables and regex macros."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .vocabulary_files import VOCABULARY_DIR, load_vocabulary


def alternation(forms) -> str:
    r"""A regex alternation of literal forms that prefers the longest form matching at a position, as
    "|".join of the forms longest first would, written as a tree of their shared prefixes: "may",
    "march", "mar." become (?:ma(?:y|r(?:ch|\.))). The regex engine then tries a few letters at each
    position instead of every form (a space in a form matches any run of whitespace)."""
    tree: dict = {}
    for form in forms:
        node = tree
        for token in _tokens(form):
            node = node.setdefault(token, {})
        node[""] = {}  # a form ends here
    return "(?:" + _subtree(tree) + ")"


def _tokens(form: str) -> list[str]:
    r"""The regex pieces of a literal form: each character escaped, a run of spaces as \s+."""
    return [r"\s+" if part.isspace() else re.escape(part) for part in re.findall(r"\s+|\S", form)]


def _subtree(node: dict) -> str:
    """The branches below a node: longer continuations first, the form ending here last (optional)."""
    branches = [token + _subtree(child) for token, child in node.items() if token]
    ends_here = "" in node
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body


@dataclass(frozen=True)
class Lexicon:
    month_by_form: dict[str, int]
    latent_months: frozenset[str]
    weekday_by_form: dict[str, int]
    season_by_form: dict[str, str]
    season_months: dict[str, tuple[int, int]]
    ambiguous_seasons: frozenset[str]
    part_of_day_by_form: dict[str, str]
    unit_by_form: dict[str, str]
    unit_codes: dict[str, str]
    time_units: frozenset[str]
    number_by_word: dict[str, object]
    ordinals: dict[str, int]
    relative_offset: dict[str, int]
    modifiers: dict[str, str]
    part_of_period: dict[str, str]
    references: dict[str, str]
    deictic_days: dict[str, int]
    tonight_forms: tuple[str, ...]
    generic_after_today: frozenset[str]
    generic_before_today: frozenset[str]
    frequencies: dict[str, tuple[str, str | None]]
    holiday_by_form: dict[str, str]
    holidays: dict[str, dict]
    holidays_need_capitals: frozenset[str]
    future_markers: frozenset[str]
    future_signals: tuple[str, ...]
    deadline_words: tuple[str, ...]
    past_markers: frozenset[str]
    present_markers: frozenset[str]
    schedule_verbs: frozenset[str]
    schedule_verbs_base: frozenset[str]
    infinitive_ahead: frozenset[str]
    intent_before_infinitive: frozenset[str]
    arrangement_verbs: frozenset[str]
    perfect_auxiliaries: frozenset[str]
    irregular_past: frozenset[str]
    not_past_ed: frozenset[str]

    def month(self, form: str) -> int:
        """A month's number from its name or abbreviation, or from its number as written ("11/30")."""
        return int(form) if form.isdigit() else self.month_by_form[normal(form)]

    def weekday(self, form: str) -> int:
        return self.weekday_by_form[normal(form)]

    def unit(self, form: str) -> str:
        return self.unit_by_form[normal(form)]

    def number(self, form: str):
        """A number word or numeral: int, float, or "X" for an unspecified count."""
        form = normal(form)
        if form in self.number_by_word:
            return self.number_by_word[form]
        digits = form.replace(",", "")
        if digits.isdigit():
            return int(digits)
        if re.fullmatch(r"\d+\.\d+", digits):  # "1.5 hours"
            return float(digits)
        parts = re.split(r"[\s-]+", form)  # "twenty four", "twenty-four"
        if len(parts) == 2 and all(p in self.number_by_word for p in parts):
            tens, ones = self.number_by_word[parts[0]], self.number_by_word[parts[1]]
            if isinstance(tens, int) and isinstance(ones, int) and tens >= 20 and ones < 10:
                return tens + ones
        raise KeyError(form)


def normal(form: str) -> str:
    """Lower case, inner whitespace collapsed, a trailing abbreviation dot dropped."""
    return " ".join(form.lower().split()).rstrip(".")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_vocabulary(VOCABULARY_DIR / "temporal.yaml")

    def by_form(table):
        return {form: key for key, forms in table.items() for form in forms}

    units = {}
    for unit, forms in data["units"].items():
        for form in forms:
            units[form] = unit
    return Lexicon(
        month_by_form=by_form(data["months"]),
        latent_months=frozenset(data["latent_months"]),
        weekday_by_form=by_form(data["weekdays"]),
        season_by_form=by_form(data["seasons"]),
        season_months={k: tuple(v) for k, v in data["season_months"].items()},
        ambiguous_seasons=frozenset(data["ambiguous_seasons"]),
        part_of_day_by_form=by_form(data["parts_of_day"]),
        unit_by_form=units,
        unit_codes=data["unit_codes"],
        time_units=frozenset(data["time_units"]),
        number_by_word={str(k): v for k, v in data["numbers"].items()},
        ordinals={str(k): v for k, v in data["ordinals"].items()},
        relative_offset=data["relative_words"],
        modifiers=data["modifiers"],
        part_of_period=data["part_of_period"],
        references=data["references"],
        deictic_days={str(k): v for k, v in data["deictic_days"].items()},
        tonight_forms=tuple(data["tonight"]),
        generic_after_today=frozenset(data["generic_after_today"]),
        generic_before_today=frozenset(data["generic_before_today"]),
        frequencies={k: tuple(v) for k, v in data["frequencies"].items()},
        holiday_by_form={form: name for name, rule in data["holidays"].items() for form in rule["forms"]},
        holidays=data["holidays"],
        holidays_need_capitals=frozenset(data["holidays_need_capitals"]),
        future_markers=frozenset(data["future_markers"]),
        future_signals=tuple(data["future_signals"]),
        deadline_words=tuple(data["deadline_words"]),
        past_markers=frozenset(data["past_markers"]),
        present_markers=frozenset(data["present_markers"]),
        schedule_verbs=frozenset(data["schedule_verbs"]),
        schedule_verbs_base=frozenset(data["schedule_verbs_base"]),
        infinitive_ahead=frozenset(data["schedule_verbs_base"] + data["infinitive_ahead"]),
        intent_before_infinitive=frozenset(data["intent_before_infinitive"]),
        arrangement_verbs=frozenset(data["arrangement_verbs"]),
        perfect_auxiliaries=frozenset(data["perfect_auxiliaries"]),
        irregular_past=frozenset(data["irregular_past"]),
        not_past_ed=frozenset(data["not_past_ed"]),
    )
