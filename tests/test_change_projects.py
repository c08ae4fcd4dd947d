"""Change projects: the author of an idea in trial turns it into a project, sends each
milestone with evidence to the mentor (the direct supervisor), who approves or returns
it; the finished project asks its JP as on-the-job learning, approved on the team page
through the workplace ledger, and counted once."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from elearn import db
from elearn.models import ChangeProject, Idea, JpCredit, Notification, User, WorkplaceLearning
from elearn.testing import learner_nip
from tests.events import press, signed_in
from tests.ideas import MILESTONES, agencies, post


def test_an_idea_in_trial_becomes_a_project_credited_once(app, people, make_user):
    ids = agencies(app)
    [(sari, sari_client), (other, other_client)] = people(2)
    hendra = make_user("learner", nip=learner_nip(60), email="h@contoh.go.id", name="Hendra")
    with app.app_context():
        session = db.session()
        session.get(User, sari.id).supervisor_id = hendra.id
        session.commit()
    _check, idea_id = post(sari_client, ids["DINKES"])
    assert sari_client.get(f"/ideas/projects/new?idea={idea_id}").status_code == 404  # not in trial
    with app.app_context():
        session = db.session()
        session.get(Idea, idea_id).stage = "uji_coba"
        session.commit()
    assert other_client.get(f"/ideas/projects/new?idea={idea_id}").status_code == 404  # not hers
    new = f"/ideas/projects/new?idea={idea_id}"
    bad = press(sari_client, new, new, {"title": "Antrean WA", "goal": "Antrean daring.",
                                        "milestones": "besok | mulai"})  # fmt: skip
    assert "Baris 1: awali dengan tanggal" in bad.get_data(as_text=True)
    plan = {
        "title": "Antrean WhatsApp Puskesmas",
        "goal": "Antrean daring bagi warga.",
        "milestones": MILESTONES,
        "idea": str(idea_id),
    }
    made = press(sari_client, new, new, plan)
    assert made.status_code == 302
    page = made.headers["Location"]
    assert signed_in(app, other).get(page).status_code == 404  # only owner and mentor

    html = sari_client.get(page).get_data(as_text=True)
    first, second = re.findall(rf'action="({page}/milestones/\d+)"', html)
    finish = {"report": "Antrean WhatsApp berjalan di dua puskesmas; waktu tunggu turun 60 menit.",
              "jp": "10", "competency": "teknis"}  # fmt: skip
    early = press(sari_client, f"{page}/finish", page, finish)
    assert early.status_code == 302
    with app.app_context():
        assert db.session().scalar(sa.select(ChangeProject.finished_at)) is None
    for action in (first, second):
        press(
            sari_client, action, page, {"evidence": "Foto dan daftar hadir: https://contoh.go.id/b"}
        )
    mentor = signed_in(app, hendra)
    mentor_page = mentor.get(page).get_data(as_text=True)
    assert "Kembalikan" in mentor_page
    press(mentor, first, page, {"reject": "1", "note": ""})  # a return needs a reason
    press(mentor, first, page, {"approve": "1", "note": "Bagus."})
    press(mentor, second, page, {"reject": "1", "note": "Lampirkan SK penetapan SOP."})
    press(sari_client, second, page, {"evidence": "SK Kepala Dinas: https://contoh.go.id/sk"})
    press(mentor, second, page, {"approve": "1"})
    press(sari_client, f"{page}/finish", page, finish)
    press(sari_client, f"{page}/finish", page, finish)  # once
    with app.app_context():
        session = db.session()
        [entry] = session.scalars(sa.select(WorkplaceLearning)).all()
        assert (entry.kind, entry.jp, entry.supervisor_id) == ("penugasan", 10, hendra.id)
        told = session.scalars(
            sa.select(Notification.kind).where(Notification.user_id == sari.id)
        ).all()
    assert told.count("project.approved") == 2 and told.count("project.rejected") == 1
    team = mentor.get("/team").get_data(as_text=True)
    assert "Proyek perubahan: Antrean WhatsApp Puskesmas" in team
    action = re.search(r'action="(/team/workplace/\d+)"', team).group(1)
    press(mentor, action, "/team", {"approve": "1"})
    with app.app_context():
        credits = db.session().scalars(sa.select(JpCredit.jp)).all()
    assert len(credits) == 1 and credits[0] > 0
    catalogue = other_client.get("/ideas/innovations").get_data(as_text=True)
    assert "Antrean WhatsApp Puskesmas" in catalogue
    assert "waktu tunggu turun 60 menit" in catalogue


def test_the_board_report_counts_late_and_finished_projects(app, people, make_user):
    from datetime import date as day

    from elearn.models import ProjectMilestone
    from elearn.models.types import utcnow

    [(sari, sari_client)] = people(1)
    admin = make_user("admin", nip=learner_nip(97), email="c@contoh.go.id")
    with app.app_context():
        session = db.session()
        past, future = day.today() - timedelta(days=3), day.today() + timedelta(days=30)
        for title, due, finished in (("Terlambat", past, False), ("Jalan", future, False),
                                     ("Beres", past, True)):  # fmt: skip
            status = "disetujui" if finished else "rencana"
            project = ChangeProject(owner_id=sari.id, title=title, goal="x")
            project.milestones = [ProjectMilestone(title="Tahap", due_date=due, status=status)]
            project.finished_at = utcnow() if finished else None
            session.add(project)
        session.commit()
    report = signed_in(app, admin).get("/ideas/report").get_data(as_text=True)
    for label, count in (("tepat waktu", 1), ("terlambat", 1), ("selesai", 1)):
        assert re.search(rf"Proyek perubahan {label}</dt><dd>{count}</dd>", report), label


def test_a_mentor_other_than_the_supervisor_reviews_while_the_supervisor_approves_jp(
    app, people, make_user
):
    [(sari, sari_client)] = people(1)
    hendra = make_user("learner", nip=learner_nip(62), email="he@contoh.go.id", name="Hendra")
    coach = make_user("learner", nip=learner_nip(63), email="co@contoh.go.id", name="Yanti")
    with app.app_context():
        session = db.session()
        session.get(User, sari.id).supervisor_id = hendra.id
        session.commit()
    new = "/ideas/projects/new"
    plan = {"title": "Arsip SPJ digital", "goal": "SPJ dipindai.", "milestones": MILESTONES}
    for wrong in ("199001012020121999", sari.nip):  # nobody's, and her own
        refused = press(sari_client, new, new, plan | {"mentor_nip": wrong})
        assert "Tidak ada akun rekan dengan NIP ini." in refused.get_data(as_text=True)
    spaced = f"{coach.nip[:8]} {coach.nip[8:14]} {coach.nip[14:]}"
    page = press(sari_client, new, new, plan | {"mentor_nip": spaced}).headers["Location"]
    with app.app_context():
        assert db.session().scalar(sa.select(ChangeProject.mentor_id)) == coach.id
    assert signed_in(app, coach).get(page).status_code == 200
    assert signed_in(app, hendra).get(page).status_code == 404  # mentoring is Yanti's
