"""Reset links go out by SMTP when a mail server is configured (a real SMTP server,
aiosmtpd, listens on a free local port)."""

import re

from elearn.testing import post_form


def test_reset_link_is_sent_by_smtp_and_works(make_app, make_user, smtp_server):
    inbox, port = smtp_server
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_SENDER="bkpsdm@contoh.go.id")
    with app.app_context():
        make_user("learner", email="sari@contoh.go.id")
    client = app.test_client()
    post_form(client, "/password/reset", {"identifier": "199003152015032001"})
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "sari@contoh.go.id"
    assert message["Subject"] == "Atur ulang kata sandi elearn Anda"
    link = re.search(
        r"http://localhost(/password/reset/\S+)", message.get_payload(decode=True).decode()
    ).group(1)
    assert client.get(link).status_code == 200


def test_production_without_a_mail_server_does_not_log_the_link(make_app, make_user, caplog):
    app = make_app(
        ENV="production",
        SECRET_KEY="s3cr3t-" + "abcdefghijklmnopqrstuvwxyz0123",
        BASE_URL="http://localhost",
    )
    with app.app_context():
        make_user("learner")
    client = app.test_client()
    post_form(client, "/password/reset", {"identifier": "199003152015032001"})
    assert "/password/reset/" not in caplog.text
    assert "ELEARN_MAIL_SERVER is not set" in caplog.text
