"""Activation codes: an admin prints a slip for an ASN without e-mail (or for every
account of an agency not yet used); the ASN types NIP, code and a new password and is
in. A code is kept only as a keyed digest, works once, expires, and a wrong one says no
more than that NIP and code do not match."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.accounts import activation
from elearn.models import ActivationCode, Agency, AuditEntry, User
from elearn.models.types import utcnow
from elearn.testing import NIPS, csrf_token, learner_nip, login, post_form
from tests.forms import create

NIP = "199003152015032001"
NEW_PASSWORD = "sandi-baru-saya-1"  # noqa: S105


@pytest.fixture(autouse=True)
def issued(monkeypatch):
    """The codes issued, in order: ones the test can type (the real ones are random and
    printed only)."""
    codes: list[str] = []

    def known() -> str:
        codes.append(f"TEST-CODE-{len(codes):04d}")
        return codes[-1]

    monkeypatch.setattr(activation, "new_code", known)
    return codes


def activate(client, code, password=NEW_PASSWORD, nip=NIP):
    data = {"nip": nip, "code": code, "new_password": password, "confirm": password}
    return post_form(client, "/activate", data, "/activate")


def test_an_asn_without_e_mail_gets_in_with_a_printed_code(app, client, make_user, issued):
    make_user("admin")
    login(client, NIPS["admin"])
    created = create(client, email="")
    with app.app_context():
        user_id = db.session().scalar(sa.select(User.id).where(User.nip == NIP))
    assert created.headers["Location"].endswith(f"/admin/users/{user_id}")
    page = client.get(f"/admin/users/{user_id}").get_data(as_text=True)
    assert "Cetak kode aktivasi" in page
    sheet = post_form(client, f"/admin/users/{user_id}/activation", {}, f"/admin/users/{user_id}")
    assert sheet.mimetype == "application/pdf" and sheet.data.startswith(b"%PDF")
    assert f"kode-aktivasi-{NIP}.pdf" in sheet.headers["Content-Disposition"]
    [code] = issued
    with app.app_context():
        stored = db.session().scalar(sa.select(ActivationCode))
        assert code.replace("-", "") not in stored.digest and len(stored.digest) == 64
        assert (
            db.session().scalar(
                sa.select(AuditEntry.summary).where(AuditEntry.action == "account.codes")
            )
            == NIP
        )

    asn = app.test_client()
    form = asn.get(f"/activate?nip={NIP}").get_data(as_text=True)
    assert f'value="{NIP}"' in form  # the slip's QR code fills the NIP in
    assert "Paling sedikit 10 karakter" in form  # the rules before the first error
    done = activate(asn, code.lower().replace("-", " "))  # as typed on a phone
    assert done.headers["Location"].endswith("/login")
    assert login(asn, NIP, NEW_PASSWORD).status_code == 302
    again = app.test_client()
    refused = activate(again, code, "sandi-lain-lagi-2")
    assert "NIP dan kode tidak cocok, atau kode sudah dipakai" in refused.get_data(as_text=True)
    assert login(again, NIP, "sandi-lain-lagi-2").status_code == 200  # not changed


def test_a_wrong_nip_an_expired_or_replaced_code_all_say_the_same(app, client, make_user):
    admin = make_user("admin")
    learner = make_user("learner")
    with app.test_request_context():
        session = db.session()
        people = [session.get(User, learner.id)]
        [(_, old)] = activation.issue_codes(session, admin, people, activation.code_expiry())
        [(_, new)] = activation.issue_codes(session, admin, people, activation.code_expiry())
        session.commit()
    message = "NIP dan kode tidak cocok"
    assert message in activate(client, old).get_data(as_text=True)  # replaced
    assert message in activate(client, new, nip=NIPS["admin"]).get_data(as_text=True)
    with app.app_context():
        db.session().execute(sa.update(ActivationCode).values(expires_at=utcnow() - timedelta(1)))
        db.session().commit()
    assert message in activate(client, new).get_data(as_text=True)  # expired


def test_a_sheet_for_an_agency_s_accounts_not_yet_used(app, client, make_user):
    make_user("admin")
    login(client, NIPS["admin"])
    with app.app_context():
        session = db.session()
        office = Agency(code="DINKES", name="Dinas Kesehatan")
        session.add(office)
        session.flush()
        for n, used in enumerate([None, None, utcnow()]):
            session.add(
                User(
                    nip=f"19900315201503200{n + 3}",
                    full_name=f"Pegawai {n}",
                    password_hash="!",
                    agency_id=office.id,
                    last_login_at=used,
                )
            )
        session.commit()
        office_id = office.id
    data = {"agency_id": office_id, "only_new": "y"}
    sheet = post_form(client, "/admin/users/activation", data, "/admin/users")
    assert sheet.mimetype == "application/pdf"
    assert "kode-aktivasi-2-akun.pdf" in sheet.headers["Content-Disposition"]
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(ActivationCode.id))) == 2


def test_only_admins_print_codes_and_tries_are_limited(make_app, make_user):
    app = make_app(ACTIVATION_LIMIT_ADDRESS="3 per 15 minutes")
    client = app.test_client()
    with app.app_context():
        make_user("learner")
    login(client, NIP)
    token = csrf_token(client, "/dashboard")
    assert client.post("/admin/users/1/activation", data={"csrf_token": token}).status_code == 403
    guesser = app.test_client()
    statuses = [activate(guesser, f"AAAA-BBBB-{n:04d}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_a_supervisor_prints_codes_for_team_members_not_yet_signed_in(
    app, client, make_user, issued
):
    def person(n: int, name: str) -> User:
        return make_user("learner", nip=learner_nip(n), name=name, email=f"asn{n}@contoh.go.id")

    boss, new = person(1, "Atasan Langsung"), person(2, "Anggota Baru")
    used, stranger = person(3, "Anggota Lama"), person(4, "Tim Lain")
    with app.app_context():
        session = db.session()
        for member in (new, used):
            session.get(User, member.id).supervisor_id = boss.id
        session.get(User, used.id).last_login_at = utcnow()
        session.commit()
    login(client, learner_nip(1))
    team = client.get("/team").get_data(as_text=True)
    assert "1 anggota tim Anda belum pernah masuk" in team
    assert team.count("belum pernah masuk</span>") == 1  # Anggota Baru's row only
    assert 'aria-label="Cetak kode aktivasi untuk Anggota Baru"' in team
    for not_theirs in (used.id, stranger.id):  # in use: BKPSDM resets it; another team's
        refused = post_form(client, "/team/activation", {"user_id": not_theirs}, "/team")
        assert refused.status_code == 302 and not issued
    sheet = post_form(client, "/team/activation", {}, "/team")
    assert (
        sheet.mimetype == "application/pdf"
        and "kode-aktivasi-tim.pdf" in sheet.headers["Content-Disposition"]
    )
    [code] = issued
    with app.app_context():
        assert db.session().scalar(sa.select(ActivationCode.user_id)) == new.id
    asn = app.test_client()
    assert activate(asn, code, nip=learner_nip(2)).headers["Location"].endswith("/login")
    assert login(asn, learner_nip(2), NEW_PASSWORD).status_code == 302
