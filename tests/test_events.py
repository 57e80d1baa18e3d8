"""Events: trigger finding, linking time expressions to the events they date, sentence spans."""
from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
import yaml

from dateline.enrich import enrich_events
from dateline.events import extract_events, find_triggers, vague_reference_links
from dateline.model import TemporalExpression
from dateline.sentences import clause_spans, sentence_spans
from dateline.tagger import tag

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed"


def expression(text: str, phrase: str, value: str, earliest: date | None = None, latest: date | None = None,
               granularity: str | None = "day", type_: str = "DATE", occurrence: int = 1) -> TemporalExpression:
    """A resolved expression for `phrase` in `text`, written by hand for a linking test."""
    start = -1
    for _ in range(occurrence):
        start = text.index(phrase, start + 1)
    return TemporalExpression(
        start=start, end=start + len(phrase), text=phrase, type=type_, value=value,
        earliest=earliest, latest=latest if latest else earliest, granularity=granularity,
        anchor="publication_date", direction="past", direction_source="explicit_word", rule="hand/written",
    )


def day(iso: str) -> date:
    return date.fromisoformat(iso)


def year(text: str, phrase: str) -> TemporalExpression:
    """The year `phrase` ("1994") in `text`, resolved to that year."""
    return expression(text, phrase, phrase, day(f"{phrase}-01-01"), day(f"{phrase}-12-31"), "year")


def dated(events) -> dict[str, tuple]:
    """The events tied to their time by a grammatical rule (the sentence-level links aside)."""
    return {e.trigger: (tuple(t.text for t in e.times), e.relation, e.earliest, e.latest) for e in events
            if not e.link_rule.startswith("nearest_in_")}


# --- the seed article, with the real tagger ------------------------------------------------------

@pytest.fixture(scope="module")
def seed_events():
    if not (SEED / "north-korea-workers-kursk.txt").is_file():
        pytest.skip(f"the shared seed is absent (looked in {SEED})")
    text = (SEED / "north-korea-workers-kursk.txt").read_text(encoding="utf-8")
    expected = yaml.safe_load((SEED / "north-korea-workers-kursk.expected-events.yaml").read_text(encoding="utf-8"))
    published = expected["published"]
    return extract_events(text, tag(text, published)), expected["events"]


def test_seed_events_have_the_expected_trigger_and_interval(seed_events):
    events, expected = seed_events
    found = {(e.trigger, e.earliest, e.latest) for e in events}
    missing = [x for x in expected if (x["trigger"], x["earliest"], x["latest"]) not in found]
    assert len(expected) - len(missing) >= 11, f"missing {missing}"


def test_seed_relations_and_the_two_season_event(seed_events):
    events, _ = seed_events
    by_trigger = {(e.trigger, e.earliest): e for e in events}
    assert by_trigger[("visit", day("2025-03-01"))].relation == "since"
    assert by_trigger[("was", day("2024-01-01"))].relation == "until"
    fought = by_trigger[("fought", day("2024-12-01"))]
    assert [t.text for t in fought.times] == ["this past winter", "spring"]
    assert (fought.latest, fought.granularity, fought.relation) == (day("2025-05-31"), "season", "during")
    met = by_trigger[("met", day("2025-06-17"))]
    assert met.link_rule == "nearest_before_in_clause"


def test_seed_durations_sets_and_now_date_nothing(seed_events):
    events, _ = seed_events
    times = [t for e in events for t in e.times]
    assert times and all(t.type in ("DATE", "TIME") and not t.value.endswith("_REF") for t in times)
    assert not any(e.trigger == "agreed" for e in events)


# --- linking rules on hand-written sentences ----------------------------------------------------

def test_reporting_verb_before_a_bare_weekday():
    text = "The minister said Monday that the border would reopen."
    events = extract_events(text, [expression(text, "Monday", "2024-03-11", day("2024-03-11"))])
    assert dated(events) == {"said": (("Monday",), "on", day("2024-03-11"), day("2024-03-11"))}
    assert events[0].sentence == text and events[0].link_rule == "nearest_before_in_clause"


def test_time_phrase_opening_the_sentence_dates_the_verb_after_it():
    text = "On Friday, the company announced a merger with its rival."
    events = extract_events(text, [expression(text, "Friday", "2024-03-08", day("2024-03-08"))])
    assert list(dated(events)) == ["announced"]


