"""Signing in and out, changing and resetting passwords, rate limits."""

import logging
import re

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.models import Event, User
from elearn.testing import NIPS, PASSWORD, csrf_token, login, post_form


def test_learner_signs_in_with_nip_and_sees_the_dashboard(client, make_user):
    make_user("learner", name="Sari Wulandari")
    response = login(client, "19900315 201503 2 001")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/dashboard")
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Selamat datang, Sari Wulandari" in page


def test_sign_in_with_email_ignores_case(client, make_user):
    make_user("learner", email="sari@contoh.go.id")
    assert login(client, "Sari@Contoh.go.id").status_code == 302


def test_wrong_password_is_refused_with_a_message(client, make_user):
    make_user("learner")
    response = login(client, "199003152015032001", password="salah-sandi-123")
    assert response.status_code == 200
    assert "NIP/surel atau kata sandi salah" in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 302


def test_inactive_account_cannot_sign_in(client, make_user):
    make_user("learner", active=False)
    assert login(client, "199003152015032001").status_code == 200


def test_sign_in_is_recorded_as_an_event(app, client, make_user):
    user = make_user("learner")
    login(client, user.nip)
    with app.app_context():
        event = db.session().scalar(sa.select(Event))
        assert (event.actor_id, event.verb, event.object_type) == (user.id, "logged-in", "platform")


def test_password_is_stored_as_an_argon2_hash(app, make_user):
    user = make_user("learner")
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_next_parameter_cannot_redirect_off_site(client, make_user):
    make_user("learner")
    response = login(client, "199003152015032001", next="//evil.example/steal")
    assert response.headers["Location"].endswith("/dashboard")
    client.post("/logout", data={"csrf_token": csrf_token(client, "/dashboard")})
    response = login(client, "199003152015032001", next="/account/password")
    assert response.headers["Location"].endswith("/account/password")


def _session_cookie(client):
    return client.get_cookie("session").value


def test_a_session_cookie_replayed_after_sign_out_is_refused(client, make_user):
    make_user("learner")
    login(client, "199003152015032001")
    captured = _session_cookie(client)
    assert client.get("/dashboard").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_token(client, "/dashboard")})
    client.set_cookie("session", captured)
    response = client.get("/dashboard")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_remember_cookie_dies_with_sign_out(client, make_user):
    make_user("learner")
    login(client, "199003152015032001", remember="y")
    remember = client.get_cookie("remember_token").value
    client.post("/logout", data={"csrf_token": csrf_token(client, "/dashboard")})
    client.delete_cookie("session")
    client.set_cookie("remember_token", remember)
    assert client.get("/dashboard").status_code == 302


def test_changing_the_password_signs_out_other_sessions_but_not_this_one(app, make_user):
    make_user("learner")
    phone, laptop = app.test_client(), app.test_client()
    login(phone, "199003152015032001")
    login(laptop, "199003152015032001")
    response = laptop.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "sandi-baru-yang-kuat",
            "confirm": "sandi-baru-yang-kuat",
            "csrf_token": csrf_token(laptop, "/account/password"),
        },
    )
    assert response.status_code == 302
    assert laptop.get("/dashboard").status_code == 200
    assert phone.get("/dashboard").status_code == 302
    fresh = app.test_client()
    assert login(fresh, "199003152015032001", password="sandi-baru-yang-kuat").status_code == 302


def test_change_password_refuses_a_wrong_current_password_and_a_short_one(client, login_as):
    login_as("learner")
    token = csrf_token(client, "/account/password")
    page = client.post(
        "/account/password",
        data={
            "current_password": "salah-sandi-999",
            "new_password": "sandi-baru-yang-kuat",
            "confirm": "sandi-baru-yang-kuat",
            "csrf_token": token,
        },
    ).get_data(as_text=True)
    assert "Kata sandi saat ini salah." in page
    page = client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "pendek",
            "confirm": "pendek",
            "csrf_token": token,
        },
    ).get_data(as_text=True)
    assert "paling sedikit 10 karakter" in page


