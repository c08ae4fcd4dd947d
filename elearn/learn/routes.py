"""The learner's pages: dashboard, catalogue, course page and items."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from elearn import db
from elearn.competencies import COMPETENCIES
from elearn.forms import BUTTONS, ActionForm
from elearn.kegiatan.registration import ACTIVE
from elearn.learn import bp
from elearn.learn.cards import course_cards
from elearn.learn.catalog import PAGE_SIZE, catalogue, my_courses
from elearn.learn.completion import completion_message
from elearn.learn.course_facts import course_facts
from elearn.learn.lookup import (
    blocking_step,
    course_or_404,
    enrolled_item,
    locked_reason,
    missing_parts,
    open_until,
    prerequisites,
    published_course,
    published_item,
    quiz_standing,
)
from elearn.lookups import Together
from elearn.mandatory import assigned_to_chain, duties_of, earliest
from elearn.models import Certificate, EventRegistration, JpCredit, TrainingEvent
from elearn.models.types import LOCAL_TIME, UtcDateTime, utcnow
from elearn.permissions import public, signed_in
from elearn.plugins import get_host
from elearn.progress import enrol, enrolment_for, mark_done, view_item
from elearn.progress.certificates import certificate_for
from elearn.progress.jp import pending_claim
from elearn.search import found_in, suggest


@bp.route("/")
@public
def index():
    if current_user.is_authenticated:
        return redirect(url_for("learn.dashboard"))
    return redirect(url_for("auth.login"))


@bp.route("/dashboard")
@signed_in
def dashboard():
    session = db.session()
    courses = my_courses(session, current_user.id)
    year = utcnow().astimezone(LOCAL_TIME).year
    found = _MY_YEAR.all(
        session,
        user_id=current_user.id,
        agency_id=current_user.agency_id,
        since=utcnow() - RECENT_EVENTS,
    )
    credits = found["credits"]
    by_year: dict[int, float] = {}
    for credit in credits:
        by_year[credit.year] = by_year.get(credit.year, 0) + credit.jp
    credited = {c.course_id: c.jp for c in credits if c.course_id is not None}
    # JP still waiting can only be those of a completed course not credited: asked
    # only when there is one
    unclaimed = any(
        c.enrolment.completed_at is not None and c.enrolment.course_id not in credited
        for c in courses
    )
    return render_template(
        "learn/dashboard.html",
        user=current_user._get_current_object(),  # not the proxy: read some 20 times
        in_progress=[c for c in courses if c.enrolment.completed_at is None],
        completed=[c for c in courses if c.enrolment.completed_at is not None],
        year=year,
        jp_year=by_year.get(year, 0.0),
        jp_target=current_app.config["JP_YEARLY_TARGET"],
        certificates=found["certificates"],
        past_years=sorted(((y, jp) for y, jp in by_year.items() if y != year), reverse=True),
        jp_credited=credited,
        jp_waiting=pending_claim(session, current_user.id) if unclaimed else {},
        duties=duties_of(
            session,
            earliest(found["assigned"], current_user.position),
            {c.enrolment.course_id: c.enrolment for c in courses},
            {c.enrolment.course_id: c.version for c in courses},
        ),
        leads_a_team=current_user.leads_a_team,
        events=found["events"],
    )


# The dashboard's questions besides the courses, built once and sent together as one
# statement to the driver (elearn.lookups): building them was a fifth of the dashboard,
# loading their rows as objects a sixth, executing them through SQLAlchemy another, and
# on PostgreSQL each statement sent apart a round trip.
# The events shown: those a person registered for that began at most a month ago (or
# are to come).
RECENT_EVENTS = timedelta(days=30)
_MY_YEAR = Together(
    {
        "credits": sa.select(JpCredit.year, JpCredit.jp, JpCredit.course_id).where(
            JpCredit.user_id == sa.bindparam("user_id", 0)
        ),
        "certificates": sa.select(
            Certificate.id, Certificate.course_title, Certificate.number, Certificate.issued_at
        ).where(Certificate.user_id == sa.bindparam("user_id", 0)),
        "events": sa.select(
            TrainingEvent.id,
            TrainingEvent.title,
            TrainingEvent.starts_at,
            TrainingEvent.time_zone,
            EventRegistration.status,
            EventRegistration.completed_at,
        )
        .join(EventRegistration, EventRegistration.event_id == TrainingEvent.id)
        .where(
            EventRegistration.user_id == sa.bindparam("user_id", 0),
            EventRegistration.status.in_(ACTIVE),
            TrainingEvent.state == "published",
            TrainingEvent.starts_at >= sa.bindparam("since", datetime.min, UtcDateTime()),
        ),
        "assigned": assigned_to_chain(),
    },
    order={
        "credits": (JpCredit.year.desc(), JpCredit.credited_at.desc()),
        "certificates": (Certificate.issued_at.desc(),),
        "events": (TrainingEvent.starts_at,),
    },
)


@bp.route("/courses")
@signed_in
def courses():
    args = request.args
    session = db.session()
    page = max(args.get("halaman", 1, type=int), 1)
    wanted = {
        "competency": args.get("kompetensi", ""),
        "course_type": args.get("jenis", ""),
        "max_jp": args.get("jp", type=float),
        "page": page,
    }
    found, total = catalogue(session, words=args.get("q", ""), **wanted)
    corrected = None
    if not total and args.get("q"):  # a misspelling: try the catalogue's nearest words
        suggestion = suggest(session, args["q"])
        if suggestion:
            corrected = " ".join(suggestion)
            found, total = catalogue(session, words=corrected, **wanted)
    matched = found_in(found, corrected or args.get("q", ""))
    filters = {k: v for k, v in args.items() if k in {"q", "kompetensi", "jenis", "jp"} and v}
    facts = course_facts(session, found, current_user)
    cards = course_cards(
        found,
        matched,  # version id -> (title, passage) with the query's words marked
        facts,
        get_host().course_types,
    )
    return render_template(
        "learn/catalogue.html",
        cards=cards,
        corrected=corrected if total else None,
        courses=found,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        filters=filters,
        args=args,
        competencies=COMPETENCIES,
        course_types=get_host().course_types,
    )


@bp.route("/courses/<key>")
@signed_in
def course(key: str):
    session = db.session()
    version, enrolment, done = published_course(session, key)
    course = version.course
    certificate = (
        certificate_for(session, current_user, course.id)
        if enrolment and enrolment.completed_at
        else None
    )
    required = [item for item in version.items if item.required]
    last_open = open_until(version, done)
    facts = course_facts(session, [version], current_user)
    return render_template(
        "learn/course.html",
        due=facts.due.get(course.id),
        required_done=sum(1 for item in required if item.key in done),
        required_total=len(required),
        next_step=next(
            (i for n, i in enumerate(version.items) if i.key not in done and n <= last_open), None
        ),
        certificate=certificate,
        jp=facts.jp[course.id],
        course=course,
        version=version,
        enrolment=enrolment,
        done=done,
        open_until=last_open,
        prerequisites=prerequisites(session, current_user, version),
        form=BUTTONS,
        course_type=get_host().course_types.get(version.course_type),
        unavailable=missing_parts(version),
    )


@bp.route("/courses/<key>/enrol", methods=["POST"])
@signed_in
def enrol_in(key: str):
    course, version = course_or_404(key)
    if ActionForm().validate_on_submit():
        session = db.session()
        if missing_parts(version):
            flash(_("This course is not available at the moment."), "error")
            return redirect(url_for("learn.course", key=key))
        missing = [p for p in prerequisites(session, current_user, version) if not p["done"]]
        if missing and enrolment_for(session, current_user, course) is None:
            flash(
                _(
                    "Complete these courses first: %(titles)s.",
                    titles=", ".join(p["title"] for p in missing),
                ),
                "error",
            )
            return redirect(url_for("learn.course", key=key))
        enrol(session, current_user, course)
        session.commit()
        flash(_("You are enrolled. Start with the first lesson."), "success")
        return redirect(
            url_for("learn.item", key=key, item_key=version.items[0].key)
            if version.items
            else url_for("learn.course", key=key)
        )
    return redirect(url_for("learn.course", key=key))


@bp.route("/courses/<key>/items/<item_key>")
@signed_in
def item(key: str, item_key: str):
    session = db.session()
    version, item, enrolment, done = published_item(session, key, item_key)
    course = version.course
    if enrolment is None:
        flash(_("Enrol in the course to open its lessons."), "info")
        return redirect(url_for("learn.course", key=key))
    if missing_parts(version):
        return redirect(url_for("learn.course", key=key))  # the course page says why
    blocking = blocking_step(version, item, done)
    if blocking is not None:
        flash(_("This course opens its steps in order: finish this one first."), "info")
        return redirect(url_for("learn.item", key=key, item_key=blocking.key))
    complete_before = enrolment.completed_at is not None
    if view_item(session, current_user, enrolment, item, done):
        done.add(item.key)
    db.commit_writes(session)  # the lesson is read (and the course may be complete)
    if not complete_before and enrolment.completed_at is not None:
        flash(completion_message(session, current_user, enrolment), "success")  # shown here
    index = version.items.index(item)
    quiz = quiz_standing(session, enrolment, item) if item.kind == "quiz" else {}
    return render_template(
        "learn/item.html",
        course=course,
        version=version,
        item=item,
        done=done,
        open_until=open_until(version, done),
        done_count=sum(1 for step in version.items if step.key in done),
        form=BUTTONS,
        previous=version.items[index - 1] if index > 0 else None,
        next=version.items[index + 1] if index + 1 < len(version.items) else None,
        quiz=quiz,
    )


@bp.route("/courses/<key>/items/<item_key>/done", methods=["POST"])
@signed_in
def item_done(key: str, item_key: str):
    course, version, item, enrolment = enrolled_item(key, item_key)
    session = db.session()
    if enrolment is None or item.kind != "lesson":
        abort(403)
    if locked_reason(session, version, item, enrolment):
        abort(403)
    if ActionForm().validate_on_submit():
        mark_done(session, current_user, enrolment, item)
        session.commit()
        if enrolment.completed_at:
            flash(completion_message(session, current_user, enrolment), "success")
    index = version.items.index(item)
    if index + 1 < len(version.items):
        return redirect(url_for("learn.item", key=key, item_key=version.items[index + 1].key))
    return redirect(url_for("learn.course", key=key))


@bp.route("/assets/<sha256>/<path:name>")
@signed_in
def asset(sha256: str, name: str):
    """A course file by content hash: immutable, so browsers may keep it for a year."""
    from elearn.models import Asset

    found = db.session().get(Asset, sha256)
    if found is None:
        abort(404)
    inline = found.content_type in INLINE_ASSET_TYPES
    response = current_app.response_class(
        found.data, mimetype=found.content_type if inline else "application/octet-stream"
    )
    response.headers["Cache-Control"] = "private, max-age=31536000, immutable"
    # A course file never runs as a page of the platform: an HTML or script file a
    # trainer added downloads, and even an SVG opened on its own runs nothing.
    response.headers["Content-Disposition"] = "inline" if inline else "attachment"
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    )
    return response


INLINE_ASSET_TYPES = {
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/svg+xml",
    "application/pdf",
    "audio/mpeg",
    "audio/ogg",
    "video/mp4",
    "video/webm",
    "text/plain",
}
