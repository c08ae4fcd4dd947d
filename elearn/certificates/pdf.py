"""The certificate as a PDF: one A4 landscape page with a QR code to its verification page.

The text is Indonesian whatever the reader's language: a certificate is an official
document of the issuing agency, filed as it is (SIASN, personnel records).
"""

from __future__ import annotations

import io
from typing import Any

from babel.dates import format_date
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

COMPETENCY_NAMES = {
    "teknis": "Teknis",
    "manajerial": "Manajerial",
    "sosial_kultural": "Sosial Kultural",
}
INK = colors.HexColor("#1f2937")
ACCENT = colors.HexColor("#0b5394")
QR_SIZE = 32 * mm


def _centred(page: canvas.Canvas, y: float, text: str, font: str, size: float) -> None:
    page.setFont(font, size)
    page.drawCentredString(landscape(A4)[0] / 2, y, text)


def fit_size(text: str, font: str, size: float, width: float) -> float:
    """The largest size up to ``size`` at which ``text`` fits ``width``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    while size > 10 and stringWidth(text, font, size) > width:
        size -= 1
    return size


def draw_qr(page: canvas.Canvas, url: str, x: float, y: float) -> None:
    widget = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        QR_SIZE,
        QR_SIZE,
        transform=[QR_SIZE / (right - left), 0, 0, QR_SIZE / (top - bottom), 0, 0],
    )
    drawing.add(widget)
    renderPDF.draw(drawing, page, x, y)


def render_certificate(certificate: Any, verify_url: str) -> bytes:
    """The PDF of ``certificate`` (an ``elearn.models.Certificate``)."""
    buffer = io.BytesIO()
    width, height = landscape(A4)
    page = canvas.Canvas(buffer, pagesize=(width, height), invariant=1)
    page.setTitle(f"Sertifikat {certificate.number}")
    page.setAuthor(certificate.issuer)
    page.setSubject(certificate.course_title)

    page.setStrokeColor(ACCENT)
    page.setLineWidth(3)
    page.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    page.setLineWidth(0.8)
    page.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)

    page.setFillColor(INK)
    _centred(page, height - 38 * mm, certificate.issuer.upper(), "Helvetica-Bold", 13)
    page.setFillColor(ACCENT)
    _centred(page, height - 58 * mm, "SERTIFIKAT", "Helvetica-Bold", 34)
    page.setFillColor(INK)
    _centred(page, height - 67 * mm, f"Nomor: {certificate.number}", "Helvetica", 11)
    _centred(page, height - 82 * mm, "diberikan kepada", "Helvetica-Oblique", 12)
    name_size = fit_size(certificate.learner_name, "Helvetica-Bold", 26, width - 60 * mm)
    _centred(page, height - 96 * mm, certificate.learner_name, "Helvetica-Bold", name_size)
    line = f"NIP {certificate.learner_nip}" if certificate.learner_nip else ""
    if certificate.learner_agency:
        line = f"{line} · {certificate.learner_agency}" if line else certificate.learner_agency
    _centred(page, height - 105 * mm, line, "Helvetica", 11)
    _centred(page, height - 120 * mm, "telah menyelesaikan pembelajaran mandiri", "Helvetica", 12)
    title_size = fit_size(certificate.course_title, "Helvetica-Bold", 18, width - 60 * mm)
    _centred(page, height - 131 * mm, certificate.course_title, "Helvetica-Bold", title_size)
    jp = f"{certificate.jp:g}".replace(".", ",")
    competency = COMPETENCY_NAMES.get(certificate.competency, certificate.competency)
    _centred(
        page,
        height - 141 * mm,
        f"sebanyak {jp} JP ({certificate.minutes} menit) · Kompetensi {competency}",
        "Helvetica",
        12,
    )
    issued = format_date(certificate.issued_at, "d MMMM y", locale="id")
    _centred(page, height - 151 * mm, f"Diterbitkan pada {issued}", "Helvetica", 11)

    draw_qr(page, verify_url, width - 20 * mm - QR_SIZE, 20 * mm)
    page.setFont("Helvetica", 9)
    page.drawString(22 * mm, 28 * mm, f"Kode verifikasi: {certificate.code}")
    page.drawString(22 * mm, 23 * mm, f"Periksa keaslian di {verify_url}")
    page.showPage()
    page.save()
    return buffer.getvalue()
