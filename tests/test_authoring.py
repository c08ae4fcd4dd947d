"""Trainers author in the browser: a new course from a template, a zipped folder
uploaded as a draft, files edited with the compiler's problems at their lines and a live
preview, drafts learners never see, a preview as a learner, publishing (progress kept),
version history with diffs, co-trainers, and the source back as a zip. A trainer reaches
only the courses they teach."""

import io
import zipfile

import sqlalchemy as sa

from elearn import db
from elearn.models import (
    Attempt,
    AuditEntry,
    Course,
    CourseTrainer,
    CourseVersion,
    Enrolment,
    Event,
    ItemProgress,
)
from elearn.testing import (
    COURSE_FILE,
    NIPS,
    csrf_token,
    learner_nip,
    login,
    post_form,
    quiz_fields,
)

LESSON = "# Siklus APBD\n\nPerencanaan, penganggaran, pelaksanaan.\n"


def text(response) -> str:
    return response.get_data(as_text=True)


def save(client, key, path, body):
    return post_form(
        client,
        f"/author/courses/{key}/files/{path}",
        {"text": body},
        f"/author/courses/{key}/files/{path}",
    )


def fill_in_the_template(app, client, key):
    """What a trainer writes over the sample text of a new course's files."""
    from elearn.content.drafts import files_of
    from elearn.content.placeholders import PLACEHOLDERS
    from elearn.models import CourseDraft

    with app.app_context():
        draft = db.session().scalar(sa.select(CourseDraft).join(Course).where(Course.key == key))
        files = {p: d.decode() for p, d in files_of(draft).items() if p.endswith(".md")}
    for path, body in files.items():
        for number, placeholder in enumerate(PLACEHOLDERS):
            body = body.replace(placeholder, f"Isi sendiri nomor {number}.")
        save(client, key, path, body)


def publish_draft(client, key):
    return post_form(client, f"/author/courses/{key}/publish", {}, f"/author/courses/{key}")


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in files.items():
            archive.writestr(f"kursus-saya/{name}", body)
    return buffer.getvalue()


def test_a_new_course_starts_as_a_draft_that_learners_do_not_see(app, client, login_as, make_user):
    login_as("trainer")
    response = post_form(
        client, "/author/courses/new", {"key": "dasar-spj", "title": "Dasar SPJ"}, "/author/"
    )
    assert response.status_code == 302 and response.location.endswith("/author/courses/dasar-spj")
    page = text(client.get("/author/courses/dasar-spj"))
    assert "Belum diterbitkan" in page and "01-pengantar.md" in page and "02-kuis.md" in page
    assert "Dasar SPJ" in text(client.get("/author/"))
    make_user("learner")
    learner = app.test_client()
    login(learner, NIPS["learner"])
    assert "Dasar SPJ" not in text(learner.get("/courses"))
    assert learner.get("/courses/dasar-spj").status_code == 404


def test_the_template_publishes_once_its_sample_text_is_replaced(app, client, login_as):
    login_as("trainer")
    post_form(client, "/author/courses/new", {"key": "dasar-spj", "title": "Dasar SPJ"}, "/author/")
    page = text(client.get("/author/courses/dasar-spj"))
    assert "kursus.md:4</a>" in page and "Teks contoh “Tuliskan ringkasan" in page
    assert "02-kuis.md:8</a>" in page  # the quiz's sample question, at its line
    assert 'aria-describedby="publish-why" disabled' in page
    publish_draft(client, "dasar-spj")
    assert "Belum diterbitkan" in text(client.get("/author/courses/dasar-spj"))
    fill_in_the_template(app, client, "dasar-spj")
    publish_draft(client, "dasar-spj")
    assert "Versi 1 telah diterbitkan" in text(client.get("/author/courses/dasar-spj"))


