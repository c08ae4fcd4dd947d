"""The plugin host: discovery through entry points, isolation of failures, and the
registry of course and question types.

Each plugin is loaded and registered on its own. Its contributions are collected first
and applied only when all of its registration hooks and its ``startup`` succeeded, so a
failing plugin leaves nothing half-registered. With ``PLUGINS_STRICT`` (on under test)
a failure raises instead.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy
import sqlalchemy as sa
from flask import Blueprint, Flask

from elearn import hookspecs
from elearn.db import get_db
from elearn.hookspecs import API_VERSION, PROJECT, CourseType, MenuLink, api_compatible
from elearn.migrations import plugins as lineages
from elearn.questions.types import QuestionType

log = logging.getLogger(__name__)
ENTRY_POINT_GROUP = "elearn.plugins"
BUILTIN = "elearn.builtin"


class PluginError(RuntimeError):
    """A plugin failed while the host was strict."""


@dataclass
class PluginRecord:
    """What the host knows of one plugin, as admins see it."""

    name: str
    version: str = ""
    status: str = "active"  # active | failed | incompatible | disabled | needs-upgrade
    reason: str = ""
    builtin: bool = False
    runtime_errors: list[str] = field(default_factory=list)
    deprecations: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return self.status == "active"


@dataclass
class _Contribution:
    course_types: list[type[CourseType]] = field(default_factory=list)
    question_types: list[type[QuestionType]] = field(default_factory=list)
    blueprints: list[Blueprint] = field(default_factory=list)
    stylesheets: list[tuple[str, str]] = field(default_factory=list)
    migrations: Path | None = None
    filters: dict[str, Any] = field(default_factory=dict)
    globals: dict[str, Any] = field(default_factory=dict)


_found: tuple[tuple, list[metadata.EntryPoint]] = ((), [])  # (import path state, found)


def installed_entry_points() -> list[metadata.EntryPoint]:
    """The plugins' entry points by name, read again only when the import path or a
    folder on it changed (an install touches its folder): reading every installed
    package's metadata took a third of an app's start, and the suite starts hundreds."""
    global _found
    state = tuple((entry, _modified(entry)) for entry in sys.path)
    if _found[0] != state:
        entry_points = metadata.entry_points(group=ENTRY_POINT_GROUP)
        _found = (state, sorted(entry_points, key=lambda ep: ep.name))
    return _found[1]


def _modified(path: str) -> int:
    try:
        return os.stat(path or ".").st_mtime_ns
    except OSError:
        return 0


class PluginHost:
    """Owns the pluggy manager of one app and everything plugins registered."""

    def __init__(self, app: Flask, *, strict: bool, disabled: set[str]) -> None:
        self.app = app
        self.strict = strict
        self.disabled = disabled
        self.pm = pluggy.PluginManager(PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.records: dict[str, PluginRecord] = {}
        self.course_types: dict[str, type[CourseType]] = {}
        self.question_types: dict[str, type[QuestionType]] = {}
        self.stylesheets: list[tuple[str, str]] = []
        self.migrations: dict[str, Path] = {}  # plugin -> its Alembic versions folder
        self.owners: dict[str, str] = {}  # course or question type id -> plugin name
        self._question_type_instances: dict[str, QuestionType] | None = None
        self.modules: dict[str, Any] = {}  # every admitted plugin, to switch back on
        self.contributions: dict[str, _Contribution] = {}
        self.closed_blueprints: set[str] = set()  # of plugins an admin switched off
        self.switches_read_at = 0.0

    # discovery -----------------------------------------------------------------
    def load(self) -> None:
        from elearn import builtin

        self._admit(BUILTIN, builtin, version=API_VERSION, builtin=True)
        for entry_point in installed_entry_points():
            self._load_entry_point(entry_point)
        for name, plugin in self.app.config["EXTRA_PLUGINS"].items():
            self._admit(name, plugin, version="")
        self.pm.check_pending()

    def _load_entry_point(self, entry_point: metadata.EntryPoint) -> None:
        name = entry_point.name
        if name in self.records:
            self._fail(PluginRecord(name), "failed", f"another plugin is named {name!r}")
            return
        version = entry_point.dist.version if entry_point.dist else ""
        record = PluginRecord(name, version=version)
        if name in self.disabled:
            record.status, record.reason = "disabled", "switched off by the settings"
            self.records[name] = record
            return
        try:
            module = entry_point.load()
        except Exception as exc:  # any import-time error disables only this plugin
            self._fail(record, "failed", f"import failed: {exc.__class__.__name__}: {exc}", exc)
            return
        required = getattr(module, "ELEARN_API_VERSION", None)
        try:
            compatible = required is not None and api_compatible(str(required))
        except ValueError:
            compatible = False
        if not compatible:
            self._fail(
                record,
                "incompatible",
                f"needs plugin API {required or '(not declared)'}; "
                f"this elearn offers {API_VERSION}",
            )
            return
        self._admit(name, module, version=version)

    def _admit(self, name: str, module: ModuleType, *, version: str, builtin: bool = False):
        record = PluginRecord(name, version=version, builtin=builtin)
        try:
            self.pm.register(module, name=name)
            contribution = self._collect(name)
            self._check_unique(contribution)
            current = self._tables_current(name, contribution.migrations)
            if current:
                self._call_one(name, "startup", app=self.app)
        except Exception as exc:
            if self.pm.is_registered(module):
                self.pm.unregister(module)
            self._fail(record, "failed", f"{exc.__class__.__name__}: {exc}", exc)
            return
        if contribution.migrations is not None:
            self.migrations[name] = contribution.migrations
        if not current:
            self.pm.unregister(module)
            reason = "its tables are older than its code: run `elearn plugins upgrade`"
            self._fail(record, "needs-upgrade", reason)
            return
        record.deprecations = self._deprecations(name, module)
        for notice in record.deprecations:
            log.warning("plugin %s uses something deprecated: %s", name, notice)
        self._apply(contribution)
        self.owners.update({t.id: name for t in contribution.course_types})
        self.owners.update({t.id: name for t in contribution.question_types})
        self._add_translations(module)
        self.records[name] = record
        self.modules[name], self.contributions[name] = module, contribution

    def _collect(self, name: str) -> _Contribution:
        kwargs = {"app": self.app}
        found = _Contribution()
        for course_type in self._call_one(name, "register_course_types", **kwargs) or []:
            _require_subclass(course_type, CourseType)
            found.course_types.append(course_type)
        for question_type in self._call_one(name, "register_question_types", **kwargs) or []:
            _require_subclass(question_type, QuestionType)
            found.question_types.append(question_type)
        for blueprint in self._call_one(name, "register_blueprints", **kwargs) or []:
            if not isinstance(blueprint, Blueprint):
                raise TypeError(f"{blueprint!r} is not a Flask Blueprint")
            if blueprint.name in self.app.blueprints:
                raise ValueError(f"a blueprint named {blueprint.name!r} already exists")
            found.blueprints.append(blueprint)
        for blueprint_name, filename in (
            self._call_one(name, "register_stylesheets", **kwargs) or []
        ):
            if not any(b.name == blueprint_name for b in found.blueprints):
                raise ValueError(f"stylesheet {filename!r} names no blueprint of this plugin")
            found.stylesheets.append((blueprint_name, filename))
        migrations = self._call_one(name, "register_migrations", **kwargs)
        if migrations is not None:
            found.migrations = Path(migrations)
            if not found.migrations.is_dir():
                raise ValueError(f"its migrations folder {migrations} does not exist")
        found.filters.update(self._call_one(name, "register_template_filters", **kwargs) or {})
        found.globals.update(self._call_one(name, "register_template_globals", **kwargs) or {})
        return found

    def _check_unique(self, found: _Contribution) -> None:
        """Ids (and question-type aliases, which quiz files may use) must be unique."""
        for kind, registry, items in (
            ("course type", self.course_types, found.course_types),
            ("question type", self.question_types, found.question_types),
        ):
            taken = {name for item in registry.values() for name in _names(item)}
            for item in items:
                clash = _names(item) & taken
                if clash:
                    raise ValueError(f"{kind} id {sorted(clash)[0]!r} is already registered")
                taken |= _names(item)

    def _apply(self, found: _Contribution) -> None:
        self.course_types.update({t.id: t for t in found.course_types})
        self.question_types.update({t.id: t for t in found.question_types})
        self._question_type_instances = None
        for blueprint in found.blueprints:
            self.app.register_blueprint(blueprint)
        self.stylesheets.extend(found.stylesheets)
        self.app.jinja_env.filters.update(found.filters)
        self.app.jinja_env.globals.update(found.globals)

    def _deprecations(self, name: str, module: Any) -> list[str]:
        """What this plugin uses that is deprecated, each with what to do instead."""
        notices = []
        for hook_name, instead in hookspecs.DEPRECATED_HOOKS.items():
            if any(i.plugin_name == name for i in getattr(self.pm.hook, hook_name).get_hookimpls()):
                notices.append(f"the hook {hook_name} is deprecated: {instead}")
        for (hook_name, argument), instead in hookspecs.DEPRECATED_ARGUMENTS.items():
            for impl in getattr(self.pm.hook, hook_name).get_hookimpls():
                if impl.plugin_name == name and argument in impl.argnames:
                    notices.append(
                        f"the argument {argument} of {hook_name} is deprecated: {instead}"
                    )
        used = (
            {getattr(value, "__module__", "") for value in vars(module).values()}
            if hasattr(module, "__dict__")
            else set()
        )
        notices += [
            f"it uses {core_module}: {instead}"
            for core_module, instead in hookspecs.DEPRECATED_IMPORTS.items()
            if core_module in used
        ]
        return notices

    def _tables_current(self, name: str, versions: Path | None) -> bool:
        """Whether the plugin's tables are at its code's revision; an empty database
        (before ``elearn db upgrade``) counts as current: there is nothing to check."""
        if versions is None:
            return True
        engine = get_db(self.app).engine
        if not sa.inspect(engine).has_table("alembic_version"):
            return True
        return lineages.is_current(engine, name, versions)

    def upgrade_tables(self, names: list[str] | None = None) -> list[str]:
        """Upgrade the named plugins' lineages (all by default); return who changed."""
        engine = get_db(self.app).engine
        changed = []
        for name, versions in sorted(self.migrations.items()):
            if names and name not in names:
                continue
            if not lineages.is_current(engine, name, versions):
                lineages.upgrade(engine, name, versions)
                changed.append(name)
        return changed

    def _add_translations(self, module: ModuleType) -> None:
        """A plugin's ``translations/`` folder (beside its module) joins the app's
        catalogues, so its strings speak the reader's language like the core's."""
        if getattr(module, "__name__", BUILTIN).startswith(BUILTIN):
            return
        if not getattr(module, "__file__", None):
            return
        folder = Path(module.__file__).parent / "translations"
        babel = self.app.extensions.get("babel")
        if folder.is_dir() and babel is not None:
            # before the core's: Flask-Babel takes the plural rule of the catalogue it
            # merges last, and a plugin's header must not change how Indonesian counts
            babel.translation_directories.insert(0, str(folder))

    def _call_one(self, plugin_name: str, hook_name: str, **kwargs: Any) -> Any:
        """Call one plugin's implementation of a hook (None when it has none)."""
        for impl in getattr(self.pm.hook, hook_name).get_hookimpls():
            if impl.plugin_name == plugin_name:
                return impl.function(**{arg: kwargs[arg] for arg in impl.argnames})
        return None

    def _fail(
        self, record: PluginRecord, status: str, reason: str, exc: BaseException | None = None
    ) -> None:
        record.status, record.reason = status, reason
        self.records[record.name] = record
        log.error("plugin %s %s: %s", record.name, status, reason)
        if self.strict:
            raise PluginError(f"plugin {record.name} {status}: {reason}") from exc

    # switched by admins while running ---------------------------------------------
    def apply_switches(self, switched_off: set[str]) -> None:
        """Match what admins stored: a running plugin they switched off stops at once
        (its hooks, types, stylesheets and pages); one switched on again starts, if this
        process loaded it (one switched off when the process started needs a restart)."""
        for name in set(self.modules) - {BUILTIN}:
            record = self.records[name]
            if name in switched_off and record.active:
                self.pm.set_blocked(name)
                self._withdraw(self.contributions[name])
                record.status, record.reason = "disabled", "switched off by an admin"
            elif name not in switched_off and record.status == "disabled":
                self.pm.unblock(name)
                self.pm.register(self.modules[name], name=name)
                self._restore(self.contributions[name])
                record.status, record.reason = "active", ""

    def _withdraw(self, found: _Contribution) -> None:
        for registry, items in (
            (self.course_types, found.course_types),
            (self.question_types, found.question_types),
        ):
            for item in items:
                registry.pop(item.id, None)
        self._question_type_instances = None
        self.stylesheets[:] = [s for s in self.stylesheets if s not in found.stylesheets]
        self.closed_blueprints |= {b.name for b in found.blueprints}

    def _restore(self, found: _Contribution) -> None:
        self.course_types.update({t.id: t for t in found.course_types})
        self.question_types.update({t.id: t for t in found.question_types})
        self._question_type_instances = None
        self.stylesheets.extend(s for s in found.stylesheets if s not in self.stylesheets)
        self.closed_blueprints -= {b.name for b in found.blueprints}

    def read_switches(self, session, every: float) -> None:
        """Apply what admins stored, read in ``session`` at most every ``every`` seconds:
        a plugin switched off through another app process is off here within that time."""
        now = time.monotonic()
        if now - self.switches_read_at < every:
            return
        self.switches_read_at = now
        self.apply_switches(switched_off_by_admins(session))

    # request time --------------------------------------------------------------
    def call_each(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call every active plugin's implementation, isolating each one's failure."""
        results = []
        for impl in reversed(getattr(self.pm.hook, hook_name).get_hookimpls()):
            try:
                value = impl.function(**{arg: kwargs[arg] for arg in impl.argnames})
            except Exception as exc:
                if self.strict:
                    raise
                message = f"{hook_name}: {exc.__class__.__name__}: {exc}"
                log.exception("plugin %s failed in %s", impl.plugin_name, hook_name)
                errors = self.records[impl.plugin_name].runtime_errors
                if message not in errors:
                    errors.append(message)
                continue
            results.append((impl.plugin_name, value))
        return results

    def report_runtime_error(self, type_id: str, message: str) -> None:
        """Record, for admins, that the plugin owning ``type_id`` failed at request time
        (the page showed a notice in that block instead)."""
        record = self.records.get(self.owners.get(type_id, ""))
        if record is not None and message not in record.runtime_errors:
            record.runtime_errors.append(message)
        if self.strict:
            raise PluginError(message)

    def question_type_instances(self) -> dict[str, QuestionType]:
        """Every question type by id and alias, instantiated once (types are stateless)."""
        if self._question_type_instances is None:
            lookup: dict[str, QuestionType] = {}
            for question_type in self.question_types.values():
                instance = question_type()
                for name in (question_type.id, *question_type.aliases):
                    lookup[name.lower()] = instance
            self._question_type_instances = lookup
        return self._question_type_instances

    def menu_links(self, user: Any) -> list[MenuLink]:
        found = self.call_each("menu_links", user=user)
        links = [link for _, plugin_links in found for link in plugin_links or []]
        return sorted(links, key=lambda link: link.order)


def _names(item: Any) -> set[str]:
    return {item.id, *getattr(item, "aliases", ())}


def _require_subclass(item: Any, base: type) -> None:
    if not (isinstance(item, type) and issubclass(item, base)):
        raise TypeError(f"{item!r} is not a subclass of {base.__name__}")
    if not getattr(item, "id", None):
        raise ValueError(f"{item.__name__} has no id")


def init_app(app: Flask) -> PluginHost:
    host = PluginHost(
        app,
        strict=app.config["PLUGINS_STRICT"],
        disabled=set(app.config["DISABLED_PLUGINS"]) | _disabled_by_admins(app),
    )
    app.extensions["elearn.plugins"] = host
    app.jinja_env.globals["plugin_stylesheets"] = lambda: host.stylesheets
    host.load()
    host.switches_read_at = time.monotonic()
    app.before_request(lambda: _closed_if_switched_off(host))
    host.call_each("register_commands", cli=app.cli)
    return host


def _closed_if_switched_off(host: PluginHost) -> None:
    """Before each request: catch up with switches made elsewhere; a page of a plugin
    that is switched off is not there."""
    from flask import abort, request

    from elearn.db import session

    # in the request's own transaction: on SQLite a POST's holds the write lock already,
    # and a second connection would wait for it
    host.read_switches(session(), host.app.config["PLUGIN_SWITCH_SECONDS"])
    if request.blueprint in host.closed_blueprints:
        abort(404)


def _disabled_by_admins(app: Flask) -> set[str]:
    """Names an admin switched off (stored in ``plugin_state``), when the table exists."""
    from elearn.db import get_db
    from elearn.models import PluginState

    engine = get_db(app).engine
    if not sa.inspect(engine).has_table(PluginState.__tablename__):
        return set()
    with engine.connect() as connection:
        return switched_off_by_admins(connection)


def switched_off_by_admins(executor: sa.Connection | Any) -> set[str]:
    """Names an admin switched off, read through a connection or a session."""
    from elearn.models import PluginState

    query = sa.select(PluginState.name).where(PluginState.enabled.is_(False))
    return set(executor.execute(query).scalars())


def get_host(app: Flask | None = None) -> PluginHost:
    from flask import current_app

    return (app or current_app).extensions["elearn.plugins"]
