"""No trainer takes over a course they do not teach (review-security.md F1): the guard
of a draft's course and the compiler read the course file the same way, publishing
checks who and what, and a course's files never name a path outside its folder (F14)."""

import io
import zipfile

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.models import Course, CourseTrainer, CourseVersion
from elearn.testing import csrf_token, login, post_form

VICTIM = "---\nid: korban\njudul: Kursus Wajib\njp: 2\n---\nIsi asli.\n"
VARIANTS = {
    "upper-case key": "---\nID: korban\njudul: Dibajak\njp: 150\n---\nBajakan.\n",
    "mixed-case key": "---\nId: korban\njudul: Dibajak\njp: 150\n---\nBajakan.\n",
    "trailing space": "--- \nid: korban\njudul: Dibajak\njp: 150\n---\nBajakan.\n",
    "dots closer": "---\nid: korban\njudul: Dibajak\njp: 150\n...\nBajakan.\n",
    "CR line ends": "---\rid: korban\rjudul: Dibajak\rjp: 150\r---\rBajakan.\r",
    "U+2028 line ends": "---\u2028id: korban\u2028judul: Dibajak\u2028jp: 150\u2028---\u2028B.\n",
    "indented closer": (
        "---\nid: korban\njudul: Dibajak\njp: 150\n  ---\nid: kursus-saya\n---\nB.\n"
    ),
}


@pytest.fixture
def intruder(app, client, publish, make_user):
    """The victim course, taught by one trainer; a second trainer who teaches nothing
    has made a course of their own and is signed in."""
    publish({"kursus.md": VICTIM, "01-isi.md": "# Isi\nIsi.\n"})
    owner = make_user("trainer")
    with app.app_context():
        course = db.session().scalar(sa.select(Course).where(Course.key == "korban"))
        db.session().add(CourseTrainer(course_id=course.id, user_id=owner.id))
        db.session().commit()
    make_user("trainer", nip="198001012005011002", email="trainer2@contoh.go.id")
    login(client, "198001012005011002")
    made = post_form(
        client, "/author/courses/new", {"key": "kursus-saya", "title": "Kursus Saya"}, "/author/"
    )
    assert made.status_code == 302
    return client


def untouched(app) -> None:
    with app.app_context():
        session = db.session()
        course = session.scalar(sa.select(Course).where(Course.key == "korban"))
        versions = session.scalars(
            sa.select(CourseVersion.title).where(CourseVersion.course_id == course.id)
        ).all()
        trainers = session.scalars(
            sa.select(CourseTrainer.user_id).where(CourseTrainer.course_id == course.id)
        ).all()
        assert versions == ["Kursus Wajib"] and len(trainers) == 1


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_a_draft_cannot_publish_over_another_course(app, intruder, variant):
    page = "/author/courses/kursus-saya/files/kursus.md"
    post_form(intruder, page, {"text": VARIANTS[variant]})
    post_form(intruder, "/author/courses/kursus-saya/publish", {}, "/author/courses/kursus-saya")
    untouched(app)
    assert intruder.get("/author/courses/korban/reports").status_code == 404


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_an_upload_cannot_become_another_courses_draft(app, intruder, variant):
    archive = zipped({"kursus.md": VARIANTS[variant], "01-isi.md": "# Isi\nB.\n"})
    intruder.post(
        "/author/upload",
        data={
            "archive": (io.BytesIO(archive), "k.zip"),
            "csrf_token": csrf_token(intruder, "/author/"),
        },
    )
    for key in ("korban", "kursus-saya"):
        post_form(intruder, f"/author/courses/{key}/publish", {}, f"/author/courses/{key}")
    untouched(app)


@pytest.mark.parametrize(
    "name",
    ["../../../../tmp/x.md", "/tmp/x.png", "a/../../b.png", "c:/x.md"],  # noqa: S108
)
def test_an_upload_naming_a_file_outside_its_folder_is_refused(app, intruder, name):
    archive = zipped({"kursus.md": "---\nid: kursus-lain\njudul: L\njp: 1\n---\nL.\n", name: "x"})
    refused = intruder.post(
        "/author/upload",
        data={
            "archive": (io.BytesIO(archive), "k.zip"),
            "csrf_token": csrf_token(intruder, "/author/"),
        },
    )
    assert refused.status_code == 400
    assert "di luar folder" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session().scalar(sa.select(Course).where(Course.key == "kursus-lain")) is None


def test_a_damaged_zip_is_refused_with_a_message_not_an_error(app, intruder):
    archive = bytearray(zipped({"kursus.md": "---\nid: rusak\njudul: R\njp: 1\n---\nR.\n"}))
    start = archive.index(b"R.\n")
    archive[start : start + 2] = b"XX"  # the content no longer matches its CRC
    refused = intruder.post(
        "/author/upload",
        data={
            "archive": (io.BytesIO(bytes(archive)), "k.zip"),
            "csrf_token": csrf_token(intruder, "/author/"),
        },
    )
    assert refused.status_code == 400


def test_private_downloads_are_never_cached(app, client, publish, login_as):
    publish({"kursus.md": VICTIM, "01-isi.md": "# Isi\nIsi.\n"})
    user = login_as("admin")
    del user
    source = client.get("/author/courses/korban/versions/1/source.zip")
    assert source.status_code == 200 and source.headers["Cache-Control"] == "no-store"
    static = client.get("/static/css/elearn.css")
    assert static.headers.get("Cache-Control") != "no-store"
    static.close()
