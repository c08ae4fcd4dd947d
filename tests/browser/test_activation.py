"""An ASN without e-mail activates their account on a phone from a printed code: the
slip's QR code opens the page with the NIP filled in; they type the code and a new
password and sign in; axe-core on the activation page."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from elearn import db
from elearn.accounts.activation import code_expiry, issue_codes
from elearn.models import User, UserRole
from tests.browser.steps import axe_violations

pytestmark = pytest.mark.browser


def test_an_asn_activates_the_account_from_a_printed_code(page, live_server):
    with live_server.app.test_request_context():
        session = db.session()
        admin = session.scalar(
            sa.select(User).join(UserRole).where(UserRole.role == "admin").limit(1)
        )
        asn = session.scalar(
            sa.select(User).where(User.nip.is_not(None)).order_by(User.id.desc()).limit(1)
        )
        [(_, code)] = issue_codes(session, admin, [asn], code_expiry())
        nip, name = asn.nip, asn.full_name
        session.commit()
    page.goto(f"{live_server.url}/activate?nip={nip}")
    assert axe_violations(page) == []
    expect(page.get_by_label("NIP")).to_have_value(nip)
    expect(page.get_by_text("Paling sedikit 10 karakter")).to_be_visible()
    page.get_by_label("Kode aktivasi").fill(code.lower())
    page.get_by_label("Kata sandi baru", exact=True).fill("pelayanan prima setiap hari")
    page.get_by_label("Ulangi kata sandi baru").fill("pelayanan prima setiap hari")
    page.get_by_role("button", name="Aktifkan akun saya").click()
    expect(page.get_by_text("Akun Anda sudah aktif.")).to_be_visible()
    page.get_by_label("NIP atau surel").fill(nip)
    page.get_by_label("Kata sandi", exact=True).fill("pelayanan prima setiap hari")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/dashboard")
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
