"""A spreadsheet-formula question: the learner writes a formula (``=SUM(B2:B6)/COUNT(B2:B6)``,
or Indonesian Excel's ``=RATA-RATA(B2:B6)`` with ``;``), which is evaluated safely
against the question's small table and compared with the value of the trainer's
formula. Written::

    Tulis rumus rata-rata kunjungan bulanan.

    | Bulan | Kunjungan |
    |---|---:|
    | Januari | 120 |
    | Februari | 80 |

    = =AVERAGE(B2:B3)

The table's header is row 1 and its first column is column A, as in a spreadsheet.
A formula that only types the number (``=100``) earns nothing: the skill is the formula.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from elearn.plugin_api import (
    Grade,
    ParsedQuestion,
    QuestionBlock,
    QuestionType,
    check_attributes,
    feedback_markdown,
    feedback_source,
    parse_number,
    question_feedback,
    render_markdown,
    split_answers,
)
from elearn_ti.sheet import MAX_LENGTH, FormulaRefused, column_letter, evaluate, same_value


def _cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.strip().strip("|").split("|")]


def _value(text: str) -> Any:
    try:
        return parse_number(text)
    except ValueError:
        return text


class SpreadsheetFormula(QuestionType):
    id = "rumus"
    label = _l("Spreadsheet formula")
    aliases = ("spreadsheet-formula",)
    template = "ti/rumus.html"
    result_template = "ti/rumus_hasil.html"
    max_answer_length = MAX_LENGTH

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        check_attributes(block, set())
        part = split_answers(block)
        table = [line for line in part.stem if line.text.strip().startswith("|")]
        stem = "\n".join(line.text for line in part.stem if not line.text.strip().startswith("|"))
        if len(table) < 3:
            block.error(
                block.heading_line,
                "TI-NO-TABLE",
                _l("A formula question needs a table: a header row, a --- row and data rows."),
            )
            return None
        grid = [_cells(table[0].text)] + [_cells(line.text) for line in table[2:]]
        for line, row in zip([table[0]] + table[2:], grid, strict=True):
            if len(row) != len(grid[0]):
                block.error(
                    line.number,
                    "TI-ROW-WIDTH",
                    _l(
                        "Cells in this row: %(found)d; in the header: %(expected)d.",
                        found=len(row),
                        expected=len(grid[0]),
                    ),
                )
                return None
        if len(grid[0]) > 26:
            block.error(
                table[0].number, "TI-TABLE-WIDE", _l("A table here has at most 26 columns.")
            )
            return None
        values = [grid[0]] + [[_value(cell) for cell in row] for row in grid[1:]]
        answers = self._answers(block, part, values)
        if not answers:
            return None
        return ParsedQuestion(
            prompt_html=render_markdown(stem.strip()),
            public={
                "columns": [column_letter(i) for i in range(len(grid[0]))],
                "rows": grid,
            },
            key={
                "grid": values,
                "answers": [
                    {k: a[k] for k in ("value", "credit", "reads", "formula")} for a in answers
                ],
            },
            feedback=question_feedback(part),
            source={
                "stem": stem.strip(),
                "table": [line.text.strip() for line in table],
                "answers": [(a["text"], a["weight"]) for a in answers],
                "blocks": feedback_source(part),
            },
        )

    def _answers(self, block, part, values) -> list[dict[str, Any]]:
        answers = []
        for line in part.answers:
            if line.kind != "equals":
                block.error(
                    line.line,
                    "TI-NOT-A-FORMULA-LINE",
                    _l("Write the expected formula after =, e.g. = =SUM(B2:B6)."),
                )
                continue
            formula = line.text if line.text.startswith("=") else f"={line.text}"
            try:
                value, reads = evaluate(formula, values)
            except FormulaRefused as problem:
                block.error(
                    line.line,
                    "TI-BAD-FORMULA",
                    _l(
                        "The formula `%(formula)s` cannot be used: %(problem)s.",
                        formula=formula,
                        problem=str(problem),
                    ),
                    _l(
                        "Use the table's cells (A1 is the first header) and common functions: "
                        "SUM, AVERAGE, COUNT, MIN, MAX, ROUND, IF, SUMIF, COUNTIF."
                    ),
                )
                continue
            credit = 1.0 if line.weight is None else line.weight
            answers.append(
                {
                    "value": value,
                    "credit": credit,
                    "reads": reads > 0,
                    "formula": formula,
                    "text": line.text,
                    "weight": line.weight,
                }
            )
        if not any(a["credit"] == 1.0 for a in answers) and not block.report.errors:
            block.error(
                block.heading_line,
                "TI-NO-FORMULA",
                _l("The question has no expected formula."),
                _l("Add a line: = =AVERAGE(B2:B6)"),
            )
        return answers if any(a["credit"] == 1.0 for a in answers) else []

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        text = str(response or "").strip()
        if not text.startswith("="):
            return Grade(0.0, ("incorrect",), {"problem": "not-a-formula"})
        try:
            value, reads = evaluate(text, key["grid"])
        except FormulaRefused as problem:
            return Grade(0.0, ("incorrect",), {"problem": str(problem)})
        for answer in sorted(key["answers"], key=lambda a: -a["credit"]):
            if same_value(value, answer["value"], 1e-6) and (reads or not answer["reads"]):
                verdict = "correct" if answer["credit"] == 1.0 else "incorrect"
                return Grade(answer["credit"], (verdict,), {"value": value})
        problem = "typed-the-number" if not reads else ""
        return Grade(0.0, ("incorrect",), {"value": value, "problem": problem})

    def correct_answer(self, key: dict[str, Any], public: dict[str, Any]) -> list[str]:
        return [a["formula"] for a in key["answers"] if a["credit"] == 1.0]

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        source = parsed.source
        lines = list(source["table"]) + [""]
        for text, weight in source["answers"]:
            prefix = f"%{weight * 100:g}% " if weight is not None else ""
            lines.append(f"= {prefix}{text}")
        return "\n".join(lines + feedback_markdown(source["blocks"]))
