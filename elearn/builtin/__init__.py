"""The core's own features, registered through the same hooks as a partner's plugin."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import lazy_gettext as _l

from elearn.author.access import answers_waiting
from elearn.builtin.questions import CORE_QUESTION_TYPES
from elearn.hookspecs import CourseType, MenuLink, hookimpl
from elearn.i18n import gettext_once as _
from elearn.questions.types import QuestionType


class GeneralCourse(CourseType):
    """A course of lessons and quizzes with no subject-specific parts."""

    id = "umum"
    label = _l("General")
    competency = "teknis"
    description = _l("Lessons and quizzes with no subject-specific parts.")


@hookimpl
def register_course_types() -> list[type[CourseType]]:
    return [GeneralCourse]


@hookimpl
def register_question_types() -> list[type[QuestionType]]:
    return list(CORE_QUESTION_TYPES)


@hookimpl
def menu_links(user: Any) -> list[MenuLink]:
    if not user.is_authenticated:
        return []
    links = [
        MenuLink(_("Dashboard"), url_for("learn.dashboard"), order=10),
        MenuLink(_("Catalogue"), url_for("learn.courses"), order=20),
        MenuLink(_("Events"), url_for("kegiatan.index"), order=25),
        MenuLink(_("Idea board"), url_for("ideas.index"), order=30),
    ]
    if user.leads_a_team:
        links.append(MenuLink(_("My team"), url_for("learn.team"), 50, user.team_waiting))
    if user.has_role("trainer", "admin"):
        links.append(MenuLink(_("My courses"), url_for("author.courses"), order=55))
        links.append(MenuLink(_("Grading"), url_for("author.grading"), 60, answers_waiting()))
        links.append(MenuLink(_("Moderation"), url_for("discussions.moderation"), order=65))
    if user.has_role("partner"):
        links.append(MenuLink(_("My plugins"), url_for("partner.index"), order=70))
    if user.has_role("admin"):
        links.append(MenuLink(_("Administration"), url_for("admin.index"), order=90))
    return links
