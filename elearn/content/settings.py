"""The settings a course, lesson or quiz file may carry, in Indonesian with English
aliases, and how each is checked."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from elearn.competencies import COMPETENCIES
from elearn.content.diagnostics import Report
from elearn.i18n import number


def aliases(*groups: tuple[str, ...]) -> dict[str, str]:
    """``("judul", "title")`` -> both names map to the first (the canonical one)."""
    return {name: group[0] for group in groups for name in group}


COURSE_KEYS = aliases(
    ("id",),
    ("judul", "title"),
    ("ringkasan", "summary"),
    ("jenis", "type"),
    ("kompetensi", "competency"),
    ("jp",),
    ("tingkat", "level"),
    ("tag", "tags"),
    ("penulis", "authors"),
    ("penyelesaian", "completion"),
    ("nilai_lulus", "passing_score"),
    ("berurutan", "sequential"),
    ("prasyarat", "prerequisites"),
    ("isi", "contents"),
)
LESSON_KEYS = aliases(
    ("id",),
    ("judul", "title"),
    ("jenis", "type"),
    ("wajib", "required"),
    ("durasi", "duration"),
)
QUIZ_KEYS = aliases(
    ("id",),
    ("judul", "title"),
    ("jenis", "type"),
    ("wajib", "required"),
    ("nilai_lulus", "passing_score"),
    ("percobaan", "attempts"),
    ("batas_waktu", "time_limit"),
    ("nilai_dihitung", "score_counts"),
    ("umpan_balik", "feedback"),
    ("tampilkan_jawaban", "show_answers"),
    ("acak_soal", "shuffle_questions"),
    ("acak_pilihan", "shuffle_options"),
    ("tampilan", "layout"),
)
MODULE_KEYS = aliases(
    ("judul", "title"),
)

CHOICES = {
    "kompetensi": {
        "teknis": "teknis",
        "technical": "teknis",
        "manajerial": "manajerial",
        "managerial": "manajerial",
        "sosial kultural": "sosial_kultural",
        "sosial_kultural": "sosial_kultural",
        "sosial-kultural": "sosial_kultural",
        "socio-cultural": "sosial_kultural",
    },
    "tingkat": {
        "dasar": "dasar",
        "basic": "dasar",
        "menengah": "menengah",
        "intermediate": "menengah",
        "lanjut": "lanjut",
        "advanced": "lanjut",
    },
    "penyelesaian": {
        "dilihat": "viewed",
        "viewed": "viewed",
        "ditandai": "marked",
        "marked": "marked",
    },
    "nilai_dihitung": {"tertinggi": "best", "best": "best", "terakhir": "last", "last": "last"},
    "umpan_balik": {
        "setelah-kirim": "after-submit",
        "after-submit": "after-submit",
        "setelah-selesai": "after-close",
        "after-close": "after-close",
        "tidak": "never",
        "never": "never",
    },
    "tampilkan_jawaban": {
        "setelah-kirim": "after-submit",
        "after-submit": "after-submit",
        "setelah-lulus": "after-pass",
        "after-pass": "after-pass",
        "setelah-selesai": "after-close",
        "after-close": "after-close",
        "tidak": "never",
        "never": "never",
    },
    "tampilan": {
        "satu-halaman": "one-page",
        "one-page": "one-page",
        "per-soal": "per-question",
        "per-question": "per-question",
    },
    "jenis_berkas": {"pelajaran": "lesson", "lesson": "lesson", "kuis": "quiz", "quiz": "quiz"},
}
assert set(COMPETENCIES) == set(CHOICES["kompetensi"].values())


class Checker:
    """Reads typed values out of canonical settings, reporting each problem once."""

    def __init__(self, path: str, settings: dict[str, tuple[Any, int]], report: Report):
        self.path, self.settings, self.report = path, settings, report

    def line(self, name: str) -> int:
        return self.settings.get(name, (None, 1))[1]

    def raw(self, name: str) -> Any:
        return self.settings.get(name, (None, 1))[0]

    def _missing(self, name: str) -> None:
        self.report.error(
            self.path, 1, "FM-MISSING", _l("The setting `%(name)s` is required.", name=name)
        )

    def text(self, name: str, required: bool = False, default: str = "") -> str:
        value = self.raw(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self._missing(name)
            return default
        if isinstance(value, list | dict):
            self.report.error(
                self.path,
                self.line(name),
                "FM-BAD-VALUE",
                _l("`%(name)s` takes a single text value.", name=name),
            )
            return default
        return str(value).strip()

    def choice(self, name: str, table: str, default: str) -> str:
        value = self.text(name)
        if not value:
            return default
        found = CHOICES[table].get(value.lower())
        if found is None:
            options = sorted(CHOICES[table])
            self.report.error(
                self.path,
                self.line(name),
                "FM-BAD-CHOICE",
                _l("`%(value)s` is not a valid value for `%(name)s`.", value=value, name=name),
                _l("Use one of: %(options)s", options=", ".join(options)),
            )
            return default
        return found

    def number(
        self,
        name: str,
        default: float | None,
        *,
        minimum: float = 0,
        maximum: float | None = None,
        whole: bool = False,
        words: dict[str, float] | None = None,
        required: bool = False,
    ) -> float | None:
        value = self.raw(name)
        if value is None:
            if required:
                self._missing(name)
            return default
        if isinstance(value, str) and words and value.strip().lower() in words:
            return words[value.strip().lower()]
        if isinstance(value, str):
            stripped = value.strip().rstrip("%").strip().replace(",", ".")
            try:
                value = float(stripped)
            except ValueError:
                value = None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or (whole and float(value) != int(value))
        ):
            self.report.error(
                self.path,
                self.line(name),
                "FM-NOT-A-NUMBER",
                _l("`%(name)s` takes a number, not `%(value)s`.", name=name, value=self.raw(name)),
            )
            return default
        if value < minimum or (maximum is not None and value > maximum):
            self.report.error(
                self.path,
                self.line(name),
                "FM-OUT-OF-RANGE",
                _l(
                    "`%(name)s` must be between %(low)s and %(high)s.",
                    name=name,
                    low=number(minimum),
                    high=number(maximum) if maximum else "∞",
                ),
            )
            return default
        return float(value)

    def flag(self, name: str, default: bool) -> bool:
        value = self.raw(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        lowered = str(value).strip().lower()
        if lowered in {"ya", "yes", "true"}:
            return True
        if lowered in {"tidak", "no", "false"}:
            return False
        self.report.error(
            self.path,
            self.line(name),
            "FM-NOT-A-FLAG",
            _l("`%(name)s` takes ya or tidak.", name=name),
        )
        return default

    def text_list(self, name: str) -> list[str]:
        value = self.raw(name)
        if value is None:
            return []
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
            return [str(v).strip() for v in value]
        self.report.error(
            self.path,
            self.line(name),
            "FM-BAD-VALUE",
            _l("`%(name)s` takes a list of words.", name=name),
        )
        return []
