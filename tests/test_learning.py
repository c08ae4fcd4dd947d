"""The learner's path through a course: catalogue, enrolment, lessons, completion, JP."""

import sqlalchemy as sa

from elearn import db
from elearn.models import Certificate, Enrolment, Event, ItemProgress, JpCredit
from elearn.testing import learner_nip, quiz_file, send_quiz
from tests.courses import course_files, post


def unmarked(response) -> str:
    """A results page without the marks on the words the query matched."""
    return response.get_data(as_text=True).replace("<mark>", "").replace("</mark>", "")


def test_catalogue_lists_courses_with_filters_and_search(client, login_as, publish):
    publish(course_files())
    publish(course_files(key="layanan", title="Pelayanan Prima", competency="manajerial", jp=4))
    login_as("learner")
    page = client.get("/courses").get_data(as_text=True)
    assert "Dasar APBD" in page and "Pelayanan Prima" in page
    assert "teknis · 2 JP" in page
    only = client.get("/courses?kompetensi=manajerial").get_data(as_text=True)
    assert "Pelayanan Prima" in only and "Dasar APBD" not in only
    short = client.get("/courses?jp=3").get_data(as_text=True)
    assert "Dasar APBD" in short and "Pelayanan Prima" not in short
    found = unmarked(client.get("/courses?q=prima"))
    assert "Pelayanan Prima" in found and "Dasar APBD" not in found
    both = client.get("/courses?kompetensi=teknis&jp=3").get_data(as_text=True)
    assert "Dasar APBD" in both and "Pelayanan Prima" not in both
    none = client.get("/courses?kompetensi=manajerial&jp=3").get_data(as_text=True)
    assert "Dasar APBD" not in none and "Pelayanan Prima" not in none
    again = client.get("/courses?kompetensi=manajerial").get_data(as_text=True)
    assert "Pelayanan Prima" in again and "Dasar APBD" not in again  # values are not kept


def test_enrol_then_read_lessons_and_complete_by_viewing(app, client, login_as, publish):
    publish(course_files())
    user = login_as("learner")
    page = client.get("/courses/apbd").get_data(as_text=True)
    assert "Silabus" in page and "Daftar" in page
    response = post(client, "/courses/apbd/enrol", "/courses/apbd")
    assert response.headers["Location"].endswith("/courses/apbd/items/pengantar")
    lesson = client.get("/courses/apbd/items/pengantar").get_data(as_text=True)
    assert "<h1>Pengantar</h1>" in lesson and 'rel="next"' in lesson
    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert 'value="50"' in dashboard and "Lanjutkan: Siklus Anggaran" in dashboard
    client.get("/courses/apbd/items/siklus")
    with app.app_context():
        credit = db.session().scalar(sa.select(JpCredit))
        assert (credit.user_id, credit.jp, credit.competency) == (user.id, 2, "teknis")
        verbs = db.session().scalars(sa.select(Event.verb).order_by(Event.id)).all()
        assert verbs[-4:] == ["registered", "experienced", "experienced", "completed"]
    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert "Kursus yang telah selesai" in dashboard and ">2 <span" in dashboard


def test_a_course_completes_once(app, client, login_as, publish):
    publish(course_files())
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    for _ in range(2):
        client.get("/courses/apbd/items/pengantar")
        client.get("/courses/apbd/items/siklus")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(JpCredit.id))) == 1
        assert db.session().scalar(sa.select(sa.func.count(Enrolment.id))) == 1


def test_lessons_marked_done_when_the_course_says_so(app, client, login_as, publish):
    publish(course_files(completion="ditandai"))
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    page = client.get("/courses/apbd/items/pengantar").get_data(as_text=True)
    assert "Tandai selesai" in page
    response = post(client, "/courses/apbd/items/pengantar/done", "/courses/apbd")
    assert response.headers["Location"].endswith("/courses/apbd/items/siklus")
    post(client, "/courses/apbd/items/siklus/done", "/courses/apbd")
    assert "Selamat! Anda telah menyelesaikan kursus" in client.get("/courses/apbd").get_data(
        as_text=True
    )


