"""The draft as a learner will see it once published: the course page, each lesson and
each quiz, which the trainer can also try: answer, submit, and see the grade and the
review with everything revealed. Nothing of a preview or a try-out is stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from elearn.author import bp
from elearn.author.access import taught_course_or_404
from elearn.author.editor_routes import compile_draft, draft_of, quiz_views
from elearn.content.drafts import files_of
from elearn.content.store import preview_version
from elearn.forms import ActionForm
from elearn.permissions import roles_required
from elearn.progress.grading import grade_responses, mark
from elearn.questions.types import Reveal
from elearn.questions.views import answers_from_form, correct_answers, result_views, your_answers

EVERYTHING = Reveal(feedback=True, answers=True)  # the trainer sees all a learner might


@dataclass
class TryOut:
    """A submitted try-out, shaped as an attempt for the result page and never stored."""

    item: Any
    layout: list[dict[str, Any]]
    responses: dict[str, Any]
    results: dict[str, Any] = field(default_factory=dict)
    score: float = 0.0
    pending: bool = False
    percent: float | None = None
    passed: bool | None = None

    @property
    def max_score(self) -> float:
        return sum(entry["points"] for entry in self.layout)


class NotShown(Exception):
    """The draft does not compile at all: the course page lists why."""


def _preview_of(key: str):
    """The course, the draft as a preview version and its report."""
    course = taught_course_or_404(key)
    files = files_of(draft_of(course))
    compiled, report = compile_draft(files)
    if compiled is None:
        raise NotShown(key)
    return course, preview_version(compiled, files), report


@bp.errorhandler(NotShown)
def _not_shown(error: NotShown):
    flash(_("The draft cannot be shown yet: fix the problems listed here first."), "error")
    return redirect(url_for("author.course", key=error.args[0]))


def _item_or_404(version, item_key: str):
    item = next((i for i in version.items if i.key == item_key), None)
    if item is None:
        abort(404)
    return item


def _page(course, version, item, report, **shown):
    """The preview page: the draft's contents beside the item, or the try-out's result."""
    return render_template(
        "author/preview.html",
        course=course,
        version=version,
        item=item,
        errors=len(report.errors),
        **shown,
    )


@bp.route("/courses/<key>/preview", defaults={"item_key": None})
@bp.route("/courses/<key>/preview/<item_key>")
@roles_required("trainer", "admin")
def preview(key: str, item_key: str | None):
    course, version, report = _preview_of(key)
    item = _item_or_404(version, item_key) if item_key is not None else None
    shown = quiz_views(item) if item else {"layout": [], "views": {}, "questions": {}}
    return _page(course, version, item, report, form=ActionForm(), **shown)


@bp.route("/courses/<key>/preview/<item_key>/try", methods=["POST"])
@roles_required("trainer", "admin")
def try_quiz(key: str, item_key: str):
    """Grade the answers given in the preview as a learner's would be, and show the
    result page with every answer, explanation and feedback revealed."""
    course, version, report = _preview_of(key)
    item = _item_or_404(version, item_key)
    if item.kind != "quiz":
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    shown = quiz_views(item)
    layout, questions = shown["layout"], shown["questions"]
    answers, too_long = answers_from_form(layout, questions)
    for _position, _key, message in too_long:
        flash(message, "error")
    tried = TryOut(item=item, layout=layout, responses=answers)
    tried.results, tried.score, tried.pending = grade_responses(layout, questions, answers)
    if not tried.pending:
        mark(tried)
    return _page(
        course,
        version,
        item,
        report,
        tried=tried,
        questions=questions,
        views=result_views(tried, questions, EVERYTHING),
        answers=your_answers(tried, questions),
        reveal=EVERYTHING,
        correct_answers=correct_answers(tried, questions),
    )