def test_signal_words_give_the_relation():
    text = "The bank has lent money to farmers since 2019. She was mayor until 2020. Rates fell after May."
    events = extract_events(text, [
        year(text, "2019"), year(text, "2020"),
        expression(text, "May", "2019-05", day("2019-05-01"), day("2019-05-31"), "month"),
    ])
    relations = {e.trigger: e.relation for e in events}
    assert relations == {"lent": "since", "was": "until", "fell": "after"}


def test_a_deadline_and_a_time_premodifying_a_noun():
    text = "The sale is to be completed by Dec. 15. Gaps remain before next week's talks. It reported third-quarter net income."
    events = extract_events(text, [
        expression(text, "Dec. 15", "1989-12-15", day("1989-12-15")),
        expression(text, "next week", "1989-W46", day("1989-11-13"), day("1989-11-19"), "week"),
        expression(text, "third-quarter", "1989-Q3", day("1989-07-01"), day("1989-09-30"), "quarter"),
    ])
    relations = {e.trigger: (e.relation, e.link_rule) for e in events}
    assert relations["completed"] == ("until", "nearest_before_in_clause")
    assert relations["talks"] == ("on", "time_modifies_noun")
    assert relations["income"] == ("on", "time_modifies_noun")


def test_two_coordinated_seasons_make_one_event_spanning_both():
    text = "Rebels held the town this past summer and autumn before retreating."
    events = extract_events(text, [
        expression(text, "this past summer", "2023-SU", day("2023-06-01"), day("2023-08-31"), "season"),
        expression(text, "autumn", "2023-FA", day("2023-09-01"), day("2023-11-30"), "season"),
    ])
    assert dated(events) == {"held": (("this past summer", "autumn"), "during", day("2023-06-01"), day("2023-11-30"))}


def test_separate_expressions_do_not_widen_one_event():
    text = "The commissioners will meet Friday to approve a reduced timetable for the spring."
    events = extract_events(text, [
        expression(text, "Friday", "2025-03-07", day("2025-03-07")),
        expression(text, "the spring", "2025-SP", day("2025-03-01"), day("2025-05-31"), "season"),
    ])
    assert dated(events)["meet"] == (("Friday",), "on", day("2025-03-07"), day("2025-03-07"))


def test_a_when_clause_after_the_time_is_dated_by_it():
    text = "Prices have climbed since last year, when traders panicked over supplies."
    events = extract_events(text, [expression(text, "last year", "2023", day("2023-01-01"), day("2023-12-31"), "year")])
    assert {e.trigger: e.relation for e in events} == {"climbed": "since", "panicked": "on"}


def test_participle_modifier_and_until_with_a_verb():
    text = ("The budget approved by the council on Monday would raise taxes. "
            "Strikers marched for weeks until closing the plant in June.")
    events = extract_events(text, [
        expression(text, "Monday", "2024-03-11", day("2024-03-11")),
        expression(text, "weeks", "PXW", None, None, None, "DURATION"),
        expression(text, "June", "2023-06", day("2023-06-01"), day("2023-06-30"), "month"),
    ])
    assert {e.trigger: e.relation for e in events if not e.link_rule.startswith("nearest_in_")} == {
        "approved": "on", "closing": "on"}
    assert "raise" not in {e.trigger for e in events}  # "would raise": no fact of Monday


def test_a_copula_with_no_other_verb_is_the_event():
    text = "There were also dancers in Vienna on Sunday, Ms. Huber said."
    events = extract_events(text, [expression(text, "Sunday", "2024-03-10", day("2024-03-10"))])
    assert list(dated(events)) == ["were"]
    [enriched] = [e for e in enrich_events(text, events, day("2024-03-10")) if e.trigger == "were"]  # dateline.enrich
    assert (enriched.where, enriched.who) == (("Vienna",), ("dancers",))  # Ms. Huber is the source


def test_a_possessive_time_dates_the_event_noun_after_it():
    text = "Officials counted the ballots after Sunday's vote in the north."
    events = extract_events(text, [expression(text, "Sunday", "2024-03-10", day("2024-03-10"))])
    assert list(dated(events)) == ["vote"]


