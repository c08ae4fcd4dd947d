"""The ``elearn`` command line."""

import sqlalchemy as sa

from elearn import db, migrations
from elearn.models import User
from elearn.testing import login

CREATE_X = "user create --name X --email x@contoh.go.id --password kata-sandi-kuat-1".split()


def test_user_create_makes_an_account_that_can_sign_in(app, runner, agency):
    result = runner.invoke(
        args=[
            "user",
            "create",
            "--name",
            "Budi Santoso",
            "--nip",
            "19750817 200012 1 003",
            "--role",
            "trainer",
            "--role",
            "learner",
            "--agency",
            "DINKES",
            "--password",
            "widyaiswara-2026",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Budi Santoso (learner, trainer)" in result.output
    with app.app_context():
        user = db.session().scalar(sa.select(User))
        assert (user.nip, user.agency.code) == ("197508172000121003", "DINKES")
    assert login(app.test_client(), "197508172000121003", "widyaiswara-2026").status_code == 302


def test_user_create_explains_a_bad_nip(runner):
    result = runner.invoke(
        args=[
            "user",
            "create",
            "--name",
            "X",
            "--nip",
            "19751317200012100",
            "--password",
            "widyaiswara-2026",
        ]
    )
    assert result.exit_code == 2
    assert "18 angka" in result.output


def test_user_create_refuses_a_weak_password_and_an_unknown_agency(runner):
    weak = runner.invoke(
        args=["user", "create", "--name", "X", "--email", "x@contoh.go.id", "--password", "123"]
    )
    assert weak.exit_code == 2 and "paling sedikit 10 karakter" in weak.output
    unknown = runner.invoke(args=[*CREATE_X, "--agency", "TIDAKADA"])
    assert unknown.exit_code == 2 and "no agency with code 'TIDAKADA'" in unknown.output


def test_user_create_refuses_a_duplicate(runner):
    assert runner.invoke(args=CREATE_X).exit_code == 0
    again = runner.invoke(args=CREATE_X)
    assert again.exit_code == 1 and "cannot create the user" in again.output


def test_db_upgrade_reports_the_newest_revision(runner):
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(migrations.alembic_config()).get_current_head()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0 and f"Database at {head}." in result.output


def test_plugins_list_shows_the_core(runner):
    assert "elearn.builtin" in runner.invoke(args=["plugins", "list"]).output


def test_demo_data_gives_one_account_per_role(app):
    from elearn.demo import database_is_empty, load_demo_data

    with app.app_context():
        assert database_is_empty(db.session())
        accounts = load_demo_data(db.session())
        roles = {role for role, _, _ in accounts}
        assert roles == {"learner", "trainer", "admin", "partner", "supervisor"}
        assert not database_is_empty(db.session())
    learner = next(a for a in accounts if a[0] == "learner")
    assert login(app.test_client(), learner[1], learner[2]).status_code == 302
