"""Word search over the catalogue: one interface, SQLite FTS5 or PostgreSQL full text.

Both back ends match every word as a prefix ("keuang" finds "keuangan"), ignore case,
and search a course's title, summary, tags, trainers, lesson titles and lesson text
(``CourseVersion.search_text``, filled at import). SQLite keeps an FTS5 index that
triggers maintain (migration 0005); PostgreSQL computes ``to_tsvector`` per row, which
is fast for a catalogue of a few thousand versions.
"""

from __future__ import annotations

import html
import re

import sqlalchemy as sa

from elearn.models import CourseVersion

WORD = re.compile(r"\w+", re.UNICODE)
TAG = re.compile(r"<[^>]+>")
SEARCH_INDEX = "course_search"  # SQLite: the FTS5 table and its shadow tables
MAX_TERMS = 8
MAX_TEXT = 200_000


def search_terms(words: str) -> list[str]:
    """The words of a query, lower-cased, without operators or punctuation."""
    return [term.lower() for term in WORD.findall(words or "")][:MAX_TERMS]


def where_matches(statement: sa.Select, words: str, dialect: str) -> sa.Select:
    """``statement`` (over ``CourseVersion``) narrowed to versions matching every word."""
    terms = search_terms(words)
    if not terms:
        return statement
    if dialect == "sqlite":
        query = " ".join(f'"{term}"*' for term in terms)
        matching = sa.text(
            "SELECT rowid FROM course_search WHERE course_search MATCH :search_query"
        ).bindparams(search_query=query)
        return statement.where(CourseVersion.id.in_(matching.columns(sa.column("rowid"))))
    config = sa.literal_column("'simple'::regconfig")
    document = sa.func.to_tsvector(config, CourseVersion.title + " " + CourseVersion.search_text)
    query = sa.func.to_tsquery(config, " & ".join(f"{term}:*" for term in terms))
    return statement.where(document.op("@@")(query))


def searchable_text(*parts: str) -> str:
    """Plain text of titles and compiled HTML, for ``CourseVersion.search_text``."""
    text = " ".join(html.unescape(TAG.sub(" ", part or "")) for part in parts)
    return " ".join(text.split())[:MAX_TEXT]
