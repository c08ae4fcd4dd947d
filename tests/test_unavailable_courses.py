"""A course whose plugin is uninstalled or switched off is shown as unavailable, not
broken, and its learners' progress waits untouched until the plugin returns."""

import sqlalchemy as sa

from elearn import db
from elearn.models import Attempt, Enrolment
from elearn.testing import NIPS, login, post_form, quiz_file

COURSE = {
    "kursus.md": "---\nid: studi-kebijakan\njudul: Studi Kasus Kebijakan\njenis: studi_kasus\n"
    "jp: 2\n---\nMenulis ringkasan kebijakan.\n",
    "01-pengantar.md": "---\njudul: Pengantar\n---\nRingkasan kebijakan yang baik.\n",
    "02-kuis.md": quiz_file(
        "## Ringkasan {tipe=ringkasan_kebijakan}\nTulis ringkasan.\nkata kunci: anggaran\n"
    ),
}


def test_a_course_of_a_missing_plugin_is_unavailable_and_keeps_progress(
    make_app, install_plugin, make_user
):
    install_plugin("good")
    with_plugin = make_app()
    make_user("learner")
    with with_plugin.test_request_context():
        from elearn.content.store import import_course

        import_course(with_plugin, db.session(), {k: v.encode() for k, v in COURSE.items()})
        db.session().commit()
    client = with_plugin.test_client()
    login(client, NIPS["learner"])
    post_form(client, "/courses/studi-kebijakan/enrol", {}, page="/courses/studi-kebijakan")
    post_form(
        client,
        "/courses/studi-kebijakan/items/pengantar/done",
        {},
        page="/courses/studi-kebijakan/items/pengantar",
    )
    started = post_form(
        client,
        "/courses/studi-kebijakan/items/kuis/start",
        {},
        page="/courses/studi-kebijakan/items/kuis",
    )
    assert started.status_code == 302, started.get_data(as_text=True)[:3000]
    attempt_url = started.headers["Location"]

    without = make_app(DISABLED_PLUGINS=["uji_baik"])
    client = without.test_client()
    login(client, NIPS["learner"])
    catalogue = client.get("/courses").get_data(as_text=True)
    assert "Studi Kasus Kebijakan" in catalogue and "tidak tersedia" in catalogue
    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert "tidak tersedia" in dashboard and "Lanjutkan" not in dashboard
    page = client.get("/courses/studi-kebijakan").get_data(as_text=True)
    assert "studi_kasus" in page and "ringkasan_kebijakan" in page
    assert "Kemajuan belajar Anda tetap tersimpan" in page
    lesson = client.get("/courses/studi-kebijakan/items/pengantar")
    assert lesson.status_code == 302 and lesson.headers["Location"].endswith("/studi-kebijakan")
    attempt = client.get(attempt_url)
    assert attempt.status_code == 302 and "/courses/studi-kebijakan" in attempt.headers["Location"]
    with without.app_context():
        session = db.session()
        enrolment = session.scalar(sa.select(Enrolment))
        assert enrolment.completed_at is None
        assert session.scalar(sa.select(Attempt)).state == "open"

    back = make_app()
    client = back.test_client()
    login(client, NIPS["learner"])
    assert "tidak tersedia" not in client.get("/courses").get_data(as_text=True)
    assert client.get(attempt_url).status_code == 200


def test_a_missing_course_type_refuses_enrolment(make_app, install_plugin, make_user):
    install_plugin("good")
    with_plugin = make_app()
    with with_plugin.test_request_context():
        from elearn.content.store import import_course

        import_course(with_plugin, db.session(), {k: v.encode() for k, v in COURSE.items()})
        db.session().commit()
    make_user("learner")
    without = make_app(DISABLED_PLUGINS=["uji_baik"])
    client = without.test_client()
    login(client, NIPS["learner"])
    assert "Daftar</button>" not in client.get("/courses/studi-kebijakan").get_data(as_text=True)
    refused = post_form(
        client, "/courses/studi-kebijakan/enrol", {}, page="/courses/studi-kebijakan"
    )
    assert refused.status_code == 302
    with without.app_context():
        assert db.session().scalar(sa.select(sa.func.count(Enrolment.id))) == 0