def test_the_time_does_not_reach_past_a_clause_break():
    text = "The court ruled on Monday; the defendant appealed. He said Tuesday, as the crowd cheered."
    events = extract_events(text, [
        expression(text, "Monday", "2024-03-11", day("2024-03-11")),
        expression(text, "Tuesday", "2024-03-12", day("2024-03-12")),
    ])
    assert sorted(dated(events)) == ["ruled", "said"]


def test_durations_sets_and_vague_references_date_nothing():
    text = "He has worked there for three years, earns $800 a month and is busy now."
    events = extract_events(text, [
        expression(text, "three years", "P3Y", None, None, None, "DURATION"),
        expression(text, "a month", "P1M", None, None, None, "SET"),
        expression(text, "now", "PRESENT_REF", day("2024-03-14"), day("2024-03-14"), None),
    ])
    assert events == []


def test_other_events_of_a_dated_sentence_take_its_nearest_time_with_a_weaker_rule():
    text = "Troops crossed the river on Monday and shelled the town, while aid convoys waited in the hills."
    events = extract_events(text, [expression(text, "Monday", "2024-03-11", day("2024-03-11"))])
    rules = {e.trigger: (e.link_rule, e.earliest) for e in events}
    assert rules["crossed"] == ("nearest_before_in_clause", day("2024-03-11"))
    assert rules["shelled"][0] == "verb_coordinated_after_time"
    assert rules["waited"] == ("nearest_in_sentence", day("2024-03-11"))
    undated = extract_events("Convoys waited in the hills.", [])
    assert undated == []


def test_an_infinitive_is_dated_only_by_a_time_in_its_own_clause_or_right_before_it():
    text = "Mr. Kim had agreed to send engineers."
    triggers = [(t.text, t.kind) for t in find_triggers(text, 0, len(text))]
    assert triggers == [("agreed", "verb"), ("send", "infinitive")]
    dated_text = ("The offer was due to expire Friday. Officials met on Monday to discuss the offer. "
                  "On Monday, the board planned to sell the unit.")
    events = extract_events(dated_text, [
        expression(dated_text, "Friday", "2024-03-15", day("2024-03-15")),
        expression(dated_text, "Monday", "2024-03-11", day("2024-03-11")),
        expression(dated_text, "Monday", "2024-03-11", day("2024-03-11"), occurrence=2),
    ])
    rules = {e.trigger: e.link_rule for e in events}
    assert {"expire", "met"} <= set(rules)
    assert rules["discuss"] == "infinitive_after_time"  # met on Monday to discuss it: the purpose, that day
    assert "sell" not in rules  # planned to sell: not said when


def test_a_modal_verb_is_dated_only_by_a_time_after_it_in_its_own_clause():
    text = "Saddam said he will begin withdrawing troops on Friday. The plan approved on Tuesday would deepen ties."
    events = extract_events(text, [
        expression(text, "Friday", "1990-08-17", day("1990-08-17")),
        expression(text, "Tuesday", "1990-08-14", day("1990-08-14")),
    ])
    rules = {e.trigger: (e.link_rule, e.earliest) for e in events}
    assert rules["begin"] == ("time_after_in_clause", day("1990-08-17"))
    assert "deepen" not in rules  # the time belongs to the subject ("approved on Tuesday"), not to the plan


def test_a_when_clause_before_the_time_does_not_cut_the_main_verb_off():
    text = "Her mother perished when their boat sank off Florida in late November."
    events = extract_events(text, [expression(text, "late November", "1999-11", day("1999-11-21"), day("1999-11-30"), "month")])
    rules = {e.trigger: e.link_rule for e in events}
    assert rules == {"sank": "nearest_before_in_clause", "perished": "nearest_in_sentence"}


def test_state_adjectives_relatives_short_past_forms_and_present_verbs_are_triggers():
    text = "The notes are due Nov. 1. The bombing that killed him. He died Friday. We extend thanks; it now holds 5%."
    kinds = {t.text: t.kind for t in find_triggers(text, 0, len(text))}
    assert kinds["due"] == "state" and kinds["killed"] == "verb" and kinds["died"] == "verb"
    assert kinds["extend"] == "verb" and kinds["holds"] == "verb"
    also = "There were also sculptors in the delegation."
    assert [t.text for t in find_triggers(also, 0, len(also))] == ["were"]


