"""Every example in docs/course-format.md is compiled, so the documentation and the
compiler cannot drift apart."""

import re
from pathlib import Path

import pytest

from elearn.testing import codes

DOC = Path(__file__).parent.parent / "docs" / "course-format.md"
MARKER = re.compile(r"<!-- example: (?P<title>[^,>]+?)(?:, expect (?P<codes>[A-Z0-9 -]+))? -->")
FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```$", re.M | re.S)


def examples():
    text = DOC.read_text()
    markers = list(MARKER.finditer(text))
    for index, marker in enumerate(markers):
        end = markers[index + 1].start() if index + 1 < len(markers) else len(text)
        files, expected_output = {}, []
        for fence in FENCE.finditer(text, marker.end(), end):
            language, _, path = fence["info"].partition(" ")
            if path:
                files[path.strip()] = fence["body"]
            elif language == "text":
                expected_output = fence["body"].strip().splitlines()
        expected = (marker["codes"] or "").split()
        yield pytest.param(files, expected, expected_output, id=marker["title"].strip())


EXAMPLES = list(examples())


def test_the_page_has_an_example_for_every_core_question_type():
    text = DOC.read_text()
    for type_id in (
        "pilihan",
        "pilihan-ganda",
        "benar-salah",
        "isian",
        "angka",
        "menjodohkan",
        "urutan",
        "isian-rumpang",
        "esai",
    ):
        assert f"(`{type_id}`" in text
    assert len(EXAMPLES) >= 14


@pytest.mark.parametrize(("files", "expected", "expected_output"), EXAMPLES)
def test_documented_example_compiles_as_documented(compile_files, files, expected, expected_output):
    course, report = compile_files(files)
    if not expected:
        assert [d.format() for d in report.errors] == []
        assert course is not None
    else:
        assert sorted(set(codes(report))) == sorted(expected)
        printed = "\n".join(d.format() for d in report.sorted())
        for line in expected_output:
            assert line in printed
