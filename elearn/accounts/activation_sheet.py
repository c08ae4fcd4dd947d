"""The printable sheet of activation slips: A4 pages of four slips, one per ASN, each
with the organisation, name, NIP, code, its expiry, the address to type and a QR code
to the activation page with the NIP filled in (the code itself is never in a URL).

The text is Indonesian whatever the admin's language: the slips are handed to ASN.
"""

from __future__ import annotations

import io
from datetime import datetime

from babel.dates import format_date
from flask import current_app
from flask_login import current_user
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from elearn import db
from elearn.accounts.activation import code_expiry, issue_codes
from elearn.audit import audit
from elearn.certificates.pdf import ACCENT, INK, draw_qr, fitted_lines
from elearn.links import absolute_url
from elearn.models import User
from elearn.models.types import LOCAL_TIME

PER_PAGE = 4
SLIP_HEIGHT = A4[1] / PER_PAGE


def render_sheet(
    organisation: str, slips: list[tuple[str, str, str]], address: str, expires: datetime
) -> bytes:
    """``slips``: (name, NIP, code) each; ``address``: the activation page's URL."""
    buffer = io.BytesIO()
    width, height = A4
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setTitle(f"Kode aktivasi akun elearn ({len(slips)} orang)")
    page.setAuthor(organisation)
    until = format_date(expires.astimezone(LOCAL_TIME).date(), "long", locale="id")
    for index, (name, nip, code) in enumerate(slips):
        if index and index % PER_PAGE == 0:
            page.showPage()
        top = height - (index % PER_PAGE) * SLIP_HEIGHT
        _slip(page, top, width, organisation, name, nip, code, address, until)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _slip(page, top, width, organisation, name, nip, code, address, until) -> None:
    left, text_width = 15 * mm, width - 75 * mm
    page.setStrokeColor(ACCENT)
    page.setDash(3, 3)
    page.line(8 * mm, top - SLIP_HEIGHT + 1, width - 8 * mm, top - SLIP_HEIGHT + 1)
    page.setDash()
    page.setFillColor(INK)
    page.setFont("Helvetica-Bold", 10)
    page.drawString(left, top - 14 * mm, organisation[:110])
    page.setFillColor(ACCENT)
    page.setFont("Helvetica-Bold", 13)
    page.drawString(left, top - 22 * mm, "Kode aktivasi akun elearn")
    page.setFillColor(INK)
    size, lines = fitted_lines(name, "Helvetica-Bold", 12, text_width, lines=1)
    page.setFont("Helvetica-Bold", size)
    page.drawString(left, top - 31 * mm, lines[0])
    page.setFont("Helvetica", 10)
    page.drawString(left, top - 37 * mm, f"NIP {nip}")
    page.setFont("Courier-Bold", 18)
    page.drawString(left, top - 47 * mm, code)
    page.setFont("Helvetica", 9)
    page.drawString(left, top - 54 * mm, f"Buka {address}, isi NIP, kode ini dan kata sandi baru.")
    page.drawString(
        left,
        top - 59 * mm,
        f"Kode berlaku sekali, sampai {until}. Jangan berikan kepada orang lain.",
    )
    draw_qr(page, f"{address}?nip={nip}", width - 55 * mm, top - 55 * mm)


def sheet_response(people: list[User], name: str):
    """Issue codes for ``people`` (by the signed-in admin or supervisor), audit-logged, and
    answer with their sheet as ``<name>.pdf``: the codes are not kept, so printing again
    issues new ones."""
    session = db.session()
    expires = code_expiry()
    issued = issue_codes(session, current_user, people, expires)
    summary = ", ".join(person.nip for person, _code in issued[:20])
    more = f" (+{len(issued) - 20})" if len(issued) > 20 else ""
    audit(session, current_user, "account.codes", f"users:{len(issued)}", summary + more)
    session.commit()
    config = current_app.config
    pdf = render_sheet(
        config["ORGANISATION_FULL_NAME"] or config["ORGANISATION_NAME"],
        [(person.full_name, person.nip, code) for person, code in issued],
        absolute_url("auth.activate_account"),
        expires,
    )
    response = current_app.response_class(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
