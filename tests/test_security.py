"""Security rules that hold for every route: CSRF, declared permissions, headers, cookies."""

import pytest

from elearn.models import ROLES
from elearn.permissions import PUBLIC, SIGNED_IN
from elearn.testing import csrf_token, login

SAMPLE_ARGUMENTS = {
    "token": "tidak-valid",
    "filename": "css/elearn.css",
    "key": "tidak-ada",
    "item_key": "tidak-ada",
    "sha256": "0" * 64,
    "name": "gambar.png",
    "attempt_id": 999999,
    "certificate_id": 999999,
    "calculation_id": 999999,
    "record_id": 999999,
    "user_id": 999999,
    "entry_id": 999999,
    "agency_id": 999999,
    "assignment_id": 999999,
    "version_id": 999999,
    "number": 999999,
    "path": "tidak-ada.md",
    "code": "AAAA-BBBB-CCCC",
    "job_id": 999999,
    "notification_id": 999999,
    "event_id": 999999,
    "session_id": 999999,
    "registration_id": 999999,
    "material_id": 999999,
    "file_id": 999999,
    "fmt": "csv",
    "phase": "post",
    "idea_id": 999999,
    "question_id": 999999,
    "what": "hide",
    "kind": "answer",
    "post_id": 999999,
    "comment_id": 999999,
    "item_id": 999999,
    "project_id": 999999,
    "milestone_id": 999999,
}
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@pytest.fixture
def full_app(make_app, install_plugin):
    """The app with a third-party plugin installed, so its routes are walked too."""
    install_plugin("good")
    return make_app()


def routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue
        url = rule.build({name: SAMPLE_ARGUMENTS[name] for name in rule.arguments})[1]
        yield rule, url, app.view_functions[rule.endpoint]


def test_every_route_declares_who_may_reach_it(full_app):
    undeclared = [
        rule.rule for rule, _, view in routes(full_app) if not getattr(view, "elearn_access", None)
    ]
    assert undeclared == []


def test_the_plugin_route_is_among_the_walked_routes(full_app):
    assert "/p/uji_baik/halo" in [url for _, url, _ in routes(full_app)]


def test_every_state_changing_route_refuses_a_request_without_csrf_token(full_app, make_user):
    client = full_app.test_client()
    make_user("admin", "learner", "trainer", "partner")
    login(client, "198104222006042002")
    checked = 0
    for rule, url, _ in routes(full_app):
        for method in sorted(rule.methods & WRITE_METHODS):
            response = client.open(url, method=method, data={"identifier": "x"})
            assert response.status_code == 400, (method, url, response.status_code)
            refusal = response.get_data(as_text=True)
            # a quiz page says how to go back to it: it kept its answers
            assert "Formulir sudah kedaluwarsa" in refusal or "sesi sebelumnya" in refusal
            checked += 1
    assert checked >= 6


def _expect(view, role):
    access = view.elearn_access
    if PUBLIC in access or SIGNED_IN in access:
        return True
    return role in access


@pytest.mark.slow
def test_every_route_is_reachable_only_by_the_roles_it_names(full_app, make_user):
    nips = {
        "learner": "199003152015032001",
        "trainer": "197508172000121003",
        "admin": "198104222006042002",
        "partner": "198512012010011004",
    }
    for role in ROLES:
        make_user(role, nip=nips[role])
        client = full_app.test_client()
        assert login(client, nips[role]).status_code == 302
        token = csrf_token(client, "/dashboard")
        for rule, url, view in routes(full_app):
            if rule.endpoint in {"auth.logout", "auth.change_password"}:
                continue  # reachable by everyone signed in; would end this session
            method = "GET" if "GET" in rule.methods else sorted(rule.methods & WRITE_METHODS)[0]
            response = client.open(url, method=method, data={"csrf_token": token})
            body = response.get_data(as_text=True)
            response.close()  # a static file is streamed from a file left open otherwise
            if _expect(view, role):
                assert response.status_code != 403, (role, url)
            else:
                assert response.status_code == 403, (role, url, response.status_code)
                assert "Akses ditolak" in body


def test_anonymous_visitors_are_sent_to_sign_in_for_every_non_public_route(full_app):
    client = full_app.test_client()
    for rule, url, view in routes(full_app):
        if PUBLIC in view.elearn_access or "GET" not in rule.methods:
            continue
        response = client.get(url)
        response.close()
        assert response.status_code == 302, url
        assert "/login" in response.headers["Location"], url


def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/login").headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_session_cookie_is_httponly_and_samesite(client, make_user):
    make_user("learner")
    response = login(client, "199003152015032001")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # development over plain http


def test_cookies_are_secure_in_production(make_app):
    app = make_app(
        ENV="production",
        SECRET_KEY="k" * 10 + "0123456789abcdefghijklmnopqrstuv",
        BASE_URL="http://localhost",
    )
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    response = app.test_client().get("/login")
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]


def test_forbidden_page_is_a_proper_page(client, login_as):
    login_as("learner")
    response = client.get("/admin/")
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert "Akses ditolak" in page and "<nav" in page


def test_unknown_page_is_a_proper_404(client):
    response = client.get("/tidak-ada")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.get_data(as_text=True)


def test_a_session_s_form_token_is_signed_once_a_minute_and_still_accepted(
    client, login_as, monkeypatch, signing_calls
):
    from elearn import security

    login_as("learner")
    signed = signing_calls("dumps")
    first = csrf_token(client, "/dashboard")
    assert csrf_token(client, "/courses") == first and len(signed) == 1
    monkeypatch.setattr(security, "SIGNED_TOKEN_REUSED_FOR", 0)  # a minute later
    csrf_token(client, "/courses")
    assert len(signed) == 2
    response = client.post("/notifications/read", data={"csrf_token": first})
    assert response.status_code == 302  # the reused token is the session's own
    assert client.post("/notifications/read", data={"csrf_token": "x" + first}).status_code == 400


@pytest.mark.parametrize("enabled", [True, False])
def test_a_buttons_form_writes_its_token_field_as_wtforms_does(make_app, enabled):
    """The pages' shared stand-in for ActionForm's buttons writes its one hidden field
    itself: the same markup WTForms writes, and nothing when CSRF is switched off (the
    field does not exist then)."""
    from flask_wtf import FlaskForm

    from elearn.forms import BUTTONS, ActionForm

    app = make_app(WTF_CSRF_ENABLED=enabled)
    with app.test_request_context():
        form = ActionForm()
        assert form.hidden_tag() == FlaskForm.hidden_tag(form) == BUTTONS.hidden_tag()
        assert ('name="csrf_token"' in form.hidden_tag()) is enabled