def test_vague_references_tie_to_a_trigger_but_make_no_event():
    text = "He was minister until 2020 and now serves as adviser. In the past, Russia claimed the region."
    now = expression(text, "now", "PRESENT_REF", day("2024-03-14"))
    past = dataclasses.replace(expression(text, "the past", "PAST_REF"), earliest=None, latest=day("2024-03-14"))
    links = {(link.trigger.text, link.expression.text, link.rule) for link in vague_reference_links(text, [now, past])}
    assert links == {("serves", "now", "adverb_before_verb"), ("claimed", "the past", "nearest_after_in_clause")}
    assert extract_events(text, [now, past]) == []


def test_a_following_sentence_telling_the_past_goes_on_in_the_story_time():
    text = ("Shoigu met Kim in Pyongyang on Tuesday. It was his third visit since March. "
            "Afterward, he told reporters that Kim had agreed to send workers. The sappers, he said, will work there. "
            "Their labor violates sanctions.")
    events = extract_events(text, [
        expression(text, "Tuesday", "2025-06-17", day("2025-06-17")),
        expression(text, "March", "2025-03", day("2025-03-01"), day("2025-03-31"), "month"),
    ])
    carried = {e.trigger: e.earliest for e in events if e.link_rule == "carried_from_previous_sentence"}
    assert carried == {"told": day("2025-06-17"), "said": day("2025-06-17")}  # not "since March"
    assert not {"agreed", "send", "work", "sanctions"} & {e.trigger for e in events}


def test_the_story_time_holds_until_the_text_names_another():
    text = ("Shoigu met Kim on Tuesday. They toured a plant. They ate lunch. They saw a parade. They signed a pact. "
            "Shoigu left the city. Workers arrived when the talks ended in May. Officials cheered.")
    events = extract_events(text, [expression(text, "Tuesday", "2025-06-17", day("2025-06-17")),
                                   expression(text, "May", "2025-05", day("2025-05-01"), day("2025-05-31"), "month")])
    carried = {e.trigger: e.earliest for e in events if e.link_rule == "carried_from_previous_sentence"}
    assert carried["left"] == day("2025-06-17")  # five sentences on, still Tuesday
    assert "cheered" not in carried  # May dates only a "when" clause: the story's time is unknown after it


def test_the_story_time_reaches_present_perfect_and_progressive_verbs_of_a_narrating_sentence():
    text = ("Rebels attacked the town on Friday. Dozens of people were still missing, and officials said the army "
            "has sent troops. We extend our sympathies, the mayor said, and the town will rebuild once the area is "
            "demined. Aid groups had warned of an attack, he said, and convoys were due to be sent. It is calm.")
    events = extract_events(text, [expression(text, "Friday", "1998-08-07", day("1998-08-07"))])
    carried = [e.trigger for e in events if e.link_rule == "carried_from_previous_sentence"]
    assert carried == ["missing", "said", "sent", "extend", "said", "attack", "said", "due"]
    # not "will rebuild", "once ... is demined", "had warned", "to be sent", "is calm"; nor the copula
    # "were": the state "due" is the event
    assert not {"rebuild", "demined", "warned", "calm"} & {e.trigger for e in events}
    assert [e.trigger for e in events].count("sent") == 1
    gerund = "Troops shelled the town on Friday. The sappers, he said, will work on demining it and were busy counting."
    events = extract_events(gerund, [expression(gerund, "Friday", "1998-08-07", day("1998-08-07"))])
    carried = [e.trigger for e in events if e.link_rule == "carried_from_previous_sentence"]
    assert carried == ["said", "counting"]  # not "on demining": a gerund takes its governing verb's time; not the copula
    ahead = "Castro said he will leave tomorrow. He read from a letter, the crowd was cheering and we insist."
    events = extract_events(ahead, [dataclasses.replace(
        expression(ahead, "tomorrow", "2000-04-04", day("2000-04-04")), direction="future")])
    carried = {e.trigger for e in events if e.link_rule == "carried_from_previous_sentence"}
    assert carried == {"insist"}  # "read", "was cheering": the past is never at a time still to come


