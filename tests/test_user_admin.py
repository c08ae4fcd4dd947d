"""Admins edit accounts: roles, position, agency, supervisor, and deactivation, which
signs the person out at once; each change is checked and logged."""

import re

import sqlalchemy as sa

from elearn import db
from elearn.models import AuditEntry, User
from elearn.testing import NIPS, csrf_token, login, post_form
from tests.forms import create


def edit(client, user_id, **changes):
    data = {
        "full_name": "Sari Wulandari",
        "email": "sari@contoh.go.id",
        "agency_id": "0",
        "position": "Pengelola Data",
        "supervisor_nip": "",
        "roles": ["learner"],
        "active": "y",
    }
    data.update(changes)
    return post_form(client, f"/admin/users/{user_id}", data)


def test_an_admin_edits_roles_position_agency_and_supervisor(app, client, make_user, agency):
    learner = make_user("learner")
    supervisor = make_user("trainer", name="Budi Santoso")
    make_user("admin")
    login(client, NIPS["admin"])
    page = client.get(f"/admin/users/{learner.id}").get_data(as_text=True)
    assert re.search(r"<input checked[^>]*value=\"learner\"|value=\"learner\"[^>]*checked", page), (
        page[page.find("<fieldset") :][:600]
    )
    response = edit(
        client,
        learner.id,
        roles=["learner", "trainer"],
        agency_id=str(agency),
        supervisor_nip="1975 0817 2000 1210 03",
    )
    assert response.status_code == 302
    with app.app_context():
        saved = db.session().get(User, learner.id)
        assert saved.roles == {"learner", "trainer"} and saved.supervisor_id == supervisor.id
        assert saved.agency_id == agency and saved.position == "Pengelola Data"
        assert db.session().scalar(sa.select(AuditEntry.action)) == "user.update"


def test_deactivating_signs_the_person_out(app, client, make_user):
    learner = make_user("learner")
    make_user("admin")
    theirs = app.test_client()
    login(theirs, NIPS["learner"])
    assert theirs.get("/dashboard").status_code == 200
    login(client, NIPS["admin"])
    edit(client, learner.id, active="")
    assert theirs.get("/dashboard").status_code == 302
    assert login(theirs, NIPS["learner"]).status_code != 302


def test_bad_changes_are_refused_with_the_reason(app, client, make_user):
    learner = make_user("learner")
    admin = make_user("admin")
    login(client, NIPS["admin"])
    unknown = edit(client, learner.id, supervisor_nip="199901012020011001").get_data(as_text=True)
    assert "Tidak ada akun dengan NIP ini." in unknown
    own = edit(client, learner.id, supervisor_nip=NIPS["learner"]).get_data(as_text=True)
    assert "Seseorang tidak dapat menjadi atasannya sendiri." in own
    taken = edit(client, learner.id, email="admin@contoh.go.id").get_data(as_text=True)
    assert "Akun lain memakai alamat surel ini." in taken
    lockout = edit(client, admin.id, full_name="Wati", roles=["learner"]).get_data(as_text=True)
    assert "Anda tidak dapat mencabut akses admin Anda sendiri." in lockout
    with app.app_context():
        assert db.session().get(User, admin.id).roles == {"admin"}


def test_only_admins_edit_accounts(client, login_as, make_user):
    other = make_user("learner", nip="199103152015031002", email="lain@contoh.go.id")
    login_as("trainer")
    assert client.get(f"/admin/users/{other.id}").status_code == 403


def test_an_admin_creates_one_account_whose_owner_sets_the_password(app, client, make_user):
    make_user("admin")
    login(client, NIPS["admin"])
    assert create(client).status_code == 302
    page = client.get("/admin/users?q=199003152015032001").get_data(as_text=True)
    assert "Akun Sari Wulandari telah dibuat" in page and "sari@contoh.go.id" in page
    with app.app_context():
        user = db.session().scalar(sa.select(User).where(User.nip == "199003152015032001"))
        assert user.roles == {"learner"} and user.position == "Pengelola Data"
        assert db.session().scalar(
            sa.select(AuditEntry.action).where(AuditEntry.action == "user.create")
        )
    client.post("/logout", data={"csrf_token": csrf_token(client, "/dashboard")})
    assert login(client, "199003152015032001", "").status_code == 200  # no password yet


def test_a_new_account_is_refused_with_reasons(app, client, make_user):
    make_user("admin")
    make_user("learner", email="sari@contoh.go.id")
    login(client, NIPS["admin"])
    page = create(client).get_data(as_text=True)  # the NIP and the e-mail are taken
    assert "Akun lain memakai NIP ini." in page
    assert "Akun lain memakai alamat surel ini." in page
    page = create(client, nip="1990031520150320", email="").get_data(as_text=True)
    assert "NIP terdiri atas 18 angka; yang Anda isi 16 angka." in page
    assert "Isi alamat surel atau NIP: tanpa keduanya pemilik akun tidak dapat masuk." in page
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(User.id))) == 2


def test_only_admins_create_accounts(client, login_as):
    login_as("trainer")
    assert client.get("/admin/users/new").status_code == 403
