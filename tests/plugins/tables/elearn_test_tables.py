"""A plugin with a table of its own, created by its own Alembic lineage."""

from pathlib import Path

from elearn.plugin_api import hookimpl

ELEARN_API_VERSION = "1.1"


@hookimpl
def register_migrations():
    return str(Path(__file__).parent / "tables_migrations")
