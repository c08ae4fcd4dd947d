"""Ruang Ide: an ASN posts an idea after seeing similar ones, colleagues from other
agencies support and discuss it, the innovation team of the agency concerned moves it
through its stages (with a reason when it is not pursued), everyone concerned hears of
it, and ideas put in place reach the catalogue of innovations with their results."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

import sqlalchemy as sa

from elearn import db
from elearn.models import (
    AuditEntry,
    Idea,
    IdeaComment,
    IdeaStageChange,
    Notification,
    User,
)
from elearn.models.types import LOCAL_TIME
from elearn.testing import csrf_token, learner_nip, login
from tests.events import notice_kinds, press, signed_in
from tests.ideas import agencies, post


def test_similar_ideas_are_shown_before_posting(app, people):
    ids = agencies(app)
    [(sari, sari_client), (budi, budi_client)] = people(2)
    first_check, first = post(sari_client, ids["DINKES"])
    assert "Belum ada ide serupa di papan" in first_check
    check, _second = post(
        budi_client,
        ids["DINKES"],
        title="Antrean puskesmas daring untuk warga lansia",
        problem="Lansia menunggu lama di puskesmas untuk mendapat nomor antrean pagi hari.",
    )
    assert "Ide serupa sudah ada di papan" in check
    assert f'href="/ideas/{first}">Nomor antrean puskesmas lewat WhatsApp' in check
    page = sari_client.get(f"/ideas/{first}").get_data(as_text=True)
    assert "<strong>dua jam</strong>" in page and "<script>alert" not in page
    with app.app_context():
        idea = db.session().get(Idea, first)
        assert idea.tag_list == ["antrean", "digital", "kesehatan"]


def test_support_is_one_per_person_and_withdrawable(app, people):
    ids = agencies(app)
    [(sari, sari_client), (budi, budi_client), (tono, tono_client)] = people(3)
    _check, idea_id = post(sari_client, ids["DINKES"])
    page = f"/ideas/{idea_id}"
    for client in (budi_client, tono_client):
        press(client, f"{page}/support", page)
    press(budi_client, f"{page}/support", page)  # withdrawn
    with app.app_context():
        assert db.session().get(Idea, idea_id).supporters == 1
    assert "1 pendukung" in tono_client.get(page).get_data(as_text=True)


def test_comments_and_replies_tell_the_author_and_the_one_answered(app, people):
    ids = agencies(app)
    [(sari, sari_client), (budi, budi_client), (tono, tono_client)] = people(3)
    _check, idea_id = post(sari_client, ids["DINKES"])
    page = f"/ideas/{idea_id}"
    press(budi_client, f"{page}/comments", page, {"body": "Bagaimana warga tanpa ponsel?"})
    html = tono_client.get(page).get_data(as_text=True)
    parent = re.search(r'name="parent" value="(\d+)"', html).group(1)
    press(tono_client, f"{page}/comments", page,
          {"body": "Loket tetap melayani **tanpa** ponsel.", "parent": parent})  # fmt: skip
    html = sari_client.get(page).get_data(as_text=True)
    assert "2 komentar" in html and "<strong>tanpa</strong>" in html
    assert re.search(r'class="reply" id="komentar-\d+">', html)
    with app.app_context():
        session = db.session()
        reply = session.scalar(sa.select(IdeaComment).where(IdeaComment.parent_id.is_not(None)))
        assert reply.parent_id == int(parent)
        told = session.execute(
            sa.select(Notification.user_id, Notification.kind).order_by(Notification.id)
        ).all()
    assert told == [(sari.id, "idea.comment"), (sari.id, "idea.comment"), (budi.id, "idea.comment")]


def test_only_the_agencys_innovation_team_moves_an_idea_with_reasons(app, people, make_user):
    ids = agencies(app)
    [(sari, sari_client), (budi, budi_client), (team_person, team_client)] = people(3)
    _check, idea_id = post(sari_client, ids["DINKES"])
    page = f"/ideas/{idea_id}"
    press(budi_client, f"{page}/support", page)

    admin = make_user("admin", nip=learner_nip(90), email="wati@contoh.go.id", name="Wati")
    from tests.events import signed_in

    admin_client = signed_in(app, admin)
    press(admin_client, "/ideas/teams", "/ideas/teams",
          {"agency": str(ids["DPMPTSP"]), "nip": team_person.nip})  # fmt: skip
    assert press(team_client, f"{page}/stage", page, {"stage": "dibahas"}).status_code == 403
    press(admin_client, "/ideas/teams", "/ideas/teams",
          {"agency": str(ids["DINKES"]), "nip": team_person.nip})  # fmt: skip
    assert "Keputusan tim inovasi" in team_client.get(page).get_data(as_text=True)
    assert "Keputusan tim inovasi" not in budi_client.get(page).get_data(as_text=True)
    assert press(budi_client, f"{page}/stage", page, {"stage": "dibahas"}).status_code == 403

    press(team_client, f"{page}/stage", page, {"stage": "diterapkan"})
    assert _stage(app, idea_id) == "diajukan"  # a proposal is discussed before anything
    press(team_client, f"{page}/stage", page, {"stage": "dibahas", "note": "Rapat ide Senin."})
    press(team_client, f"{page}/stage", page, {"stage": "tidak_dilanjutkan", "note": ""})
    assert _stage(app, idea_id) == "dibahas"  # not pursued needs a reason
    press(team_client, f"{page}/stage", page, {"stage": "uji_coba"})
    press(team_client, f"{page}/stage", page,
          {"stage": "diterapkan", "result_before": "Waktu tunggu 95 menit",
           "result_after": "Waktu tunggu 30 menit"})  # fmt: skip
    assert _stage(app, idea_id) == "diterapkan"
    with app.app_context():
        session = db.session()
        moves = session.execute(
            sa.select(IdeaStageChange.from_stage, IdeaStageChange.to_stage).order_by(
                IdeaStageChange.id
            )
        ).all()
        told = session.execute(
            sa.select(Notification.user_id, Notification.kind)
            .where(Notification.kind.like("idea.%"))
            .order_by(Notification.id)
        ).all()
        actions = session.scalars(sa.select(AuditEntry.action)).all()
    assert moves == [("diajukan", "dibahas"), ("dibahas", "uji_coba"), ("uji_coba", "diterapkan")]
    for kind in ("idea.dibahas", "idea.uji_coba", "idea.diterapkan"):
        assert (sari.id, kind) in told and (budi.id, kind) in told
    assert actions.count("ideas.team_add") == 2
    catalogue = budi_client.get("/ideas/innovations").get_data(as_text=True)
    assert "Nomor antrean puskesmas lewat WhatsApp" in catalogue
    assert "Waktu tunggu 95 menit" in catalogue and "Waktu tunggu 30 menit" in catalogue
    history = budi_client.get(page).get_data(as_text=True)
    assert "Rapat ide Senin." in history


def _stage(app, idea_id) -> str:
    with app.app_context():
        return db.session().get(Idea, idea_id).stage


def test_the_board_filters_and_sorts(app, people):
    ids = agencies(app)
    [(sari, sari_client), (budi, budi_client)] = people(2)
    post(sari_client, ids["DINKES"])
    _check, permits = post(
        budi_client,
        ids["DPMPTSP"],
        title="Izin usaha mikro selesai dalam satu hari",
        service="Perizinan berusaha",
        problem="Pelaku usaha mikro bolak-balik tiga kali ke mal pelayanan publik untuk "
        "melengkapi berkas izin.",
        tags="perizinan, umkm",
    )
    press(sari_client, f"/ideas/{permits}/support", f"/ideas/{permits}")

    def titles(query: str) -> list[str]:
        html = sari_client.get(f"/ideas/?{query}").get_data(as_text=True)
        return re.findall(r'<h2><a href="/ideas/\d+">([^<]+)</a></h2>', html)

    assert titles(f"instansi={ids['DPMPTSP']}") == ["Izin usaha mikro selesai dalam satu hari"]
    assert titles("tag=umkm") == ["Izin usaha mikro selesai dalam satu hari"]
    assert titles("q=antrean+lansia") == ["Nomor antrean puskesmas lewat WhatsApp"]
    assert titles("layanan=rawat") == ["Nomor antrean puskesmas lewat WhatsApp"]
    assert titles("urut=dukungan")[0] == "Izin usaha mikro selesai dalam satu hari"
    assert titles("tahap=diterapkan") == []
    assert titles("layanan=%25") == []  # a wildcard typed is only a character


def test_team_membership_is_admin_only_and_removable(app, people, make_user):
    ids = agencies(app)
    [(sari, sari_client)] = people(1)
    assert sari_client.get("/ideas/teams").status_code == 403
    admin = make_user("admin", nip=learner_nip(91), email="w@contoh.go.id")
    from tests.events import signed_in

    admin_client = signed_in(app, admin)
    press(admin_client, "/ideas/teams", "/ideas/teams",
          {"agency": str(ids["DINKES"]), "nip": sari.nip})  # fmt: skip
    html = admin_client.get("/ideas/teams").get_data(as_text=True)
    action = re.search(r'action="(/ideas/teams/\d+/\d+/remove)"', html).group(1)
    unknown = press(admin_client, "/ideas/teams", "/ideas/teams",
                    {"agency": str(ids["DINKES"]), "nip": "199999999999999999"})  # fmt: skip
    assert "Tidak ada akun dengan NIP ini." in unknown.get_data(as_text=True)
    admin_client.post(action, data={"csrf_token": csrf_token(admin_client, "/ideas/teams")})
    with app.app_context():
        assert db.session().scalar(sa.select(User.id).where(User.id == sari.id))
        actions = db.session().scalars(sa.select(AuditEntry.action)).all()
    assert actions == ["ideas.team_add", "ideas.team_remove"]


def test_a_reported_comment_is_hidden_by_the_agencys_team(app, people, make_user):
    ids = agencies(app)
    [(sari, sari_client), (budi, budi_client), (team_person, team_client)] = people(3)
    _check, idea_id = post(sari_client, ids["DINKES"])
    page = f"/ideas/{idea_id}"
    press(budi_client, f"{page}/comments", page, {"body": "Ide bodoh, pengusulnya malas."})
    with app.app_context():
        comment_id = db.session().scalar(sa.select(IdeaComment.id))
    report = {"kind": "idea_comment", "post_id": str(comment_id), "reason": "Menghina"}
    press(sari_client, "/moderation/report", page, report)
    hide = f"/moderation/idea_comment/{comment_id}/hide"
    assert press(team_client, hide, page, {"reason": "Tidak sopan"}).status_code == 403
    admin = make_user("admin", nip=learner_nip(92), email="a@contoh.go.id")
    from tests.events import signed_in

    press(signed_in(app, admin), "/ideas/teams", "/ideas/teams",
          {"agency": str(ids["DINKES"]), "nip": team_person.nip})  # fmt: skip
    assert "Menghina" in team_client.get("/moderation").get_data(as_text=True)
    press(team_client, hide, page, {"reason": "Tidak sopan"})
    shown = sari_client.get(page).get_data(as_text=True)
    assert "pengusulnya malas" not in shown
    assert "Disembunyikan moderator: Tidak sopan" in shown


def test_the_board_an_idea_and_a_discussion_cost_the_same_with_more_posts(
    app, people, count_queries, publish
):
    ids = agencies(app)
    [(sari, sari_client), (budi, budi_client)] = people(2)
    _check, idea_id = post(sari_client, ids["DINKES"])
    page = f"/ideas/{idea_id}"
    press(budi_client, f"{page}/comments", page, {"body": "Setuju."})
    press(budi_client, f"{page}/support", page)
    small = [count_queries(sari_client, url) for url in ("/ideas/", page)]
    for n in range(2, 8):
        _user, client = people(1, start=n)[0]
        post(client, ids["DPMPTSP"], title=f"Ide perizinan nomor {n} untuk warga")
        press(client, f"{page}/comments", page, {"body": f"Komentar {n}"})
        html = client.get(page).get_data(as_text=True)
        parent = re.search(r'name="parent" value="(\d+)"', html).group(1)
        press(client, f"{page}/comments", page, {"body": f"Balasan {n}", "parent": parent})
        press(client, f"{page}/support", page)
    assert [count_queries(sari_client, url) for url in ("/ideas/", page)] == small


def test_a_mention_tells_the_colleague_named_once(app, people, make_user):
    ids = agencies(app)
    [(sari, sari_client), (budi, budi_client)] = people(2)
    hendra = make_user(
        "learner", nip=learner_nip(40), email="h@contoh.go.id", name="Hendra Gunawan"
    )
    make_user("learner", nip=learner_nip(41), email="r1@contoh.go.id", name="Rudi")
    make_user("learner", nip=learner_nip(42), email="r2@contoh.go.id", name="Rudi")
    _check, idea_id = post(sari_client, ids["DINKES"])
    page = f"/ideas/{idea_id}"
    press(budi_client, f"{page}/comments", page,
          {"body": "Menurut @Hendra Gunawan ini bisa diuji di Puskesmas Talawi. "
                   "@hendra gunawan, setuju? Tanya juga @Rudi."})  # fmt: skip
    assert notice_kinds(app, hendra.id) == ["idea.mention"]  # once, whatever the case
    with app.app_context():
        rudis = (
            db.session()
            .scalars(
                sa.select(Notification.id)
                .join(User, User.id == Notification.user_id)
                .where(User.full_name == "Rudi")
            )
            .all()
        )
    assert rudis == []  # two people are called Rudi: the mention names nobody


def test_the_demo_board_has_ideas_at_every_stage(app):
    from elearn.demo import load_demo_data
    from elearn.demo_ideas import load_demo_ideas

    with app.app_context():
        accounts = load_demo_data(db.session())
        load_demo_ideas(db.session())
        stages = set(db.session().scalars(sa.select(Idea.stage)))
    assert stages == {"diajukan", "dibahas", "uji_coba", "diterapkan", "tidak_dilanjutkan"}
    client = app.test_client()
    supervisor = next((n, p) for role, n, p in accounts if role == "supervisor")
    assert login(client, *supervisor).status_code == 302
    catalogue = client.get("/ideas/innovations").get_data(as_text=True)
    assert "Waktu tunggu rata-rata 30 menit" in catalogue
    alak = client.get("/ideas/?q=tangki").get_data(as_text=True)
    assert "Kecamatan Alak, Kota Kupang" in alak
    html = client.get("/ideas/?tahap=uji_coba").get_data(as_text=True)
    idea = re.search(r'href="(/ideas/\d+)">Layanan akta kelahiran', html).group(1)
    assert "Keputusan tim inovasi" in client.get(idea).get_data(as_text=True)  # Hendra's team
    # his mentee's change project waits for him; the health office's meetings are on
    projects = client.get("/ideas/projects").get_data(as_text=True)
    project = re.search(r'href="(/ideas/projects/\d+)">Akta kelahiran', projects).group(1)
    assert "Kembalikan" in client.get(project).get_data(as_text=True)  # a milestone to review
    events = client.get("/kegiatan/").get_data(as_text=True)
    assert "Forum Inovasi Dinas Kesehatan" in events


def test_a_comment_is_corrected_by_its_writer_within_the_window(app, people):
    from datetime import timedelta

    from elearn.models.types import SIMULATED_NOW, utcnow

    ids = agencies(app)
    [(sari, sari_client), (budi, budi_client)] = people(2)
    _check, idea_id = post(sari_client, ids["DINKES"])
    page = f"/ideas/{idea_id}"
    press(budi_client, f"{page}/comments", page, {"body": "Salah ketk."})
    with app.app_context():
        comment_id = db.session().scalar(sa.select(IdeaComment.id))
    edit = f"{page}/comments/{comment_id}/edit"
    assert sari_client.get(edit).status_code == 302  # not hers
    press(budi_client, edit, edit, {"body": "Salah ketik, maaf."})
    shown = sari_client.get(page).get_data(as_text=True)
    assert "Salah ketik, maaf." in shown and "diperbaiki" in shown
    later = SIMULATED_NOW.set(utcnow() + timedelta(minutes=16))
    try:
        assert budi_client.get(edit).status_code == 302  # the window has closed
        press(budi_client, edit, page, {"body": "Diubah terlambat."})
    finally:
        SIMULATED_NOW.reset(later)
    assert "Diubah terlambat." not in sari_client.get(page).get_data(as_text=True)


def test_the_board_report_and_its_export_for_bkpsdm_and_a_team(app, people, make_user):
    ids = agencies(app)
    [(sari, sari_client), (budi, budi_client), (team_person, team_client)] = people(3)
    _check, idea_id = post(sari_client, ids["DINKES"], title='=HYPERLINK("http://x") ide')
    post(budi_client, ids["DPMPTSP"], title="Izin usaha mikro selesai dalam satu hari")
    assert team_client.get("/ideas/report").status_code == 404  # on no team
    admin = signed_in(app, make_user("admin", nip=learner_nip(93), email="a@contoh.go.id"))
    press(admin, "/ideas/teams", "/ideas/teams",
          {"agency": str(ids["DINKES"]), "nip": team_person.nip})  # fmt: skip
    press(team_client, f"/ideas/{idea_id}/stage", f"/ideas/{idea_id}", {"stage": "dibahas"})

    everything = admin.get("/ideas/report").get_data(as_text=True)
    assert "Dinas Kesehatan" in everything and "Dinas Penanaman Modal" in everything
    own = team_client.get("/ideas/report").get_data(as_text=True)
    assert "Dinas Kesehatan" in own and "Dinas Penanaman Modal" not in own
    assert re.search(r"<th scope=\"row\">Dinas Kesehatan</th><td>0</td><td>1</td>", own)
    exported = team_client.get("/ideas/report/ideas.csv").data.decode().lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(exported)))
    assert rows[0][:4] == ["Judul", "Perangkat daerah", "Layanan", "Tahap"]
    assert [row[0] for row in rows[1:]] == ['\'=HYPERLINK("http://x") ide']
    assert rows[1][3] == "dibahas"


def test_the_board_report_counts_an_idea_of_the_first_month_s_first_hours(app, agency, monkeypatch):
    """The chart's first month begins at midnight in Jakarta, 17:00 UTC the day before:
    an idea posted at 00:30 on the 1st counts in that month (the cut-off was compared
    with the stored UTC times as Jakarta's wall-clock time on SQLite, and lost it)."""
    from elearn.ideas import report
    from elearn.models import Idea

    now = datetime(2026, 12, 3, 5, 0, tzinfo=UTC)
    monkeypatch.setattr(report, "utcnow", lambda: now)
    first = datetime(2026, 1, 1, 0, 30, tzinfo=LOCAL_TIME)  # the chart's first month
    with app.app_context():
        session = db.session()
        session.add(
            Idea(
                agency_id=agency,
                service="Perizinan",
                title="Antrean daring",
                problem="Antrean panjang.",
                proposal="Nomor antrean daring.",
                created_at=first.astimezone(UTC),  # stored as the platform stores it
            )
        )
        session.commit()
        _rows, months = report.board_figures(session, None)
    assert months[0] == ("2026-01", 1)
