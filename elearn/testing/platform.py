"""What a plugin's tests may read of the platform they run in, without reaching into the
core's modules: the plugin host, a plugin's own tables, the database, the learners'
attempts and the sample courses. Each takes the app (the ``app`` fixture)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask

from elearn import db
from elearn.migrations import plugins as lineages
from elearn.plugins import PluginHost, get_host


def plugin_host(app: Flask) -> PluginHost:
    """The app's plugin host: ``records[name]`` (``active``, ``status``, ``reason``),
    the registered ``course_types`` and ``question_types``, and each plugin's
    ``migrations`` folder."""
    return get_host(app)


def run_sql(app: Flask, statement: str, **params: Any) -> list[sa.Row]:
    """The rows of one SQL statement on the app's database (committed if it writes)."""
    with app.app_context():
        session = db.session()
        result = session.execute(sa.text(statement), params)
        rows = result.all() if result.returns_rows else []
        session.commit()
        return rows


def table_names(app: Flask) -> set[str]:
    """The tables in the app's database now."""
    return set(sa.inspect(db.get_db(app).engine).get_table_names())


@dataclass
class PluginTables:
    """A plugin's own Alembic lineage on the app's database (its version table is
    ``alembic_version_<name>``)."""

    app: Flask
    name: str

    @property
    def versions(self) -> Path:
        return get_host(self.app).migrations[self.name]

    @property
    def _engine(self) -> sa.Engine:
        return db.get_db(self.app).engine

    def downgrade(self, revision: str = "base") -> None:
        lineages.downgrade(self._engine, self.name, self.versions, revision)

    def upgrade(self) -> None:
        lineages.upgrade(self._engine, self.name, self.versions)

    def is_current(self) -> bool:
        return lineages.is_current(self._engine, self.name, self.versions)


def attempts(app: Flask) -> list[Any]:
    """Every quiz attempt, oldest first, as read now (``responses``, ``passed``,
    ``pending``, ``percent``, ...)."""
    from elearn.models import Attempt

    with app.app_context():
        return list(db.session().scalars(sa.select(Attempt).order_by(Attempt.id)))


def teach(app: Flask, course_key: str, user: Any) -> None:
    """Make ``user`` (from ``make_user``) a trainer of the course ``course_key``."""
    from elearn.models import Course, CourseTrainer

    with app.app_context():
        session = db.session()
        course = session.scalar(sa.select(Course).where(Course.key == course_key))
        session.add(CourseTrainer(course_id=course.id, user_id=user.id))
        session.commit()


def load_demo_courses(app: Flask) -> list[str]:
    """Import the sample courses, as ``elearn run`` does on an empty database; a line
    per course says what happened."""
    from elearn.demo import load_sample_courses

    with app.app_context():
        return load_sample_courses(app, db.session())
