"""Applying migrations: the core's Alembic lineage (``elearn.migrations.core``, kept as
``migrations/`` at the top of the source tree) and, after it, each plugin's own lineage
(:mod:`elearn.migrations.plugins`)."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config
from flask import Flask

from elearn.db import get_db

MIGRATIONS_DIR = Path(
    os.environ.get("ELEARN_MIGRATIONS_DIR") or str(files("elearn.migrations.core"))
)


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _run(app: Flask, action, *args) -> None:
    config = alembic_config()
    with get_db(app).engine.begin() as connection:
        config.attributes["connection"] = connection
        action(config, *args)


def upgrade(app: Flask, revision: str = "head") -> list[str]:
    """Upgrade the core to ``revision``; at head, then every plugin's own lineage (the
    core first, as plugins' tables may refer to it). Returns the plugins upgraded."""
    _run(app, command.upgrade, revision)
    if revision != "head":
        return []
    from elearn.plugins import get_host

    return get_host(app).upgrade_tables()


def downgrade(app: Flask, revision: str) -> None:
    _run(app, command.downgrade, revision)


def current_revision(app: Flask) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with get_db(app).engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
