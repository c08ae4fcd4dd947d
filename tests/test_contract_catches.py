"""The question contract fails a type that gives its answer away: a contract that
passed everything would hold partners' types to nothing."""

import sys
import types

import pytest
from flask import Blueprint

from elearn.builtin.questions.choice import SingleChoice
from elearn.plugin_api import hookimpl
from elearn.testing.contract import QuestionCase


class LeakyChoice(SingleChoice):
    """A single choice that posts its options' ids as written: ``a``, ``b``, ``c`` in
    source order, the right one usually first."""

    id = "bocor"
    aliases = ()
    template = "bocor/inputs.html"

    def present(self, public, rng):
        return public


INPUTS = """<fieldset class="options">{% for option in view.options %}
<label><input type="radio" name="{{ name }}" value="{{ option.id }}"> {{ option.html|safe }}</label>
{% endfor %}</fieldset>"""


@hookimpl
def register_question_types():
    return [LeakyChoice]


@pytest.fixture
def app(app_with_plugin, tmp_path):
    (tmp_path / "templates" / "bocor").mkdir(parents=True)
    (tmp_path / "templates" / "bocor" / "inputs.html").write_text(INPUTS)
    plugin = types.ModuleType("elearn_test_leaky")
    plugin.register_question_types = register_question_types
    plugin.register_blueprints = hookimpl(
        lambda: [Blueprint("bocor", __name__, template_folder=str(tmp_path / "templates"))]
    )
    sys.modules.setdefault(plugin.__name__, plugin)
    return app_with_plugin("bocor", plugin)


def test_a_type_whose_option_values_give_the_answer_away_fails_the_contract(
    question_contract,
):
    def option(view, text):
        return next(o["id"] for o in view["options"] if text in o["html"])

    case = QuestionCase(
        "## Dokumen APBD {tipe=bocor}\nDokumen apa yang menetapkan APBD?\n\n"
        "- (x) Peraturan daerah\n- ( ) Surat edaran\n- ( ) Keputusan kepala dinas\n",
        right=lambda view: {"": option(view, "Peraturan")},
        wrong=lambda view: {"": option(view, "Surat")},
        secrets=[],
    )
    with pytest.raises(AssertionError, match="same value in every attempt"):
        question_contract(case)
