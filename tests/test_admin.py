"""Admin pages: agencies with their hierarchy, the user list."""

import sqlalchemy as sa

from elearn import db
from elearn.models import Agency, AuditEntry
from elearn.testing import csrf_token, post_form


def test_admin_adds_an_agency_under_a_parent(client, login_as, agency):
    login_as("admin")
    page = client.get("/admin/agencies").get_data(as_text=True)
    assert "Dinas Kesehatan" in page
    response = client.post(
        "/admin/agencies",
        data={
            "code": "PKM-SLT",
            "name": "UPTD Puskesmas Sawahlunto",
            "parent_id": agency,
            "csrf_token": csrf_token(client, "/admin/agencies"),
        },
    )
    assert response.status_code == 302
    page = client.get("/admin/agencies").get_data(as_text=True)
    assert "Perangkat daerah UPTD Puskesmas Sawahlunto telah ditambahkan." in page
    tree = page[page.index('class="tree"') :]
    order = [tree.index(name) for name in ("Pemerintah Kota", "Dinas Kesehatan", "UPTD Puskesmas")]
    assert order == sorted(order)
    assert 'class="depth-2"><a href="/admin/agencies/3"><strong>UPTD Puskesmas Sawahlunto' in tree


def test_a_duplicate_agency_code_is_explained(client, login_as, agency):
    login_as("admin")
    page = client.post(
        "/admin/agencies",
        data={
            "code": "DINKES",
            "name": "Lain",
            "parent_id": 0,
            "csrf_token": csrf_token(client, "/admin/agencies"),
        },
    ).get_data(as_text=True)
    assert "Perangkat daerah dengan kode ini sudah ada." in page


def test_admin_searches_users(client, login_as, make_user):
    login_as("admin")
    make_user("learner", name="Sari Wulandari")
    make_user("trainer", name="Budi Santoso")
    page = client.get("/admin/users?q=wulan").get_data(as_text=True)
    assert "Sari Wulandari" in page and "Budi Santoso" not in page
    assert "peserta" in page  # the role, in Indonesian


def test_admin_renames_an_agency_and_moves_it_but_never_under_itself(app, client, login_as, agency):
    login_as("admin")
    with app.app_context():
        parent = db.session().scalar(sa.select(Agency.id).where(Agency.code == "PEMKOT"))
    page = client.get(f"/admin/agencies/{parent}").get_data(as_text=True)
    choices = page[page.index('name="parent_id"') :][:800]
    assert "Dinas Kesehatan" not in choices  # its own child cannot become its parent
    data = {"code": "DINKES", "name": "Dinas Kesehatan dan KB", "parent_id": "0"}
    response = post_form(client, f"/admin/agencies/{agency}", data)
    assert response.status_code == 302
    with app.app_context():
        saved = db.session().get(Agency, agency)
        assert (saved.name, saved.parent_id) == ("Dinas Kesehatan dan KB", None)
        assert db.session().scalar(sa.select(AuditEntry.action)) == "agency.update"
    moved = post_form(
        client, f"/admin/agencies/{parent}", {"code": "PEMKOT", "name": "Kota", "parent_id": parent}
    )
    assert moved.status_code == 200  # not a choice: refused, nothing saved
    taken = post_form(client, f"/admin/agencies/{agency}", {**data, "code": "PEMKOT"})
    assert "Perangkat daerah dengan kode ini sudah ada." in taken.get_data(as_text=True)
    with app.app_context():
        assert db.session().get(Agency, parent).parent_id is None
        assert db.session().get(Agency, agency).code == "DINKES"
