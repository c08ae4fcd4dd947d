"""Certificates: issued once on completion, downloaded by their owner only, checked by
anyone with the code, the PDF's hash compared, signed by a plugin when one offers to."""

import io
import re

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from elearn import db
from elearn.config import ConfigError
from elearn.models import Certificate
from elearn.testing import login
from tests.courses import WITH_PDF, complete_course, course_files


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def certificate_link(client) -> str:
    page = client.get("/dashboard").get_data(as_text=True)
    return re.search(r'href="(/certificates/\d+/download)"', page).group(1)


@pytest.fixture
def completed(app, client, login_as, publish):
    publish(course_files(jp=2))
    user = login_as("learner")
    complete_course(client)
    return user


def test_completing_a_course_issues_one_certificate_with_what_it_must_show(app, client, completed):
    complete_course(client)  # again: nothing new
    with app.app_context():
        certificates = db.session().scalars(WITH_PDF).all()
    assert len(certificates) == 1
    certificate = certificates[0]
    assert re.fullmatch(r"00001/SERT/BKPSDM/\d{4}", certificate.number)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", certificate.code)
    response = client.get(certificate_link(client))
    assert response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    text = pdf_text(response.data)
    for shown in (
        "SERTIFIKAT",
        completed.full_name,
        f"NIP {completed.nip}",
        "Dasar APBD",
        "2 JP (90 menit)",
        "Kompetensi Teknis",
        certificate.number,
        certificate.code,
        f"/verify/{certificate.code}",
    ):
        assert shown in text
    page = client.get("/courses/apbd").get_data(as_text=True)
    assert "Unduh sertifikat (PDF)" in page


def test_minutes_per_jp_and_the_number_scheme_are_settings(make_app, publish, login_as):
    app = make_app(MINUTES_PER_JP=60, CERTIFICATE_NUMBER_FORMAT="800/{serial}/{org}/{course}")
    client = app.test_client()
    publish(course_files(jp=2))
    user = login_as("learner")
    login(client, user.nip)
    complete_course(client)
    with app.app_context():
        certificate = db.session().scalar(WITH_PDF)
    assert certificate.number == "800/1/BKPSDM/apbd" and certificate.minutes == 120


def test_a_number_scheme_without_a_serial_is_refused(make_app):
    with pytest.raises(ConfigError, match="serial"):
        make_app(CERTIFICATE_NUMBER_FORMAT="{org}/{year}")
    with pytest.raises(ConfigError, match="cannot be filled in"):
        make_app(CERTIFICATE_NUMBER_FORMAT="{serial}/{unknown}")


def test_serials_count_up_across_learners(app, client, completed, make_user, publish):
    other = app.test_client()
    make_user("learner", nip="199201012019022001", email="rani@contoh.go.id", name="Rani")
    login(other, "199201012019022001")
    complete_course(other)
    with app.app_context():
        serials = db.session().scalars(sa.select(Certificate.serial)).all()
    assert sorted(serials) == [1, 2]


def test_only_the_owner_downloads_a_certificate(app, client, completed, make_user):
    link = certificate_link(client)
    intruder = app.test_client()
    make_user("trainer")
    login(intruder, "197508172000121003")
    assert intruder.get(link).status_code == 404


def test_anyone_verifies_a_code_and_sees_only_what_the_certificate_shows(app, client, completed):
    with app.app_context():
        certificate = db.session().scalar(WITH_PDF)
    anonymous = app.test_client()
    page = anonymous.get(f"/verify/{certificate.code}").get_data(as_text=True)
    assert "Sertifikat ini asli." in page
    assert completed.full_name in page and "Dasar APBD" in page
    # the NIP masked (review-security.md F15): enough to confirm, not to harvest
    assert "19900315********01" in page and completed.nip not in page
    assert certificate.pdf_sha256 in page
    assert completed.email not in page  # nothing beyond what the paper shows
    typed = anonymous.get("/verify?code=" + certificate.code.lower().replace("-", " "))
    assert typed.headers["Location"].endswith(f"/verify/{certificate.code}")
    missing = anonymous.get("/verify/AAAA-BBBB-CCCC")
    assert missing.status_code == 404
    assert "Tidak ada sertifikat dengan kode AAAA-BBBB-CCCC" in missing.get_data(as_text=True)


