"""Entity ids across articles, and the entities dataset built from per-article rows."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from dateline.entities import ArticleEntities
from dateline.entities.ids import entity_id, normalized_name
from dateline.entities.table import ENTITIES_SCHEMA, article_entities_table, build_entities, entities_problems
from dateline.events import vocabulary as event_vocabulary
from dateline.model import Article

import pyarrow as pa


def entities_of(text: str) -> ArticleEntities:
    return ArticleEntities(text, not_names=event_vocabulary().not_names)


@pytest.mark.parametrize("writings", [
    ("Acme Corp.", "Acme Corporation", "ACME", "The Acme Co."),
    ("Smith & Sons Ltd", "Smith and Sons"),
    ("Nestlé S.A.", "Nestle"),
])
def test_writings_of_one_organisation_get_one_id(writings):
    assert len({entity_id("organization", w) for w in writings}) == 1


def test_ids_keep_kinds_and_different_names_apart():
    assert entity_id("organization", "Jordan") != entity_id("place", "Jordan")
    assert entity_id("organization", "Acme") != entity_id("organization", "Acme Widgets")
    assert entity_id("person", "Sergei K. Shoigu") == entity_id("person", "Sergei Shoigu")
    assert normalized_name("IBM", "organization") != normalized_name("International Business Machines", "organization")


def test_the_same_company_in_two_articles_has_one_id_computed_from_each_alone():
    first = entities_of("Acme Corp. said on Monday that it had hired 40 engineers.")
    second = entities_of("Shares of ACME fell on Tuesday after its chief executive resigned.")
    [acme_1] = [e for e in first.entities if e.kind == "organization"]
    [acme_2] = [e for e in second.entities if e.kind == "organization"]
    assert acme_1.entity_id == acme_2.entity_id and (acme_1.name, acme_2.name) == ("Acme Corp.", "ACME")


def test_currency_letters_are_no_names():
    found = entities_of("Rio Tinto said it paid US$4 billion, HK$2 billion and C$1 billion for the mines.")
    assert {e.name for e in found.entities} == {"Rio Tinto"}


def test_the_entities_dataset_adds_up_the_articles():
    published = datetime(2025, 6, 17, tzinfo=timezone.utc)
    texts = {"a": "Acme Corp. said it would buy Beta Inc. The company said the deal was done.",
             "b": "ACME shares rose. Beta Inc. said it agreed."}
    tables = []
    for article_id, text in texts.items():
        article = Article(article_id, f"{article_id}.txt", None, text, published, date(2025, 6, 17))
        tables.append(article_entities_table(article, entities_of(text).entities))
    table = build_entities(pa.concat_tables(tables).unify_dictionaries())
    assert table.schema.equals(ENTITIES_SCHEMA)
    rows = {row["name"]: row for row in table.to_pylist()}
    assert rows["Acme Corp."]["article_ids"] == ["a", "b"] and rows["Acme Corp."]["articles"] == 2
    assert set(rows["Acme Corp."]["aliases"]) == {"Acme Corp.", "ACME"}
    assert rows["Acme Corp."]["mentions"] == 4  # "Acme Corp.", "it", "the company", "ACME"
    assert rows["Beta Inc."]["articles"] == 2
    assert not any(v for v in entities_problems(table).values())
    used = pa.chunked_array([pa.array([[rows["Beta Inc."]["entity_id"], "org_missing"]], pa.list_(pa.string()))])
    assert entities_problems(table, used)["timeline_ids_missing"] == ["org_missing"]


def test_a_persons_sex_comes_from_a_title_or_a_given_name_and_nothing_else():
    from dateline.entities.gender import FEMALE, MALE, UNKNOWN, compatible, person_gender, pronoun_gender

    assert person_gender("Diane Foster") == FEMALE and person_gender("Marco Lindqvist") == UNKNOWN
    assert person_gender("Peter Lund") == MALE
    assert person_gender("Okafor", ("mrs",)) == FEMALE and person_gender("Okafor", ("sir",)) == MALE
    assert person_gender("Foster") == UNKNOWN  # a surname alone tells nothing
    assert pronoun_gender("His") == MALE and pronoun_gender("her") == FEMALE and pronoun_gender("it") == UNKNOWN
    assert compatible(UNKNOWN, MALE) and compatible(FEMALE, UNKNOWN) and not compatible(FEMALE, MALE)