def test_a_definite_event_noun_takes_the_time_of_the_same_event_told_before():
    text = ("Leaders will attend a ceremony on March 12. Security is tight. The ceremony will take place at "
            "the library. A ceremony of some kind is planned, and the summit needs no date.")
    events = extract_events(text, [expression(text, "March 12", "1999-03-12", day("1999-03-12"))])
    ceremonies = [(e.trigger_start, e.link_rule) for e in events if e.trigger.lower() == "ceremony"]
    assert ceremonies == [(text.index("ceremony"), "nearest_before_in_clause"),
                          (text.index("ceremony", 30), "same_event_as_earlier")]  # not "A ceremony"
    assert "summit" not in {e.trigger for e in events}  # never dated before


def test_the_same_killing_told_again_in_other_words_or_as_a_possessive_takes_its_time():
    text = ("Police seek the gunman in the May 3 slaying of Judge Ana Ortiz.\n\nA reward is offered for news "
            "of her death.\n\nDetectives now link Ortiz's slaying to a gang.\n\nThe deaths of two guards are unsolved.")
    events = extract_events(text, [expression(text, "May 3", "2024-05-03", day("2024-05-03"))])
    rules = {(e.trigger, e.trigger_start): e.link_rule for e in events}
    assert rules[("death", text.index("death"))] == "same_event_as_earlier"  # a singular noun of the group
    assert rules[("slaying", text.index("slaying", 60))] == "same_event_as_earlier"  # "Ortiz's slaying"
    assert rules.get(("deaths", text.index("deaths"))) != "same_event_as_earlier"  # a plural: a series


def test_an_event_of_one_time_in_a_coordinated_run_is_dated_by_every_member():
    text = "Three doctors were shot in 1994, 1995 and 1997. The summit is on April 24 and 25, in Washington."
    events = extract_events(text, [
        year(text, "1994"), year(text, "1995"), year(text, "1997"),
        expression(text, "April 24", "1999-04-24", day("1999-04-24")),
        expression(text, "25", "1999-04-25", day("1999-04-25")),
    ])
    shot = next(e for e in events if e.trigger == "shot")
    assert [t.text for t in shot.times] == ["1994", "1995", "1997"]
    assert (shot.earliest, shot.latest) == (day("1994-01-01"), day("1997-12-31"))
    summit = next(e for e in events if e.trigger == "summit")
    assert [t.text for t in summit.times] == ["April 24", "25"]
    listed = "NATO grew, adding Greece in 1952, West Germany in 1955 and Spain in 1982. It was born in 1949, and met in 1950."
    years = [year(listed, phrase) for phrase in ("1952", "1955", "1982", "1949", "1950")]
    events = {e.trigger: [t.text for t in e.times] for e in extract_events(listed, years)}
    assert events["adding"] == ["1952", "1955", "1982"]
    assert events["born"] == ["1949"] and events["met"] == ["1950"]  # "and met in": an event between, not a list


def test_a_report_without_a_time_is_dated_by_the_day_of_the_story_s_reports():
    text = ("Officials said Tuesday that the embassy is closed. Shops were shut when protests began on Monday. "
            "The ambassador said the embassy would reopen.")  # Monday's "when" clause: the story's time unknown
    events = extract_events(text, [expression(text, "Tuesday", "1998-08-11", day("1998-08-11")),
                                   expression(text, "Monday", "1998-08-10", day("1998-08-10"))])
    said = [e for e in events if e.trigger == "said"]
    assert [(e.link_rule, e.earliest) for e in said] == [
        ("nearest_before_in_clause", day("1998-08-11")), ("report_same_day", day("1998-08-11"))]


def test_a_main_clause_after_a_subordinate_one_tells_the_story_time():
    text = ("The accord has held since World War II, the prime minister said here Friday. "
            "Orban said the occasion indicated the end of an era.")
    events = extract_events(text, [expression(text, "Friday", "1999-03-12", day("1999-03-12"))])
    carried = {e.trigger for e in events if e.link_rule == "carried_from_previous_sentence"}
    assert {"said", "indicated"} <= carried  # "since ..., the minister said Friday": the comma ends the "since"


def test_a_time_in_a_subordinate_clause_or_an_aside_is_not_carried():
    text = ("Troops fought there until expelling the enemy in April. Shoigu described the plan. "
            "He was back — he last visited June 4 — at the president's order. He thanked them.")
    events = extract_events(text, [
        expression(text, "April", "2025-04", day("2025-04-01"), day("2025-04-30"), "month"),
        expression(text, "June 4", "2025-06-04", day("2025-06-04")),
    ])
    assert not [e.trigger for e in events if e.link_rule == "carried_from_previous_sentence"]


