"""Score the `who` of the dev documents' timeline rows against hand-written participant gold
(`dateline eval --participants`; the gold and how it was made: tests/participant_gold/README.md).

Each gold entry names a row by its document and trigger offset, and lists the acceptable names of
its main agent (`agent`, empty when the sentence names none), other names that may rightly be in
`who` (`also`) and names that must not be (`wrong`). A row is read as the pipeline makes it
(dateline.audit.dev_rows). A gold entry whose row no longer exists counts as a miss on every figure.

A gold name and a `who` name match when the words of one are all among the words of the other, in
lower case, without determiners, titles and a plural "s" ("officials" matches "a Russian official",
"Hussein" matches "King Hussein").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from dateline.audit.dev_rows import article_of, dev_documents
from dateline.engine.tagging import events_for_article
from dateline.timeml import read_timeml

_IGNORED_WORDS = frozenset("a an the one his her its their some mr mrs ms dr".split())
_TOKEN = re.compile(r"[a-z0-9]+(?:\.[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class GoldEntry:
    document: str
    start: int
    trigger: str
    agent: tuple[str, ...]
    also: tuple[str, ...]
    wrong: tuple[str, ...]


@dataclass(slots=True)
class ParticipantScores:
    """How many gold rows have `who` right, by figure, and the failures (one line each)."""

    rows: int = 0
    with_agent: int = 0
    missing: int = 0  # gold rows the pipeline no longer makes
    agent_first: int = 0  # of the rows with an agent: who[0] is it
    no_wrong: int = 0  # of all rows: no wrong name in who
    exact: int = 0  # of all rows: the agent first (if any) and every name expected
    # the agents column (who did it or said it): the agent among them, nothing but the agent, no wrong name
    agent_in_agents: int = 0  # of the rows with an agent
    agents_exact: int = 0  # of all rows: every name of `agents` an agent, and one there if the gold has one
    agents_no_wrong: int = 0  # of all rows
    failures: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"rows": self.rows, "with_agent": self.with_agent, "missing": self.missing,
                "agent_first": self.agent_first, "no_wrong": self.no_wrong, "exact": self.exact,
                "agent_in_agents": self.agent_in_agents, "agents_exact": self.agents_exact,
                "agents_no_wrong": self.agents_no_wrong}


def read_gold(folder: Path) -> list[GoldEntry]:
    """Every entry of every *.yaml file of `folder`, in file order."""
    entries = []
    for path in sorted(folder.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text("utf-8")) or []:
            entries.append(GoldEntry(
                document=str(item["document"]), start=int(item["start"]), trigger=str(item["trigger"]),
                agent=tuple(map(str, item.get("agent") or ())), also=tuple(map(str, item.get("also") or ())),
                wrong=tuple(map(str, item.get("wrong") or ()))))
    return entries


def words(name: str) -> frozenset[str]:
    """The words a name is compared by: lower case, no determiner or title, no plural "s"."""
    found = set()
    for token in _TOKEN.findall(name.lower().replace("’", "'").replace("'s", "")):
        token = token.rstrip(".")
        if token in _IGNORED_WORDS or not token:
            continue
        if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
            token = token[:-1]
        found.add(token)
    return frozenset(found)


def same_name(gold: str, written: str) -> bool:
    a, b = words(gold), words(written)
    return bool(a) and bool(b) and (a <= b or b <= a)


def _matches(names: tuple[str, ...], written: str) -> bool:
    return any(same_name(name, written) for name in names)


def rows_by_key(shared: Path, documents: set[str]) -> dict[tuple[str, int], dict]:
    """The timeline rows of the named dev documents, by (document, trigger start)."""
    rows = {}
    for name, path in dev_documents(shared):
        if name in documents:
            for row in events_for_article(article_of(name, read_timeml(path))):
                rows.setdefault((name, row["trigger_start"]), row)
    return rows


def score_participants(gold: list[GoldEntry], rows: dict[tuple[str, int], dict]) -> ParticipantScores:
    scores = ParticipantScores()
    for entry in gold:
        scores.rows += 1
        scores.with_agent += bool(entry.agent)
        label = f"{entry.document} {entry.trigger}@{entry.start}"
        row = rows.get((entry.document, entry.start))
        if row is None:
            scores.missing += 1
            scores.failures.append(f"{label}: missing row (expected {list(entry.agent)})")
            continue
        who = [str(name) for name in row["who"] or ()]
        first = bool(entry.agent) and bool(who) and _matches(entry.agent, who[0])
        wrong = [name for name in who if _matches(entry.wrong, name)]
        unexpected = [name for name in who if not _matches(entry.agent + entry.also, name)]
        exact = (first or not entry.agent) and not unexpected and not wrong
        scores.agent_first += first
        scores.no_wrong += not wrong
        scores.exact += exact
        agents = [str(name) for name in row.get("agents") or ()]
        scores.agent_in_agents += bool(entry.agent) and any(_matches(entry.agent, name) for name in agents)
        scores.agents_exact += all(_matches(entry.agent, name) for name in agents) and bool(agents) == bool(entry.agent)
        scores.agents_no_wrong += not any(_matches(entry.wrong, name) for name in agents)
        if not exact:
            problems = []
            if entry.agent and not first:
                problems.append(f"agent {list(entry.agent)} not first")
            if wrong:
                problems.append(f"wrong {wrong}")
            elif unexpected:
                problems.append(f"unexpected {unexpected}")
            scores.failures.append(f"{label}: who {who}: {'; '.join(problems)} | {_quote(row)}")
    return scores


def _quote(row: dict) -> str:
    return " ".join(str(row.get("quote", "")).split())[:160]


def format_participant_scores(scores: ParticipantScores, failures: bool = True) -> str:
    def share(part: int, whole: int) -> str:
        return f"{part / whole:.1%} ({part} of {whole})" if whole else "n/a"

    lines = [
        f"participant gold rows: {scores.rows} ({scores.with_agent} naming an agent; {scores.missing} missing)",
        f"  agent first:     {share(scores.agent_first, scores.with_agent)}",
        f"  no wrong actor:  {share(scores.no_wrong, scores.rows)}",
        f"  exactly right:   {share(scores.exact, scores.rows)}",
        "agents (who did it or said it):",
        f"  agent among them:  {share(scores.agent_in_agents, scores.with_agent)}",
        f"  no wrong actor:    {share(scores.agents_no_wrong, scores.rows)}",
        f"  only the agent:    {share(scores.agents_exact, scores.rows)}",
    ]
    if failures and scores.failures:
        lines += ["", f"failures ({len(scores.failures)}):", *(f"  {line}" for line in scores.failures)]
    return "\n".join(lines)
