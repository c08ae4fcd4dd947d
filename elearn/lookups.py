"""The statements of every learner's request, sent to the database driver directly.

A learner's page asks a few small questions (who is signed in; the course's newest
version with their enrolment; their quiz attempt; the dashboard's lists). Through
SQLAlchemy's execution and ORM loading each cost about as much as the rest of a
signed-in hello-world, several times the database's own work. A ``Lookup`` is such a SELECT
compiled once per database dialect and run with the driver's cursor on the session's
own connection (inside the request's transaction, as any statement of the page), its
values typed by the columns' own result processors (a ``UtcDateTime`` is aware, JSON is
decoded). When its first columns are a mapped class's, they come back as that class's
persistent object in the session, as the ORM would load it.
"""

from __future__ import annotations

import json
from collections import namedtuple
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.sql import visitors
from sqlalchemy.sql.functions import FunctionElement


def columns_of(entity: type) -> list[sa.ColumnElement]:
    """The mapped columns of ``entity``, in the order a ``Lookup`` reads them."""
    return [prop.columns[0] for prop in sa.inspect(entity).column_attrs]


class IdList(sa.types.TypeDecorator):
    """Integer ids bound as one value (PostgreSQL's INTEGER[], SQLite's JSON text), so
    that a statement reads any number of them in one compiled form: an ``IN`` with a
    placeholder per id is compiled anew for each count."""

    impl = sa.String
    cache_ok = True

    def load_dialect_impl(self, dialect: sa.Dialect) -> Any:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.ARRAY(sa.Integer))
        return dialect.type_descriptor(sa.String())

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> Any:
        ids = [int(id_) for id_ in value]
        return ids if dialect.name == "postgresql" else json.dumps(ids)


class _InIds(FunctionElement):
    inherit_cache = True  # no Boolean type: SQLite would be sent `... IN (...) = 1`
    name = "in_ids"


@compiles(_InIds)
def _in_json_ids(element: _InIds, compiler: Any, **kw: Any) -> str:
    column, ids = element.clauses
    each = f"SELECT value FROM json_each({compiler.process(ids, **kw)})"  # noqa: S608 (a bind)
    return f"{compiler.process(column, **kw)} IN ({each})"


@compiles(_InIds, "postgresql")
def _in_array_ids(element: _InIds, compiler: Any, **kw: Any) -> str:
    column, ids = element.clauses
    return f"{compiler.process(column, **kw)} = ANY ({compiler.process(ids, **kw)})"


def one_of(column: sa.ColumnElement, name: str) -> sa.ColumnElement[bool]:
    """``column`` is one of the ids given as ``name`` (a list), for a ``Lookup``."""
    return _InIds(column, sa.bindparam(name, [], type_=IdList()))


class _Compiled:
    """A lookup's statement compiled for one dialect, with its result processors."""

    def __init__(self, statement: sa.Select | sa.CompoundSelect, dialect: sa.Dialect) -> None:
        compiled = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
        self.sql = str(compiled)
        # each value bound as its type binds it (a UtcDateTime converts to UTC)
        self.binders = {
            bind.key: bind.type.dialect_impl(dialect).bind_processor(dialect)
            for bind in compiled.binds.values()
        }
        self.defaults = self._bound(compiled.construct_params())
        self.names = list(compiled.positiontup) if compiled.positional else None
        self.types = [column.type.dialect_impl(dialect) for column in statement.selected_columns]
        self.processors: list | None = None  # from the first cursor's description

    def typed(self, dialect: sa.Dialect, description: Any, row: Any) -> list[Any]:
        """The row's values as their columns' types make them (a driver's numeric type,
        which some processors need, is known from the cursor)."""
        if self.processors is None:
            self.processors = [
                kind.result_processor(dialect, column[1])
                for kind, column in zip(self.types, description, strict=True)
            ]
        return [
            process(value) if process else value
            for process, value in zip(self.processors, row, strict=True)
        ]

    def _bound(self, values: dict[str, Any]) -> dict[str, Any]:
        binders = self.binders
        return {
            name: binders[name](value) if binders.get(name) and value is not None else value
            for name, value in values.items()
        }

    def parameters(self, values: dict[str, Any]) -> Any:
        given = self._bound(values)
        if self.names is None:
            return {**self.defaults, **given}
        return [given[name] if name in given else self.defaults[name] for name in self.names]


