"""The core's Alembic lineage, shipped inside the package as ``elearn.migrations.core``
(setup.cfg maps it there); :mod:`elearn.migrations` applies it."""
