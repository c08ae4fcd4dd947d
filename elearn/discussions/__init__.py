"""Course discussions: learners ask about a course (or one of its lessons or quizzes),
trainers and fellow learners answer, the trainer accepts an answer and may pin, lock or
hide; and the moderation of every post people write (reports, hiding, restoring),
the idea board's comments included."""

from flask import Blueprint

bp = Blueprint("discussions", __name__, template_folder="templates")

from elearn.discussions import moderation_routes, routes  # noqa: E402,F401
