"""Pictures on ideas, photos and documents as a milestone's evidence, progress notes on a
change project, and an idea itself reported and hidden: who may add and see each, that
a picture is served written anew (upright, bounded, without the phone's EXIF data) and
that a file never runs as a page."""

from __future__ import annotations

import io
import re
import struct
import zlib

import sqlalchemy as sa
from PIL import Image

from elearn import db
from elearn.models import Idea, IdeaComment, PostFile, PostReport, ProjectMilestone, User
from elearn.testing import learner_nip
from tests.events import notice_kinds, press, signed_in
from tests.ideas import MILESTONES, agencies, photo, post


def huge_png_header() -> bytes:
    """A PNG declaring 9000 x 9000 pixels in a few bytes (a decompression bomb's start)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 9000, 9000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 100))
    )


def upload(client, idea_id, data: bytes, name="foto.jpg", caption="Antrean pagi di loket"):
    page = f"/ideas/{idea_id}"
    return press(client, f"{page}/images", page,
                 {"image": (io.BytesIO(data), name), "caption": caption})  # fmt: skip


def test_an_idea_shows_its_authors_photo_upright_small_and_without_exif(app, people):
    ids = agencies(app)
    [(sari, sari_client), (budi, budi_client)] = people(2)
    _check, idea_id = post(sari_client, ids["DINKES"])
    assert upload(budi_client, idea_id, photo()).status_code == 403  # not the author's
    assert upload(sari_client, idea_id, photo()).status_code == 302
    page = budi_client.get(f"/ideas/{idea_id}").get_data(as_text=True)
    [src] = re.findall(rf'<img src="(/ideas/{idea_id}/images/\d+)"', page)
    assert 'alt="Antrean pagi di loket"' in page
    served = budi_client.get(src)  # every colleague sees it
    assert served.mimetype == "image/jpeg"
    assert "sandbox" in served.headers["Content-Security-Policy"]
    picture = Image.open(io.BytesIO(served.data))
    assert picture.size == (800, 1600)  # turned upright, then bounded to 1,600 pixels
    assert dict(picture.getexif()) == {}  # the phone's data is gone
    with app.app_context():
        stored = db.session().scalar(sa.select(PostFile))
        assert (stored.width, stored.height, stored.uploader_id) == (800, 1600, sari.id)
    remove = f"{src}/delete"
    assert press(budi_client, remove, f"/ideas/{idea_id}").status_code == 403
    assert press(sari_client, remove, f"/ideas/{idea_id}").status_code == 302
    assert budi_client.get(src).status_code == 404


def test_what_is_not_a_picture_is_refused_and_nothing_is_kept(app, people):
    ids = agencies(app)
    [(_sari, client)] = people(1)
    _check, idea_id = post(client, ids["DINKES"])
    page = f"/ideas/{idea_id}"
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    refusals = {
        "gambar.png": svg,  # a script calling itself a picture
        "gambar.svg": svg,
        "bom.png": huge_png_header(),
        "kosong.jpg": b"",
        "peta.webp": b"RIFF\0\0\0\0WEBPVP8 " + b"\0" * 40,  # broken
    }
    for name, data in refusals.items():
        response = upload(client, idea_id, data, name=name)
        assert response.status_code == 302
        assert name in client.get(page).get_data(as_text=True)  # the refusal names it
    bomb = upload(client, idea_id, huge_png_header(), name="peta.png")
    assert "peta.png memiliki terlalu banyak piksel." in client.get(
        bomb.headers["Location"]
    ).get_data(as_text=True)
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(PostFile.id))) == 0
    upload(client, idea_id, photo(), caption="")  # a picture needs its description
    for number in range(7):
        upload(client, idea_id, photo(40, 30, 1), caption=f"Foto {number}")
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(PostFile.id))) == 6  # at most six


def _project(app, people, make_user):
    """Sari's change project with Hendra as her mentor: (sari, her client, hendra, his
    client, the project page, the first milestone's action)."""
    [(sari, sari_client)] = people(1)
    hendra = make_user("learner", nip=learner_nip(61), email="hm@contoh.go.id", name="Hendra")
    with app.app_context():
        session = db.session()
        session.get(User, sari.id).supervisor_id = hendra.id
        session.commit()
    new = "/ideas/projects/new"
    made = press(sari_client, new, new, {"title": "Arsip digital SPJ", "goal": "SPJ dipindai.",
                                         "milestones": MILESTONES})  # fmt: skip
    page = made.headers["Location"]
    first = re.findall(rf'action="({page}/milestones/\d+)"', sari_client.get(page).get_data(True))[
        0
    ]
    return sari, sari_client, hendra, signed_in(app, hendra), page, first


