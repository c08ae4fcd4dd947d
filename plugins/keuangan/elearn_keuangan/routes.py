"""The budget-absorption calculator: a learner (or any ASN preparing a report) types
each spending line's ceiling (pagu) and spending (realisasi) and reads the absorption
(serapan), per line and in total, as the financial-management lessons teach it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from elearn.plugin_api import database_session, signed_in
from elearn_keuangan import bp, saved
from elearn_keuangan.money import parse_amount

ROWS = 6
DEFAULT_LINES = ["Belanja pegawai", "Belanja barang dan jasa", "Belanja modal"]


def _amount(text: str, errors: list[str], label: str) -> float | None:
    if not text.strip():
        return None
    try:
        return parse_amount(text)
    except ValueError:
        errors.append(str(_l("%(field)s: `%(text)s` is not an amount.", field=label, text=text)))
        return None


@bp.route("/serapan")
@signed_in
def absorption():
    lines, errors = [], []
    for number in range(1, ROWS + 1):
        name = request.args.get(f"uraian-{number}", "").strip()
        if not name and number <= len(DEFAULT_LINES) and not request.args:
            name = DEFAULT_LINES[number - 1]
        label = name or str(_l("Row %(number)d", number=number))
        ceiling = _amount(request.args.get(f"pagu-{number}", ""), errors, label)
        spent = _amount(request.args.get(f"realisasi-{number}", ""), errors, label)
        lines.append(
            {
                "number": number,
                "name": name,
                "ceiling_text": request.args.get(f"pagu-{number}", ""),
                "spent_text": request.args.get(f"realisasi-{number}", ""),
                "ceiling": ceiling,
                "spent": spent,
                "absorption": spent / ceiling * 100 if ceiling and spent is not None else None,
            }
        )
    counted = [line for line in lines if line["ceiling"] and line["spent"] is not None]
    total_ceiling = sum(line["ceiling"] for line in counted)
    total_spent = sum(line["spent"] for line in counted)
    return render_template(
        "keuangan/serapan.html",
        lines=lines,
        errors=errors,
        counted=counted,
        total_ceiling=total_ceiling,
        total_spent=total_spent,
        total_absorption=total_spent / total_ceiling * 100 if total_ceiling else None,
        query=saved.figures_query(request.args, ROWS),
        saved=saved.of_user(database_session(), current_user.id),
    )


@bp.route("/serapan/simpan", methods=["POST"])
@signed_in
def save_calculation():
    name = request.form.get("name", "").strip()[:120]
    query = saved.figures_query(request.form, ROWS)
    if not name or not query:
        flash(str(_l("Give the calculation a name, and fill in at least one line.")), "error")
    else:
        saved.save(database_session(), current_user.id, name, query)
        flash(str(_l("The calculation is saved.")), "success")
    return redirect(url_for("keuangan.absorption") + (f"?{query}" if query else ""))


@bp.route("/serapan/<int:calculation_id>/hapus", methods=["POST"])
@signed_in
def delete_calculation(calculation_id: int):
    if not saved.delete(database_session(), current_user.id, calculation_id):
        abort(404)  # another learner's calculation does not exist for you
    flash(str(_l("The calculation is deleted.")), "success")
    return redirect(url_for("keuangan.absorption"))
