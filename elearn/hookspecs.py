"""Every hook a plugin can implement. Each docstring is the plugin author's reference.

All arguments are optional for an implementation: declare only the ones you use.
Registration hooks run once, when the app is created; if one raises, the host
disables the whole plugin and reports why. Request-time hooks (``menu_links``,
``learner_event``) are isolated per plugin: an exception is logged and shown to admins,
and the page is served without that plugin's contribution.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import click
import pluggy
from flask import Blueprint, Flask

from elearn.questions.types import QuestionType

API_VERSION = "1.3"
PROJECT = "elearn"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


class PluginStartupError(Exception):
    """Raise from ``startup`` to refuse to run (a missing setting, say); the host
    disables the plugin and shows the message to admins."""


@dataclass(frozen=True)
class MenuLink:
    """A link in the main navigation. ``label`` should be a translated string; ``waiting``
    is how many things there wait for the user (shown as a count beside the label)."""

    label: str
    url: str
    order: int = 100
    waiting: int = 0


class CourseType:
    """A kind of course a plugin offers (financial management, IT skills, ...).

    Subclasses set ``id`` (stable, lower-case, used in course files), ``label`` (shown
    to people) and ``competency`` (one of ``COMPETENCIES``).
    """

    id: ClassVar[str]
    label: ClassVar[Any]
    competency: ClassVar[str] = "teknis"
    description: ClassVar[Any] = ""


def parse_api_version(text: str) -> tuple[int, int]:
    """``"1.2"`` -> ``(1, 2)``; raises ValueError on anything else."""
    major, _, minor = str(text).strip().partition(".")
    return int(major), int(minor or 0)


def api_compatible(required: str, offered: str = API_VERSION) -> bool:
    """Whether a plugin written for ``required`` runs on a core offering ``offered``."""
    need, have = parse_api_version(required), parse_api_version(offered)
    return need[0] == have[0] and need[1] <= have[1]


# What is on its way out, so plugins are told (at start, in the log, on
# /admin/plugins and in `elearn plugins list`) for at least one minor release before a
# major release removes it. docs/plugins/upgrading.md lists the same.
DEPRECATED_HOOKS: dict[str, str] = {}  # hook -> what to do instead
DEPRECATED_ARGUMENTS: dict[tuple[str, str], str] = {}  # (hook, argument) -> instead
DEPRECATED_IMPORTS: dict[str, str] = {  # core module a plugin uses -> instead
    "elearn.auth.permissions": "import signed_in, public and roles_required from "
    "elearn.plugin_api (API 1.1); elearn.auth.permissions is the core's own module and "
    "stops being available to plugins in API 2.0",
}


@hookspec
def register_course_types(app: Flask) -> list[type[CourseType]]:
    """Return the course types this plugin offers, as ``CourseType`` subclasses.

    Each ``id`` must be unique across all plugins; a duplicate disables the plugin
    that registered it second.
    """


@hookspec
def register_question_types(app: Flask) -> list[type[QuestionType]]:
    """Return the question types this plugin offers, as ``QuestionType`` subclasses.

    Each ``id`` must be unique across all plugins, the core's included.
    """


@hookspec
def register_blueprints(app: Flask) -> list[Blueprint]:
    """Return Flask blueprints to mount. Give each a ``url_prefix`` of ``/p/<plugin>``
    and keep its templates under ``templates/<plugin>/``. Every view must declare who
    may reach it with ``elearn.plugin_api.signed_in``, ``roles_required`` or ``public``."""


@hookspec
def register_migrations(app: Flask) -> str:
    """Return the folder of this plugin's own Alembic ``versions/`` (inside the package),
    for tables of its own, named ``<plugin>_...``. The lineage is the plugin's alone: its
    version table is ``alembic_version_<plugin>``, and migrations use ``op`` and plain
    SQL, never the plugin's code. ``elearn db upgrade`` upgrades the core and then every
    plugin; ``elearn plugins upgrade`` the plugins. A plugin whose tables are behind its
    code is switched off, with that reason shown to admins, until they are upgraded."""


@hookspec
def register_stylesheets(app: Flask) -> list[tuple[str, str]]:
    """Return static paths of stylesheets every page loads, as ``(blueprint, filename)``
    pairs for your blueprint's ``static_folder``: ``[("keuangan", "keuangan.css")]``.
    Keep them small: learners are often on a phone on a slow link."""


@hookspec
def register_template_filters(app: Flask) -> dict[str, Any]:
    """Return ``{name: function}`` to add as Jinja filters (``{{ x|rupiah }}``)."""


@hookspec
def register_template_globals(app: Flask) -> dict[str, Any]:
    """Return ``{name: value}`` to add as Jinja globals."""


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add commands to the ``elearn`` command line: ``cli.add_command(...)``."""


@hookspec
def startup(app: Flask) -> None:
    """Called once after the plugin registered its parts. Check settings here; raise
    ``PluginStartupError`` with a message for admins to refuse to run."""


@hookspec
def menu_links(user: Any) -> list[MenuLink]:
    """Return links for the main navigation as seen by ``user`` (an anonymous user
    when nobody is signed in). Called on every page: keep it cheap."""


@hookspec
def learner_event(event: Any) -> None:
    """Called after the core stored an event (an ``elearn.models.Event``: actor, verb,
    object, result, context, timestamp). Read it; do not write core tables."""


@hookspec
def sign_certificate(pdf: bytes, certificate: Any) -> bytes | None:
    """Sign a certificate's PDF (with an electronic-signature service, say) and return
    the signed bytes, or None to leave it as it is. ``certificate`` is the
    ``elearn.models.Certificate`` being issued (number, code, learner, course, JP).
    The first plugin to return bytes signs it; the core stores those bytes and their
    SHA-256, which the public verification page checks. If the hook raises, the
    certificate is issued unsigned and the failure is shown to admins."""
