"""Importing ASN accounts: upload a CSV or XLSX file, read the per-row report, then
import the valid rows in one transaction. The uploaded file waits in the instance
folder between the two steps, under a random name tied to the admin who sent it."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from elearn import db
from elearn.accounts.bulk_import import ImportFileError, apply_rows, check_rows, read_rows
from elearn.admin import bp
from elearn.admin.forms import AccountImportForm, ConfirmImportForm
from elearn.audit import Said, audit
from elearn.permissions import roles_required

SHOWN_ROWS = 200  # the preview lists every row with a problem and this many others


STAGED_FOR = 24 * 3600  # an upload never confirmed is removed after a day


def _staging() -> Path:
    folder = Path(current_app.instance_path) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _stage(data: bytes, suffix: str) -> str:
    """Keep an upload until it is confirmed; drop those abandoned for a day."""
    folder = _staging()
    cutoff = time.time() - STAGED_FOR
    for old in folder.iterdir():
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(12)
    (folder / f"{current_user.id}-{token}{suffix}").write_bytes(data)
    return token


def _staged(token: str) -> Path:
    if not token.replace("-", "").replace("_", "").isalnum():
        abort(404)
    matches = list(_staging().glob(f"{current_user.id}-{token}.*"))
    if not matches:
        abort(404)  # another admin's upload, or one already imported
    return matches[0]


@bp.route("/users/import", methods=["GET", "POST"])
@roles_required("admin")
def import_users():
    form = AccountImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        suffix = ".xlsx" if upload.filename.lower().endswith(".xlsx") else ".csv"
        data = upload.read()
        upload.close()  # a large upload is spooled to a temporary file: let it go now
        try:
            rows = check_rows(db.session(), read_rows(upload.filename, data))
        except ImportFileError as problem:
            form.file.errors.append(str(problem))
            return render_template("admin/import.html", form=form), 400
        return _preview(rows, _stage(data, suffix), upload.filename)
    return render_template("admin/import.html", form=form)


def _preview(rows, token: str, filename: str):
    counts = {
        action: sum(1 for r in rows if r.action == action)
        for action in ("create", "update", "unchanged", "error")
    }
    problems = [r for r in rows if not r.valid]
    others = [r for r in rows if r.valid and r.action != "unchanged"][:SHOWN_ROWS]
    return render_template(
        "admin/import_preview.html",
        form=ConfirmImportForm(),
        token=token,
        filename=filename,
        counts=counts,
        problems=problems,
        others=others,
        total=len(rows),
    )


@bp.route("/users/import/<token>", methods=["POST"])
@roles_required("admin")
def confirm_import(token: str):
    path = _staged(token)
    if not ConfirmImportForm().validate_on_submit():
        abort(400)
    session = db.session()
    rows = check_rows(session, read_rows(path.name, path.read_bytes()))  # the data may have moved
    summary = apply_rows(session, rows)
    path.unlink()
    audit(
        session,
        current_user,
        "accounts.import",
        f"file:{path.name.split('-', 1)[1]}",
        Said(
            "accounts.import",
            {
                "created": summary.created,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
                "refused": summary.refused,
            },
        ),
    )
    session.commit()
    flash(
        _(
            "Import finished. Accounts created: %(created)d, updated: %(updated)d, "
            "unchanged: %(unchanged)d. Rows refused: %(refused)d.",
            created=summary.created,
            updated=summary.updated,
            unchanged=summary.unchanged,
            refused=summary.refused,
        ),
        "success",
    )
    return redirect(url_for("admin.users"))
