"""Compiling a quiz file: settings, question pools, and each question by its type.

``# Bagian {ambil=3}`` opens a pool (draw 3 of the questions under it); ``## Judul
{#id tipe=... poin=2}`` opens a question. Without ``tipe=`` the type is read from the
answer markers when they are unambiguous, and never guessed otherwise.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

from elearn.content.diagnostics import Report
from elearn.content.frontmatter import Document, canonical_settings
from elearn.content.numbers import NumberError, parse_source_number
from elearn.content.render import render_block
from elearn.content.settings import QUIZ_KEYS, Checker
from elearn.patterns import pattern, prefiltered
from elearn.questions.answers import CHECK, EQUALS, FENCE, PAIR, RADIO, WEIGHT
from elearn.questions.types import ParsedQuestion, QuestionBlock, QuestionType, SourceLine

HEADING = prefiltered(
    pattern(r"^(?P<level>#{1,2})\s+(?P<title>.*?)\s*(?:\{(?P<attrs>[^{}]*)\})?\s*$"), starts="#"
)
ATTR = pattern(r'#(?P<id>[\w-]+)|(?P<key>[\w-]+)=(?:"(?P<quoted>[^"]*)"|(?P<value>\S+))')
ID_PATTERN = pattern(r"^[a-z0-9][a-z0-9_-]*$")
NOT_ID = pattern(r"[^a-z0-9]+")
RANGE_OR_TOLERANCE = pattern(r"±|\+-|\.\.")
BRACKETS = pattern(r"\[\[|\]\]")  # a blank opens and closes
MAX_POINTS = 1000
COMMON_ATTRS = {"tipe": "tipe", "type": "tipe", "poin": "poin", "points": "poin"}
POOL_ATTRS = {"ambil": "ambil", "draw": "ambil"}
UNLIMITED = {"tak-terbatas": 0, "unlimited": 0}


@dataclass
class CompiledQuestion:
    key: str
    type_id: str
    title: str
    points: float
    position: int
    pool: str | None
    parsed: ParsedQuestion
    attrs: dict[str, str]


@dataclass
class CompiledQuiz:
    settings: dict[str, Any]
    intro_html: str
    questions: list[CompiledQuestion] = field(default_factory=list)
    pools: list[dict[str, Any]] = field(default_factory=list)
    intro_source: str = ""


def slugify(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return NOT_ID.sub("-", plain.lower()).strip("-")[:60] or "soal"


def parse_attrs(text: str | None, path: str, line: int, report: Report) -> dict[str, str]:
    attrs: dict[str, str] = {}
    if not text:
        return attrs
    rest = ATTR.sub("", text).strip()
    if rest:
        report.error(
            path,
            line,
            "Q-BAD-ATTRIBUTES",
            _l("Cannot read `%(text)s` in the attributes.", text=rest),
            _l('Write attributes as {#id name=value name="two words"}.'),
        )
    for found in ATTR.finditer(text):
        if found["id"]:
            attrs["id"] = found["id"]
        else:
            attrs[found["key"].lower()] = (
                found["quoted"] if found["quoted"] is not None else (found["value"])
            )
    return attrs


def quiz_settings(document: Document, report: Report, passing_default: float) -> dict:
    check = Checker(document.path, canonical_settings(document, QUIZ_KEYS, report), report)
    time_limit = check.number("batas_waktu", None, minimum=1, whole=True)
    return {
        "title": check.text("judul"),
        "required": check.flag("wajib", True),
        "passing_score": check.number("nilai_lulus", passing_default, maximum=100),
        "attempts": int(check.number("percobaan", 0, minimum=1, whole=True, words=UNLIMITED)),
        "time_limit": int(time_limit) if time_limit else None,
        "score_counts": check.choice("nilai_dihitung", "nilai_dihitung", "best"),
        "feedback": check.choice("umpan_balik", "umpan_balik", "after-submit"),
        "show_answers": check.choice("tampilkan_jawaban", "tampilkan_jawaban", "after-pass"),
        "shuffle_questions": check.flag("acak_soal", False),
        "shuffle_options": check.flag("acak_pilihan", True),
        "layout": check.choice("tampilan", "tampilan", "one-page"),
    }


def _unbalanced_blanks(block: QuestionBlock) -> bool:
    """Report a ``[[`` that no ``]]`` closes on its line, or one opened inside another
    blank, at its line and column (a typo the type inference would misread)."""
    wrong, in_fence = False, False
    for line in block.lines:
        if FENCE.match(line.text):
            in_fence = not in_fence
        if in_fence:
            continue
        opened = None
        for found in BRACKETS.finditer(line.text):
            if found.group() == "]]":
                opened = None
            elif opened is None:
                opened = found.start()
            else:
                block.error(
                    line.number,
                    "Q-BLANK-NESTED",
                    _l("A blank opens with [[ inside another blank."),
                    _l("Close the first blank with ]] before the next [[."),
                    column=found.start() + 1,
                )
                wrong, opened = True, found.start()
        if opened is not None:
            block.error(
                line.number,
                "Q-BLANK-UNCLOSED",
                _l("This [[ blank is not closed with ]] on its line."),
                _l("Write the blank as [[jawaban]], on one line."),
                column=opened + 1,
            )
            wrong = True
    return wrong


def _infer_type(block: QuestionBlock) -> str | None:
    """The type the markers name, or None (and an error) when they do not say."""
    if _unbalanced_blanks(block):
        return None
    found: set[str] = set()
    in_fence = False
    for line in block.lines:
        if FENCE.match(line.text):
            in_fence = not in_fence
        if in_fence:
            continue
        if RADIO.match(line.text):
            found.add("pilihan")
        elif CHECK.match(line.text):
            found.add("pilihan-ganda")
        elif EQUALS.match(line.text):
            found.add("equals")
        elif PAIR.match(line.text):
            found.add("menjodohkan")
        elif "[[" in line.text and "]]" in line.text:
            found.add("isian-rumpang")
    if len(found) > 1:
        block.error(
            block.heading_line,
            "Q-MIXED-MARKERS",
            _l("The answers mix markers of different question types."),
            _l("Use one kind of answer line, or name the type with tipe=."),
        )
        return None
    if not found:
        block.error(
            block.heading_line,
            "Q-NO-ANSWER",
            _l("This question has no answers, so its type cannot be told."),
            _l(
                "Add options such as - (x) or = answers, or write tipe=esai for an "
                "essay, tipe=urutan for an ordering question."
            ),
        )
        return None
    kind = found.pop()
    if kind != "equals":
        return kind
    values = [
        EQUALS.match(line.text)["rest"].strip() for line in block.lines if EQUALS.match(line.text)
    ]
    if len(values) == 1 and values[0].lower() in {"benar", "salah", "true", "false"}:
        return "benar-salah"
    numeric = []
    for value in values:
        try:
            parse_source_number(RANGE_OR_TOLERANCE.split(WEIGHT.sub("", value, count=1))[0])
            numeric.append(True)
        except NumberError as exc:
            numeric.append(exc.kind == "ambiguous")
    if all(numeric):
        block.error(
            block.heading_line,
            "Q-TYPE-AMBIGUOUS",
            _l("Every answer is a number: is this a numeric or a short-answer question?"),
            _l("Write tipe=angka (numbers, with tolerance) or tipe=isian (exact text)."),
        )
        return None
    return "isian"


def compile_quiz(
    document: Document, report: Report, types: dict[str, QuestionType], passing_default: float
) -> CompiledQuiz:
    settings = quiz_settings(document, report, passing_default)
    quiz = CompiledQuiz(settings, "")
    sections = _sections(document)
    intro = sections.pop(0)
    quiz.intro_source = "\n".join(line.text for line in intro["lines"]).strip()
    quiz.intro_html = render_block(quiz.intro_source)
    pool: dict[str, Any] | None = None
    seen: dict[str, int] = {}
    for section in sections:
        attrs = parse_attrs(section["attrs"], document.path, section["line"], report)
        if section["level"] == 1:
            pool = _open_pool(document.path, section, attrs, report, quiz)
            continue
        question = _compile_question(
            document, section, attrs, report, types, len(quiz.questions), pool, seen
        )
        if question:
            quiz.questions.append(question)
            if pool is not None:
                pool["questions"].append(question.key)
    for entry in quiz.pools:
        if entry["draw"] > len(entry["questions"]):
            report.error(
                document.path,
                entry["line"],
                "QUIZ-POOL-TOO-SMALL",
                lazy_ngettext(
                    "The pool draws %(num)d question but holds only %(count)d.",
                    "The pool draws %(num)d questions but holds only %(count)d.",
                    entry["draw"],
                    count=len(entry["questions"]),
                ),
            )
    if not quiz.questions and not report.errors:
        report.error(
            document.path,
            document.body_start,
            "QUIZ-EMPTY",
            _l("This quiz has no questions."),
            _l("Start each question with a heading: ## Question title"),
        )
    return quiz


def _open_pool(path, section, attrs, report, quiz) -> dict[str, Any] | None:
    unknown = set(attrs) - set(POOL_ATTRS)
    for name in unknown:
        report.error(
            path,
            section["line"],
            "Q-UNKNOWN-ATTRIBUTE",
            _l("A section heading has no attribute `%(name)s`.", name=name),
            _l("A section takes ambil=N to draw N of its questions."),
        )
    draw_text = attrs.get("ambil") or attrs.get("draw")
    if draw_text is None:
        return None
    if not draw_text.isdigit() or int(draw_text) < 1:
        report.error(
            path, section["line"], "QUIZ-BAD-DRAW", _l("ambil= takes a whole number of at least 1.")
        )
        return None
    pool = {
        "id": slugify(section["title"]),
        "title": section["title"],
        "draw": int(draw_text),
        "questions": [],
        "line": section["line"],
    }
    quiz.pools.append(pool)
    return pool


def _compile_question(
    document, section, attrs, report, types, position, pool, seen
) -> CompiledQuestion | None:
    path, line = document.path, section["line"]
    key = attrs.pop("id", None) or slugify(section["title"])
    if not section["title"]:
        report.error(path, line, "Q-NO-TITLE", _l("A question heading needs a title."))
    if not ID_PATTERN.match(key):
        report.error(
            path,
            line,
            "Q-BAD-ID",
            _l("The id `%(id)s` may hold only lower-case letters, digits, - and _.", id=key),
        )
    if key in seen:
        report.error(
            path,
            line,
            "Q-DUPLICATE-ID",
            _l(
                "The question id `%(id)s` is already used on line %(line)d.", id=key, line=seen[key]
            ),
            _l("Give one of them another title or an explicit {#id}."),
        )
    seen.setdefault(key, line)
    common = {COMMON_ATTRS[k]: attrs.pop(k) for k in list(attrs) if k in COMMON_ATTRS}
    points = 1.0
    if "poin" in common:
        try:
            points = float(common["poin"].replace(",", "."))
            if not 0 < points <= MAX_POINTS:  # NaN fails this too
                raise ValueError
        except ValueError:
            points = 1.0
            report.error(
                path,
                line,
                "Q-BAD-POINTS",
                _l(
                    "poin= takes a positive number up to %(max)d, not `%(value)s`.",
                    max=MAX_POINTS,
                    value=common["poin"][:40],
                ),
            )
    block = QuestionBlock(path, line, section["title"], attrs, section["lines"], report)
    type_name = common.get("tipe")
    question_type = None
    if type_name:
        question_type = types.get(type_name.lower())
        if question_type is None:
            report.error(
                path,
                line,
                "Q-UNKNOWN-TYPE",
                _l("There is no question type `%(type)s`.", type=type_name),
                _l(
                    "Installed types: %(types)s",
                    types=", ".join(sorted({t.id for t in types.values()})),
                ),
            )
            return None
    else:
        inferred = _infer_type(block)
        if inferred is None:
            return None
        question_type = types[inferred]
    errors_before = len(report.errors)
    parsed = question_type.parse(block)
    if parsed is None or len(report.errors) > errors_before:
        return None
    if not all(map(_finite, (parsed.public, parsed.key, parsed.feedback))):
        report.error(  # a type that read a number too large for a float did not say so
            path,
            line,
            "Q-NOT-FINITE",
            _l("A number in this question is too large to compute with."),
            _l("Keep numbers below 10^300; write a smaller unit (juta, miliar) instead."),
        )
        return None
    return CompiledQuestion(
        key,
        question_type.id,
        section["title"],
        points,
        position,
        pool["id"] if pool else None,
        parsed,
        dict(block.attrs),
    )


def _finite(value: Any) -> bool:
    """Whether every number in a compiled question's data is finite (JSON has no
    infinity: PostgreSQL refuses it, and SQLite would store what JSON cannot read)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(_finite(v) for v in value)
    return True


def _sections(document: Document) -> list[dict[str, Any]]:
    """The intro, then one entry per # or ## heading with its body lines."""
    sections: list[dict[str, Any]] = [{"level": 0, "lines": []}]
    in_fence = False
    for number, text in enumerate(document.body_lines, start=document.body_start):
        if FENCE.match(text):
            in_fence = not in_fence
        found = None if in_fence else HEADING.match(text)
        if found:
            sections.append(
                {
                    "level": len(found["level"]),
                    "title": found["title"].strip(),
                    "attrs": found["attrs"],
                    "line": number,
                    "lines": [],
                }
            )
        else:
            sections[-1]["lines"].append(SourceLine(number, text))
    return sections