def test_items_need_an_enrolment(client, login_as, publish):
    publish(course_files())
    login_as("learner")
    response = client.get("/courses/apbd/items/pengantar")
    assert response.headers["Location"].endswith("/courses/apbd")
    assert post(client, "/courses/apbd/items/pengantar/done", "/courses/apbd").status_code == 403


def test_progress_carries_over_to_a_new_version(app, client, login_as, publish):
    publish(course_files())
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    client.get("/courses/apbd/items/pengantar")
    publish(course_files(extra={"03-spj.md": "# SPJ\n\nSurat pertanggungjawaban.\n"}))
    page = client.get("/courses/apbd").get_data(as_text=True)
    assert "SPJ" in page and page.count("· selesai") == 1
    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert 'value="33"' in dashboard and "Lanjutkan: Siklus Anggaran" in dashboard


def test_quiz_items_show_their_rules(client, login_as, publish):
    publish(
        course_files(
            extra={
                "03-kuis.md": quiz_file(
                    "## A\n= benar\n", "judul: Kuis APBD\npercobaan: 2\nbatas_waktu: 10\n"
                )
            }
        )
    )
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    page = client.get("/courses/apbd/items/kuis").get_data(as_text=True)
    assert "Kuis APBD" in page and "10 menit" in page and "Nilai lulus" in page


def test_course_images_are_served_to_signed_in_users(client, login_as, publish):
    publish(course_files())
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    lesson = client.get("/courses/apbd/items/pengantar").get_data(as_text=True)
    src = lesson.split('src="')[1].split('"')[0]
    image = client.get(src)
    assert image.data == b"PNG-DATA" and image.mimetype == "image/png"
    assert "immutable" in image.headers["Cache-Control"]
    assert client.get("/assets/" + "0" * 64 + "/x.png").status_code == 404


def test_learner_pages_use_a_bounded_number_of_queries(
    app, client, login_as, publish, make_user, count_queries
):
    publish(course_files())
    user = login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    client.get("/courses/apbd/items/pengantar")
    client.get("/courses/apbd/items/siklus")  # measure a steady state, not the completion
    pages = ["/dashboard", "/courses", "/courses/apbd", "/courses/apbd/items/siklus"]
    small = {url: count_queries(client, url) for url in pages}
    for n in range(8):  # more courses, enrolments, learners and progress
        publish(course_files(key=f"k{n}", title=f"Kursus {n}"))
        post(client, f"/courses/k{n}/enrol", f"/courses/k{n}")
        client.get(f"/courses/k{n}/items/pengantar")
    with app.app_context():
        session = db.session()
        for n in range(30):
            other = make_user("learner", nip=learner_nip(n), email=f"l{n}@contoh.go.id")
            enrolment = Enrolment(user_id=other.id, course_id=1, version_id=1)
            session.add(enrolment)
            session.add(ItemProgress(enrolment=enrolment, item_key="pengantar", version_id=1))
        session.commit()
    large = {url: count_queries(client, url) for url in pages}
    assert large == small
    assert all(count <= 12 for count in large.values()), large
    assert user.id


def test_word_search_reads_lessons_matches_prefixes_and_ignores_operators(
    client, login_as, publish
):
    publish(course_files())
    lessons = {
        "01-pengantar.md": "# Sapa Warga\n\nSenyum, salam, sapa.\n",
        "02-siklus.md": "# Keluhan\n\nTanggapi keluhan warga dengan tenang.\n",
    }
    publish(course_files(key="layanan", title="Pelayanan Prima", extra=lessons))
    login_as("learner")

    def found(query):
        page = unmarked(client.get("/courses", query_string={"q": query}))
        return {title for title in ("Dasar APBD", "Pelayanan Prima") if title in page}

    assert found("penganggaran") == {"Dasar APBD"}  # a word of a lesson's text
    assert found("pelaya") == {"Pelayanan Prima"}  # a prefix
    assert found("SIKLUS anggaran") == {"Dasar APBD"}  # every word, any case
    assert found("penganggaran prima") == set()
    assert found('"prima" * -( : &|') == {"Pelayanan Prima"}  # operators are not syntax


