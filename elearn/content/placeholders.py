"""The sample text a new course and a new lesson start with (``drafts.template_files``)
must be replaced before learners see the course: the compiler reports each sentence of
it still present at its line, as an error, so such a course is never published."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from elearn.content.diagnostics import Report

PLACEHOLDERS = (
    "Tuliskan ringkasan satu paragraf untuk katalog.",
    "Tuliskan di sini tujuan kursus dan siapa pesertanya.",
    "Tuliskan isi pelajaran pertama.",
    "Tuliskan pertanyaan di sini",
    "Pilihan lain yang masuk akal",
    "Isi pelajaran.",
)


def report_placeholders(report: Report, text_files: dict[str, str]) -> None:
    for name, text in text_files.items():
        for number, line in enumerate(text.splitlines(), start=1):
            found = next((p for p in PLACEHOLDERS if p in line), None)
            if found is not None:
                report.error(
                    name,
                    number,
                    "PLACEHOLDER-TEXT",
                    _l("The sample text “%(text)s” is still here.", text=found),
                    _l("Replace it with the course's own words before publishing."),
                )
