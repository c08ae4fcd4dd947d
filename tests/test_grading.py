"""Grading rules, as docs/course-format.md states them: score = points x fraction."""

import random

import pytest


@pytest.fixture
def graded(compile_quiz, app):
    """grade(body, response) -> fraction of the only question in ``body``."""
    from elearn.content import question_type_lookup

    def grade(body: str, response):
        questions, report = compile_quiz(body)
        assert report.errors == [], [d.format() for d in report.errors]
        (question,) = questions.values()
        return question_type_lookup(app)[question.type_id].grade(question.parsed.key, response)

    return grade


MULTI = "## A\n- [x] a\n- [x] b\n- [ ] c\n- [ ] d\n"


@pytest.mark.parametrize(
    ("chosen", "fraction"),
    [
        (["a", "b"], 1.0),
        (["a"], 0.5),
        (["a", "c"], 0.0),
        (["a", "b", "c"], 0.5),
        (["c", "d"], 0.0),
        ([], 0.0),
        (["a", "b", "c", "d"], 0.0),
    ],
)
def test_multiple_choice_partial_credit_default(graded, chosen, fraction):
    assert graded(MULTI, chosen).fraction == fraction


def test_multiple_choice_all_or_nothing(graded):
    body = MULTI.replace("## A", "## A {penilaian=semua-atau-tidak}")
    assert graded(body, ["a"]).fraction == 0.0
    assert graded(body, ["b", "a"]).fraction == 1.0


def test_multiple_choice_explicit_weights(graded):
    body = "## A\n- [x] %70% a\n- [x] %30% b\n- [ ] %-50% c\n"
    assert graded(body, ["a"]).fraction == 0.7
    assert graded(body, ["a", "c"]).fraction == 0.2
    assert graded(body, ["b", "c"]).fraction == 0.0  # never below zero


def test_single_choice_and_its_feedback(graded):
    result = graded("## A\n- (x) a\n- ( ) b\n  > Bukan b.\n", "b")
    assert result.fraction == 0.0 and "option:b" in result.feedback


def test_true_false_accepts_both_languages(graded):
    assert graded("## A\n= benar\n", "benar").fraction == 1.0
    assert graded("## A\n= salah\n", "true").fraction == 0.0


@pytest.mark.parametrize(
    ("given", "fraction"),
    [
        ("Jakarta", 1.0),
        ("  jakarta ", 1.0),
        ("DKI   Jakarta", 1.0),
        ("Jákarta", 1.0),
        ("Bandung", 0.0),
        ("Jakpus", 0.5),
        ("", 0.0),
    ],
)
def test_short_answer_is_normalised(graded, given, fraction):
    body = "## A\n= Jakarta\n= DKI Jakarta\n= %50% Jakpus\n"
    assert graded(body, given).fraction == fraction


def test_short_answer_patterns_and_case(graded):
    assert graded("## A {tipe=isian}\n= /Perda( No\\.)? \\d+/\n", "perda no. 5").fraction == 1
    strict = "## A {tipe=isian huruf=peka}\n= APBD\n"
    assert graded(strict, "apbd").fraction == 0 and graded(strict, "APBD").fraction == 1


@pytest.mark.parametrize(
    ("given", "fraction"),
    [
        ("1.250.000", 1.0),
        ("Rp 1.250.000", 1.0),
        ("1250000", 1.0),
        ("1.200.000", 1.0),
        ("1,25 juta", 0.0),
        ("1.100.000", 0.5),
        ("900000", 0.0),
        ("abc", 0.0),
    ],
)
def test_numeric_indonesian_writing_tolerance_and_partial_credit(graded, given, fraction):
    body = "## A {tipe=angka}\n= 1.250.000 +- 5%\n= %50% 1.000.000 .. 1.150.000\n"
    assert graded(body, given).fraction == fraction


def test_numeric_decimal_comma_and_point(graded):
    body = "## A {tipe=angka}\n= 3,14 +- 0,01\n"
    assert graded(body, "3,14").fraction == 1 and graded(body, "3.141").fraction == 1
    assert graded(body, "3.2").fraction == 0


def test_matching_counts_correct_pairs(compile_quiz, app):
    from elearn.content import question_type_lookup

    questions, _ = compile_quiz("## A\n- APBD -> Perda\n- APBN -> UU\n- -> Perpres\n")
    question = questions["a"]
    key = question.parsed.key["pairs"]
    left_ids = list(key)
    wrong = {left_ids[0]: key[left_ids[0]], left_ids[1]: key[left_ids[0]]}
    matching = question_type_lookup(app)["menjodohkan"]
    assert matching.grade(question.parsed.key, dict(key)).fraction == 1.0
    assert matching.grade(question.parsed.key, wrong).fraction == 0.5


def test_ordering_all_or_nothing_and_per_position(compile_quiz, app):
    from elearn.content import question_type_lookup

    ordering = question_type_lookup(app)["urutan"]
    for attrs, expected in (("", 0.0), (" penilaian=posisi", 0.5)):
        questions, _ = compile_quiz(f"## A {{tipe=urutan{attrs}}}\n1. a\n2. b\n3. c\n4. d\n")
        key = questions["a"].parsed.key
        order = key["order"]
        swapped = [order[1], order[0], order[2], order[3]]
        assert ordering.grade(key, order).fraction == 1.0
        assert ordering.grade(key, swapped).fraction == expected


def test_cloze_blanks_weigh_equally_unless_stated(graded):
    body = "## A\nIbu kota [[Jakarta]], lagu [[(Indonesia Raya)|Garuda]], [[%2%Pancasila]].\n"
    assert graded(body, {"1": "jakarta", "2": "Indonesia Raya", "3": "x"}).fraction == 0.5
    assert graded(body, {"3": "pancasila"}).fraction == 0.5


def test_essay_waits_for_a_trainer(graded):
    assert graded("## A {tipe=esai}\nJelaskan.\n", "Jawaban saya").pending


def test_ordering_page_data_does_not_reveal_the_order(compile_quiz, app):
    from elearn.content import question_type_lookup

    questions, _ = compile_quiz(
        "## A {tipe=urutan}\n" + "".join(f"{n}. langkah {n}\n" for n in range(1, 9))
    )
    question = questions["a"]
    shown = question_type_lookup(app)["urutan"].present(question.parsed.public, random.Random(7))
    assert [item["id"] for item in shown["items"]] != question.parsed.key["order"]