def test_search_results_show_the_passage_that_matched_with_its_words_marked(
    client, login_as, publish
):
    complaint = (
        "# Keluhan\n\n"
        + "Catat setiap laporan warga. " * 12
        + ("Tanggapi keluhan <warga> dengan tenang dan sopan. ")
        + "Beri nomor tiket. " * 12
    )
    publish(
        course_files(key="layanan", title="Pelayanan Prima", extra={"03-keluhan.md": complaint})
    )
    login_as("learner")
    page = client.get("/courses?q=keluh+tenang").get_data(as_text=True)
    assert (
        "… setiap laporan warga. Catat setiap laporan warga. Tanggapi <mark>keluhan</mark> "
        "&lt;warga&gt; dengan <mark>tenang</mark> dan sopan. Beri nomor tiket." in page
    )
    assert page.count("Catat setiap") == 1 and "Beri nomor …</p>" in page  # cut short
    summary = client.get("/courses?q=siklus").get_data(as_text=True)
    assert "Struktur dan <mark>siklus</mark> APBD." in summary  # the summary, when it matched
    titled = client.get("/courses?q=pelayan").get_data(as_text=True)
    assert "<mark>Pelayanan</mark> Prima</a>" in titled


def sequential_course():
    files = course_files(completion="ditandai")
    files["kursus.md"] = files["kursus.md"].replace(
        "---\nPengantar", "berurutan: ya\n---\nPengantar"
    )
    return files


def test_steps_open_in_order_when_the_course_says_so(client, login_as, publish):
    publish(sequential_course())
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    course = client.get("/courses/apbd").get_data(as_text=True)
    assert "terbuka setelah langkah sebelumnya selesai" in course
    assert 'href="/courses/apbd/items/siklus"' not in course
    jumped = client.get("/courses/apbd/items/siklus")
    assert jumped.headers["Location"].endswith("/courses/apbd/items/pengantar")
    assert post(client, "/courses/apbd/items/siklus/done", "/courses/apbd").status_code == 403
    post(client, "/courses/apbd/items/pengantar/done", "/courses/apbd/items/pengantar")
    assert client.get("/courses/apbd/items/siklus").status_code == 200


def test_the_syllabus_lists_modules_once_and_marks_each_step(client, login_as, publish):
    files = sequential_course()
    files["kursus.md"] = files["kursus.md"].replace(
        "berurutan: ya\n",
        "berurutan: ya\nisi:\n  - modul: Anggaran & <Kas>\n    isi:\n"
        "      - 01-pengantar.md\n      - 02-siklus.md\n",
    )
    files["02-siklus.md"] = "# Siklus <b>Anggaran</b>\n\nPerencanaan.\n"
    publish(files)
    login_as("learner")
    before = client.get("/courses/apbd").get_data(as_text=True)
    assert before.count("Anggaran &amp; &lt;Kas&gt;</li>") == 1  # the module, escaped, once
    assert "Siklus &lt;b&gt;Anggaran&lt;/b&gt;" in before and "<b>Anggaran" not in before
    assert "/courses/apbd/items/" not in before  # not enrolled: no step opens yet
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    post(client, "/courses/apbd/items/pengantar/done", "/courses/apbd/items/pengantar")
    lesson = client.get("/courses/apbd/items/siklus").get_data(as_text=True)
    assert '<li class="done"><a href="/courses/apbd/items/pengantar">Pengantar</a>' in lesson
    assert "· Pelajaran · selesai</span>" in lesson
    assert 'href="/courses/apbd/items/siklus" aria-current="page"' in lesson
    client.set_cookie("lang", "en")
    english = client.get("/courses/apbd").get_data(as_text=True)
    assert "· Lesson · done</span>" in english


def test_a_quiz_in_a_sequential_course_starts_only_when_its_turn_comes(client, login_as, publish):
    files = sequential_course() | {"03-kuis.md": quiz_file("## A\n= benar\n")}
    publish(files)
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    refused = post(client, "/courses/apbd/items/kuis/start", "/courses/apbd/items/pengantar")
    assert "/attempts/" not in refused.headers["Location"]