def test_a_milestone_sends_photos_and_documents_only_its_people_open(app, people, make_user):
    sari, sari_client, _hendra, mentor, page, first = _project(app, people, make_user)
    files = [(io.BytesIO(photo(1200, 900, 1)), "rapat.jpg"), (io.BytesIO(b"%PDF-1.4 SK"), "sk.pdf")]
    evidence = {"evidence": "Rapat dan SK terlampir.", "files": files}
    assert press(sari_client, first, page, evidence).status_code == 302
    html = mentor.get(page).get_data(as_text=True)
    [image] = re.findall(rf'<img src="({page}/files/\d+)"', html)
    [document] = re.findall(rf'href="({page}/files/\d+)" download', html)
    assert mentor.get(image).mimetype == "image/jpeg"
    pdf = mentor.get(document)
    assert pdf.mimetype == "application/octet-stream"
    assert pdf.headers["Content-Disposition"] == 'attachment; filename="sk.pdf"'
    assert pdf.data == b"%PDF-1.4 SK"
    [(_other, stranger)] = people(1, start=5)
    assert stranger.get(document).status_code == 404
    # sent: the owner cannot take a file back while the mentor reads it
    assert press(sari_client, f"{document}/delete", page).status_code == 403


def test_a_refused_file_keeps_the_milestone_unsent(app, people, make_user):
    _sari, sari_client, _hendra, _mentor, page, first = _project(app, people, make_user)
    files = [(io.BytesIO(photo(60, 40, 1)), "ok.jpg"), (io.BytesIO(b"MZ\x90\0"), "alat.exe")]
    press(sari_client, first, page, {"evidence": "Terlampir.", "files": files})
    assert "alat.exe" in sari_client.get(page).get_data(as_text=True)  # the reason shown
    with app.app_context():
        session = db.session()
        assert session.scalar(sa.select(sa.func.count(PostFile.id))) == 0
        assert set(session.scalars(sa.select(ProjectMilestone.status))) == {"rencana"}


def test_progress_notes_go_between_owner_and_mentor(app, people, make_user):
    sari, sari_client, hendra, mentor, page, _first = _project(app, people, make_user)
    press(sari_client, f"{page}/notes", page, {"body": "Pemindai **rusak**; menunggu servis."})
    press(mentor, f"{page}/notes", page, {"body": "Pinjam pemindai Bagian Umum."})
    assert "project.note" in notice_kinds(app, hendra.id)
    assert "project.note" in notice_kinds(app, sari.id)
    html = sari_client.get(page).get_data(as_text=True)
    assert "<strong>rusak</strong>" in html and "Pinjam pemindai Bagian Umum." in html
    [(_other, stranger)] = people(1, start=5)
    assert press(stranger, f"{page}/notes", "/ideas/", {"body": "x"}).status_code == 404


def test_a_reported_idea_is_hidden_from_the_board_and_restored(app, people, make_user):
    ids = agencies(app)
    [(sari, sari_client), (budi, budi_client), (team_person, team_client)] = people(3)
    _check, idea_id = post(sari_client, ids["DINKES"], title="Nomor HP pasien dipasang di papan")
    page = f"/ideas/{idea_id}"
    admin = make_user("admin", nip=learner_nip(93), email="adm@contoh.go.id")
    press(signed_in(app, admin), "/ideas/teams", "/ideas/teams",
          {"agency": str(ids["DINKES"]), "nip": team_person.nip})  # fmt: skip
    report = {"kind": "idea", "post_id": str(idea_id), "reason": "Memuat data pribadi pasien"}
    assert press(budi_client, "/moderation/report", page, report).status_code == 302
    assert "Memuat data pribadi pasien" in team_client.get("/moderation").get_data(as_text=True)
    link, search = f'href="{page}"', "/ideas/?q=papan"
    assert link in budi_client.get(search).get_data(as_text=True)
    hide = f"/moderation/idea/{idea_id}/hide"
    assert press(budi_client, hide, page, {"reason": "x"}).status_code == 403
    press(team_client, hide, page, {"reason": "Data pribadi"})
    assert budi_client.get(page).status_code == 404
    assert link not in budi_client.get(search).get_data(as_text=True)
    own = sari_client.get(page).get_data(as_text=True)
    assert "Disembunyikan moderator: Data pribadi" in own  # the author learns why
    press(team_client, f"/moderation/idea/{idea_id}/restore", page)
    assert budi_client.get(page).status_code == 200
    with app.app_context():
        assert db.session().scalar(sa.select(PostReport.resolved_at)) is not None


def test_an_idea_removed_for_good_takes_its_comments_and_their_reports(app, people, make_user):
    ids = agencies(app)
    [(sari, sari_client), (budi, budi_client)] = people(2)
    _check, idea_id = post(sari_client, ids["DINKES"])
    page = f"/ideas/{idea_id}"
    press(budi_client, f"{page}/comments", page, {"body": "Iklan obat murah di sini"})
    with app.app_context():
        comment_id = db.session().scalar(sa.select(IdeaComment.id))
    press(sari_client, "/moderation/report", page,
          {"kind": "idea_comment", "post_id": str(comment_id), "reason": "Iklan"})  # fmt: skip
    admin = signed_in(app, make_user("admin", nip=learner_nip(94), email="ad@contoh.go.id"))
    gone = press(admin, f"/moderation/idea/{idea_id}/remove", page, {"reason": "Spam"})
    assert gone.headers["Location"] == "/ideas/"
    assert sari_client.get(page).status_code == 404
    with app.app_context():
        session = db.session()
        assert session.scalar(sa.select(sa.func.count(Idea.id))) == 0
        assert session.scalar(sa.select(sa.func.count(IdeaComment.id))) == 0
        assert session.scalar(sa.select(PostReport.resolved_at)) is not None
    assert "Iklan" not in admin.get("/moderation").get_data(as_text=True)
