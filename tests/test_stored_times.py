"""Moments are stored as UTC and read back as UTC on every database, whatever zone the
code hands in: a reminder's cut-off at midnight in Jakarta compares with stored times as
the same instant (on SQLite it once compared as text, seven hours off)."""

from datetime import UTC, datetime

import sqlalchemy as sa

from elearn import db
from elearn.models import User
from elearn.models.types import LOCAL_TIME

# 06:30 on 3 December in Jakarta is 23:30 on 2 December in UTC.
JAKARTA_MORNING = datetime(2026, 12, 3, 6, 30, tzinfo=LOCAL_TIME)
JAKARTA_MIDNIGHT = datetime(2026, 12, 3, 0, 0, tzinfo=LOCAL_TIME)


def test_a_moment_given_in_jakarta_time_is_read_back_as_the_same_instant_in_utc(app, make_user):
    user = make_user("learner")
    with app.app_context():
        session = db.session()
        session.get(User, user.id).created_at = JAKARTA_MORNING
        session.commit()
        session.expire_all()
        stored = session.get(User, user.id).created_at
    assert stored == JAKARTA_MORNING
    assert stored.tzinfo is UTC
    assert (stored.day, stored.hour) == (2, 23)


def test_comparing_stored_times_with_a_local_midnight_compares_instants(app, make_user):
    user = make_user("learner")
    with app.app_context():
        session = db.session()
        session.get(User, user.id).created_at = datetime(2026, 12, 2, 23, 30, tzinfo=UTC)
        session.commit()

        def since(moment):
            return session.scalars(
                sa.select(User.id).where(User.id == user.id, User.created_at >= moment)
            ).all()

        assert since(JAKARTA_MIDNIGHT) == [user.id]  # 23:30 UTC is 06:30 in Jakarta
        assert since(JAKARTA_MORNING) == [user.id]
        assert since(datetime(2026, 12, 3, 7, 0, tzinfo=LOCAL_TIME)) == []
