"""Quiz attempts through the progress service: seeded layouts, saves, one grading."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.content.store import import_course
from elearn.models import Attempt, Course, CourseItem, JpCredit, User
from elearn.progress import enrol
from elearn.progress.attempts import (
    AttemptRefused,
    save_answers,
    start_attempt,
    submit_attempt,
)
from elearn.progress.jp import approve_claim
from elearn.testing import COURSE_FILE, quiz_file

QUIZ = (
    "# Bank {ambil=2}\n## A\n= benar\n\n## B\n= salah\n\n## C\n= benar\n\n"
    "# Lain\n## D\n- (x) Jakarta\n- ( ) Bandung\n- ( ) Surabaya\n"
)


@pytest.fixture
def quiz_setup(app, make_user):
    def setup(settings="percobaan: 2\nnilai_lulus: 100\n"):
        user = make_user("learner")
        files = {"kursus.md": COURSE_FILE, "01-kuis.md": quiz_file(QUIZ, settings)}
        ctx = app.test_request_context()
        ctx.push()
        session = db.session()
        imported = import_course(app, session, {k: v.encode() for k, v in files.items()})
        approve_claim(session, None, imported.version)
        user = session.get(User, user.id)
        enrolment = enrol(session, user, session.scalar(sa.select(Course)))
        session.commit()  # as a page does: the services only flush
        item = session.scalar(sa.select(CourseItem).where(CourseItem.key == "kuis"))
        return session, user, enrolment, item, ctx

    contexts = []
    yield lambda *a, **k: contexts.append(setup(*a, **k)) or contexts[-1][:4]
    for context in contexts:
        context[-1].pop()


def token(attempt, key, real):
    """What the attempt's page posts for the option ``real`` of question ``key``."""
    entry = next(e for e in attempt.layout if e["key"] == key)
    return next(value for value, option in entry["view"]["sealed"].items() if option == real)


def answers_for(attempt, right=True):
    truth = {"a": "true", "b": "false", "c": "true", "d": "a"}
    wrong = {"a": "false", "b": "true", "c": "false", "d": "b"}
    chosen = truth if right else wrong
    return {e["key"]: token(attempt, e["key"], chosen[e["key"]]) for e in attempt.layout}


def test_an_attempt_draws_from_the_pool_and_carries_no_answer_key(quiz_setup):
    session, user, enrolment, item = quiz_setup()
    attempt = start_attempt(session, user, enrolment, item)
    keys = [entry["key"] for entry in attempt.layout]
    assert len(keys) == 3 and keys[-1] == "d" and set(keys[:2]) <= {"a", "b", "c"}
    assert attempt.max_score == 3
    assert "correct" not in str(attempt.layout) and "benar" not in str(attempt.layout)
    assert start_attempt(session, user, enrolment, item).id == attempt.id  # resumed


def test_saving_then_submitting_grades_once_and_completes_the_course(quiz_setup):
    session, user, enrolment, item = quiz_setup()
    attempt = start_attempt(session, user, enrolment, item)
    revision = save_answers(session, user, attempt, answers_for(attempt), revision=0)
    assert revision == 1
    graded = submit_attempt(session, user, attempt, revision=1)
    assert (graded.state, graded.score, graded.percent, graded.passed) == ("graded", 3, 100, True)
    again = submit_attempt(session, user, attempt, revision=1)
    assert again.submitted_at == graded.submitted_at
    assert session.scalar(sa.select(sa.func.count(JpCredit.id))) == 1


def test_a_stale_form_is_refused(quiz_setup):
    session, user, enrolment, item = quiz_setup()
    attempt = start_attempt(session, user, enrolment, item)
    save_answers(session, user, attempt, {"d": "b"}, revision=0)
    assert attempt.revision == 1 and attempt not in session.dirty  # as saved, unchanged
    with pytest.raises(AttemptRefused, match="stale-form"):
        save_answers(session, user, attempt, {"d": "a"}, revision=0)
    assert attempt.responses == {"d": "b"}
    session.expire(attempt)
    assert (attempt.responses, attempt.revision) == ({"d": "b"}, 1)  # as the row holds


def test_attempts_beyond_the_limit_are_refused(quiz_setup):
    session, user, enrolment, item = quiz_setup()
    for _ in range(2):
        attempt = start_attempt(session, user, enrolment, item)
        submit_attempt(session, user, attempt)
        assert attempt.passed is False
    with pytest.raises(AttemptRefused, match="no-attempts-left"):
        start_attempt(session, user, enrolment, item)


def test_time_up_closes_the_attempt_on_its_saved_answers(quiz_setup):
    session, user, enrolment, item = quiz_setup("batas_waktu: 5\nnilai_lulus: 30\n")
    attempt = start_attempt(session, user, enrolment, item)
    save_answers(session, user, attempt, {"d": token(attempt, "d", "a")}, revision=0)
    attempt.deadline = attempt.deadline - timedelta(minutes=10)
    session.commit()
    with pytest.raises(AttemptRefused, match="time-is-up"):
        save_answers(session, user, attempt, {"d": "b"}, revision=1)
    assert (attempt.state, attempt.score, attempt.passed) == ("graded", 1, True)


def test_another_learner_cannot_touch_an_attempt(quiz_setup, make_user):
    session, user, enrolment, item = quiz_setup()
    attempt = start_attempt(session, user, enrolment, item)
    session.commit()
    other = session.get(User, make_user("trainer").id)
    with pytest.raises(AttemptRefused, match="not-yours"):
        save_answers(session, other, attempt, {"d": "a"}, revision=0)
    with pytest.raises(AttemptRefused, match="not-yours"):
        submit_attempt(session, other, attempt)
    assert session.get(Attempt, attempt.id).open
