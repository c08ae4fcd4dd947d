"""Alembic environment shared by every plugin's own lineage: the plugin ships only its
``versions/`` folder; the host passes the connection and the plugin's version table
(``alembic_version_<plugin>``), so plugin lineages never touch the core's."""

from __future__ import annotations

from alembic import context

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=None,
    version_table=config.attributes["version_table"],
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
