"""The audit log records who changed what and when; admins read and export it."""

import io

from elearn.testing import NIPS, login, post_form


def test_admin_actions_are_logged_with_who_and_what(app, client, make_user):
    make_user("admin", name="Wati Rahmawati")
    login(client, NIPS["admin"])
    post_form(
        client, "/admin/agencies", {"code": "DISKOMINFO", "name": "Dinas Kominfo", "parent_id": "0"}
    )
    data = "nip,nama,instansi\n199003152015032001,Sari Wulandari,DISKOMINFO\n"
    preview = post_form(
        client, "/admin/users/import", {"file": (io.BytesIO(data.encode()), "asn.csv")}
    )
    token = preview.get_data(as_text=True).split('action="/admin/users/import/')[1].split('"')[0]
    post_form(client, f"/admin/users/import/{token}", {}, page="/admin/users")
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "Wati Rahmawati" in page
    assert "instansi ditambahkan" in page and "agency:DISKOMINFO" in page
    assert "akun diimpor" in page and "1 dibuat, 0 diperbarui, 0 tetap, 0 ditolak" in page
    only_imports = client.get("/admin/audit?aksi=accounts.import").get_data(as_text=True)
    assert "agency:DISKOMINFO" not in only_imports
    exported = client.get("/admin/audit?format=csv").get_data(as_text=True)
    assert exported.count("Wati Rahmawati") == 2


def test_only_admins_read_the_log(client, login_as):
    login_as("trainer")
    assert client.get("/admin/audit").status_code == 403
