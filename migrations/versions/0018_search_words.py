"""The catalogue's vocabulary, against which a misspelt search word is matched, and on
PostgreSQL a GIN index for the word search (``elearn/search.py``).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 03:10:00
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

WORD = re.compile(r"\w+", re.UNICODE)
SEARCH_INDEX = (  # the expression elearn.search.where_matches searches
    "CREATE INDEX ix_search_course_versions ON course_versions USING gin "
    "(to_tsvector('simple'::regconfig, title || ' ' || search_text))"
)


def _words(*texts: str) -> set[str]:
    return {
        word
        for text in texts
        for word in (w.lower() for w in WORD.findall(text or ""))
        if 3 <= len(word) <= 40 and not word.isdigit()
    }


def upgrade() -> None:
    table = op.create_table(
        "search_words",
        sa.Column("word", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("word", name="pk_search_words"),
    )
    connection = op.get_bind()
    words: set[str] = set()
    for title, text in connection.execute(
        sa.text("SELECT title, search_text FROM course_versions")
    ):
        words |= _words(title, text)
    if words:
        op.bulk_insert(table, [{"word": word} for word in sorted(words)])
    if connection.dialect.name == "postgresql":
        op.execute(SEARCH_INDEX)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_search_course_versions")
    op.drop_table("search_words")