def test_determiner_before_ed_or_ing_makes_no_verb_unless_an_event_noun():
    text = "An estimated crowd saw the building and the meeting."
    assert [t.text for t in find_triggers(text, 0, len(text))] == ["saw", "meeting"]


# --- sentences and clauses -----------------------------------------------------------------------

def test_sentence_spans_skip_abbreviations_and_initials():
    text = "Sergei K. Shoigu met Mr. Kim in the U.S. Capitol. “It must be done.” He left.\nNew line here"
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    assert sentences == ["Sergei K. Shoigu met Mr. Kim in the U.S. Capitol.", "“It must be done.”",
                         "He left.", "New line here"]


def test_clause_opener_before_a_time_phrase_is_a_signal_not_a_break():
    text = "He was minister until last year and left until expelled."
    keep = {text.index("last year")}
    clauses = [text[a:b] for a, b in clause_spans(text, 0, len(text), {"until"}, set(), keep)]
    assert clauses == ["He was minister until last year and left", "until expelled."]
    after_comma = "When the talks ended, he left Geneva, and 1,000 troops remained after the deal was signed."
    clauses = [after_comma[a:b] for a, b in clause_spans(after_comma, 0, len(after_comma), {"when", "after"}, set())]
    assert clauses == ["When the talks ended,", "he left Geneva, and 1,000 troops remained", "after the deal was signed."]
    figures = "Seven people were killed since 1993, until the fall of 2001."
    keep = {figures.index("1993"), figures.index("the fall")}
    assert clause_spans(figures, 0, len(figures), {"since", "until"}, set(), keep) == [(0, len(figures))]


def test_a_trailing_attribution_is_not_dated_by_the_statements_time():
    text = ("The minister said Monday that talks would resume. "
            "The delegation will leave for Geneva as soon as Thursday, the official said.")
    events = extract_events(text, [expression(text, "Monday", "2024-03-04", day("2024-03-04")),
                                   expression(text, "Thursday", "2024-03-07", day("2024-03-07"))])
    said = [e for e in events if e.trigger == "said"]
    assert [(e.link_rule, e.earliest) for e in said] == [
        ("nearest_before_in_clause", day("2024-03-04")), ("report_same_day", day("2024-03-04"))]


def test_a_report_with_no_time_takes_the_leads_day_and_never_a_carried_year():
    text = ("Rebels seized the town on Friday. A 1996 treaty banned such attacks in 1997. "
            "The mayor said the army had fled.")
    events = extract_events(text, [expression(text, "Friday", "2024-03-08", day("2024-03-08")),
                                   expression(text, "1997", "1997", day("1997-01-01"), day("1997-12-31"), "year")])
    [said] = [e for e in events if e.trigger == "said"]
    assert (said.link_rule, said.earliest) == ("report_lead_day", day("2024-03-08"))


def test_a_reporting_verb_before_its_complement_is_not_an_attribution():
    text = ("Officials said Monday that the vote was over. "
            "In July 1997, at a summit in Madrid, the alliance announced it would accept them.")
    events = extract_events(text, [expression(text, "Monday", "2024-03-04", day("2024-03-04")),
                                   expression(text, "July 1997", "1997-07", day("1997-07-01"), day("1997-07-31"),
                                              "month")])
    [announced] = [e for e in events if e.trigger == "announced"]
    assert announced.earliest == day("1997-07-01")


def test_a_compound_time_before_the_subject_dates_its_verb():
    text = "The maker reported third-quarter net income fell 6% to $9 million."
    events = extract_events(text, [expression(text, "third-quarter", "1989-Q3", day("1989-07-01"),
                                              day("1989-09-30"), "quarter")])
    [fell] = [e for e in events if e.trigger == "fell"]
    assert (fell.link_rule, fell.earliest) == ("time_modifies_subject", day("1989-07-01"))


def test_the_base_of_a_comparison_does_not_date_the_change():
    text = "Profit rose 19% in the third quarter from a year ago."
    events = extract_events(text, [
        expression(text, "the third quarter", "1989-Q3", day("1989-07-01"), day("1989-09-30"), "quarter"),
        expression(text, "a year ago", "1988-Q3", day("1988-07-01"), day("1988-09-30"), "quarter")])
    [rose] = [e for e in events if e.trigger == "rose"]
    assert [t.text for t in rose.times] == ["the third quarter"]
    text = "Sales fell 8% from a year ago."
    assert not extract_events(text, [expression(text, "a year ago", "1988-10", day("1988-10-01"),
                                                day("1988-10-31"), "month")])


