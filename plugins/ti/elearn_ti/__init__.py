"""elearn-ti: the "Keterampilan TI" course type for IT skills in e-government and data
management, with spreadsheet-formula and spot-the-phishing questions."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from elearn.plugin_api import CourseType, QuestionType, hookimpl
from elearn_ti.formula_question import SpreadsheetFormula
from elearn_ti.phishing import SpotThePhishing

ELEARN_API_VERSION = "1.2"

# No views of its own: the blueprint carries the question templates and the stylesheet.
bp = Blueprint(
    "ti", __name__, url_prefix="/p/ti", template_folder="templates", static_folder="static"
)


class ItSkills(CourseType):
    id = "ti"
    label = _l("IT Skills")
    competency = "teknis"
    description = _l("Digital literacy, data security and spreadsheets for e-government work.")


@hookimpl
def register_course_types() -> list[type[CourseType]]:
    return [ItSkills]


@hookimpl
def register_question_types() -> list[type[QuestionType]]:
    return [SpreadsheetFormula, SpotThePhishing]


@hookimpl
def register_blueprints() -> list[Blueprint]:
    return [bp]


@hookimpl
def register_stylesheets() -> list[tuple[str, str]]:
    return [("ti", "ti.css")]
