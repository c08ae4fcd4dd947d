"""A direct supervisor sees their own team's JP this year, and nobody else's."""

import sqlalchemy as sa

from elearn import db
from elearn.accounts import create_user
from elearn.models import JpCredit, User
from elearn.models.types import LOCAL_TIME, utcnow
from elearn.testing import NIPS, learner_nip, login

YEAR = utcnow().astimezone(LOCAL_TIME).year


def add_member(app, n, supervisor_nip, jp=0.0, position="Staf"):
    with app.app_context():
        session = db.session()
        supervisor = session.scalar(sa.select(User).where(User.nip == supervisor_nip))
        user = create_user(
            session,
            full_name=f"Anggota {n}",
            nip=learner_nip(n),
            password="kata-sandi-uji-123",
            position=position,
        )
        user.supervisor_id = supervisor.id
        session.flush()
        if jp:
            session.add(JpCredit(user_id=user.id, year=YEAR, jp=jp, competency="teknis", title="K"))
        session.commit()


def test_a_supervisor_sees_their_teams_jp_and_who_is_under_target(app, client, make_user):
    make_user("learner", name="Budi Atasan", nip=NIPS["trainer"], email="budi@contoh.go.id")
    make_user("learner", name="Atasan Lain", nip=NIPS["admin"], email="lain@contoh.go.id")
    add_member(app, 1, NIPS["trainer"], jp=24, position="Analis Keuangan")
    add_member(app, 2, NIPS["trainer"], jp=6)
    add_member(app, 3, NIPS["admin"], jp=2)  # someone else's team
    login(client, NIPS["trainer"])
    assert "JP tim saya" in client.get("/dashboard").get_data(as_text=True)
    page = client.get("/team").get_data(as_text=True)
    assert "Anggota 1" in page and "Anggota 2" in page and "Anggota 3" not in page
    assert "1 dari 2 orang dalam tim Anda belum mencapai target 20 JP" in page
    assert "Analis Keuangan" in page and "24</strong>" in page


def test_someone_without_a_team_is_told_so(client, login_as):
    login_as("learner")
    assert "JP tim saya" not in client.get("/dashboard").get_data(as_text=True)
    assert "Tidak ada yang menjadikan Anda atasan langsung" in client.get("/team").get_data(
        as_text=True
    )


def test_the_team_page_sends_the_same_queries_for_a_bigger_team(
    app, client, make_user, count_queries
):
    make_user("learner", name="Budi Atasan", nip=NIPS["trainer"], email="budi@contoh.go.id")
    for n in range(3):
        add_member(app, n, NIPS["trainer"], jp=n)
    login(client, NIPS["trainer"])
    few = count_queries(client, "/team")
    for n in range(3, 30):
        add_member(app, n, NIPS["trainer"], jp=n)
    assert count_queries(client, "/team") == few
