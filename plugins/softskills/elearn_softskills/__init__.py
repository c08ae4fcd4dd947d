"""elearn-softskills: the "Soft Skills & Pelayanan Publik" course type for public service
and an innovative work culture, with branching scenarios, reflection journals and
self-assessments."""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from elearn.plugin_api import CourseType, QuestionType, hookimpl
from elearn_softskills.reflection import ReflectionJournal
from elearn_softskills.scenario import BranchingScenario, walk
from elearn_softskills.self_assessment import SelfAssessment, profile

ELEARN_API_VERSION = "1.2"

# No views of its own: the blueprint carries the question templates and the stylesheet.
bp = Blueprint(
    "softskills",
    __name__,
    url_prefix="/p/softskills",
    template_folder="templates",
    static_folder="static",
)


class SoftSkills(CourseType):
    id = "softskills"
    label = _l("Soft Skills & Public Service")
    competency = "sosial_kultural"
    description = _l("Service to citizens, communication, complaints and a culture of innovation.")


@hookimpl
def register_course_types() -> list[type[CourseType]]:
    return [SoftSkills]


@hookimpl
def register_question_types() -> list[type[QuestionType]]:
    return [BranchingScenario, ReflectionJournal, SelfAssessment]


@hookimpl
def register_blueprints() -> list[Blueprint]:
    return [bp]


@hookimpl
def register_stylesheets() -> list[tuple[str, str]]:
    return [("softskills", "softskills.css")]


@hookimpl
def register_template_globals() -> dict[str, Any]:
    return {"scenario_walk": walk, "self_assessment_profile": profile}
