"""The public plugin API: the one module a plugin imports.

A plugin module declares ``ELEARN_API_VERSION = "1.0"`` (the API it was written for)
and implements hooks from :mod:`elearn.hookspecs` with the ``hookimpl`` marker::

    from elearn.plugin_api import CourseType, hookimpl

    ELEARN_API_VERSION = "1.0"

    class PublicPolicyCase(CourseType):
        id = "studi_kasus"
        label = "Studi Kasus Kebijakan Publik"
        competency = "manajerial"

    @hookimpl
    def register_course_types():
        return [PublicPolicyCase]

Compatibility: a plugin written for ``MAJOR.MINOR`` runs on a core offering the same
major version and the same or a later minor version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import pluggy

API_VERSION = "1.0"
PROJECT = "elearn"

hookimpl = pluggy.HookimplMarker(PROJECT)

COMPETENCIES = ("teknis", "manajerial", "sosial_kultural")


class PluginStartupError(Exception):
    """Raise from ``startup`` to refuse to run (a missing setting, say); the host
    disables the plugin and shows the message to admins."""


@dataclass(frozen=True)
class MenuLink:
    """A link in the main navigation. ``label`` should be a translated string."""

    label: str
    url: str
    order: int = 100


class CourseType:
    """A kind of course a plugin offers (financial management, IT skills, ...).

    Subclasses set ``id`` (stable, lower-case, used in course files), ``label`` (shown
    to people) and ``competency`` (one of ``COMPETENCIES``).
    """

    id: ClassVar[str]
    label: ClassVar[Any]
    competency: ClassVar[str] = "teknis"
    description: ClassVar[Any] = ""


class QuestionType:
    """A kind of quiz question. Subclasses set ``id`` (the name used in quiz files)
    and ``label``."""

    id: ClassVar[str]
    label: ClassVar[Any]


def parse_api_version(text: str) -> tuple[int, int]:
    """``"1.2"`` -> ``(1, 2)``; raises ValueError on anything else."""
    major, _, minor = str(text).strip().partition(".")
    return int(major), int(minor or 0)


def api_compatible(required: str, offered: str = API_VERSION) -> bool:
    """Whether a plugin written for ``required`` runs on a core offering ``offered``."""
    need, have = parse_api_version(required), parse_api_version(offered)
    return need[0] == have[0] and need[1] <= have[1]


__all__ = [
    "API_VERSION",
    "COMPETENCIES",
    "CourseType",
    "MenuLink",
    "PluginStartupError",
    "QuestionType",
    "api_compatible",
    "hookimpl",
]
