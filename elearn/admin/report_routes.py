"""Admins' reports: JP compliance (who is under the yearly target, by agency and by
competency) and completions by course and agency, on the page and as downloads with the
same rows (the SIASN export is in ``siasn_routes``). Each covers a year and an agency (with the
agencies under it), read from the request by ``ReportScope``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app, render_template, request
from flask_babel import gettext as _

from elearn import db
from elearn.accounts.agencies import load_agency_tree, within
from elearn.admin import bp
from elearn.competencies import COMPETENCIES, COMPETENCY_LABELS, MANAGERIAL, MANAGERIAL_CODES
from elearn.models import Agency
from elearn.models.types import LOCAL_TIME, utcnow
from elearn.permissions import roles_required
from elearn.reports.export import table_response
from elearn.reports.jp import by_agency, completions, counts, people_jp

PAGE_SIZE = 100


@dataclass(frozen=True)
class ReportScope:
    """The year and agency a report is asked for (``tahun``, ``instansi``)."""

    this_year: int
    year: int
    agency_id: int
    tree: list[tuple[int, Agency]]
    agency_ids: set[int] | None  # the agency and those under it; None for all

    @classmethod
    def from_request(cls, session) -> ReportScope:
        this_year = utcnow().astimezone(LOCAL_TIME).year
        agency_id = request.args.get("instansi", 0, type=int)
        tree = load_agency_tree(session)
        return cls(
            this_year,
            request.args.get("tahun", this_year, type=int),
            agency_id,
            tree,
            within(tree, agency_id) if agency_id else None,
        )

    @property
    def names(self) -> dict[int, str]:
        return {agency.id: agency.name for _depth, agency in self.tree}

    def context(self) -> dict[str, Any]:
        """What the filter form (``admin/_report_scope.html``) shows."""
        return {
            "year": self.year,
            "years": range(self.this_year, self.this_year - 5, -1),
            "tree": self.tree,
            "agency_id": self.agency_id,
        }


@bp.route("/reports/jp")
@roles_required("admin")
def jp_report():
    session = db.session()
    scope = ReportScope.from_request(session)
    under_only = request.args.get("kurang") == "1"
    target = current_app.config["JP_YEARLY_TARGET"]
    under = target if under_only else None
    names = scope.names
    fmt = request.args.get("format")
    if fmt in {"csv", "xlsx"}:
        shown = people_jp(session, scope.year, scope.agency_ids, under=under)
        return _export(fmt, scope.year, shown, names, target)
    page = max(request.args.get("halaman", 1, type=int), 1)
    everyone, under_count = counts(session, scope.year, scope.agency_ids, target)
    shown_count = under_count if under_only else everyone
    return render_template(
        "admin/report_jp.html",
        **scope.context(),
        under_only=under_only,
        target=target,
        summary=by_agency(session, scope.tree, scope.year, scope.agency_ids, target),
        people=people_jp(
            session,
            scope.year,
            scope.agency_ids,
            under=under,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        ),
        total_people=everyone,
        under_count=under_count,
        shown_count=shown_count,
        page=page,
        pages=max(1, -(-shown_count // PAGE_SIZE)),
        names=names,
        competencies=COMPETENCIES,
        managerial=MANAGERIAL,
    )


def _export(fmt: str, year: int, people, names: dict[int, str], target: float):
    header = [_("NIP"), _("Name"), _("Agency"), _("Position")]
    header += [str(COMPETENCY_LABELS[c]) for c in COMPETENCIES]
    header += [f"{code} {MANAGERIAL[code]}" for code in MANAGERIAL_CODES]
    header += [_("Total JP"), _("Status")]
    rows = (
        [p.nip, p.name, names.get(p.agency_id, ""), p.position]
        + [p.by_competency[c] for c in COMPETENCIES]
        + [p.by_code[code] for code in MANAGERIAL_CODES]
        + [p.total, _("under target") if p.total < target else _("target met")]
        for p in people
    )
    return table_response(f"jp-{year}", fmt, header, rows)


@bp.route("/reports/completions")
@roles_required("admin")
def completions_report():
    session = db.session()
    scope = ReportScope.from_request(session)
    year = scope.year
    rows = completions(session, year, scope.agency_ids, scope.names)
    fmt = request.args.get("format")
    if fmt in {"csv", "xlsx"}:
        header = [_("Course"), _("Agency"), _("Completions"), _("Total JP")]
        table = ([r.course, r.agency, r.completed, r.jp] for r in rows)
        return table_response(f"penyelesaian-{year}", fmt, header, table)
    return render_template(
        "admin/report_completions.html",
        **scope.context(),
        rows=rows,
        total=sum(r.completed for r in rows),
    )
