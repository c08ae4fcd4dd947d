"""Demo data for a first look: agencies of a city government and one account per role."""

from __future__ import annotations

import os
from datetime import date
from importlib.resources import files
from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import Session

from elearn.accounts import create_user
from elearn.models import Agency, Course, MandatoryCourse, PluginMaintainer, User
from elearn.models.types import LOCAL_TIME, utcnow

AGENCIES = [
    # code, name, parent code
    ("PEMKOT", "Pemerintah Kota Sawahlunto", None),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "PEMKOT"),
    ("DINKES", "Dinas Kesehatan", "PEMKOT"),
    ("PKM-SLT", "UPTD Puskesmas Sawahlunto", "DINKES"),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", "PEMKOT"),
    ("BPKD", "Badan Pengelolaan Keuangan Daerah", "PEMKOT"),
    # a district of another city sharing the idea board (knowledge across agencies)
    ("KEC-ALAK", "Kecamatan Alak, Kota Kupang", None),
]

DEMO_ACCOUNTS = [
    # role, full name, NIP, e-mail, password, agency, position
    (
        "learner",
        "Sari Wulandari",
        "199003152015032001",
        "sari@demo.elearn.id",
        "belajar-sari-2026",
        "DINKES",
        "Pengelola Data Kesehatan",
    ),
    (
        "trainer",
        "Budi Santoso",
        "197508172000121003",
        "budi@demo.elearn.id",
        "widyaiswara-budi-2026",
        "BKPSDM",
        "Widyaiswara Ahli Madya",
    ),
    (
        "admin",
        "Wati Rahmawati",
        "198104222006042002",
        "wati@demo.elearn.id",
        "admin-wati-2026",
        "BKPSDM",
        "Analis SDM Aparatur",
    ),
    (
        "partner",
        "Dr. Rina Kusuma",
        None,
        "rina@demo.elearn.id",
        "mitra-rina-2026",
        None,
        "Dosen Administrasi Publik",
    ),
]


# Sari's direct supervisor (atasan langsung), who approves her workplace learning.
DEMO_SUPERVISOR = (
    "Hendra Gunawan",
    "197806102003031004",
    "hendra@demo.elearn.id",
    "atasan-hendra-2026",
    "DINKES",
    "Kepala Seksi Data dan Informasi Kesehatan",
)
DEMO_SUPERVISES = "199003152015032001"
# The sample course every ASN of the city takes by the end of the year.
DEMO_MANDATORY_COURSE = "pengembangan-kompetensi-asn"

# Dr. Rina's department maintains the soft skills and public service plugin.
DEMO_PARTNER_EMAIL, DEMO_PARTNER_PLUGIN = "rina@demo.elearn.id", "softskills"
DEMO_TRAINER_NIP = "197508172000121003"  # Budi Santoso teaches the sample courses
DEMO_ADMIN_NIP = "198104222006042002"  # Wati Rahmawati approved their JP

SAMPLE_COURSES = Path(os.environ.get("ELEARN_COURSES_DIR") or str(files("elearn.sample_courses")))


def sample_course_folders(root: Path = SAMPLE_COURSES) -> list[Path]:
    return sorted(p for p in root.iterdir() if (p / "kursus.md").exists()) if root.is_dir() else []


def load_sample_courses(app: Flask, session: Session, trainer: str | None = None) -> list[str]:
    """Import every sample course (taught by the user with NIP ``trainer``, if any);
    return a line per course saying what happened."""
    from elearn.content.store import import_course
    from elearn.progress.jp import approve_claim

    teacher = session.scalar(sa.select(User).where(User.nip == trainer)) if trainer else None
    admin = session.scalar(sa.select(User).where(User.nip == DEMO_ADMIN_NIP))
    lines = []
    with app.test_request_context():
        for folder in sample_course_folders():
            result = import_course(app, session, folder, actor=teacher)
            if result.version is not None:  # BKPSDM approved the sample courses' JP
                approve_claim(session, admin, result.version)
            session.commit()
            title = result.version.title if result.version else folder.name
            problems = result.report.errors[:1]
            why = f" ({problems[0].format().splitlines()[0]})" if problems else ""
            lines.append(f"{result.status}: {title}{why}")
    return lines


def database_is_empty(session: Session) -> bool:
    return session.scalar(sa.select(sa.func.count(User.id))) == 0


def load_demo_data(session: Session) -> list[tuple[str, str, str]]:
    """Create the demo agencies and accounts; return (role, sign-in name, password)."""
    by_code: dict[str, Agency] = {}
    for code, name, parent in AGENCIES:
        by_code[code] = Agency(code=code, name=name, parent=by_code.get(parent or ""))
        session.add(by_code[code])
    printed = []
    for role, name, nip, email, password, agency, position in DEMO_ACCOUNTS:
        create_user(
            session,
            full_name=name,
            nip=nip,
            email=email,
            password=password,
            roles=[role],
            agency=by_code.get(agency or ""),
            position=position,
        )
        printed.append((role, nip or email, password))
    name, nip, email, password, agency, position = DEMO_SUPERVISOR
    supervisor = create_user(
        session,
        full_name=name,
        nip=nip,
        email=email,
        password=password,
        agency=by_code[agency],
        position=position,
    )
    session.flush()
    session.scalar(sa.select(User).where(User.nip == DEMO_SUPERVISES)).supervisor_id = supervisor.id
    partner = session.scalar(sa.select(User).where(User.email == DEMO_PARTNER_EMAIL))
    session.add(PluginMaintainer(plugin_name=DEMO_PARTNER_PLUGIN, user_id=partner.id))
    printed.append(("supervisor", nip, password))
    session.commit()
    return printed


def assign_demo_mandatory_course(session: Session) -> None:
    """Make the ASN competency course mandatory for the whole city by the year's end."""
    course = session.scalar(sa.select(Course).where(Course.key == DEMO_MANDATORY_COURSE))
    city = session.scalar(sa.select(Agency).where(Agency.parent_id.is_(None)))
    if course is None or city is None:
        return
    year = utcnow().astimezone(LOCAL_TIME).year
    session.add(
        MandatoryCourse(course_id=course.id, agency_id=city.id, due_date=date(year, 12, 31))
    )
    session.commit()