def test_a_course_with_prerequisites_waits_for_them(app, client, login_as, publish):
    publish(course_files())
    advanced = course_files(key="apbd-lanjut", title="APBD Lanjutan")
    advanced["kursus.md"] = advanced["kursus.md"].replace(
        "---\nPengantar", "prasyarat: apbd\n---\nPengantar"
    )
    publish(advanced)
    login_as("learner")
    page = client.get("/courses/apbd-lanjut").get_data(as_text=True)
    assert "Selesaikan terlebih dahulu" in page and "Dasar APBD</a>" in page
    refused = post(client, "/courses/apbd-lanjut/enrol", "/courses/apbd-lanjut")
    assert refused.headers["Location"].endswith("/courses/apbd-lanjut")
    assert "Selesaikan dulu kursus berikut: Dasar APBD." in client.get(
        "/courses/apbd-lanjut"
    ).get_data(as_text=True)
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(Enrolment.id))) == 0
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    client.get("/courses/apbd/items/pengantar")
    client.get("/courses/apbd/items/siklus")
    enrolled = post(client, "/courses/apbd-lanjut/enrol", "/courses/apbd-lanjut")
    assert enrolled.headers["Location"].endswith("/courses/apbd-lanjut/items/pengantar")


def test_the_catalogue_pages_through_many_courses_keeping_the_filters(
    app, client, login_as, publish
):
    for n in range(23):
        publish(course_files(key=f"apbd-{n:02d}", title=f"APBD Seri {n:02d}"))
    login_as("learner")
    first = unmarked(client.get("/courses?q=apbd"))
    assert "Kursus yang ditemukan: 23" in first and "Halaman 1 dari 2" in first
    assert "APBD Seri 19" in first and "APBD Seri 20" not in first
    assert 'href="/courses?halaman=2&amp;q=apbd"' in first
    second = unmarked(client.get("/courses?q=apbd&halaman=2"))
    assert "APBD Seri 22" in second and "APBD Seri 00" not in second and 'rel="prev"' in second
    assert "Kursus yang ditemukan: 23" in second and "Halaman 2 dari 2" in second
    past = unmarked(client.get("/courses?q=apbd&halaman=5"))  # matches, none this far
    assert "APBD Seri" not in past and "Menampilkan kursus untuk" not in past
    listed = client.get("/courses?halaman=2").get_data(as_text=True)  # no words
    assert "APBD Seri 22" in listed and "Halaman 2 dari 2" in listed
    assert "Kursus yang ditemukan" not in client.get("/courses?halaman=5").get_data(as_text=True)
    publish(course_files(key="apbd-23", title="APBD Seri 23"))  # the listing kept is renewed
    again = client.get("/courses?halaman=2").get_data(as_text=True)
    assert "APBD Seri 23" in again and "Kursus yang ditemukan: 24" in again


def test_a_lesson_shows_the_course_contents_with_what_is_done(client, login_as, publish):
    publish(course_files(extra={"03-kuis.md": quiz_file("## A\n= benar\n")}))
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    page = client.get("/courses/apbd/items/siklus").get_data(as_text=True)
    assert "Isi kursus (1 dari 3 selesai)" in page
    assert 'href="/courses/apbd/items/siklus" aria-current="page"' in page
    client.get("/courses/apbd/items/pengantar")  # the two lessons read: both count
    again = client.get("/courses/apbd/items/siklus").get_data(as_text=True)
    assert "Isi kursus (2 dari 3 selesai)" in again


def test_a_managerial_course_named_by_its_code_credits_jp_under_that_code(
    app, client, login_as, publish
):
    publish(course_files(competency="M.05"))
    login_as("learner")
    assert "manajerial: M.05 Pelayanan Publik · 2 JP" in client.get("/courses").get_data(
        as_text=True
    )
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    client.get("/courses/apbd/items/pengantar")
    client.get("/courses/apbd/items/siklus")
    with app.app_context():
        credit = db.session().scalar(sa.select(JpCredit))
        assert (credit.competency, credit.competency_code) == ("manajerial", "M.05")


