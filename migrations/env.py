"""Alembic environment of the core lineage.

Run through ``elearn db upgrade`` (which passes the app's engine), or with plain
``alembic`` and ``ELEARN_DATABASE_URL``. SQLite uses batch mode so ALTERs work.
Tables that are not core models (plugins' own lineages) are never touched here.
"""

from __future__ import annotations

import os

from alembic import context

from elearn import models  # noqa: F401  (registers every table)
from elearn.db import Base, make_engine

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to):
    if type_ == "table" and reflected and compare_to is None:
        return name in target_metadata.tables
    return True


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
        compare_type=True,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url") or os.environ["ELEARN_DATABASE_URL"]
    engine = make_engine(url)
    with engine.connect() as connection:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported: run `elearn db upgrade`")
run_migrations_online()
