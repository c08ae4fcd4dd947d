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
    post_form(client, "/language", {"lang": "en", "next": "/admin/audit"}, "/admin/audit")
    english = client.get("/admin/audit").get_data(as_text=True)  # the same entries, in English
    assert (
        "accounts imported" in english and "1 created, 0 updated, 0 unchanged, 0 refused" in english
    )
    assert "dibuat" not in english and "ditambahkan" not in english
    assert "1 created, 0 updated" in client.get("/admin/audit?format=csv").get_data(as_text=True)


def test_the_log_reads_the_system_and_old_entries_in_the_readers_language(app, client, make_user):
    from elearn import db
    from elearn.audit import Said, audit

    make_user("admin")
    with app.test_request_context():
        audit(
            db.session(),
            None,
            "jp.approve",
            "course:apbd",
            Said("jp.approved", {"version": 2, "claimed": 4.5, "jp": 3}, "cukup"),
        )
        audit(db.session(), None, "course.upload", "course:spj", "12 berkas")  # as written before
        db.session().commit()
    login(client, NIPS["admin"])
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "versi 2: 4,5 JP diajukan, 3 JP disetujui; cukup" in page and "<td>sistem</td>" in page
    post_form(client, "/language", {"lang": "en", "next": "/admin/audit"}, "/admin/audit")
    english = client.get("/admin/audit").get_data(as_text=True)
    assert "version 2: 4.5 JP claimed, 3 JP approved; cukup" in english  # the note as written
    assert "<td>the system</td>" in english and "12 berkas" in english


def test_only_admins_read_the_log(client, login_as):
    login_as("trainer")
    assert client.get("/admin/audit").status_code == 403
