"""University partners see what their plugins serve: an admin links a partner to the
plugins they maintain; the partner sees the courses those plugins' course and question
types serve, learners and completions, and item statistics of their questions, with no
name or NIP and no figures for a question fewer than five learners answered."""

import sqlalchemy as sa

from elearn import db
from elearn.models import AuditEntry
from elearn.testing import learner_nip, login, post_form, quiz_file, send_quiz
from tests.courses import course_files

QUIZ = quiz_file(
    "## Gaya melayani {tipe=asesmen-diri}\nSeberapa sesuai pernyataan ini?\n\n"
    "- [Mendengarkan] Saya membiarkan warga menyelesaikan ceritanya.\n"
    "- [Kejelasan] Saya menjelaskan prosedur dengan bahasa sehari-hari.\n\n"
    "## Dasar hukum {tipe=pilihan-ganda}\nUndang-undang pelayanan publik?\n\n"
    "- [x] UU 25/2009\n- [ ] UU 23/2014\n",
    "percobaan: 3\n",
)


def take_quiz(app, course: str, n: int, answer: str) -> None:
    """Learner ``n`` enrols and submits the quiz with ``answer`` to the second question."""
    client = app.test_client()
    login(client, learner_nip(n))
    post_form(client, f"/courses/{course}/enrol", {}, f"/courses/{course}")
    start = post_form(client, f"/courses/{course}/items/kuis/start", {}, f"/courses/{course}")
    send_quiz(client, start.location, {"dasar-hukum": answer}, action="submit-confirmed")


def test_a_partner_sees_what_their_plugin_serves_without_names(
    app, client, publish, make_user, login_as
):
    publish(course_files(key="layanan", title="Layanan Warga", extra={"03-kuis.md": QUIZ}))
    other = course_files(key="prima", title="Prima", extra={"03-kuis.md": QUIZ})
    other["kursus.md"] = other["kursus.md"].replace("jp: 2", "jp: 2\njenis: softskills")
    publish(other)
    publish(course_files(key="apbd", title="Dasar APBD"))  # no plugin of hers
    for n in range(1, 7):
        make_user("learner", nip=learner_nip(n), name=f"Peserta Rahasia {n}", email=f"p{n}@x.id")
        take_quiz(app, "layanan", n, "UU 25/2009" if n < 5 else "UU 23/2014")
    take_quiz(app, "prima", 1, "UU 25/2009")
    partner = make_user("partner", nip="", email="rina@kampus.ac.id", name="Dr. Rina")

    login_as("admin")
    page = client.get(f"/admin/users/{partner.id}").get_data(as_text=True)
    assert 'value="softskills"' in page and 'value="elearn.builtin"' not in page
    fields = {
        "full_name": "Dr. Rina",
        "email": "rina@kampus.ac.id",
        "roles": "partner",
        "active": "y",
    }
    post_form(client, f"/admin/users/{partner.id}", fields | {"plugins": "softskills"})
    with app.app_context():
        summary = db.session().scalar(
            sa.select(AuditEntry.summary).where(AuditEntry.action == "user.update")
        )
        assert summary.endswith("plugins: softskills")
    assert "Dr. Rina" in client.get("/admin/plugins").get_data(as_text=True)

    rina = app.test_client()
    login(rina, "rina@kampus.ac.id")
    dashboard = rina.get("/dashboard").get_data(as_text=True)
    assert "Plugin saya" in dashboard and "JP tahun" not in dashboard  # no NIP: no JP target
    mine = rina.get("/partner/").get_data(as_text=True)
    assert "Layanan Warga" in mine and "Prima" in mine and "Dasar APBD" not in mine
    assert "<td>asesmen-diri</td>\n      <td>6</td>\n      <td>0</td>" in mine
    served = rina.get("/partner/plugins/softskills/courses/layanan").get_data(as_text=True)
    assert "Gaya melayani" in served and "Dasar hukum" not in served  # only her type
    assert "terlalu sedikit peserta" not in served and "Peserta Rahasia" not in served
    assert learner_nip(1) not in served
    whole = rina.get("/partner/plugins/softskills/courses/prima").get_data(as_text=True)
    assert "Dasar hukum" in whole  # the course is of her course type: every question
    assert whole.count("terlalu sedikit peserta untuk ditampilkan") == 2  # one learner
    assert "UU 25/2009" not in whole  # nor which option that one learner chose
    for elsewhere in ("/partner/plugins/keuangan/courses/apbd", "/partner/plugins/x/courses/a"):
        assert rina.get(elsewhere).status_code == 404
    assert rina.get("/partner/plugins/softskills/courses/apbd").status_code == 404


def test_only_partners_and_admins_reach_partner_pages(app, client, login_as):
    login_as("learner")
    assert client.get("/partner/").status_code == 403
    assert "Plugin saya" not in client.get("/dashboard").get_data(as_text=True)
