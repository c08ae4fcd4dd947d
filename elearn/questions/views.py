"""What a question type draws on the quiz and result pages: its prompt for this attempt,
its own inputs or result (a plugin's template), each drawn apart from the page so that a
failing plugin costs only its own block, with a notice, and never the learner's answers."""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_ngettext
from markupsafe import Markup, escape

from elearn.content import question_type_lookup
from elearn.layout import remembered
from elearn.models import Attempt, Question
from elearn.plugins import get_host
from elearn.questions.inputs import inputs_drawer
from elearn.questions.types import QuestionType, Reveal
from elearn.templating import blank_numbers, points_text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QuestionView:
    """One question as the page draws it. ``inputs``/``result`` are None when the core
    draws them itself."""

    prompt: Markup
    inputs: Markup | None = None
    result: Markup | None = None
    available: bool = True


def _failed(question_type: QuestionType | None, question: Question, what: str) -> Markup:
    message = f"{what} of question type {question.type_id} failed"
    log.exception(message)
    get_host().report_runtime_error(question.type_id, message)
    return Markup('<p class="notice notice-error" role="alert">%s</p>') % _(
        "This question cannot be shown right now. Your saved answers are kept; "
        "the administrators have been told."
    )


def _prompt(question_type: QuestionType, question: Question, view: dict[str, Any]) -> Markup:
    try:
        return Markup(question_type.render_prompt(question.prompt_html, view))  # noqa: S704
    except Exception:
        return _failed(question_type, question, "render_prompt")


def _template(question_type, question, template: str, **context: Any) -> Markup:
    try:
        return Markup(render_template(template, question=question, **context))  # noqa: S704
    except Exception:
        return _failed(question_type, question, template)


def _missing(question: Question) -> QuestionView:
    notice = Markup('<p class="notice notice-error">%s</p>') % _(
        "This kind of question (%(type)s) is not installed on this platform.",
        type=question.type_id,
    )
    return QuestionView(prompt=Markup(question.prompt_html), inputs=notice, available=False)  # noqa: S704


def field_name(key: str) -> str:
    """The form field of the question ``key`` in an attempt: ``q[<key>]``, and its parts
    ``q[<key>]-<part>``. A question id holds only ``a-z0-9_-``, so the ``]`` ends it
    where no other id can go on: one question never reads another's fields, even when
    one id starts with another (``x`` and ``x-1``)."""
    return f"q[{key}]"


def attempt_views(
    shown: list[tuple[int, dict[str, Any]]],
    questions: dict[int, Question],
    responses: dict[str, Any],
) -> dict[str, QuestionView]:
    """The questions the page shows (``(position, layout entry)`` pairs: one at a time
    or all), by their key in the attempt, each with its inputs: the type's own template,
    or the core's for the core's types."""
    types = question_type_lookup(current_app)
    core_inputs = inputs_drawer()
    views = {}
    for position, entry in shown:
        question = questions[entry["id"]]
        question_type = types.get(question.type_id)
        if question_type is None:
            views[entry["key"]] = _missing(question)
            continue
        name, response = field_name(entry["key"]), responses.get(entry["key"])
        limit = question_type.max_answer_length
        if question_type.template:
            inputs = _template(
                question_type,
                question,
                question_type.template,
                view=entry["view"],
                name=name,
                response=response,
                position=position,
                max_length=limit,
            )
        else:
            inputs = core_inputs(question, entry["view"], name, response, limit)
        views[entry["key"]] = QuestionView(
            prompt=_prompt(question_type, question, entry["view"]), inputs=inputs
        )
    return views


def question_sections(
    shown: list[tuple[int, dict[str, Any]]],
    questions: dict[int, Question],
    views: dict[str, QuestionView],
) -> Markup:
    """The quiz page's questions, each in its card: heading, prompt (a cloze's blanks
    numbered) and inputs, after the field that says the form showed it. The heading
    depends only on the question, its key, position and points: it is rendered once a
    process and language."""
    parts = []
    for position, entry in shown:
        question, view = questions[entry["id"]], views[entry["key"]]
        key = escape(entry["key"])
        head = remembered(
            "question-head",
            question.id,
            entry["key"],
            position,
            entry["points"],
            caller=functools.partial(_heading, key, position, question.title, entry["points"]),
        )
        parts.append(
            f'<input type="hidden" name="shown" value="{key}">\n'
            f'<section class="card question" aria-labelledby="q-{key}-title" '
            f'data-question="{key}">\n{head}\n'
            f'<div class="prompt">{blank_numbers(view.prompt)}</div>\n{view.inputs}\n</section>'
        )
    return Markup("\n".join(parts))  # noqa: S704 - each part escaped or rendered


