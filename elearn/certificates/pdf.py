"""The certificate as a PDF: one A4 landscape page with a QR code to its verification page.

The text is Indonesian whatever the reader's language: a certificate is an official
document of the issuing agency, filed as it is (SIASN, personnel records).
"""

from __future__ import annotations

import io
import logging
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


def fitted_lines(text: str, font: str, size: float, width: float, lines: int = 2):
    """``text`` at the largest size down to 9 pt at which it fits ``width`` in at most
    ``lines`` lines: (size, lines). A longer text is cut with an ellipsis at 9 pt."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for points in range(int(size), 8, -1):
        split = simpleSplit(text, font, points, width)
        if len(split) <= lines and all(stringWidth(s, font, points) <= width for s in split):
            return points, split
    split = simpleSplit(text, font, 9, width)[:lines]
    last = split[-1]
    while last and stringWidth(last + "…", font, 9) > width:
        last = last[:-1]
    return 9, [*split[:-1], last + "…"]


def _centred_block(page, y: float, text: str, font: str, size: float, width: float) -> None:
    """``text`` centred on ``y``, shrunk and wrapped to at most two lines of ``width``."""
    points, lines = fitted_lines(text, font, size, width)
    step = points * 1.15
    top = y + (len(lines) - 1) * step / 2
    for number, line in enumerate(lines):
        _centred(page, top - number * step, line, font, points)


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


# what the holder did, as the certificate says it (certificates are in Indonesian)
EVENT_PHRASES = {
    "seminar": "telah mengikuti seminar",
    "lokakarya": "telah mengikuti lokakarya",
    "klasikal": "telah mengikuti pelatihan klasikal",
    "webinar": "telah mengikuti webinar",
    "bimtek": "telah mengikuti bimbingan teknis",
    "forum_inovasi": "telah mengikuti forum inovasi",
}


def _achievement(certificate: Any) -> str:
    kind = getattr(certificate, "event_kind", None)
    return (
        EVENT_PHRASES.get(kind, "telah mengikuti kegiatan")
        if kind
        else ("telah menyelesaikan pembelajaran mandiri")
    )


def render_certificate(
    certificate: Any, verify_url: str, signer: dict[str, str] | None = None, logo: str = ""
) -> bytes:
    """The PDF of ``certificate`` (an ``elearn.models.Certificate``), signed for the
    issuer by ``signer`` (name, position, NIP) when given, with the issuer's ``logo``
    (an image file) when given. Its metadata are real: title, author, subject, and the
    creation date of the moment it is rendered (right after it is issued)."""
    buffer = io.BytesIO()
    width, height = landscape(A4)
    page = canvas.Canvas(buffer, pagesize=(width, height), invariant=0)
    page.setTitle(f"Sertifikat {certificate.number}: {certificate.course_title}")
    page.setAuthor(certificate.issuer)
    page.setSubject(f"{certificate.course_title} · {certificate.learner_name}")
    page.setCreator("elearn")

    page.setStrokeColor(ACCENT)
    page.setLineWidth(3)
    page.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    page.setLineWidth(0.8)
    page.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)

    if logo:
        _logo(page, logo, height)
    page.setFillColor(INK)
    text_width = width - 60 * mm
    _centred_block(
        page, height - 36 * mm, certificate.issuer.upper(), "Helvetica-Bold", 13, width - 110 * mm
    )
    page.setFillColor(ACCENT)
    _centred(page, height - 58 * mm, "SERTIFIKAT", "Helvetica-Bold", 34)
    page.setFillColor(INK)
    _centred(page, height - 67 * mm, f"Nomor: {certificate.number}", "Helvetica", 11)
    _centred(page, height - 82 * mm, "diberikan kepada", "Helvetica-Oblique", 12)
    _centred_block(
        page, height - 95 * mm, certificate.learner_name, "Helvetica-Bold", 26, text_width
    )
    line = f"NIP {certificate.learner_nip}" if certificate.learner_nip else ""
    if certificate.learner_agency:
        line = f"{line} · {certificate.learner_agency}" if line else certificate.learner_agency
    _centred(page, height - 105 * mm, line, "Helvetica", 11)
    _centred(page, height - 120 * mm, _achievement(certificate), "Helvetica", 12)
    _centred_block(
        page, height - 130 * mm, certificate.course_title, "Helvetica-Bold", 18, text_width
    )
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

    if signer and signer.get("name"):
        _signature(page, width - 20 * mm - QR_SIZE - 60 * mm, signer)
    draw_qr(page, verify_url, width - 20 * mm - QR_SIZE, 20 * mm)
    page.setFont("Helvetica", 9)
    page.drawString(22 * mm, 28 * mm, f"Kode verifikasi: {certificate.code}")
    page.drawString(22 * mm, 23 * mm, f"Periksa keaslian di {verify_url}")
    page.showPage()
    page.save()
    return buffer.getvalue()


def _signature(page: canvas.Canvas, centre: float, signer: dict[str, str]) -> None:
    """The signing official: position, room for the signature, name and NIP."""
    column = 70 * mm
    points, lines = fitted_lines(signer.get("position", ""), "Helvetica", 10, column)
    for number, line in enumerate(lines):
        page.setFont("Helvetica", points)
        page.drawCentredString(centre, 50 * mm - number * points * 1.15, line)
    points, lines = fitted_lines(signer["name"], "Helvetica-Bold", 11, column, lines=1)
    page.setFont("Helvetica-Bold", points)
    page.drawCentredString(centre, 30 * mm, lines[0])
    if signer.get("nip"):
        page.setFont("Helvetica", 9)
        page.drawCentredString(centre, 25 * mm, f"NIP {signer['nip']}")


def _logo(page: canvas.Canvas, path: str, height: float) -> None:
    """The issuer's logo, top left; a file that cannot be read leaves it out (logged):
    a certificate is issued all the same."""
    try:
        page.drawImage(
            path, 22 * mm, height - 46 * mm, 22 * mm, 22 * mm, preserveAspectRatio=True, mask="auto"
        )
    except (OSError, ValueError) as error:
        logging.getLogger(__name__).warning("certificate logo %s left out: %s", path, error)
