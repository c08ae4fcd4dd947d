"""elearn-keuangan: the "Manajemen Keuangan" course type for financial management
(APBD, SPJ, serapan anggaran), with rupiah amounts, calculated questions, budget
tables, rupiah and percentage filters, and a budget-absorption calculator whose figures
a learner can save (in the plugin's own table, from its own Alembic lineage)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from elearn.plugin_api import CourseType, MenuLink, QuestionType, hookimpl
from elearn_keuangan.amount import RupiahAmount
from elearn_keuangan.budget_table import BudgetTable
from elearn_keuangan.calculated import CalculatedQuestion
from elearn_keuangan.money import percent, rupiah

ELEARN_API_VERSION = "1.2"

bp = Blueprint(
    "keuangan",
    __name__,
    url_prefix="/p/keuangan",
    template_folder="templates",
    static_folder="static",
)


class FinancialManagement(CourseType):
    id = "keuangan"
    label = _l("Financial Management")
    competency = "teknis"
    description = _l(
        "Regional finance for civil servants: budgets, spending, accountability reports."
    )


@hookimpl
def register_course_types() -> list[type[CourseType]]:
    return [FinancialManagement]


@hookimpl
def register_question_types() -> list[type[QuestionType]]:
    return [RupiahAmount, CalculatedQuestion, BudgetTable]


@hookimpl
def register_blueprints() -> list[Blueprint]:
    from elearn_keuangan import routes  # noqa: F401 (its views join bp)

    return [bp]


@hookimpl
def register_migrations() -> str:
    return str(Path(__file__).parent / "migrations" / "versions")


@hookimpl
def register_stylesheets() -> list[tuple[str, str]]:
    return [("keuangan", "keuangan.css")]


@hookimpl
def register_template_filters() -> dict[str, Any]:
    return {"rupiah": rupiah, "persen": percent}


@hookimpl
def menu_links(user: Any) -> list[MenuLink]:
    if not user.is_authenticated:
        return []
    return [MenuLink(_l("Budget calculator"), "/p/keuangan/serapan", order=70)]
