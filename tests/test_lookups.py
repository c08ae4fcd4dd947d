"""``elearn.lookups``: the statements of every learner's request, sent to the driver
directly, give what the ORM would (typed values, the session's persistent object that
saves its changes), on SQLite and PostgreSQL alike."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.lookups import Lookup, Together, columns_of, one_of
from elearn.models import Agency, User
from elearn.models.types import LOCAL_TIME, UtcDateTime
from elearn.testing import learner_nip

BY_NIP = Lookup(
    sa.select(*columns_of(User), Agency.name)
    .outerjoin(Agency, Agency.id == User.agency_id)
    .where(User.nip == sa.bindparam("nip", "")),
    entity=User,
)
AGENCY_OF = Lookup(
    sa.select(*columns_of(Agency), User.full_name)
    .select_from(User)
    .outerjoin(Agency, Agency.id == User.agency_id)
    .where(User.nip == sa.bindparam("nip", ""))
    .limit(1),
    entity=Agency,
)


def test_a_lookup_gives_the_sessions_persistent_object_with_typed_values(app, make_user, agency):
    user = make_user("learner")
    with app.app_context():
        session = db.session()
        session.execute(sa.update(User).where(User.id == user.id).values(agency_id=agency))
        session.commit()
    with app.app_context():
        session = db.session()
        found, agency_name = BY_NIP.first(session, nip=user.nip)
        assert (found.id, found.full_name, agency_name) == (
            user.id,
            user.full_name,
            "Dinas Kesehatan",
        )
        assert found.created_at.tzinfo is UTC  # the column's own type read it
        assert found is session.get(User, user.id)  # the session's, not a copy
        assert BY_NIP.first(session, nip=user.nip)[0] is found
        found.position = "Analis Kebijakan"  # and it saves its changes
        session.commit()
    with app.app_context():
        assert db.session().get(User, user.id).position == "Analis Kebijakan"


def test_a_lookup_gives_none_for_no_row_and_for_an_entity_not_joined(app, make_user):
    user = make_user("learner")  # in no agency
    with app.app_context():
        session = db.session()
        assert BY_NIP.first(session, nip="199912312020121001") is None
        assert AGENCY_OF.first(session, nip=user.nip) == (None, user.full_name)


def test_a_lookup_is_counted_as_any_statement(app, make_user):
    user = make_user("learner")
    sent = []
    engine = db.get_db(app).engine

    def record(_conn, _cursor, statement, *_args):
        sent.append(statement)

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        with app.app_context():
            BY_NIP.first(db.session(), nip=user.nip)
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    assert [s for s in sent if "FROM users" in s]


def test_a_value_to_give_needs_a_placeholder():
    with pytest.raises(ValueError, match="placeholder value: nip"):
        Lookup(sa.select(User.id).where(User.nip == sa.bindparam("nip")))


def test_every_row_comes_named_and_values_are_bound_as_their_columns_bind(app, make_user):
    """A moment given in Jakarta time is compared as the instant it is (the column's
    UtcDateTime converts it before the driver sees it), and rows read by name."""
    users = [make_user("learner", nip=learner_nip(n), email=f"u{n}@contoh.go.id") for n in range(3)]
    with app.app_context():
        session = db.session()
        for hour, user in zip((22, 23, 1), users, strict=True):  # 2 Dec 22:00 UTC and on
            day = 2 if hour > 12 else 3
            session.get(User, user.id).created_at = datetime(2026, 12, day, hour, tzinfo=UTC)
        session.commit()
        since = Lookup(
            sa.select(User.nip, User.created_at)
            .where(User.created_at >= sa.bindparam("since", datetime.min, UtcDateTime()))
            .order_by(User.created_at)
        )
        jakarta_six = datetime(2026, 12, 3, 6, 0, tzinfo=LOCAL_TIME)  # 23:00 UTC on the 2nd
        rows = since.all(session, since=jakarta_six)
    assert [row.nip for row in rows] == [users[1].nip, users[2].nip]
    assert rows[0].created_at == datetime(2026, 12, 2, 23, tzinfo=UTC)


def test_a_lookup_sees_what_the_session_has_pending(app, make_user):
    user = make_user("learner")
    with app.app_context():
        session = db.session()
        session.get(User, user.id).position = "Pranata Komputer"  # not flushed yet
        found = Lookup(sa.select(User.position).where(User.id == sa.bindparam("user_id", 0))).first(
            session, user_id=user.id
        )
    assert found.position == "Pranata Komputer"


CODES_OF = Lookup(sa.select(Agency.code).where(one_of(Agency.id, "ids")).order_by(Agency.code))


def test_any_number_of_ids_is_read_by_one_statement(app):
    """The catalogue's JP of a page of courses: one compiled form for any count (an IN
    list compiled a statement per count, and PostgreSQL planned each afresh)."""
    with app.app_context():
        session = db.session()
        agencies = [Agency(code=f"A{n}", name=f"Dinas {n}") for n in range(4)]
        session.add_all(agencies)
        session.commit()
        ids = [agency.id for agency in agencies]
        sent = []
        engine = db.get_db(app).engine
        record = lambda _c, _cur, statement, *_a: sent.append(statement)  # noqa: E731
        sa.event.listen(engine, "before_cursor_execute", record)
        try:
            found = [
                [row.code for row in CODES_OF.all(session, ids=chosen)]
                for chosen in ([], ids[:1], [ids[3], ids[1], ids[3]], (i for i in ids))
            ]
        finally:
            sa.event.remove(engine, "before_cursor_execute", record)
    assert found == [[], ["A0"], ["A1", "A3"], ["A0", "A1", "A2", "A3"]]
    sent = [statement for statement in sent if statement != "BEGIN"]  # SQLite's
    assert len(sent) == 4 and len(set(sent)) == 1


TOGETHER = Together(
    {
        "people": sa.select(User.nip, User.created_at).where(
            User.created_at >= sa.bindparam("since", datetime.min, UtcDateTime())
        ),
        "agencies": sa.select(Agency.code, Agency.name).where(one_of(Agency.id, "ids")),
        "none": sa.select(Agency.id).where(Agency.code == "TIDAK-ADA"),
    },
    order={"people": (User.created_at.desc(),), "agencies": (Agency.code,)},
)


def test_questions_asked_together_give_each_its_own_rows_in_its_own_order(app, make_user):
    """One statement: each part's rows, named and typed as its own columns (a moment
    read aware in UTC, as the column's type reads it), in the part's order."""
    users = [make_user("learner", nip=learner_nip(n), email=f"u{n}@contoh.go.id") for n in range(3)]
    with app.app_context():
        session = db.session()
        for day, user in zip((3, 1, 2), users, strict=True):
            session.get(User, user.id).created_at = datetime(2026, 12, day, 8, tzinfo=UTC)
        agencies = [Agency(code=code, name=f"Dinas {code}") for code in ("B", "C", "A")]
        session.add_all(agencies)
        session.commit()
        sent = []
        engine = db.get_db(app).engine
        record = lambda _c, _cur, statement, *_a: sent.append(statement)  # noqa: E731
        sa.event.listen(engine, "before_cursor_execute", record)
        try:
            found = TOGETHER.all(
                session,
                since=datetime(2026, 12, 1, 12, tzinfo=UTC),
                ids=[agencies[0].id, agencies[2].id],
            )
        finally:
            sa.event.remove(engine, "before_cursor_execute", record)
    assert len([s for s in sent if s != "BEGIN"]) == 1  # (SQLite begins a transaction)
    assert [row.nip for row in found["people"]] == [users[0].nip, users[2].nip]
    assert found["people"][1].created_at == datetime(2026, 12, 2, 8, tzinfo=UTC)
    assert found["people"][1].created_at.tzinfo is UTC
    assert [(row.code, row.name) for row in found["agencies"]] == [
        ("A", "Dinas A"),
        ("B", "Dinas B"),
    ]
    assert found["none"] == []
