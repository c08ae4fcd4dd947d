"""Issuing a certificate when a course completes: its number and verification code at
once, in the completing transaction (so it is issued exactly once); its PDF (signed by a
plugin if one offers to) and the PDF's SHA-256 by a job after the commit."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from elearn.certificates.codes import new_code
from elearn.certificates.pdf import render_certificate
from elearn.config import certificate_number
from elearn.jobs import enqueue, job
from elearn.links import absolute_url
from elearn.models import (
    Certificate,
    CourseVersion,
    Enrolment,
    JpApproval,
    TrainingEvent,
    User,
)
from elearn.models.types import LOCAL_TIME, utcnow
from elearn.notifications import notify
from elearn.plugins import get_host

SERIAL_RETRIES = 5


def verify_url(code: str) -> str:
    """Where the certificate's QR code and text send a verifier: the platform's own
    address (``BASE_URL``), whatever host the request that issued it named."""
    return absolute_url("learn.verify_certificate", code=code)


def certificate_for(session: Session, user: User, course_id: int) -> Certificate | None:
    return session.scalar(
        sa.select(Certificate).where(
            Certificate.user_id == user.id, Certificate.course_id == course_id
        )
    )


def issue_certificate(
    session: Session, user: User, enrolment: Enrolment, version: CourseVersion, approval: JpApproval
) -> Certificate:
    """The learner's certificate for the course, with its approved JP and competency,
    issued once (with the caller's transaction: the caller commits)."""
    existing = certificate_for(session, user, enrolment.course_id)
    if existing is not None:
        return existing
    facts = {
        "course_id": enrolment.course_id,
        "version_id": version.id,
        "course_title": version.title,
        "jp": approval.jp,
        "competency": approval.competency,
    }
    return _number_and_store(session, user, facts, key=enrolment.course.key)


def issue_event_certificate(session: Session, user: User, event: TrainingEvent) -> Certificate:
    """The attendance certificate of an event whose JP were approved, issued once."""
    existing = session.scalar(
        sa.select(Certificate).where(
            Certificate.user_id == user.id, Certificate.training_event_id == event.id
        )
    )
    if existing is not None:
        return existing
    facts = {
        "training_event_id": event.id,
        "event_kind": event.kind,
        "course_title": event.title,
        "jp": event.jp_approved,
        "competency": event.competency,
    }
    return _number_and_store(session, user, facts, key=f"KEG{event.id}")


def _number_and_store(session: Session, user: User, facts: dict, key: str) -> Certificate:
    """Number a certificate of ``facts`` in this year's series, store it, queue its PDF
    and tell its holder."""
    config = current_app.config
    issued_at = utcnow()
    year = issued_at.astimezone(LOCAL_TIME).year
    for _ in range(SERIAL_RETRIES):
        serial = 1 + (
            session.scalar(
                sa.select(sa.func.max(Certificate.serial)).where(Certificate.year == year)
            )
            or 0
        )
        certificate = Certificate(
            user_id=user.id,
            year=year,
            serial=serial,
            number=certificate_number(
                config["CERTIFICATE_NUMBER_FORMAT"],
                serial=serial,
                year=year,
                month=issued_at.astimezone(LOCAL_TIME).month,
                org=config["ORGANISATION_CODE"],
                course=key,
            ),
            code=new_code(),
            issued_at=issued_at,
            learner_name=user.full_name,
            learner_nip=user.nip,
            learner_agency=user.agency.name if user.agency else None,
            minutes=round(facts["jp"] * config["MINUTES_PER_JP"]),
            issuer=config["ORGANISATION_FULL_NAME"] or config["ORGANISATION_NAME"],
            **facts,
        )
        try:
            with session.begin_nested():  # a concurrent completion may take the same serial
                session.add(certificate)
        except sa.exc.IntegrityError:
            continue
        enqueue(session, "certificate.pdf", {"certificate_id": certificate.id}, user.id)
        notify(
            session,
            user,
            "certificate.issued",
            "learn.download_certificate",
            {"certificate_id": certificate.id},
            course=facts["course_title"],
        )
        return certificate
    raise RuntimeError(f"could not number a certificate in {year}")


@job("certificate.pdf")
def render_pdf(session: Session, payload: dict) -> None:
    """The certificate's PDF, rendered (and signed) once: a job run again finds it there."""
    certificate = session.get(Certificate, payload["certificate_id"])
    if certificate is not None and certificate.pdf is None:
        _attach_pdf(certificate)


def _attach_pdf(certificate: Certificate) -> None:
    config = current_app.config
    signer = {
        "name": config["CERTIFICATE_SIGNER_NAME"],
        "position": config["CERTIFICATE_SIGNER_POSITION"],
        "nip": config["CERTIFICATE_SIGNER_NIP"],
    }
    pdf = render_certificate(
        certificate, verify_url(certificate.code), signer, config["CERTIFICATE_LOGO"]
    )
    for plugin, signed in get_host().call_each(
        "sign_certificate", pdf=pdf, certificate=certificate
    ):
        if isinstance(signed, bytes | bytearray) and signed:
            pdf, certificate.signed_by = bytes(signed), plugin
            break
    certificate.pdf = pdf
    certificate.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
