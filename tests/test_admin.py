"""Admin pages: agencies with their hierarchy, the user list."""

from tests.conftest import csrf_token


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
    assert 'class="depth-2"><strong>UPTD Puskesmas Sawahlunto' in tree


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