class Lookup:
    """A SELECT: ``Lookup(statement, entity=Enrolment)`` when the statement's first
    columns are ``columns_of(Enrolment)``; ``first(session, **values)`` gives its first
    row as a tuple (the entity, or None when its key is NULL as after an outer join,
    then the other columns), or None when there is none, ``all`` every row. Without an
    entity a row's values are named (``row.year``). Each value given is a ``bindparam``
    with a placeholder value (``sa.bindparam("user_id", 0)``)."""

    def __init__(
        self, statement: sa.Select | sa.CompoundSelect, entity: type | None = None
    ) -> None:
        unset = [
            element.key
            for element in visitors.iterate(statement)
            if isinstance(element, sa.BindParameter) and element.required
        ]
        if unset:  # its literals are rendered in when it is compiled, and need them all
            raise ValueError(f"give each bindparam a placeholder value: {', '.join(unset)}")
        self.statement = statement
        # without an entity a row's values are named as the statement's columns
        self.row = namedtuple("Row", statement.selected_columns.keys(), rename=True)
        self.mapper = sa.inspect(entity) if entity is not None else None
        props = list(self.mapper.column_attrs) if self.mapper is not None else []
        self.keys = [prop.key for prop in props]
        self.width = len(props)
        columns = [prop.columns[0] for prop in props]
        self.key_at = [columns.index(c) for c in self.mapper.primary_key] if props else []
        self._compiled: dict[tuple[str, str, str], _Compiled] = {}

    def _for(self, dialect: sa.Dialect) -> _Compiled:
        kind = (dialect.name, dialect.driver, dialect.paramstyle)
        found = self._compiled.get(kind)
        if found is None:
            found = self._compiled[kind] = _Compiled(self.statement, dialect)
        return found

    def first(self, session: Session, **values: Any) -> tuple | None:
        rows = self._run(session, values, every=False)
        return rows[0] if rows else None

    def all(self, session: Session, **values: Any) -> list[tuple]:
        """Every row, as ``first`` gives one."""
        return self._run(session, values, every=True)

    def _run(self, session: Session, values: dict[str, Any], every: bool) -> list[tuple]:
        if session.autoflush:  # as the ORM does before a query: it sees what is pending
            session.flush()
        connection = session.connection()
        compiled = self._for(connection.dialect)
        parameters = compiled.parameters(values)
        cursor = connection.connection.driver_connection.cursor()
        # the engine's listeners (the tests' and the bench's statement counters) see it
        connection.dispatch.before_cursor_execute(
            connection, cursor, compiled.sql, parameters, None, False
        )
        try:
            cursor.execute(compiled.sql, parameters)
            rows = cursor.fetchall() if every else cursor.fetchmany(1)
            # read once: psycopg builds a Column object per column on each reading
            description = cursor.description if compiled.processors is None else None
        except connection.dialect.loaded_dbapi.Error as error:
            if connection.dialect.is_disconnect(error, connection.connection, cursor):
                # as SQLAlchemy does on a lost connection: the pool's are replaced
                connection.invalidate()
                session.get_bind().dispose()
            raise
        finally:
            cursor.close()
        typed = [compiled.typed(connection.dialect, description, row) for row in rows]
        if self.mapper is None:
            return [self.row(*values) for values in typed]
        width = self.width
        return [(self._entity(session, values[:width]), *values[width:]) for values in typed]

    def _entity(self, session: Session, values: list[Any]) -> Any:
        """The persistent object of these column values: the session's own when it holds
        it already (its values win, as with the ORM), else a new one added to it."""
        primary_key = [values[at] for at in self.key_at]
        if None in primary_key:
            return None
        found = session.identity_map.get(self.mapper.identity_key_from_primary_key(primary_key))
        if found is not None:
            return found
        entity = self.mapper.class_manager.new_instance()
        entity.__dict__.update(zip(self.keys, values, strict=True))
        make_transient_to_detached(entity)
        session.add(entity)
        return entity


class Together:
    """Several small SELECTs sent as one statement (a ``UNION ALL``): on PostgreSQL each
    statement costs the worker a round trip and the driver's own work, about as much as
    the database's, and a learner's page asks several questions of a few rows each.

    ``Together({"credits": select, ...}, order={"credits": (JpCredit.year.desc(),)})``:
    each part is a SELECT, its rows in the order given (else in any).
    ``all(session, **values)`` gives each part's rows, named as its columns, by the
    part's name. Every part has columns of its own in the statement (NULL, typed as the
    column, in the other parts' rows), so each value is read as its column's type makes
    it; its rows are numbered in its order (``row_number``), by which the statement
    sorts them."""

    def __init__(self, parts: dict[str, sa.Select], order: dict[str, tuple] | None = None) -> None:
        columns = [list(select.selected_columns) for select in parts.values()]
        nulls = [[sa.cast(sa.null(), column.type) for column in own] for own in columns]
        branches = []
        for index, (name, select) in enumerate(parts.items()):
            own, ordered = columns[index], (order or {}).get(name)
            number = (
                sa.func.row_number().over(order_by=ordered) if ordered else sa.literal_column("0")
            )
            slots = [c for n, nulled in enumerate(nulls) for c in (own if n == index else nulled)]
            part = sa.literal_column(str(index)).label("part")
            branches.append(select.with_only_columns(part, number.label("place"), *slots))
        union = sa.union_all(*branches).order_by(sa.text("part"), sa.text("place"))
        self.lookup = Lookup(union)
        self.parts = []  # each part's name, row type and the slice of a row it fills
        start = 2
        for name, own in zip(parts, columns, strict=True):
            row = namedtuple(f"{name}_row", [c.key for c in own], rename=True)
            self.parts.append((name, row, slice(start, start + len(own))))
            start += len(own)

    def all(self, session: Session, **values: Any) -> dict[str, list[tuple]]:
        found: dict[str, list[tuple]] = {name: [] for name, _row, _at in self.parts}
        for values_ in self.lookup.all(session, **values):
            name, row, at = self.parts[values_[0]]
            found[name].append(row(*values_[at]))
        return found