def test_an_error_is_shown_beside_its_line_and_nothing_is_published(app, client, login_as, publish):
    publish({"kursus.md": COURSE_FILE, "01-siklus.md": LESSON})
    trainer = login_as("trainer")
    with app.app_context():
        course_id = db.session().scalar(sa.select(Course.id))
        db.session().add(CourseTrainer(course_id=course_id, user_id=trainer.id))
        db.session().commit()
    broken = "# Siklus APBD\n\nLihat ![bagan](bagan-tidak-ada.png).\n"
    assert save(client, "kursus-uji", "01-siklus.md", broken).status_code == 302
    page = text(client.get("/author/courses/kursus-uji/files/01-siklus.md"))
    assert '<li id="baris-3" class="gutter-error"' in page
    assert "Baris 3</a>:" in page
    assert "1 masalah menghalangi penerbitan" in text(client.get("/author/courses/kursus-uji"))
    publish_draft(client, "kursus-uji")
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.max(CourseVersion.number))) == 1


def test_the_live_check_compiles_what_is_typed_without_saving(app, client, login_as, publish):
    publish({"kursus.md": COURSE_FILE, "01-siklus.md": LESSON})
    login_as("admin")
    token = csrf_token(client, "/author/courses/kursus-uji/files/01-siklus.md")
    response = client.post(
        "/author/courses/kursus-uji/check",
        json={"path": "01-siklus.md", "text": "# Judul baru\n\n**Tebal** dan ![x](y.png)\n"},
        headers={"X-CSRFToken": token},
    )
    data = response.get_json()
    assert [(p["line"], p["code"]) for p in data["problems"]] == [(3, "LINK-BROKEN")]
    assert "<strong>Tebal</strong>" in data["preview"]
    assert "Perencanaan" in text(client.get("/author/courses/kursus-uji/files/01-siklus.md"))


def test_republishing_keeps_learners_progress_and_they_see_the_change(
    app, client, login_as, publish, make_user
):
    publish({"kursus.md": COURSE_FILE, "01-siklus.md": LESSON, "02-spj.md": "# SPJ\n\nIsi.\n"})
    make_user("learner")
    learner = app.test_client()
    login(learner, NIPS["learner"])
    post_form(learner, "/courses/kursus-uji/enrol", {}, "/courses/kursus-uji")
    learner.get("/courses/kursus-uji/items/siklus")
    login_as("admin")
    save(
        client,
        "kursus-uji",
        "01-siklus.md",
        LESSON.replace("pelaksanaan", "pelaksanaan, dan pertanggungjawaban"),
    )
    assert publish_draft(client, "kursus-uji").status_code == 302
    assert "pertanggungjawaban" in text(learner.get("/courses/kursus-uji/items/siklus"))
    with app.app_context():
        session = db.session()
        enrolment = session.scalar(sa.select(Enrolment))
        done = session.scalars(
            sa.select(ItemProgress.item_key).where(ItemProgress.completed_at.is_not(None))
        ).all()
        assert done == ["siklus"] and enrolment.completed_at is None
        assert session.scalar(sa.select(sa.func.max(CourseVersion.number))) == 2
    diff = text(client.get("/author/courses/kursus-uji/versions/2/diff"))
    assert "01-siklus.md" in diff and "pertanggungjawaban" in diff and "02-spj.md" not in diff
    assert "Versi 2" in text(client.get("/author/courses/kursus-uji/versions"))
    compared = client.get("/author/courses/kursus-uji/versions/compare?dari=2&ke=1")
    assert compared.location.endswith("/author/courses/kursus-uji/versions/2/diff?dari=1")


def test_a_zipped_folder_uploads_as_a_draft_and_exports_back(client, login_as):
    login_as("trainer")
    files = {"kursus.md": COURSE_FILE, "01-siklus.md": LESSON}
    response = post_form(
        client, "/author/upload", {"archive": (io.BytesIO(zipped(files)), "kursus.zip")}, "/author/"
    )
    assert response.status_code == 302
    exported = client.get("/author/courses/kursus-uji/source.zip")
    with zipfile.ZipFile(io.BytesIO(exported.data)) as archive:
        assert archive.read("01-siklus.md").decode() == LESSON
        assert sorted(archive.namelist()) == ["01-siklus.md", "kursus.md"]
    bad = post_form(
        client, "/author/upload", {"archive": (io.BytesIO(b"bukan zip"), "a.zip")}, "/author/"
    )
    assert bad.status_code == 400 and "bukan zip utuh dari folder kursus" in text(bad)


