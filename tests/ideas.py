"""Helpers of the innovation tests (ideas, change projects, their files): the agencies,
an idea posted after the similarity check, a project's milestones, a phone's photo."""

from __future__ import annotations

import io
from datetime import date, timedelta

import sqlalchemy as sa
from PIL import Image

from elearn import db
from elearn.models import Agency
from tests.events import press

DRAFT = {
    "title": "Nomor antrean puskesmas lewat WhatsApp",
    "service": "Pendaftaran rawat jalan",
    "problem": "Warga lansia menunggu **dua jam** di ruang tunggu puskesmas sejak subuh "
    "untuk mendapat nomor antrean.<script>alert(1)</script>",
    "proposal": "Warga mengambil nomor antrean lewat WhatsApp dan datang sesuai perkiraan "
    "jam panggilan.",
    "benefit": "Waktu tunggu di puskesmas berkurang.",
    "tags": "antrean, digital , kesehatan",
}


def agencies(app) -> dict[str, int]:
    with app.app_context():
        session = db.session()
        if session.scalar(sa.select(sa.func.count(Agency.id))) == 0:
            session.add_all(
                [
                    Agency(code="DINKES", name="Dinas Kesehatan"),
                    Agency(code="DPMPTSP", name="Dinas Penanaman Modal dan PTSP"),
                ]  # fmt: skip
            )
            session.commit()
        return dict(session.execute(sa.select(Agency.code, Agency.id)).all())


def post(client, agency_id, **changes):
    """Check for similar ideas, then post; (the check's page, the posted idea's id)."""
    data = DRAFT | {"agency": str(agency_id)} | changes
    checked = press(client, "/ideas/new", "/ideas/new", data | {"check": "1"})
    posted = press(client, "/ideas/new", "/ideas/new", data | {"post": "1"})
    assert posted.status_code == 302, posted.get_data(as_text=True)
    return checked.get_data(as_text=True), int(posted.headers["Location"].rsplit("/", 1)[1])


SOON = date.today() + timedelta(days=30)
LATER = SOON + timedelta(days=30)
MILESTONES = f"{SOON} | Uji coba di Puskesmas Talawi\n{LATER} | SOP baru ditetapkan"


def photo(width=2000, height=1000, orientation=6) -> bytes:
    """A phone's photo: EXIF naming the phone and saying it was held upright."""
    image = Image.new("RGB", (width, height), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PonselKu"  # Make
    exif[0x0112] = orientation  # turn 90 degrees to show it upright
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()
