"""A calculated question: values drawn per attempt from stated ranges, an answer given
by a formula. Written::

    Pagu belanja modal Rp {pagu}, realisasi Rp {realisasi}. Berapa persen serapannya?

    - pagu = 2.000.000.000 .. 6.000.000.000 langkah 250.000.000
    - persen = 40 .. 95
    - realisasi = pagu * persen / 100
    = realisasi / pagu * 100 ± 0,1

Ranges are written as amounts are (``.`` for thousands); formulas use ``,`` for decimals,
``;`` between a function's arguments and the functions ``bulat``, ``min``, ``maks`` and
``mutlak``. Formulas are evaluated by simpleeval, never by ``eval``.
"""

from __future__ import annotations

import ast
import math
import operator
from typing import Any

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from markupsafe import escape
from simpleeval import SimpleEval

from elearn.plugin_api import (
    Grade,
    ParsedQuestion,
    QuestionBlock,
    QuestionType,
    check_attributes,
    feedback_markdown,
    feedback_source,
    pattern,
    question_feedback,
    render_markdown,
    split_answers,
)
from elearn_keuangan.money import TOLERANCE, parse_amount, read_rupiah, within

VARIABLE = pattern(r"^[-*+]\s+(?P<name>[a-z_][a-z0-9_]*)\s*=\s*(?P<definition>.+?)\s*$")
RANGE = pattern(r"^(?P<low>.+?)\s*\.\.\s*(?P<high>.+?)(?:\s+langkah\s+(?P<step>.+))?$")
PLACEHOLDER = pattern(r"\{(?P<name>[a-z_][a-z0-9_]*)\}")
FUNCTIONS = {"bulat": round, "min": min, "maks": max, "mutlak": abs}
TOKEN = pattern(r"\s*(?:(?P<number>\d+(?:,\d+)?)|(?P<name>[a-z_][a-z0-9_]*)|(?P<op>[-+*/^();×:]))")


MAX_MAGNITUDE = 1e18  # a rupiah amount of a quintillion is already no real budget
MAX_EXPONENT = 64
MAX_FORMULA = 500


class FormulaError(ValueError):
    """A formula that cannot be read or computed; the message says why."""


def to_python(formula: str) -> str:
    """The formula with Python's decimal point and argument comma, or FormulaError."""
    out, position = [], 0
    text = formula.strip()
    while position < len(text):
        found = TOKEN.match(text, position)
        if not found or found.end() == position:
            raise FormulaError(f"cannot read `{text[position : position + 10]}`")
        position = found.end()
        if found["number"]:
            out.append(found["number"].replace(",", "."))
        elif found["name"]:
            out.append(found["name"])
        else:
            out.append({"^": "**", ";": ",", "×": "*", ":": "/"}.get(found["op"], found["op"]))
    return " ".join(out)


def _bounded(value: Any) -> float:
    """Every value a formula computes stays a float of at most MAX_MAGNITUDE: no step can
    build a huge integer (``9^4000000`` took seconds per evaluation) or an infinity."""
    try:
        value = float(value)
    except OverflowError as exc:
        raise FormulaError("a value grows too large") from exc
    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        raise FormulaError("a value grows too large")
    return value


def _power(base: Any, exponent: Any) -> float:
    if abs(float(exponent)) > MAX_EXPONENT:
        raise FormulaError(f"an exponent above {MAX_EXPONENT}")
    try:
        return _bounded(float(base) ** float(exponent))
    except (OverflowError, ZeroDivisionError) as exc:
        raise FormulaError("a value grows too large") from exc


def _step(operation):
    return lambda *operands: _bounded(operation(*map(_bounded, operands)))


OPERATORS = {
    ast.Add: _step(operator.add),
    ast.Sub: _step(operator.sub),
    ast.Mult: _step(operator.mul),
    ast.Div: _step(operator.truediv),
    ast.Pow: _power,
    ast.USub: _step(operator.neg),
    ast.UAdd: _step(operator.pos),
}


