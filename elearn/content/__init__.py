"""The Markdown course compiler: files -> validated course -> stored version.

Parse, validate and render happen here, once, when a course is checked or imported;
learners' pages never parse Markdown.
"""

from __future__ import annotations

from flask import Flask

from elearn.questions.types import QuestionType


def question_type_lookup(app: Flask) -> dict[str, QuestionType]:
    """Every registered question type by id and by alias, as an instance."""
    from elearn.plugins import get_host

    return get_host(app).question_type_instances()
