"""Training done elsewhere: an ASN records it with its certificate, an admin verifies
it and its JP count (on the dashboard and in the JP report), or rejects it with a note
the ASN reads. Each person sees only their own certificates."""

import io
from datetime import date, timedelta

import sqlalchemy as sa

from elearn import db
from elearn.models import ExternalLearning, JpCredit
from elearn.testing import NIPS, csrf_token, login, post_form

PDF = b"%PDF-1.4\n% sertifikat bimtek\n%%EOF\n"
LAST_WEEK = date.today() - timedelta(days=7)


def record(client, **changes):
    data = {
        "title": "Bimtek Penyusunan SPJ",
        "organiser": "BPSDM Provinsi Sumatera Barat",
        "start_date": (LAST_WEEK - timedelta(days=2)).isoformat(),
        "end_date": LAST_WEEK.isoformat(),
        "jp": "8",
        "competency": "teknis",
        "certificate_number": "800/123/BPSDM/2026",
        "pdf": (io.BytesIO(PDF), "sertifikat.pdf"),
    }
    data.update(changes)
    return post_form(client, "/learning/external", data)


def review(client, record_id, **data):
    return post_form(client, f"/admin/external/{record_id}", data, page="/admin/external")


def test_a_verified_record_counts_toward_the_year(app, client, make_user):
    make_user("learner")
    make_user("admin")
    login(client, NIPS["learner"])
    assert record(client).status_code == 302
    page = client.get("/learning/external").get_data(as_text=True)
    assert "Bimtek Penyusunan SPJ" in page and "menunggu verifikasi" in page
    client.post("/logout", data={"csrf_token": csrf_token(client, "/dashboard")})
    login(client, NIPS["admin"])
    overview = client.get("/admin/").get_data(as_text=True)
    assert '<a href="/admin/external">1</a>' in overview  # one waits for verification
    queue = client.get("/admin/external").get_data(as_text=True)
    assert "Bimtek Penyusunan SPJ" in queue and "800/123/BPSDM/2026" in queue
    assert client.get("/learning/external/1/certificate").data == PDF
    assert review(client, 1, verify="1").status_code == 302
    assert review(client, 1, reject="1", note="terlambat").status_code == 302  # once only
    with app.app_context():
        credit = db.session().scalar(sa.select(JpCredit))
        assert (credit.jp, credit.year, credit.external_id) == (8, LAST_WEEK.year, 1)
        assert db.session().get(ExternalLearning, 1).status == "verified"
    client.post("/logout", data={"csrf_token": csrf_token(client, "/dashboard")})
    login(client, NIPS["learner"])
    assert 'class="big-number">8 ' in client.get("/dashboard").get_data(as_text=True)
    assert "terverifikasi" in client.get("/learning/external").get_data(as_text=True)


def test_a_rejection_needs_a_note_that_the_asn_reads(app, client, make_user):
    make_user("learner")
    make_user("admin")
    login(client, NIPS["learner"])
    record(client)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/dashboard")})
    login(client, NIPS["admin"])
    review(client, 1, reject="1")
    with app.app_context():
        assert db.session().get(ExternalLearning, 1).status == "pending"
    review(client, 1, reject="1", note="Sertifikat tidak terbaca, unggah ulang.")
    client.post("/logout", data={"csrf_token": csrf_token(client, "/dashboard")})
    login(client, NIPS["learner"])
    page = client.get("/learning/external").get_data(as_text=True)
    assert "ditolak: Sertifikat tidak terbaca, unggah ulang." in page
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(JpCredit.id))) == 0


def test_bad_records_are_refused_with_the_reason(app, client, login_as):
    login_as("learner")
    not_pdf = record(client, pdf=(io.BytesIO(b"GIF89a"), "sertifikat.pdf"))
    assert "Sertifikat harus berupa berkas PDF." in not_pdf.get_data(as_text=True)
    backwards = record(
        client,
        start_date=LAST_WEEK.isoformat(),
        end_date=(LAST_WEEK - timedelta(days=3)).isoformat(),
    )
    assert "Hari terakhir lebih awal dari hari pertama." in backwards.get_data(as_text=True)
    future = record(client, end_date=(date.today() + timedelta(days=3)).isoformat())
    assert "setelah pelatihan selesai" in future.get_data(as_text=True)
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(ExternalLearning.id))) == 0


def test_a_certificate_is_its_owners_and_the_admins_alone(app, client, make_user):
    make_user("learner")
    make_user("learner", nip="199103152015031002", email="lain@contoh.go.id")
    login(client, NIPS["learner"])
    record(client)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/dashboard")})
    login(client, "199103152015031002")
    assert client.get("/learning/external/1/certificate").status_code == 404
    assert "Bimtek" not in client.get("/learning/external").get_data(as_text=True)
    assert client.get("/admin/external").status_code == 403
