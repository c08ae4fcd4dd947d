"""Plugins' own tables: each plugin may ship an Alembic lineage (a ``versions/`` folder,
named by the ``register_migrations`` hook) with its own version table,
``alembic_version_<plugin>``. The core upgrades first, then each plugin; a plugin whose
tables are behind its code waits, switched off, until ``elearn plugins upgrade``."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

ENV_FOLDER = Path(__file__).parent


def version_table(plugin: str) -> str:
    return f"alembic_version_{plugin}"


def config(plugin: str, versions: Path) -> Config:
    alembic = Config()
    alembic.set_main_option("path_separator", "os")
    alembic.set_main_option("script_location", str(ENV_FOLDER))
    alembic.set_main_option("version_locations", str(versions))
    alembic.attributes["version_table"] = version_table(plugin)
    return alembic


def code_heads(plugin: str, versions: Path) -> set[str]:
    return set(ScriptDirectory.from_config(config(plugin, versions)).get_heads())


def database_heads(connection: sa.Connection, plugin: str) -> set[str]:
    context = MigrationContext.configure(connection, opts={"version_table": version_table(plugin)})
    return set(context.get_current_heads())


def is_current(engine: sa.Engine, plugin: str, versions: Path) -> bool:
    with engine.connect() as connection:
        return database_heads(connection, plugin) == code_heads(plugin, versions)


def upgrade(engine: sa.Engine, plugin: str, versions: Path, revision: str = "heads") -> None:
    alembic = config(plugin, versions)
    with engine.begin() as connection:
        alembic.attributes["connection"] = connection
        command.upgrade(alembic, revision)


def downgrade(engine: sa.Engine, plugin: str, versions: Path, revision: str = "base") -> None:
    alembic = config(plugin, versions)
    with engine.begin() as connection:
        alembic.attributes["connection"] = connection
        command.downgrade(alembic, revision)