def _request_reset(client, identifier, caplog):
    with caplog.at_level(logging.INFO, logger="elearn.mail"):
        response = client.post(
            "/password/reset",
            data={"identifier": identifier, "csrf_token": csrf_token(client, "/password/reset")},
        )
    assert response.status_code == 302
    found = re.search(r"http://localhost(/password/reset/\S+)", caplog.text)
    return found.group(1) if found else None


def test_password_reset_link_is_logged_in_development_and_works_once(client, make_user, caplog):
    make_user("learner")
    link = _request_reset(client, "199003152015032001", caplog)
    assert link
    response = client.post(
        link,
        data={
            "new_password": "sandi-pulih-123",
            "confirm": "sandi-pulih-123",
            "csrf_token": csrf_token(client, link),
        },
    )
    assert response.headers["Location"].endswith("/login")
    assert login(client, "199003152015032001", password="sandi-pulih-123").status_code == 302
    client.post("/logout", data={"csrf_token": csrf_token(client, "/dashboard")})
    again = client.get(link)
    assert again.status_code == 302 and "/password/reset" in again.headers["Location"]


def test_reset_for_an_unknown_account_says_the_same_and_sends_nothing(client, caplog):
    assert _request_reset(client, "tidak.ada@contoh.go.id", caplog) is None
    page = client.get("/login").get_data(as_text=True)
    assert "Jika akun tersebut ada" in page


def test_expired_reset_link_is_refused(make_app, make_user, caplog):
    app = make_app(RESET_TOKEN_MAX_AGE=-1)
    client = app.test_client()
    with app.app_context():
        make_user("learner")
    link = _request_reset(client, "199003152015032001", caplog)
    response = client.get(link)
    assert "/password/reset" in response.headers["Location"]
    assert "kedaluwarsa" in client.get("/password/reset").get_data(as_text=True)


def test_reset_requests_are_limited_per_address_and_say_when_to_try_again(make_app):
    app = make_app(LOGIN_LIMIT_ADDRESS="2 per 15 minutes")
    client = app.test_client()
    token = csrf_token(client, "/password/reset")

    def request_reset(address):
        return client.post(
            "/password/reset",
            data={"identifier": "tidak.ada@contoh.go.id", "csrf_token": token},
            environ_base={"REMOTE_ADDR": address},
        )

    assert [request_reset("198.51.100.7").status_code for _ in range(2)] == [302, 302]
    refused = request_reset("198.51.100.7")
    assert refused.status_code == 429
    assert 800 < int(refused.headers["Retry-After"]) <= 900
    assert "Terlalu banyak percobaan" in refused.get_data(as_text=True)
    assert request_reset("198.51.100.8").status_code == 302  # another address is not held
    assert client.get("/password/reset").status_code == 200  # only requests count


WRONG = "salah-123456"


@pytest.fixture
def clock(monkeypatch):
    """The sign-in throttle's clock, moved by hand."""
    from elearn.auth import throttle

    moment = [1_000_000.0]
    monkeypatch.setattr(throttle, "now", lambda: moment[0])
    return moment