def test_a_misspelt_search_finds_the_course_it_meant(client, login_as, publish, count_queries):
    phishing = "# Mengenali Phishing\n\nPhishing memancing kata sandi lewat surel palsu.\n"
    publish(course_files(key="keamanan", title="Keamanan Data", extra={"03-phishing.md": phishing}))
    publish(course_files())
    login_as("learner")
    page = client.get("/courses?q=phising").get_data(as_text=True)
    assert "Tidak ada kursus yang cocok dengan “phising”" in page
    assert "Menampilkan kursus untuk “phishing”" in page and "Keamanan Data" in page
    assert "Dasar APBD" not in page
    exact = client.get("/courses?q=phishing").get_data(as_text=True)
    assert "Keamanan Data" in exact and "Menampilkan kursus untuk" not in exact
    nothing = client.get("/courses?q=qwertyuiop&kompetensi=teknis").get_data(as_text=True)
    assert "Tidak ada kursus yang sesuai." in nothing and "Longgarkan saringan" in nothing
    assert 'href="/courses">Tampilkan semua kursus</a>' in nothing
    few = count_queries(client, "/courses?q=phising")
    for n in range(5):  # a larger catalogue, a larger vocabulary: the same statements
        publish(
            course_files(
                key=f"k{n}",
                title=f"Pelatihan {n}",
                extra={"03-x.md": f"# Bab {n}\n\nPhilosophi pishing {n}x.\n"},
            )
        )
    assert count_queries(client, "/courses?q=phising") == few


def test_the_step_that_completes_a_course_says_so_with_the_certificate(
    app, client, login_as, publish
):
    publish(course_files())
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    client.get("/courses/apbd/items/pengantar")
    last = client.get("/courses/apbd/items/siklus").get_data(as_text=True)
    assert "Selamat! Anda telah menyelesaikan kursus dan memperoleh 2 JP." in last
    with app.app_context():
        certificate_id = db.session().scalar(sa.select(Certificate.id))
    assert f'<a href="/certificates/{certificate_id}/download">Unduh sertifikat Anda</a>' in last
    again = client.get("/courses/apbd/items/siklus").get_data(as_text=True)
    assert "Selamat!" not in again  # told once, on the step that completed it


def test_the_quiz_that_completes_a_course_says_so(app, client, login_as, publish):
    quiz = quiz_file(
        "## Sumber APBD {tipe=pilihan-ganda}\nPAD termasuk pendapatan daerah?\n"
        "- [x] Ya\n- [ ] Tidak\n"
    )
    publish(course_files(extra={"03-kuis.md": quiz}))
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    client.get("/courses/apbd/items/pengantar")
    client.get("/courses/apbd/items/siklus")
    attempt = post(client, "/courses/apbd/items/kuis/start", "/courses/apbd/items/kuis").location
    failed = send_quiz(client, attempt, {"sumber-apbd": "Tidak"})
    assert "Selamat!" not in client.get(failed.location).get_data(as_text=True)
    attempt = post(client, "/courses/apbd/items/kuis/start", "/courses/apbd/items/kuis").location
    passed = send_quiz(client, attempt, {"sumber-apbd": "Ya"})
    result = client.get(passed.location).get_data(as_text=True)
    assert "Selamat! Anda telah menyelesaikan kursus dan memperoleh 2 JP." in result
    assert "Unduh sertifikat Anda</a>" in result


def test_each_learner_sees_their_own_standing_on_the_catalogue_s_cards(people, publish):
    publish(course_files())
    (_, enrolled), (_, other) = people(2)
    post(enrolled, "/courses/apbd/enrol", "/courses/apbd")
    for _ in range(2):  # in turn, from one process
        mine = enrolled.get("/courses").get_data(as_text=True)
        theirs = other.get("/courses").get_data(as_text=True)
        assert '<span class="badge">sudah mendaftar</span>' in mine
        assert "sudah mendaftar" not in theirs and "Struktur dan siklus APBD." in theirs
    enrolled.get("/courses/apbd/items/pengantar")
    enrolled.get("/courses/apbd/items/siklus")  # complete by viewing
    assert '<span class="badge badge-active">selesai</span>' in enrolled.get("/courses").get_data(
        as_text=True
    )
    other.set_cookie("lang", "en")
    assert "Struktur dan siklus APBD." in other.get("/courses").get_data(as_text=True)
    assert "enrolled" not in other.get("/courses").get_data(as_text=True)