def test_a_trainer_reaches_only_the_courses_they_teach(app, client, login_as, publish, make_user):
    publish({"kursus.md": COURSE_FILE, "01-siklus.md": LESSON})
    login_as("trainer")
    assert "kursus-uji" not in text(client.get("/author/"))
    for url in [
        "/author/courses/kursus-uji",
        "/author/courses/kursus-uji/files/01-siklus.md",
        "/author/courses/kursus-uji/preview",
        "/author/courses/kursus-uji/versions",
        "/author/courses/kursus-uji/versions/1/diff",
        "/author/courses/kursus-uji/source.zip",
        "/author/courses/kursus-uji/trainers",
    ]:
        assert client.get(url).status_code == 404, url
    assert save(client, "kursus-uji", "01-siklus.md", "# Diretas\n").status_code in {400, 404}
    zip_of_theirs = zipped({"kursus.md": COURSE_FILE, "01-siklus.md": "# Diretas\n"})
    taken = post_form(
        client, "/author/upload", {"archive": (io.BytesIO(zip_of_theirs), "k.zip")}, "/author/"
    )
    assert "tidak Anda ampu" in text(taken)


def test_partners_and_learners_have_no_authoring(client, login_as):
    login_as("partner")
    assert client.get("/author/").status_code == 403


def test_a_co_trainer_edits_the_course_and_the_id_cannot_change(app, client, login_as, make_user):
    login_as("trainer")
    post_form(client, "/author/courses/new", {"key": "dasar-spj", "title": "Dasar SPJ"}, "/author/")
    make_user("trainer", name="Rekan Widyaiswara", nip=learner_nip(5), email="rekan@contoh.go.id")
    post_form(client, "/author/courses/dasar-spj/trainers", {"nip": learner_nip(5)})
    assert "Rekan Widyaiswara" in text(client.get("/author/courses/dasar-spj/trainers"))
    other = app.test_client()
    login(other, learner_nip(5))
    assert other.get("/author/courses/dasar-spj").status_code == 200
    changed = save(other, "dasar-spj", "kursus.md", "---\nid: lain\njudul: X\njp: 1\n---\nA\n")
    assert changed.status_code == 400 and "tidak dapat diubah" in text(changed)


def test_the_preview_shows_the_draft_as_a_learner_would_without_answers(client, login_as):
    login_as("trainer")
    post_form(client, "/author/courses/new", {"key": "dasar-spj", "title": "Dasar SPJ"}, "/author/")
    page = text(client.get("/author/courses/dasar-spj/preview/kuis"))
    assert "Soal pertama" in page and "Jawaban yang benar" in page
    assert "Umpan balik untuk jawaban ini" not in page  # feedback waits for a submission
    assert "Kirim percobaan" in page


TRY_QUIZ = """---
jenis: kuis
judul: Kuis SPJ
nilai_lulus: 60
---
## Kepanjangan SPJ {tipe=isian}
Apa kepanjangan SPJ?

= Surat Pertanggungjawaban

> [!penjelasan]
> SPJ adalah Surat Pertanggungjawaban atas penggunaan anggaran.

## Bukti belanja {tipe=pilihan-ganda}
Bukti apa yang dilampirkan pada SPJ belanja barang?

- [x] Kuitansi dan faktur
- [ ] Foto kegiatan saja

## Refleksi {tipe=esai}
Ceritakan pengalaman Anda menyusun SPJ.
"""


