"""Entities: the people, organisations, places and products an article names, every mention tied to
its entity within the article, and one id per entity across articles.

Modules, one job each: names (where names are written), kinds (what each is), links (which mentions
stand for the same entity), ids (the id across articles), article (all of it for one article),
table (the entities dataset), scoring (against a hand-annotated gold set).
"""
from dateline.entities.article import ArticleEntities, Entity, NameMention

__all__ = ["ArticleEntities", "Entity", "NameMention"]