def attempt(app, identifier, password=WRONG, address="10.0.0.1"):
    """A sign-in from a fresh browser at ``address``."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return login(client, identifier, password=password)


def test_failed_sign_ins_slow_down_further_tries_with_a_doubling_wait(make_app, make_user, clock):
    """F10: ten failures locked the account for 15 minutes; now each try past the free
    ones waits, the wait doubling, and the page says how long."""
    app = make_app(LOGIN_FREE_TRIES=3)
    with app.app_context():
        make_user("learner")
    for _ in range(3):
        assert attempt(app, "199003152015032001").status_code == 200
    assert attempt(app, "199003152015032001").status_code == 200  # the 4th failure
    waiting = attempt(app, "199003152015032001", password=PASSWORD)
    assert waiting.status_code == 429 and waiting.headers["Retry-After"] == "1"
    assert "Coba lagi dalam 1 detik" in waiting.get_data(as_text=True)
    clock[0] += 1
    assert attempt(app, "199003152015032001").status_code == 200  # the 5th: 2 s next
    clock[0] += 1
    assert attempt(app, "19900315 2015032001", password=PASSWORD).status_code == 429
    clock[0] += 1
    assert attempt(app, "199003152015032001", password=PASSWORD).status_code == 302


def test_a_guesser_elsewhere_cannot_lock_the_owner_out(make_app, make_user, clock):
    app = make_app(LOGIN_FREE_TRIES=3, LOGIN_FREE_TRIES_ACCOUNT=10)
    with app.app_context():
        make_user("learner", email="sari@contoh.go.id")
    for _ in range(30):  # a guesser at one address, by NIP and by e-mail alike
        attempt(app, "199003152015032001", address="203.0.113.9")
        clock[0] += 0.1
    assert attempt(app, "sari@contoh.go.id", address="203.0.113.9").status_code == 429
    clock[0] += 61  # the owner, elsewhere, waits at most a minute
    assert attempt(app, "199003152015032001", PASSWORD, address="10.0.0.7").status_code == 302


def test_an_address_trying_many_accounts_is_slowed_for_a_minute_at_most(make_app, make_user, clock):
    app = make_app(LOGIN_FREE_TRIES_ADDRESS=2)
    with app.app_context():
        make_user("learner")
    for nip in ("198001012005011001", "198001012005011002", "198001012005011003"):
        assert attempt(app, nip).status_code == 200
    assert attempt(app, "199003152015032001", PASSWORD).status_code == 429
    clock[0] += 60
    assert attempt(app, "199003152015032001", PASSWORD).status_code == 302


def test_a_failed_sign_in_costs_the_same_whether_or_not_the_account_exists(
    make_app, make_user, monkeypatch
):
    """F7: the hash ran only for existing accounts (409 ms against 21 ms)."""
    from elearn.auth import routes

    calls = []
    real = routes.verify_password
    monkeypatch.setattr(routes, "verify_password", lambda *a: calls.append(1) or real(*a))
    app = make_app()
    with app.app_context():
        make_user("learner")
        make_user("trainer", active=False)
    for identifier in ("199003152015032001", "199912312020121001", "197508172000121003"):
        calls.clear()
        assert attempt(app, identifier).status_code == 200
        assert calls == [1], identifier


def test_successful_sign_ins_are_not_counted(make_app, make_user):
    app = make_app(LOGIN_FREE_TRIES=1)
    with app.app_context():
        make_user("learner")
    for _ in range(4):
        assert attempt(app, "199003152015032001", PASSWORD).status_code == 302


def test_an_admin_sees_and_clears_a_limit(make_app, make_user, clock):
    app = make_app(LOGIN_FREE_TRIES=1)
    with app.app_context():
        make_user("learner")
        make_user("admin")
    for _ in range(3):
        attempt(app, "199003152015032001", address="10.9.9.9")
    admin = app.test_client()
    login(admin, NIPS["admin"])
    page = admin.get("/admin/sign-in-limits").get_data(as_text=True)
    assert "Pengguna learner (199003152015032001) · 10.9.9.9" in page
    kind = "pair"
    subject = re.search(r'name="subject" value="(user:\d+\|10\.9\.9\.9)"', page).group(1)
    post_form(
        admin,
        "/admin/sign-in-limits/clear",
        {"kind": kind, "subject": subject},
        "/admin/sign-in-limits",
    )
    assert attempt(app, "199003152015032001", PASSWORD, address="10.9.9.9").status_code == 302


@pytest.mark.parametrize("storage", ["redis"])
def test_sign_in_counters_live_in_redis_when_configured(make_app, make_user, storage, clock):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).flushdb()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    app = make_app(REDIS_URL=url, LOGIN_FREE_TRIES=0)
    with app.app_context():
        make_user("learner")
    attempt(app, "199003152015032001")
    assert any(b"elearn:signin:pair:user:" in key for key in redis.Redis.from_url(url).keys())
    other_process = make_app(REDIS_URL=url, LOGIN_FREE_TRIES=0)  # shares the counters
    assert attempt(other_process, "199003152015032001", PASSWORD).status_code == 429
    redis.Redis.from_url(url).flushdb()


def test_user_model_roles(app, make_user):
    user = make_user("learner", "trainer")
    with app.app_context():
        stored = db.session().get(User, user.id)
        assert stored.roles == {"learner", "trainer"}
        stored.set_roles({"admin"})
        db.session().commit()
        assert db.session().get(User, user.id).roles == {"admin"}


def test_a_signed_in_request_reads_the_user_and_roles_in_one_statement(app, client, make_user):
    from flask_login import current_user

    from elearn.permissions import signed_in
    from tests.courses import statements

    @app.route("/test/whoami")
    @signed_in
    def whoami():
        agency = current_user.agency.name if current_user.agency else "-"
        return f"{','.join(sorted(current_user.roles))}|{current_user.full_name}|{agency}"

    user = make_user("learner", "trainer")
    assert login(client, user.nip).status_code == 302
    sent = statements(app, client, "/test/whoami")
    answer = client.get("/test/whoami").get_data(as_text=True)
    assert answer == f"learner,trainer|{user.full_name}|-"
    assert [verb for verb in sent if verb != "BEGIN"] == ["SELECT"]


def test_roles_changed_in_a_request_hold_in_it_and_after(app, client, make_user):
    from flask_login import current_user

    from elearn.permissions import signed_in

    @app.route("/test/become-admin")
    @signed_in
    def become_admin():
        current_user.set_roles({"learner", "admin"})
        before_commit = current_user.has_role("admin")
        db.session().commit()
        return f"{before_commit}|{current_user.has_role('admin')}"

    user = make_user("learner")
    assert login(client, user.nip).status_code == 302
    assert client.get("/test/become-admin").get_data(as_text=True) == "True|True"
    assert client.get("/admin/").status_code == 200


def test_the_signed_in_user_holds_what_the_database_holds_and_saves_changes(app, make_user, agency):
    """The loader types its row itself (SQLite keeps dates as text, flags as numbers): the
    user it gives must equal the ORM's, down to the types, and stay part of the request's
    unit of work."""
    from datetime import UTC, datetime

    from elearn.auth.loader import load_user
    from elearn.models import Notification

    lead = make_user("learner", "trainer", name="Ibu Ketua")
    member = make_user("learner", nip=NIPS["admin"], email="anggota@contoh.go.id")
    with app.app_context():
        session = db.session()
        stored = session.get(User, lead.id)
        stored.agency_id, stored.position, stored.notify_email = agency, "Kepala Seksi", "daily"
        stored.last_login_at = datetime(2026, 11, 30, 8, 15, 30, tzinfo=UTC)
        session.get(User, member.id).supervisor_id = lead.id
        session.add(Notification(user_id=lead.id, kind="test", params={}))
        session.commit()
        token = stored.session_token
    columns = [column.key for column in sa.inspect(User).column_attrs]
    with app.app_context():
        expected = {key: getattr(db.session().get(User, lead.id), key) for key in columns}
    with app.test_request_context("/"):
        session = db.session()
        user = load_user(token)
        assert {key: getattr(user, key) for key in columns} == expected
        assert [type(getattr(user, key)) for key in columns] == [
            type(expected[key]) for key in columns
        ]
        assert (user.roles, user.unread_notices, user.leads_a_team) == (
            {"learner", "trainer"},
            1,
            True,
        )
        assert user.agency.code == "DINKES"  # the agency loads when asked
        assert user in session and not session.dirty
        user.position = "Kepala Bidang"
        session.commit()
        assert load_user("a-token-nobody-holds") is None
    with app.app_context():
        assert db.session().get(User, lead.id).position == "Kepala Bidang"


def test_a_session_cookie_is_verified_once_and_still_expires_and_refuses_tampering(
    client, login_as, monkeypatch, signing_calls
):
    from elearn import sessions

    login_as("learner")
    verified = signing_calls("loads")
    assert client.get("/dashboard").status_code == 200
    assert client.get("/dashboard").status_code == 200
    assert len(verified) == 1  # the same cookie: verified once
    cookie = client.get_cookie("session").value
    client.set_cookie("session", cookie[:-2] + ("AA" if cookie[-2:] != "AA" else "BB"))
    assert client.get("/dashboard").status_code == 302  # tampered: signed out
    client.set_cookie("session", cookie)
    assert client.get("/dashboard").status_code == 200
    lifetime = client.application.permanent_session_lifetime.total_seconds()
    later = sessions.time.time() + lifetime + 1
    monkeypatch.setattr(sessions.time, "time", lambda: later)
    assert client.get("/dashboard").status_code == 302  # expired, though verified before
