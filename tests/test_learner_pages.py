"""What a learner on a phone sees first: the dashboard opens with where they left off;
the catalogue marks the courses they are in, have completed or must take (with the due
date); a course page shows their progress, the due date and a button to the next step."""

from datetime import date, timedelta

from babel.dates import format_date

from elearn.testing import NIPS, login, post_form
from tests.courses import course_files, post
from tests.forms import assign, dashboard_of


def test_the_dashboard_opens_with_where_the_learner_left_off(client, login_as, publish):
    publish(course_files(completion="ditandai"))
    publish(course_files(key="layanan", title="Pelayanan Prima", completion="ditandai"))
    login_as("learner")
    assert "Lanjutkan dari terakhir kali" not in client.get("/dashboard").get_data(as_text=True)
    post(client, "/courses/layanan/enrol", "/courses/layanan")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    post(client, "/courses/apbd/items/pengantar/done", "/courses/apbd/items/pengantar")
    page = client.get("/dashboard").get_data(as_text=True)
    start = page.index("Lanjutkan dari terakhir kali")
    assert start < page.index("JP tahun")  # first, before the JP card
    card = page[start : page.index("</section>", start)]
    assert "<strong>Dasar APBD</strong> · 1 dari 2 langkah wajib selesai" in card
    assert "Berikutnya: Siklus Anggaran" in card
    assert 'href="/courses/apbd/items/siklus">Lanjutkan belajar</a>' in card


def test_the_course_page_shows_progress_and_the_next_step(client, login_as, publish):
    publish(course_files(completion="ditandai"))
    login_as("learner")
    before = client.get("/courses/apbd").get_data(as_text=True)
    assert "Kemajuan Anda" not in before and "Daftar" in before
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    post(client, "/courses/apbd/items/pengantar/done", "/courses/apbd/items/pengantar")
    page = client.get("/courses/apbd").get_data(as_text=True)
    assert '<progress max="2" value="1"' in page
    assert 'href="/courses/apbd/items/siklus">Lanjutkan: Siklus Anggaran</a>' in page
    post(client, "/courses/apbd/items/siklus/done", "/courses/apbd/items/siklus")
    done = client.get("/courses/apbd").get_data(as_text=True)
    assert "Kemajuan Anda" not in done and "Anda telah menyelesaikan kursus ini." in done


def test_the_catalogue_and_course_page_mark_a_mandatory_course(app, client, city):
    login(client, NIPS["admin"])
    due = date.today() + timedelta(days=20)
    assign(client, app, agency_id=city["DINKES"], due_date=due.isoformat())
    dashboard_of(client, 0)  # Sari, in the health office
    catalogue = client.get("/courses").get_data(as_text=True)
    assert "wajib, tenggat" in catalogue and "sudah mendaftar" not in catalogue
    course = client.get("/courses/kursus-uji").get_data(as_text=True)
    assert "Wajib: selesaikan paling lambat" in course
    post_form(client, "/courses/kursus-uji/enrol", {}, "/courses/kursus-uji")
    enrolled = client.get("/courses").get_data(as_text=True)
    assert "sudah mendaftar" in enrolled and "wajib, tenggat" in enrolled
    dashboard_of(client, 2)  # Wulan, in finance, is not assigned it
    assert "wajib, tenggat" not in client.get("/courses").get_data(as_text=True)


def test_the_catalogue_and_course_page_show_each_person_their_own_due_date(app, client, city):
    """Each sees the earliest due date of the assignments that apply to them (their
    agency or one above it, their position); the catalogue and the course page agree."""
    login(client, NIPS["admin"])
    everyone, treasurers = date(2027, 7, 1), date(2027, 6, 1)
    assign(client, app, agency_id=city["PEMKOT"], due_date=everyone.isoformat())
    assign(
        client,
        app,
        agency_id=city["DINKES"],
        position="bendahara pengeluaran",
        due_date=treasurers.isoformat(),
    )
    for n, due in ((0, everyone), (1, treasurers), (2, everyone)):  # Sari, Andi, Wulan
        dashboard_of(client, n)
        shown = format_date(due, "long", locale="id")
        catalogue = client.get("/courses").get_data(as_text=True)
        assert f"wajib, tenggat {shown}" in catalogue, n
        assert catalogue.count("wajib, tenggat") == 1
        page = client.get("/courses/kursus-uji").get_data(as_text=True)
        assert f"Wajib: selesaikan paling lambat {shown}." in page, n


def test_the_catalogue_marks_a_completed_course(client, login_as, publish):
    publish(course_files())
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    client.get("/courses/apbd/items/pengantar")
    assert '<span class="badge">sudah mendaftar</span>' in client.get("/courses").get_data(
        as_text=True
    )
    client.get("/courses/apbd/items/siklus")  # viewing the last lesson completes it
    page = client.get("/courses").get_data(as_text=True)
    assert '<span class="badge badge-active">selesai</span>' in page


def test_the_syllabus_speaks_each_readers_language(client, login_as, publish):
    """Its words are translated once per language in a process: an Indonesian reader
    and then an English one each get their own."""
    publish(course_files())
    login_as("learner")
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    indonesian = client.get("/courses/apbd/items/pengantar").get_data(as_text=True)
    assert 'Pengantar</a> <span class="muted">· Pelajaran · selesai</span>' in indonesian
    post_form(client, "/language", {"lang": "en", "next": "/courses"}, "/courses")
    english = client.get("/courses/apbd/items/pengantar").get_data(as_text=True)
    assert 'Pengantar</a> <span class="muted">· Lesson · done</span>' in english
    assert "Pelajaran" not in english
