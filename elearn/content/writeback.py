"""Writing a compiled quiz back to Markdown (for the web editor): the text compiles
again to the same quiz."""

from __future__ import annotations

from typing import Any

import yaml

from elearn.content.settings import CHOICES
from elearn.questions.types import ParsedQuestion, QuestionType

SETTING_NAMES = [  # canonical setting, its Indonesian name, and the table of its values
    ("title", "judul", None),
    ("required", "wajib", None),
    ("passing_score", "nilai_lulus", None),
    ("attempts", "percobaan", None),
    ("time_limit", "batas_waktu", None),
    ("score_counts", "nilai_dihitung", "nilai_dihitung"),
    ("feedback", "umpan_balik", "umpan_balik"),
    ("show_answers", "tampilkan_jawaban", "tampilkan_jawaban"),
    ("shuffle_questions", "acak_soal", None),
    ("shuffle_options", "acak_pilihan", None),
    ("layout", "tampilan", "tampilan"),
]


def _indonesian(table: str, value: str) -> str:
    return next(name for name, canonical in CHOICES[table].items() if canonical == value)


def _front_matter(settings: dict[str, Any]) -> str:
    data: dict[str, Any] = {"jenis": "kuis"}
    for canonical, name, table in SETTING_NAMES:
        value = settings.get(canonical)
        if value is None or value == "":
            continue
        if canonical == "attempts" and value == 0:
            value = "tak-terbatas"
        elif table:
            value = _indonesian(table, value)
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        data[name] = value
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _attr_value(value: str) -> str:
    return f'"{value}"' if " " in value or not value else value


def question_markdown(
    question_type: QuestionType,
    key: str,
    type_id: str,
    title: str,
    points: float,
    attrs: dict[str, str],
    source: dict[str, Any],
) -> str:
    names = [f"#{key}", f"tipe={type_id}"]
    if points != 1:
        names.append(f"poin={points:g}")
    names += [f"{name}={_attr_value(value)}" for name, value in sorted(attrs.items())]
    answers = question_type.to_markdown(ParsedQuestion("", {}, {}, source=source))
    parts = [f"## {title} {{{' '.join(names)}}}", source.get("stem", ""), answers]
    return "\n\n".join(part for part in parts if part) + "\n"


def quiz_markdown(
    settings: dict[str, Any],
    intro: str,
    pools: list[dict[str, Any]],
    questions: list[dict[str, Any]],
    types: dict[str, QuestionType],
) -> str:
    """``questions``: dicts with key, type_id, title, points, pool, attrs, source."""
    text = [f"---\n{_front_matter(settings)}---\n"]
    if intro:
        text.append(intro + "\n")
    draws = {pool["id"]: pool for pool in pools}
    current = None
    for question in questions:
        if question["pool"] != current:
            pool = draws.get(question["pool"])
            text.append(
                f"# {pool['title']} {{ambil={pool['draw']}}}\n" if pool else "# Soal lainnya\n"
            )
            current = question["pool"]
        text.append(
            question_markdown(
                types[question["type_id"]],
                question["key"],
                question["type_id"],
                question["title"],
                question["points"],
                question["attrs"],
                question["source"],
            )
        )
    return "\n".join(text)
