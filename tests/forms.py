"""The forms several test modules fill and the people they act as: an admin's (an
account, a mandatory course, a SIASN archive), an ASN's workplace-learning log, and
signing in as someone else; and the city whose agencies they belong to."""

from __future__ import annotations

import re
from datetime import date, timedelta

import sqlalchemy as sa

from elearn import db
from elearn.models import Agency, Course
from elearn.testing import NIPS, PASSWORD, csrf_token, learner_nip, login, post_form

SUPERVISOR_NIP = NIPS["trainer"]
LAST_WEEK = date.today() - timedelta(days=7)


def switch_to(client, nip, password=PASSWORD):
    """Sign out, then in as the person with ``nip``."""
    client.post("/logout", data={"csrf_token": csrf_token(client, "/dashboard")})
    assert login(client, nip, password).status_code == 302


def dashboard_of(client, n):
    """The dashboard of the ``city`` fixture's ASN number ``n``, signed in as them."""
    switch_to(client, learner_nip(n))
    return client.get("/dashboard").get_data(as_text=True)


def trainer_client(app, nip="197508172000121003"):
    """A client of its own signed in as the trainer with ``nip``."""
    other = app.test_client()
    login(other, nip)
    return other


# an admin's new account form
NEW_ACCOUNT = {
    "nip": "1990 0315 2015 03 2 001",
    "full_name": "Sari Wulandari",
    "email": "Sari@Contoh.go.id",
    "agency_id": "0",
    "position": "Pengelola Data",
    "supervisor_nip": "",
    "roles": ["learner"],
    "active": "y",
}


def create(client, **fields):
    """An admin's new account form, with ``fields`` changed."""
    return post_form(client, "/admin/users/new", NEW_ACCOUNT | fields)


def course_id(app):
    """The ``city`` fixture's course."""
    with app.app_context():
        return db.session().scalar(sa.select(Course.id).where(Course.key == "kursus-uji"))


def assign(client, app, **fields):
    """Make the ``city`` fixture's course mandatory, as an admin does."""
    data = {"course_id": course_id(app), "agency_id": 0, "position": "", **fields}
    return post_form(client, "/admin/mandatory", data)


def prepared_archive(client, kind: str, year: int) -> bytes:
    """Ask for an archive as an admin does (a job prepares it), and download it from
    Downloads, where the request sends them."""
    response = post_form(
        client,
        "/admin/reports/siasn/archive",
        {"format": kind, "tahun": year, "instansi": 0},
        page=f"/admin/reports/siasn?tahun={year}",
    )
    assert response.headers["Location"].endswith("/downloads")
    page = client.get("/downloads").get_data(as_text=True)
    link = re.search(r'href="(/downloads/\d+)"', page).group(1)
    return client.get(link).data


# an ASN's coaching, as they log it
COACHING = {
    "kind": "coaching",
    "title": "Coaching penyusunan Renja Dinas Kesehatan",
    "partner": "dr. Hendra Gunawan",
    "description": "Menyusun indikator kinerja Renja bersama atasan, tiga kali pertemuan.",
    "start_date": (LAST_WEEK - timedelta(days=3)).isoformat(),
    "end_date": LAST_WEEK.isoformat(),
    "jp": "3",
    "competency": "manajerial/M.04",
}


def log_entry(client, **changes):
    """An ASN's workplace-learning log, with ``changes``."""
    return post_form(client, "/learning/workplace", COACHING | changes)


def city_agencies(session) -> tuple[Agency, Agency, Agency, Agency]:
    """The city's government, its health office with a clinic under it, and its finance
    agency, added to ``session``."""
    city = Agency(code="PEMKOT", name="Pemerintah Kota")
    health = Agency(code="DINKES", name="Dinas Kesehatan", parent=city)
    clinic = Agency(code="PKM", name="Puskesmas Kota", parent=health)
    finance = Agency(code="BPKD", name="Badan Keuangan", parent=city)
    session.add_all([city, health, clinic, finance])
    return city, health, clinic, finance