def test_a_bare_past_verb_is_a_trigger_before_its_object_but_not_after_a_determiner():
    text = "Sales hit $600 million in 1985 and the company put itself up for sale. The hit came late."
    kinds = {t.text: t.kind for t in find_triggers(text, 0, len(text))}
    assert kinds.get("hit") == "verb" and kinds.get("put") == "verb"
    assert [t.start for t in find_triggers(text, 0, len(text)) if t.text == "hit"] == [text.index("hit")]


def test_a_manner_adverb_between_a_helper_and_its_verb():
    text = "Sony will formally take ownership of the studio later this month."
    assert "take" in [t.text for t in find_triggers(text, 0, len(text))]


def test_a_reported_statement_is_a_clause_whose_times_date_its_events_not_the_saying():
    text = ("Officials said Monday that the talks would resume. "
            "The minister said that the troops withdrew in March. Crane said that in 1988 it considered a bid.")
    events = extract_events(text, [expression(text, "Monday", "2024-03-04", day("2024-03-04")),
                                   expression(text, "March", "2024-03", day("2024-03-01"), day("2024-03-31"), "month"),
                                   expression(text, "1988", "1988", day("1988-01-01"), day("1988-12-31"), "year")])
    by_trigger = {}
    for event in events:
        by_trigger.setdefault(event.trigger, []).append((event.earliest, event.link_rule))
    assert by_trigger["withdrew"] == [(day("2024-03-01"), "nearest_before_in_clause")]
    assert by_trigger["considered"] == [(day("1988-01-01"), "nearest_after_in_clause")]
    assert [when for when, _ in by_trigger["said"]] == [day("2024-03-04")] * 3  # never March or 1988


def test_that_after_an_inverted_subject_is_a_relative_not_a_statement():
    text = "``Go on,'' said a message that was read Wednesday night to the crowd."
    clauses = [text[a:b] for a, b in clause_spans(text, 0, len(text), set(), set(), (), {"said"})]
    assert len(clauses) == 1


def test_a_plural_noun_after_now_is_a_subject_not_a_verb():
    text = "Now officials are investigating the fire. The fund now holds cash."
    kinds = {t.text: t.kind for t in find_triggers(text, 0, len(text))}
    assert "officials" not in kinds and kinds["holds"] == "verb"


def test_a_date_that_ends_a_period_does_not_date_the_periods_events():
    text = "For the quarter ended Sept. 30, Delta posted net income of $133.1 million."
    events = extract_events(text, [
        expression(text, "the quarter", "1989-Q3", day("1989-07-01"), day("1989-09-30"), "quarter"),
        expression(text, "Sept. 30", "1989-09-30", day("1989-09-30"))])
    [posted] = [e for e in events if e.trigger == "posted"]
    assert [t.text for t in posted.times] == ["the quarter"]


def test_a_time_in_a_which_clause_is_the_storys_time():
    text = "The index, which fell 1.4% on Friday, closed lower. The Nasdaq Financial Index lost about 1%."
    events = extract_events(text, [expression(text, "Friday", "1989-10-13", day("1989-10-13"))])
    [lost] = [e for e in events if e.trigger == "lost"]
    assert (lost.link_rule, lost.earliest) == ("carried_from_previous_sentence", day("1989-10-13"))


def test_a_phase_noun_is_an_event_only_as_the_phase_of_something():
    text = "At the close of business Thursday, shares fell. Friday's close was lower. The vote was close."
    closes = [t.start for t in find_triggers(text, 0, len(text)) if t.text == "close"]
    assert closes == [text.index("close"), text.index("close", 40)]  # not the adjective


def test_a_figure_restated_after_a_comma_is_not_a_clause():
    text = "The index fell 1.4%, or 6.43, on Friday, to 437.68."
    clauses = clause_spans(text, 0, len(text), set(), {"or"})
    assert len(clauses) == 1


