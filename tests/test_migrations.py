"""Alembic: every migration from empty to head, down to empty and up again, and the
migrated schema matches the models (on the suite's database: SQLite or PostgreSQL)."""

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from elearn import create_app, db, migrations
from elearn.db import Base
from elearn.plugins import get_host
from elearn.search import SEARCH_INDEX
from elearn.testing import ON_POSTGRES, TEST_DATABASE_URL, reset_postgres

PLUGIN_LINEAGES = set(
    get_host(create_app({"ENV": "testing", "DATABASE_URL": "sqlite://"})).migrations
)


def fresh_app(tmp_path):
    if ON_POSTGRES:
        reset_postgres(TEST_DATABASE_URL)
        url = TEST_DATABASE_URL
    else:
        url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    return create_app({"ENV": "testing", "DATABASE_URL": url})


def plugin_owned(name: str) -> bool:
    """Plugins' tables and version tables belong to their own lineages."""
    return name.startswith("alembic_version_") or name.split("_")[0] in PLUGIN_LINEAGES


def not_search_index(obj, name, type_, reflected, compare_to):
    if type_ == "index" and (name or "").startswith("ix_search_"):
        return False  # PostgreSQL's expression index for the word search is not a model's
    return not (type_ == "table" and (name.startswith(SEARCH_INDEX) or plugin_owned(name)))


def schema_differences(app):
    with db.get_db(app).engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": not_search_index}
        )
        return compare_metadata(context, Base.metadata)


def table_names(app):
    """Model tables (SQLite's FTS5 search index and its shadow tables are not models)."""
    names = set(sa.inspect(db.get_db(app).engine).get_table_names()) - {"alembic_version"}
    return {n for n in names if not n.startswith(SEARCH_INDEX) and not plugin_owned(n)}


@pytest.mark.slow
def test_every_migration_runs_up_down_and_up_again(tmp_path, template_database):
    app = fresh_app(tmp_path)
    try:
        revisions = [
            script.revision
            for script in reversed(
                list(ScriptDirectory.from_config(migrations.alembic_config()).walk_revisions())
            )
        ]
        for revision in revisions:  # one step at a time, so each step is exercised
            migrations.upgrade(app, revision)
            assert migrations.current_revision(app) == revision
        assert table_names(app) == set(Base.metadata.tables)
        migrations.downgrade(app, "base")
        assert table_names(app) == set()
        migrations.upgrade(app)
        assert migrations.current_revision(app) == revisions[-1]
        assert schema_differences(app) == []
    finally:
        db.get_db(app).engine.dispose()
        if ON_POSTGRES:  # leave the shared database as the other tests expect it
            reset_postgres(TEST_DATABASE_URL)
            restored = create_app({"ENV": "testing", "DATABASE_URL": TEST_DATABASE_URL})
            migrations.upgrade(restored)
            db.get_db(restored).engine.dispose()


def test_the_migrated_test_database_matches_the_models(app):
    assert schema_differences(app) == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys(app):
    if ON_POSTGRES:
        return
    with db.get_db(app).engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