def test_a_trainer_tries_a_draft_quiz_and_nothing_is_stored(app, client, login_as, make_user):
    login_as("trainer")
    post_form(client, "/author/courses/new", {"key": "dasar-spj", "title": "Dasar SPJ"}, "/author/")
    save(client, "dasar-spj", "02-kuis.md", TRY_QUIZ)
    with app.app_context():
        before = {
            model: db.session().scalar(sa.select(sa.func.count()).select_from(model))
            for model in (Attempt, Event, AuditEntry)
        }
    url = "/author/courses/dasar-spj/preview/kuis"
    page = text(client.get(url))
    answers = {"kepanjangan-spj": "surat pertanggungjawaban", "bukti-belanja": "Foto kegiatan saja"}
    result = text(client.post(f"{url}/try", data=quiz_fields(page, answers)))
    assert "Hasil percobaan" in result
    assert "Sebagian jawaban menunggu penilaian widyaiswara." in result  # the essay
    assert "Kuitansi dan faktur" in result and "Jawaban yang benar:" in result
    assert "SPJ adalah Surat Pertanggungjawaban atas penggunaan anggaran." in result
    assert "Jawaban Anda:</strong> (tidak dijawab)" in result  # the essay, left empty
    save(client, "dasar-spj", "02-kuis.md", TRY_QUIZ.split("## Refleksi")[0])
    page = text(client.get(url))
    graded = text(client.post(f"{url}/try", data=quiz_fields(page, answers)))
    assert "Nilai 1 dari 2 poin." in graded and "Belum lulus" in graded
    with app.app_context():
        after = {
            model: db.session().scalar(sa.select(sa.func.count()).select_from(model))
            for model in (Attempt, Event, AuditEntry)
        }
    assert after == before  # a try-out stores nothing
    make_user("learner")
    learner = app.test_client()
    login(learner, NIPS["learner"])
    tried = post_form(learner, f"{url}/try", quiz_fields(page, answers), "/dashboard")
    assert tried.status_code == 403


def test_authoring_actions_are_in_the_audit_log(app, client, login_as, make_user):
    login_as("trainer")
    post_form(client, "/author/courses/new", {"key": "dasar-spj", "title": "Dasar SPJ"}, "/author/")
    make_user("trainer", name="Rekan", nip=learner_nip(5), email="rekan@contoh.go.id")
    post_form(client, "/author/courses/dasar-spj/trainers", {"nip": learner_nip(5)})
    fill_in_the_template(app, client, "dasar-spj")
    publish_draft(client, "dasar-spj")
    with app.app_context():
        from elearn.models import AuditEntry

        actions = db.session().scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert actions == ["course.create", "course.trainer", "course.publish"]


def test_a_script_or_page_added_to_a_course_downloads_and_never_runs(client, login_as):
    login_as("trainer")
    post_form(client, "/author/courses/new", {"key": "dasar-spj", "title": "Dasar SPJ"}, "/author/")
    for name, body in [
        ("serang.html", b"<script>alert(1)</script>"),
        ("serang.js", b"alert(1)"),
        ("bagan.png", b"\x89PNG\r\n\x1a\n"),
    ]:
        post_form(
            client,
            "/author/courses/dasar-spj/assets",
            {"upload": (io.BytesIO(body), name)},
            "/author/courses/dasar-spj",
        )
    import hashlib

    def fetch(name, body):
        return client.get(f"/assets/{hashlib.sha256(body).hexdigest()}/{name}")

    page = fetch("serang.html", b"<script>alert(1)</script>")
    assert page.mimetype == "application/octet-stream"
    assert page.headers["Content-Disposition"] == "attachment"
    assert "sandbox" in page.headers["Content-Security-Policy"]
    assert fetch("serang.js", b"alert(1)").mimetype == "application/octet-stream"
    image = fetch("bagan.png", b"\x89PNG\r\n\x1a\n")
    assert image.mimetype == "image/png" and image.headers["Content-Disposition"] == "inline"


def test_a_title_with_a_colon_or_quotes_still_makes_a_course_that_publishes(app, client, login_as):
    login_as("trainer")
    title = 'SPJ: "Dasar" Pertanggungjawaban'
    post_form(client, "/author/courses/new", {"key": "spj", "title": title}, "/author/")
    assert "SPJ: &#34;Dasar&#34; Pertanggungjawaban" in text(client.get("/author/"))
    fill_in_the_template(app, client, "spj")
    publish_draft(client, "spj")
    assert "Versi 1 telah diterbitkan" in text(client.get("/author/courses/spj"))


def test_an_upload_larger_than_the_limit_is_refused_before_it_is_read(make_app, make_user):
    app = make_app(MAX_UPLOAD_MB=0.01)
    make_user("trainer")
    client = app.test_client()
    login(client, NIPS["trainer"])
    big = io.BytesIO(b"0" * 20_000)
    response = client.post("/author/upload", data={"archive": (big, "k.zip")})
    assert response.status_code == 413 and "Berkas terlalu besar" in text(response)