def upload(client, code, data: bytes):
    page = client.get(f"/verify/{code}").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    return client.post(
        f"/verify/{code}",
        data={"csrf_token": token, "pdf": (io.BytesIO(data), "sertifikat.pdf")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)


def test_an_uploaded_pdf_is_compared_with_the_one_issued(app, client, completed):
    with app.app_context():
        certificate = db.session().scalar(WITH_PDF)
    original = client.get(certificate_link(client)).data
    anonymous = app.test_client()
    assert "Berkas cocok" in upload(anonymous, certificate.code, original)
    forged = original.replace(b"(Sertifikat ", b"(Sertifikas ")  # the document title
    assert forged != original
    assert "Berkas tidak cocok" in upload(anonymous, certificate.code, forged)


def certificate_with_plugin(make_app, install_plugin, publish, make_user, plugin, **settings):
    """An app with ``plugin`` installed, and the certificate of a learner who completed
    a course there."""
    install_plugin(plugin)
    app = make_app(**settings)
    client = app.test_client()
    publish(course_files())
    user = make_user("learner")
    login(client, user.nip)
    complete_course(client)
    with app.app_context():
        return (
            app,
            user,
            db.session().scalar(WITH_PDF),
        )


def test_a_plugin_signs_the_certificate_and_the_hash_covers_the_signed_file(
    make_app, install_plugin, publish, make_user
):
    app, _user, certificate = certificate_with_plugin(
        make_app, install_plugin, publish, make_user, "good"
    )
    assert certificate.signed_by == "uji_baik"
    assert certificate.pdf.endswith(b"oleh uji_baik\n")
    assert "Berkas cocok" in upload(app.test_client(), certificate.code, certificate.pdf)


def test_a_failing_signer_leaves_the_certificate_issued_unsigned(
    make_app, install_plugin, publish, make_user
):
    app, user, certificate = certificate_with_plugin(
        make_app, install_plugin, publish, make_user, "noisy", PLUGINS_STRICT=False
    )
    assert certificate is not None and certificate.signed_by is None
    assert user.full_name in pdf_text(certificate.pdf)
    make_user("admin")
    admin = app.test_client()
    login(admin, "198104222006042002")
    plugins_page = admin.get("/admin/plugins").get_data(as_text=True)
    assert "sign_certificate: RuntimeError: layanan tanda tangan tidak menjawab" in plugins_page


def test_the_certificate_names_the_issuer_in_full_and_its_signer_and_fits_long_names(
    make_app, publish, make_user, tmp_path
):
    from datetime import UTC, datetime

    from PIL import Image
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from elearn.certificates.pdf import fitted_lines

    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), "navy").save(logo)
    app = make_app(
        ORGANISATION_FULL_NAME="Pemerintah Kota Sawahlunto — Badan Kepegawaian dan "
        "Pengembangan Sumber Daya Manusia",
        CERTIFICATE_LOGO=str(logo),
        CERTIFICATE_SIGNER_NAME="Drs. Hendra Saputra, M.Si.",
        CERTIFICATE_SIGNER_POSITION="Kepala Badan Kepegawaian dan Pengembangan SDM",
        CERTIFICATE_SIGNER_NIP="197001011995031001",
    )
    client = app.test_client()
    long_name = "Raden " + " ".join(["Mas Ayu Sekar Kinanti Puspitasari"] * 6)
    long_name = long_name[:200]
    publish(course_files(jp=2, title="Pengelolaan " + "Keuangan Daerah " * 8))
    user = make_user("learner", name=long_name)
    login(client, user.nip)
    complete_course(client)
    with app.app_context():
        certificate = db.session().scalar(WITH_PDF)
    assert certificate.issuer.startswith("Pemerintah Kota Sawahlunto — Badan Kepegawaian")
    text = pdf_text(certificate.pdf)
    assert "Drs. Hendra Saputra, M.Si." in text and "NIP 197001011995031001" in text
    assert "Kepala Badan Kepegawaian" in text
    assert "Raden Mas Ayu Sekar" in text and "PEMERINTAH KOTA SAWAHLUNTO" in text
    reader = PdfReader(io.BytesIO(certificate.pdf))
    assert reader.metadata.title.startswith(f"Sertifikat {certificate.number}: Pengelolaan")
    assert reader.metadata.author.startswith("Pemerintah Kota Sawahlunto")
    made = reader.metadata.creation_date
    assert abs((made.astimezone(UTC) - datetime.now(UTC)).total_seconds()) < 3600
    size, lines = fitted_lines(long_name, "Helvetica-Bold", 26, 640)
    assert len(lines) <= 2 and size >= 9
    assert all(stringWidth(line, "Helvetica-Bold", size) <= 640 for line in lines)


def test_a_logo_that_cannot_be_read_leaves_the_certificate_without_it(
    make_app, publish, make_user, tmp_path
):
    broken = tmp_path / "logo.png"
    broken.write_text("not an image")
    app = make_app(CERTIFICATE_LOGO=str(broken))
    client = app.test_client()
    publish(course_files(jp=2))
    login(client, make_user("learner").nip)
    complete_course(client)
    with app.app_context():
        certificate = db.session().scalar(WITH_PDF)
    assert certificate.pdf.startswith(b"%PDF")  # issued, without the logo