def compute(python: str, values: dict[str, float]) -> float:
    """The formula's value: each step bounded, so any formula is computed quickly."""
    if len(python) > MAX_FORMULA:
        raise FormulaError(f"a formula here has at most {MAX_FORMULA} characters")
    try:
        result = SimpleEval(operators=OPERATORS, names=dict(values), functions=FUNCTIONS).eval(
            python
        )
    except ZeroDivisionError as exc:
        raise FormulaError("division by zero") from exc
    except FormulaError:
        raise
    except Exception as exc:  # simpleeval's NameNotDefined, syntax errors, limits
        raise FormulaError(str(exc)) from exc
    if not isinstance(result, int | float):
        raise FormulaError("the result is not a number")
    return _bounded(result)


def _draw(variable: dict[str, Any], rng: Any) -> float:
    low, high, step = variable["low"], variable["high"], variable.get("step")
    if step:
        return low + step * rng.randint(0, int((high - low) // step))
    if float(low).is_integer() and float(high).is_integer():
        return float(rng.randint(int(low), int(high)))
    return round(rng.uniform(low, high), 2)


def draw_values(variables: list[dict[str, Any]], rng: Any) -> dict[str, float]:
    values: dict[str, float] = {}
    for variable in variables:
        if "formula" in variable:
            values[variable["name"]] = compute(variable["formula"], values)
        else:
            values[variable["name"]] = _draw(variable, rng)
    return values


def _formula_error(block: QuestionBlock, line: int, text: str, problem: Exception) -> None:
    block.error(
        line,
        "K-BAD-FORMULA",
        _l(
            "The formula `%(text)s` cannot be computed: %(problem)s.",
            text=text,
            problem=str(problem),
        ),
        _l(
            "Use values defined above, + - * / ( ), decimals with a comma and ; between "
            "arguments: bulat(x / y * 100; 1)."
        ),
    )


def shown_number(value: float) -> str:
    return format_decimal(value, format="#,##0.##")


class CalculatedQuestion(QuestionType):
    id = "hitung"
    label = _l("Calculated")
    aliases = ("calculated",)
    template = "keuangan/hitung.html"
    max_answer_length = 100

    def parse(self, block: QuestionBlock) -> ParsedQuestion | None:
        check_attributes(block, set())
        part = split_answers(block)
        variables, stem, sources = [], [], []
        for line in part.stem:
            found = VARIABLE.match(line.text.strip())
            if not found:
                stem.append(line.text)
                continue
            variable = self._variable(block, line.number, found, variables)
            if variable:
                variables.append(variable)
                sources.append(line.text.strip())
        stem_text = "\n".join(stem).strip()
        answer = self._answer(block, part, variables)
        for number, text in ((line.number, line.text) for line in part.stem):
            for name in PLACEHOLDER.findall(text):
                if name not in {v["name"] for v in variables}:
                    block.error(
                        number,
                        "K-UNKNOWN-VALUE",
                        _l("`{%(name)s}` names no value of this question.", name=name),
                        _l("Define it in a line: - %(name)s = 10 .. 20", name=name),
                    )
        if answer is None or not variables:
            if not variables:
                block.error(
                    block.heading_line,
                    "K-NO-VALUES",
                    _l("A calculated question needs values drawn from ranges."),
                    _l("Add a line: - pagu = 1.000.000 .. 5.000.000 langkah 500.000"),
                )
            return None
        return ParsedQuestion(
            prompt_html=render_markdown(stem_text),
            public={"variables": variables},  # ranges, to draw from; not the answer
            key={k: answer[k] for k in ("formula", "tolerance")},
            feedback=question_feedback(part),
            source={
                "stem": stem_text,
                "variables": sources,
                "answer": answer["text"],
                "blocks": feedback_source(part),
            },
        )

    def _variable(self, block, number, found, earlier) -> dict[str, Any] | None:
        name, definition = found["name"], found["definition"]
        if name in {v["name"] for v in earlier} or name in FUNCTIONS:
            block.error(
                number,
                "K-VALUE-TWICE",
                _l("The value `%(name)s` is defined twice or is a function name.", name=name),
            )
            return None
        span = RANGE.match(definition)
        if span:
            try:
                low, high = parse_amount(span["low"]), parse_amount(span["high"])
                step = parse_amount(span["step"]) if span["step"] else None
            except ValueError:
                block.error(
                    number,
                    "K-BAD-RANGE",
                    _l("`%(text)s` is not a range of numbers.", text=definition),
                    _l("Write: low .. high, optionally: langkah step (e.g. 10 .. 50 langkah 5)."),
                )
                return None
            if low > high or (step is not None and step <= 0):
                block.error(
                    number,
                    "K-BAD-RANGE",
                    _l("The range must run from low to high, with a step above zero."),
                )
                return None
            return {"name": name, "low": low, "high": high, "step": step}
        try:
            formula = to_python(definition)
            for sample in self._samples(earlier):
                compute(formula, sample)
        except FormulaError as problem:
            _formula_error(block, number, definition, problem)
            return None
        return {"name": name, "formula": formula}

    @staticmethod
    def _samples(variables: list[dict[str, Any]]) -> list[dict[str, float]]:
        """The values at both ends of every range, to find formulas that fail."""
        samples = []
        for end in ("low", "high"):
            values: dict[str, float] = {}
            for variable in variables:
                values[variable["name"]] = (
                    compute(variable["formula"], values) if "formula" in variable else variable[end]
                )
            samples.append(values)
        return samples

    def _answer(self, block, part, variables) -> dict[str, Any] | None:
        lines = [a for a in part.answers if a.kind == "equals"]
        for extra in [a for a in part.answers if a.kind != "equals"] + lines[1:]:
            block.error(
                extra.line,
                "K-ONE-FORMULA",
                _l("A calculated question has one answer line: = formula."),
            )
        if not lines:
            block.error(
                block.heading_line,
                "K-NO-FORMULA",
                _l("The question has no answer formula."),
                _l("Add a line: = realisasi / pagu * 100 ± 0,1"),
            )
            return None
        line = lines[0]
        found = TOLERANCE.match(line.text)
        formula_text, tolerance_text = (
            (found["value"], found["tolerance"]) if found else (line.text, "0")
        )
        try:
            formula = to_python(formula_text)
            for sample in self._samples(variables):
                compute(formula, sample)
            relative = tolerance_text.strip().endswith("%")
            amount = parse_amount(tolerance_text.strip().rstrip("%"))
        except (FormulaError, ValueError) as problem:
            _formula_error(block, line.line, line.text, problem)
            return None
        return {
            "formula": formula,
            "tolerance": {"amount": amount, "relative": relative},
            "text": line.text,
        }

    def present(self, public: dict[str, Any], rng: Any) -> dict[str, Any]:
        """This attempt's values, drawn once and kept with the attempt."""
        return {"values": draw_values(public["variables"], rng)}

    def render_prompt(self, prompt_html: str, view: dict[str, Any]) -> str:
        values = view.get("values", {})
        return PLACEHOLDER.sub(
            lambda m: str(escape(shown_number(values[m["name"]]))) if m["name"] in values else m[0],
            prompt_html,
        )

    def _expected(self, key: dict[str, Any], view: dict[str, Any]) -> tuple[float, float, float]:
        value = compute(key["formula"], view["values"])
        tolerance = key["tolerance"]
        margin = (
            abs(value) * tolerance["amount"] / 100 if tolerance["relative"] else tolerance["amount"]
        )
        return value, value - margin, value + margin

    def grade(self, key: dict[str, Any], response: Any) -> Grade:
        raise TypeError("a calculated question is graded against its attempt: grade_presented")

    def grade_presented(self, key: dict[str, Any], response: Any, view: dict[str, Any]) -> Grade:
        _value, low, high = self._expected(key, view)
        readings = read_rupiah(str(response or "").strip().rstrip("%"))
        return (
            Grade(1.0, ("correct",)) if within(readings, low, high) else Grade(0.0, ("incorrect",))
        )

    def correct_answer(self, key: dict[str, Any], public: dict[str, Any]) -> list[str]:
        value, low, high = self._expected(key, public)
        if low == high:
            return [shown_number(value)]
        return [f"{shown_number(value)} ({shown_number(low)} – {shown_number(high)})"]

    def to_markdown(self, parsed: ParsedQuestion) -> str:
        source = parsed.source
        lines = list(source["variables"]) + [f"= {source['answer']}"]
        return "\n".join(lines + feedback_markdown(source["blocks"]))
