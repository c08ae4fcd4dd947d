"""A budget table to fill in, graded per cell with partial credit. Written as a Markdown
table whose blanks hold their answer in double brackets::

    | Jenis belanja | Pagu (Rp) | Realisasi (Rp) | Serapan (%) |
    |---|---:|---:|---:|
    | Belanja pegawai | 1.200.000.000 | 1.080.000.000 | [[90]] |
    | Jumlah | [[2.000.000.000]] | [[1.680.000.000 ± 1%]] | [[84]] |

The ``toleransi`` attribute (``toleransi=1%`` or ``toleransi=1.000``) applies to every
blank without its own."""

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
    form_parts,
    pattern,
    question_feedback,
    render_inline,
    render_markdown,
    split_answers,
)
from elearn_keuangan.money import amount_with_tolerance, read_rupiah, within

BLANK = pattern(r"^\[\[(?P<answer>.+?)\]\]$")
SEPARATOR = pattern(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")


def _cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.strip().strip("|").split("|")]


class BudgetTable(QuestionType):
    id = "tabel-anggaran"
    label = _l("Budget table")
    aliases = ("budget-table",)
    template = "keuangan/tabel.html"
    result_template = "keuangan/tabel_hasil.html"
    max_answer_length = 100  # each cell

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        check_attributes(block, {"toleransi"})
        part = split_answers(block)
        for extra in part.answers:
            block.error(
                extra.line,
                "K-NOT-A-TABLE-LINE",
                _l(
                    "A budget table has no answer lines: put the answers in the table as [[value]]."
                ),
            )
        table = [line for line in part.stem if line.text.strip().startswith("|")]
        stem = "\n".join(line.text for line in part.stem if not line.text.strip().startswith("|"))
        if len(table) < 3 or not SEPARATOR.match(table[1].text.strip()):
            block.error(
                table[0].number if table else block.heading_line,
                "K-NO-TABLE",
                _l("A budget table needs a Markdown table: a header row, a --- row and rows."),
                _l("| Uraian | Pagu (Rp) |\n|---|---:|\n| Belanja pegawai | [[1.200.000.000]] |"),
            )
            return None
        default = self._default_tolerance(block)
        header = _cells(table[0].text)
        rows, answers, labels = [], {}, {}
        for line in table[2:]:
            cells = _cells(line.text)
            if len(cells) != len(header):
                block.error(
                    line.number,
                    "K-ROW-WIDTH",
                    _l(
                        "Cells in this row: %(found)d; in the header: %(expected)d.",
                        found=len(cells),
                        expected=len(header),
                    ),
                )
                continue
            row = []
            for column, cell in enumerate(cells):
                blank = BLANK.match(cell)
                if not blank:
                    row.append({"html": render_inline(cell)})
                    continue
                blank_id = f"b{len(answers) + 1}"
                answer = self._blank(block, line.number, blank["answer"], default)
                if answer:
                    answers[blank_id] = answer
                labels[blank_id] = f"{cells[0]} – {header[column]}"
                row.append({"blank": blank_id, "label": labels[blank_id]})
            rows.append(row)
        if not labels:
            block.error(
                table[0].number,
                "K-NO-BLANKS",
                _l("The table has no cell to fill in."),
                _l("Write the answer of a cell in double brackets: [[1.080.000.000]]"),
            )
        if not labels or len(answers) != len(labels):
            return None
        return ParsedQuestion(
            prompt_html=render_markdown(stem.strip()),
            public={"header": [render_inline(h) for h in header], "rows": rows},
            key={"cells": answers},
            feedback=question_feedback(part),
            source={
                "stem": stem.strip(),
                "table": [line.text.strip() for line in table],
                "blocks": feedback_source(part),
            },
        )

    def _default_tolerance(self, block: QuestionBlock) -> str:
        text = block.attrs.get("toleransi", "0")
        try:
            amount_with_tolerance(f"0 ± {text}")
        except ValueError:
            block.error(
                block.heading_line,
                "K-BAD-TOLERANCE",
                _l("`toleransi=%(text)s` is not an amount or a percentage.", text=text),
            )
            return "0"
        return text

    def _blank(self, block, number, text, default) -> dict[str, float] | None:
        try:
            return amount_with_tolerance(
                text if "±" in text or "+-" in text else f"{text} ± {default}"
            )
        except ValueError:
            block.error(
                number,
                "K-BAD-AMOUNT",
                _l("`%(text)s` is not an amount.", text=text),
                _l(
                    "Write digits with . for thousands and , for decimals: "
                    "[[1.080.000.000]] or [[84,5]]"
                ),
            )
            return None

    def response_from_form(self, form: Any, name: str) -> Any:
        return {cell: value for cell, value in form_parts(form, name).items() if cell[:1] == "b"}

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        response = response if isinstance(response, dict) else {}
        right = {
            cell: within(read_rupiah(str(response.get(cell, ""))), answer["low"], answer["high"])
            for cell, answer in key["cells"].items()
        }
        fraction = sum(right.values()) / len(right)
        verdict = "correct" if fraction == 1 else "incorrect"
        return Grade(fraction, (verdict,), details={"cells": right})

    def correct_answer(self, key: dict[str, Any], public: dict[str, Any]) -> list[str]:
        from elearn_keuangan.calculated import shown_number

        labels = {
            cell["blank"]: cell["label"]
            for row in public["rows"]
            for cell in row
            if "blank" in cell
        }
        return [
            f"{labels.get(cell, cell)}: {shown_number(answer['value'])}"
            for cell, answer in key["cells"].items()
        ]

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        return "\n".join(parsed.source["table"] + feedback_markdown(parsed.source["blocks"]))
