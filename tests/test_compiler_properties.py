"""Property: whatever a course file holds, the compiler either compiles it or reports
format errors; it never raises anything else."""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.courses import EVERY_FEATURE_QUIZ

SNIPPETS = [
    "---",
    "## ",
    "# ",
    "{#",
    "}",
    "{tipe=",
    "angka",
    "urutan",
    "esai",
    "poin=",
    "ambil=",
    "- (x) ",
    "- ( ) ",
    "- [x] ",
    "- [ ] ",
    "= ",
    "%50% ",
    "%-",
    " -> ",
    "1. ",
    "[[",
    "]]",
    "(",
    ")",
    "|",
    "> [!benar] ",
    "> [!rubrik]",
    "  > ",
    "```",
    "::: video ",
    ":::",
    "±",
    "+- ",
    "..",
    "1.250.000,50",
    "1,234",
    "jenis: kuis",
    "nilai_lulus: ",
    "percobaan: ",
    "![a](",
    "](b.md)",
    "<script>",
    "\t",
    "\n",
    "\n",
    "\n",
    "é",
    "\u200b",
    ":",
    "'",
    '"',
]
LINES = EVERY_FEATURE_QUIZ.splitlines()

texts = st.lists(st.sampled_from(SNIPPETS) | st.text(max_size=8), max_size=60).map("".join)


@st.composite
def mutated_quiz(draw):
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "replace"]))
        index = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if action == "delete" and lines:
            lines.pop(index)
        elif action == "duplicate" and lines:
            lines.insert(index, lines[index])
        elif action == "insert":
            lines.insert(index, draw(texts))
        elif lines:
            lines[index] = draw(texts)
    return "---\njenis: kuis\n---\n" + "\n".join(lines)


def check(compile_files, files):
    course, report = compile_files(files)
    assert (course is None) == bool(report.errors)
    for diagnostic in report.diagnostics:
        assert diagnostic.line >= 1 and diagnostic.code and diagnostic.message


# ELEARN_PROPERTY_EXAMPLES=3000 pytest tests/test_compiler_properties.py searches harder.
PROPERTY = settings(
    max_examples=int(os.environ.get("ELEARN_PROPERTY_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.mark.slow
@PROPERTY
@given(text=texts)
def test_arbitrary_quiz_text_compiles_or_is_reported(compile_files, text):
    check(compile_files, {"kuis.md": "---\njenis: kuis\n---\n" + text})


@pytest.mark.slow
@PROPERTY
@given(text=mutated_quiz())
def test_mutated_quizzes_compile_or_are_reported(compile_files, text):
    check(compile_files, {"kuis.md": text})


@pytest.mark.slow
@PROPERTY
@given(front=texts, body=texts)
def test_arbitrary_course_files_compile_or_are_reported(compile_files, front, body):
    check(compile_files, {"kursus.md": f"---\n{front}\n---\n{body}", "a.md": body})
