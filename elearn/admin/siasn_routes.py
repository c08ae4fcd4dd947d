"""The training history for SIASN: the records of a year as BKN's training history
(riwayat diklat, with the certificate PDFs) and in the exact shape of BKN's web service
(riwayat kursus: JSON lines or XLSX), with the report of those that cannot be sent yet
and the BKN reference ids BKPSDM sets."""

from __future__ import annotations

import io

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from elearn import db
from elearn.admin import bp
from elearn.admin.report_routes import PAGE_SIZE, ReportScope
from elearn.competencies import COMPETENCIES
from elearn.forms import ActionForm
from elearn.permissions import roles_required
from elearn.reports import siasn_bkn
from elearn.reports.export import table_response
from elearn.reports.siasn import HEADER, training_records
from elearn.reports.siasn_archives import KINDS, queue_archive
from elearn.templating import number


def _download(data, name: str, mimetype: str):
    return send_file(data, mimetype=mimetype, as_attachment=True, download_name=name)


@bp.route("/reports/siasn")
@roles_required("admin")
def siasn_export():
    session = db.session()
    scope = ReportScope.from_request(session)
    year = scope.year
    records = training_records(session, year, scope.agency_ids)
    rows = [record.row() for record in records]
    ready, blocked = siasn_bkn.sendable(session, records, year, scope.agency_ids)
    fmt = request.args.get("format")
    if fmt in {"csv", "xlsx"}:
        return table_response(f"riwayat-diklat-{year}", fmt, HEADER, rows)
    if fmt == "bkn-jsonl":
        lines = io.BytesIO(siasn_bkn.json_lines(ready))
        return _download(lines, f"riwayat-kursus-{year}.jsonl", "application/x-ndjson")
    if fmt == "bkn-xlsx":
        return table_response(
            f"riwayat-kursus-{year}", "xlsx", siasn_bkn.FIELDS, siasn_bkn.table_rows(ready)
        )
    return render_template(
        "admin/report_siasn.html",
        **scope.context(),
        header=HEADER,
        rows=[[number(c) if isinstance(c, float) else c for c in row] for row in rows[:PAGE_SIZE]],
        total=len(rows),
        ready=len(ready),
        blocked=blocked[:PAGE_SIZE],
        blocked_total=len(blocked),
        form=ActionForm(),
    )


@bp.route("/reports/siasn/archive", methods=["POST"])
@roles_required("admin")
def siasn_archive():
    """Queue a ZIP with the certificate PDFs; the admin finds it under Downloads."""
    kind = request.form.get("format", "")
    if not ActionForm().validate_on_submit() or kind not in KINDS:
        abort(400)
    session = db.session()
    year = request.form.get("tahun", type=int) or ReportScope.from_request(session).this_year
    queue_archive(session, current_user, kind, year, request.form.get("instansi", 0, type=int))
    session.commit()
    flash(_("The archive is being prepared: it will be here, and you will get an e-mail."), "info")
    return redirect(url_for("learn.downloads"))


@bp.route("/siasn-references", methods=["GET", "POST"])
@roles_required("admin")
def siasn_references():
    """BKN's reference ids for the export: the government's instansi and location, the
    certificate kind, and a jenisDiklatId for each kind of training."""
    session = db.session()
    form = ActionForm()
    if request.method == "POST" and form.validate_on_submit():
        wanted = {key: (request.form.get(key) or "")[:100] for key in siasn_bkn.references(session)}
        siasn_bkn.set_references(session, current_user, wanted)
        session.commit()
        flash(_("The SIASN reference ids are saved."), "success")
        return redirect(url_for("admin.siasn_references"))
    return render_template(
        "admin/siasn_references.html",
        form=form,
        values=siasn_bkn.references(session),
        sources=siasn_bkn.SOURCES,
        competencies=COMPETENCIES,
        kind_key=siasn_bkn.kind_key,
    )