def _heading(key: Markup, position: int, title: str, points: float) -> Markup:
    return Markup(  # noqa: S704 - each value escaped
        f'<h2 id="q-{key}-title">{position}. {escape(title)} '
        f'<span class="muted">({escape(points_text(points))})</span></h2>'
    )


def result_views(
    attempt: Attempt, questions: dict[int, Question], reveal: Reveal
) -> dict[str, QuestionView]:
    """The questions of a submitted attempt whose type draws its own result, each told
    what the quiz lets it reveal."""
    types = question_type_lookup(current_app)
    views = {}
    for entry in attempt.layout:
        question = questions[entry["id"]]
        question_type = types.get(question.type_id)
        if question_type is None or not question_type.result_template:
            continue
        views[entry["key"]] = QuestionView(
            prompt=_prompt(question_type, question, entry["view"]),
            result=_template(
                question_type,
                question,
                question_type.result_template,
                view=entry["view"],
                response=(attempt.responses or {}).get(entry["key"]),
                result=(attempt.results or {}).get(entry["key"], {}),
                reveal=reveal,
                show_feedback=reveal.feedback,
            ),
        )
    return views


def your_answers(attempt: Attempt, questions: dict[int, Question]) -> dict[str, list[str]]:
    """Each question's response as its type writes it for the result page (a type that
    fails to is logged and shows nothing: the page stands)."""
    types = question_type_lookup(current_app)
    found = {}
    for entry in attempt.layout:
        question = questions[entry["id"]]
        question_type = types.get(question.type_id)
        if question_type is None or question_type.result_template:
            continue  # a type with its own result template shows the answer there
        response = (attempt.responses or {}).get(entry["key"])
        try:
            found[entry["key"]] = question_type.your_answer(
                question.answer_key, question.public, entry["view"], response
            )
        except Exception:  # noqa: BLE001 (a plugin's bug must not take the page down)
            logging.getLogger(__name__).exception("your_answer of %s failed", question.type_id)
    return found


def correct_answers(attempt: Attempt, questions: dict[int, Question]) -> dict[str, list[str]]:
    types = question_type_lookup(current_app)
    shown = {}
    for entry in attempt.layout:
        question = questions[entry["id"]]
        question_type = types.get(question.type_id)
        try:
            shown[entry["key"]] = (
                question_type.correct_answer(question.answer_key, entry["view"])
                if question_type
                else []
            )
        except Exception:  # a plugin's bug costs the learner only this line
            log.exception("correct_answer of %s failed", question.type_id)
            shown[entry["key"]] = []
    return shown


def answers_from_form(
    layout: list[dict[str, Any]], questions: Mapping[int, Question | sa.Row]
) -> tuple[dict[str, Any], list[tuple[int, str, str]]]:
    """The responses of the questions the form showed (``shown``), read by their types,
    and the questions whose answer is over its type's length limit (position, key and a
    message): those are refused before anything reads them. ``questions`` holds at least
    the shown ones, by id: anything with a ``type_id``."""
    shown = set(request.form.getlist("shown"))
    types = question_type_lookup(current_app)
    answers, too_long = {}, []
    for position, entry in enumerate(layout, start=1):
        if entry["key"] not in shown:
            continue
        question_type = types.get(questions[entry["id"]].type_id)
        if question_type is None:
            continue
        name = field_name(entry["key"])
        limit = question_type.max_answer_length
        if _longest_field(name) > limit:
            message = lazy_ngettext(
                "Your answer to question %(number)d is longer than %(num)d character, so "
                "it was not saved. Shorten it and save again.",
                "Your answer to question %(number)d is longer than %(num)d characters, so "
                "it was not saved. Shorten it and save again.",
                limit,
                number=position,
            )
            too_long.append((position, entry["key"], str(message)))
            continue
        answers[entry["key"]] = question_type.response_from_form(request.form, name)
    return answers, too_long


def _longest_field(name: str) -> int:
    """The longest value among a question's fields (``name`` and ``name-<part>``)."""
    return max(
        (
            len(value)
            for field, values in request.form.lists()
            if field == name or field.startswith(f"{name}-")
            for value in values
        ),
        default=0,
    )
