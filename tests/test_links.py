"""Absolute links come from ELEARN_BASE_URL, never from the request's Host header
(review-security.md F3): reset mails, certificate QR codes and verification links, and
supervisors' e-mails, each requested with a forged Host."""

import io
import logging

import pytest

from elearn.config import ConfigError
from elearn.testing import csrf_token, login, post_form
from tests.courses import WITH_PDF

BASE = "https://elearn.sawahluntokota.go.id"
EVIL = "verify-elearn.evil.example"


def forged(app):
    """A client whose every request names the attacker's host."""
    client = app.test_client()
    client.environ_base["HTTP_HOST"] = EVIL
    return client


def test_a_reset_link_names_the_platform_whatever_host_was_asked(make_app, make_user, caplog):
    app = make_app(BASE_URL=BASE)
    with app.app_context():
        make_user("learner")
    client = forged(app)
    with caplog.at_level(logging.INFO, logger="elearn.mail"):
        client.post(
            "/password/reset",
            data={"identifier": "199003152015032001", "csrf_token": csrf_token(client, "/login")},
        )
    assert f"{BASE}/password/reset/" in caplog.text
    assert EVIL not in caplog.text


def test_a_certificate_names_the_platform_whatever_host_was_asked(make_app, make_user):
    from elearn import db
    from elearn.content.store import import_course
    from elearn.progress.jp import approve_claim

    app = make_app(BASE_URL=BASE)
    make_user("learner")
    with app.test_request_context():
        files = {"kursus.md": b"---\nid: k\njudul: K\njp: 1\n---\nK.\n", "01-a.md": b"# A\nA.\n"}
        approve_claim(db.session(), None, import_course(app, db.session(), files).version)
        db.session().commit()
    client = forged(app)
    login(client, "199003152015032001")
    post_form(client, "/courses/k/enrol", {}, "/courses/k")
    client.get("/courses/k/items/a")  # completes the course
    from pypdf import PdfReader

    with app.app_context():
        certificate = db.session().scalar(WITH_PDF)
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(certificate.pdf)).pages)
    assert f"{BASE}/verify/" in text.replace("\n", "") and EVIL not in text


def test_production_refuses_to_start_without_a_base_url(make_app):
    with pytest.raises(ConfigError, match="ELEARN_BASE_URL"):
        make_app(ENV="production", SECRET_KEY="s3cr3t-" + "abcdefghijklmnopqrstuvwxyz0123")


def test_production_answers_only_to_its_own_host(make_app):
    app = make_app(
        ENV="production", SECRET_KEY="s3cr3t-" + "abcdefghijklmnopqrstuvwxyz0123", BASE_URL=BASE
    )
    client = app.test_client()
    assert client.get("/login", headers={"Host": EVIL}).status_code == 400
    own = client.get("/login", base_url=BASE)
    assert own.status_code == 200


@pytest.mark.parametrize("url", ["elearn.go.id", "ftp://elearn.go.id", "https://x.go.id/?a=1"])
def test_a_base_url_that_is_not_an_address_is_refused(make_app, url):
    with pytest.raises(ConfigError, match="http"):
        make_app(BASE_URL=url)


def test_urls_remembered_by_the_app_are_those_flask_builds(app):
    """The app remembers URLs it built in a request; what it answers must stay what
    Flask builds: per script root (an app served under a prefix), per value, and never
    for an external URL (those come from the configured base URL) or a list value."""
    from flask import Flask, url_for

    def both(*args, **values):
        return url_for(*args, **values), Flask.url_for(app, *args, **values)

    with app.test_request_context("/"):
        assert both("learn.course", key="apbd") == ("/courses/apbd", "/courses/apbd")
        assert both("learn.course", key="apbd") == ("/courses/apbd", "/courses/apbd")
        assert url_for("learn.course", key="spj") == "/courses/spj"
        assert url_for("learn.courses", q=["a", "b"]) == "/courses?q=a&q=b"
        external = url_for("learn.course", key="apbd", _external=True)
        assert external == Flask.url_for(app, "learn.course", key="apbd", _external=True)
        assert external.startswith("http")
    with app.test_request_context("/", base_url="http://localhost/elearn/"):
        assert both("learn.course", key="apbd") == ("/elearn/courses/apbd",) * 2
    with app.test_request_context("/"):
        assert url_for("learn.course", key="apbd") == "/courses/apbd"


def test_rules_parsed_once_match_and_build_as_werkzeug_parses_them(make_app):
    """The second app's rules reuse the first's parse: each must still match, convert
    and build exactly as a rule Werkzeug parsed afresh does, with converters of its own map."""
    from werkzeug.routing import Map, Rule

    first, second = make_app(), make_app()
    for app in (first, second):
        for rule in app.url_map.iter_rules():
            fresh = Rule(rule.rule, endpoint=rule.endpoint, defaults=rule.defaults)
            Map([fresh])
            assert (rule._trace, rule._parts) == (fresh._trace, fresh._parts), rule.rule
            assert list(rule._converters) == list(fresh._converters)
            assert all(c.map is app.url_map for c in rule._converters.values())
            assert rule.arguments == fresh.arguments
    adapter = second.url_map.bind("localhost")
    assert adapter.match("/admin/agencies/7") == ("admin.edit_agency", {"agency_id": 7})
    assert adapter.build("admin.edit_agency", {"agency_id": 7}) == "/admin/agencies/7"
    assert adapter.build("learn.course", {"key": "a b"}) == "/courses/a%20b"
