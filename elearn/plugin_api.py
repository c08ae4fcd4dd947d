"""The public plugin API: the one module a plugin imports. It only hands on names that
live in the core's own rooms (``elearn.questions``, ``elearn.hookspecs``,
``elearn.permissions``); nothing here has logic of its own.

A plugin module declares ``ELEARN_API_VERSION = "1.2"`` (the API it was written for)
and implements hooks from :mod:`elearn.hookspecs` with the ``hookimpl`` marker::

    from elearn.plugin_api import CourseType, hookimpl

    ELEARN_API_VERSION = "1.2"

    class PublicPolicyCase(CourseType):
        id = "studi_kasus"
        label = "Studi Kasus Kebijakan Publik"
        competency = "manajerial"

    @hookimpl
    def register_course_types():
        return [PublicPolicyCase]

Compatibility: a plugin written for ``MAJOR.MINOR`` runs on a core offering the same
major version and the same or a later minor version. 1.1 added question types'
own templates (``template``, ``result_template``), ``render_prompt``,
``grade_presented`` and the helpers. 1.2 added what keeps a quiz honest: per-attempt
option values (``seal``, ``unseal``), ``update_response`` for state kept on the
server, ``max_answer_length``, ``submit_problem``, ``pattern`` (regular expressions
that run in linear time, for any text a person supplies), the ``Reveal`` policy given
to result templates, and ``options``/``chosen`` for the item analysis.
"""

from __future__ import annotations

from elearn.competencies import COMPETENCIES
from elearn.db import database_session
from elearn.hookspecs import (
    API_VERSION,
    CourseType,
    MenuLink,
    PluginStartupError,
    api_compatible,
    hookimpl,
)
from elearn.patterns import PatternError, pattern
from elearn.permissions import public, roles_required, signed_in
from elearn.questions.helpers import (
    check_attributes,
    feedback_markdown,
    feedback_source,
    form_parts,
    learner_number_readings,
    normalise_text,
    parse_number,
    question_feedback,
    render_inline,
    render_markdown,
    seal,
    split_answers,
    too_few_words,
    unseal,
    word_count,
)
from elearn.questions.types import (
    Grade,
    ItemOption,
    ParsedQuestion,
    QuestionBlock,
    QuestionType,
    Reveal,
    SourceLine,
)

__all__ = [
    "API_VERSION",
    "COMPETENCIES",
    "CourseType",
    "Grade",
    "ItemOption",
    "MenuLink",
    "ParsedQuestion",
    "PatternError",
    "PluginStartupError",
    "QuestionBlock",
    "QuestionType",
    "Reveal",
    "SourceLine",
    "api_compatible",
    "check_attributes",
    "database_session",
    "feedback_markdown",
    "feedback_source",
    "form_parts",
    "hookimpl",
    "learner_number_readings",
    "normalise_text",
    "parse_number",
    "pattern",
    "public",
    "question_feedback",
    "render_inline",
    "render_markdown",
    "roles_required",
    "seal",
    "signed_in",
    "split_answers",
    "too_few_words",
    "unseal",
    "word_count",
]