def test_verbs_after_relatives_and_adverbs_and_bare_participles():
    text = ("The rights, which expire Nov. 21, can be exercised. Qantas will almost double its flights. "
            "Gains will be offset by a charge.")
    verbs = [t.text for t in find_triggers(text, 0, len(text)) if t.kind == "verb"]
    assert {"expire", "double", "offset"} <= set(verbs)


def test_a_vague_adverb_dates_the_verb_after_two_helpers():
    text = "The target has now been abandoned."
    [link] = vague_reference_links(text, [expression(text, "now", "PRESENT_REF", None, None, None)])
    assert (link.trigger.text, link.rule) == ("abandoned", "adverb_before_verb")


def test_the_story_goes_on_in_the_time_of_its_main_verb_not_of_a_noun():
    text = ("The government Saturday condemned the attacks in Kenya Friday. "
            "President Clerides extended his sympathy to the families.")
    events = extract_events(text, [expression(text, "Saturday", "1998-08-08", day("1998-08-08")),
                                   expression(text, "Friday", "1998-08-07", day("1998-08-07"))])
    [extended] = [e for e in events if e.trigger == "extended"]
    assert (extended.link_rule, extended.earliest) == ("carried_from_previous_sentence", day("1998-08-08"))


def test_the_infinitive_after_a_phase_verb_shares_its_time():
    text = "Today, hundreds of people began to arrive. The agency tried to help on Monday."
    events = extract_events(text, [expression(text, "Today", "1998-01-20", day("1998-01-20")),
                                   expression(text, "Monday", "1998-01-19", day("1998-01-19"))])
    rules = {e.trigger: e.link_rule for e in events}
    assert rules["arrive"] == "infinitive_after_phase_verb"
    assert rules.get("help") != "infinitive_after_phase_verb"  # trying is not a phase of helping


def test_a_price_quote_is_a_measure():
    text = ("Shares were up 2 pence yesterday. The stock was down only 25 cents. Prices went up. "
            "Acme closed at $45.50, and its rival closing up 3 cents at $12. The plant closed in May.")
    measures = [t.text for t in find_triggers(text, 0, len(text)) if t.kind == "measure"]
    assert measures == ["up", "down", "closed", "closing"]  # the plant's closing is an event


def test_take_effect_names_an_event():
    text = "The appointment takes effect Nov. 13. The effect was small."
    events = extract_events(text, [expression(text, "Nov. 13", "1989-11-13", day("1989-11-13"))])
    assert [(e.trigger, e.link_rule) for e in events if e.trigger == "effect"] == [
        ("effect", "nearest_before_in_clause")]


def test_enriching_an_event_keeps_every_field_it_does_not_set():
    """The enriched event is built field by field (faster than dataclasses.replace): a field added to Event
    must be carried over there too."""
    from dateline.enrich import _with_enrichment
    from dateline.model import Event

    event = Event(**{field.name: object() for field in dataclasses.fields(Event)})
    enrichment = {name: "set" for name in ("description", "kind", "participants", "places", "who", "agents", "where",
                                           "polarity", "modality", "factuality_rule")}
    assert _with_enrichment(event, **enrichment) == dataclasses.replace(event, **enrichment)


def test_words_passed_over_before_the_trigger_rules_are_words_no_rule_takes():
    """find_triggers skips most words without trying _trigger_kind's rules (the vocabulary's
    trigger_words and trigger_openers); on every sentence of the dev corpora that changes nothing."""
    from dateline.events import vocabulary
    from dateline.events.triggers import _WORD, _part_of_a_name_or_compound, _trigger_kind
    from dateline.timeml import read_timeml

    documents = sorted((SHARED / "corpora").glob("*/input/*.tml"))
    if not documents:
        pytest.skip(f"the shared dev corpora are absent (looked in {SHARED / 'corpora'})")
    vocab = vocabulary()
    for path in documents:
        text = read_timeml(path).text
        for start, end in sentence_spans(text):
            words = list(_WORD.finditer(text, start, end))
            lowered = [w.group().lower().replace("’", "'") for w in words]
            every_word = [(w.start(), kind) for i, w in enumerate(words)
                          if not _part_of_a_name_or_compound(text, words, i, start)
                          and (kind := _trigger_kind(i, words, lowered, vocab, text))]
            assert [(t.start, t.kind) for t in find_triggers(text, start, end, vocab)] == every_word, path.name
