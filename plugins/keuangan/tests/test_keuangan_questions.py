"""The financial-management question types: the contract every type keeps, and what a
learner and a trainer would notice about each."""

import math
import random

import pytest
from elearn_keuangan.money import read_rupiah
from hypothesis import given, settings
from hypothesis import strategies as st

from elearn.testing import codes, quiz_file
from elearn.testing.contract import QuestionCase
from elearn.testing.work import grows_linearly

RUPIAH = """## Nilai SPJ {tipe=rupiah}
Bendahara membayar honorarium Rp 10.000.000 dan belanja ATK Rp 2.500.000. Berapa total
yang dipertanggungjawabkan dalam SPJ?

= Rp 12.500.000
  > Tepat: jumlahkan semua bukti pengeluaran.
= %50% Rp 10.000.000
  > Belanja ATK juga harus masuk SPJ.
"""

CALCULATED = """## Serapan belanja modal {tipe=hitung}
Pagu belanja modal Rp {pagu} dan realisasinya Rp {realisasi}. Berapa persen serapannya?

- pagu = 2.000.000.000 .. 6.000.000.000 langkah 250.000.000
- persen = 40 .. 95
- realisasi = pagu * persen / 100
= realisasi / pagu * 100 ± 0,1
> [!penjelasan]
> Serapan = realisasi : pagu × 100%.
"""

TABLE = """## Realisasi per jenis belanja {tipe=tabel-anggaran toleransi=0,5%}
Lengkapi tabel realisasi semester I berikut.

| Jenis belanja | Pagu (Rp) | Realisasi (Rp) | Serapan (%) |
|---|---:|---:|---:|
| Belanja pegawai | 1.200.000.000 | 600.000.000 | [[50]] |
| Belanja modal | 800.000.000 | [[200.000.000]] | 25 |
| Jumlah | [[2.000.000.000]] | 800.000.000 | [[40]] |
"""


def _table_answers(values):
    return dict(zip(["-b1", "-b2", "-b3", "-b4"], values, strict=True))


CASES = {
    "rupiah": QuestionCase(
        RUPIAH,
        right={"": "Rp 12,5 juta"},
        wrong={"": "2.500.000"},
        secrets=["12.500.000", "jumlahkan semua bukti", "Belanja ATK juga"],
        course_type="keuangan",
        malformed=[
            ("## Rusak {tipe=rupiah}\nBerapa?\n\n= dua belas juta\n", 4, "K-BAD-AMOUNT"),
            ("## Kosong {tipe=rupiah}\nBerapa?\n", 1, "K-NO-AMOUNT"),
        ],
    ),
    "hitung": QuestionCase(
        CALCULATED,
        right=lambda view: {"": str(view["values"]["persen"]).replace(".", ",")},
        wrong=lambda view: {"": str(view["values"]["persen"] + 3)},
        secrets=["realisasi / pagu", "40 .. 95", "Serapan = realisasi"],
        course_type="keuangan",
        malformed=[
            ("## R {tipe=hitung}\nHitung {a}.\n\n- a = 5 .. 1\n= a\n", 4, "K-BAD-RANGE"),
            (
                "## R {tipe=hitung}\nHitung {a}.\n\n- a = 1 .. 5\n= a / (a - a)\n",
                5,
                "K-BAD-FORMULA",
            ),
            ("## R {tipe=hitung}\nHitung {b}.\n\n- a = 1 .. 5\n= a\n", 2, "K-UNKNOWN-VALUE"),
            (
                "## R {tipe=hitung}\nHitung {a}.\n\n- a = 1 .. 5\n- c = a * zz\n= a\n",
                5,
                "K-BAD-FORMULA",
            ),
        ],
    ),
    "tabel-anggaran": QuestionCase(
        TABLE,
        right={"-b1": "50", "-b2": "Rp 200.000.000", "-b3": "2 miliar", "-b4": "40"},
        wrong={"-b1": "50", "-b2": "300.000.000", "-b3": "", "-b4": "45"},
        secrets=["[[", "2.000.000.000", ">200.000.000<"],
        course_type="keuangan",
        malformed=[
            (
                "## T {tipe=tabel-anggaran}\nIsi.\n\n| A | B |\n|---|---|\n| x | [[abc]] |\n",
                6,
                "K-BAD-AMOUNT",
            ),
            (
                "## T {tipe=tabel-anggaran}\nIsi.\n\n| A | B |\n|---|---|\n| x | y | z |\n",
                6,
                "K-ROW-WIDTH",
            ),
            (
                "## T {tipe=tabel-anggaran}\nIsi.\n\n| A | B |\n|---|---|\n| x | y |\n",
                4,
                "K-NO-BLANKS",
            ),
            ("## T {tipe=tabel-anggaran}\nTidak ada tabel.\n", 1, "K-NO-TABLE"),
        ],
    ),
}


@pytest.mark.parametrize("type_id", sorted(CASES))
def test_financial_question_types_keep_the_contract(question_contract, type_id):
    question_contract(CASES[type_id])


@pytest.mark.parametrize(
    ("typed", "fraction"),
    [
        ("12.500.000", 1.0),
        ("Rp 12.500.000,-", 1.0),
        ("Rp12500000", 1.0),
        ("12,5 juta", 1.0),
        ("10 jt", 0.5),
        ("12.500", 0.0),
        ("dua belas juta", 0.0),
        ("", 0.0),
    ],
)
def test_amounts_are_read_the_way_indonesians_write_them(app, compile_question, typed, fraction):
    question_type, parsed = compile_question(RUPIAH, "keuangan")
    with app.test_request_context():
        assert question_type.grade(parsed.key, typed).fraction == fraction


def test_a_calculated_question_draws_its_own_values_for_each_attempt(app, compile_question):
    question_type, parsed = compile_question(CALCULATED, "keuangan")
    with app.test_request_context():
        views = [question_type.present(parsed.public, random.Random(seed)) for seed in range(8)]
        assert len({view["values"]["pagu"] for view in views}) > 1
        for view in views:
            values = view["values"]
            assert 2e9 <= values["pagu"] <= 6e9 and values["pagu"] % 250_000_000 == 0
            assert values["realisasi"] == values["pagu"] * values["persen"] / 100
            prompt = question_type.render_prompt(parsed.prompt_html, view)
            assert "{pagu}" not in prompt
            assert f"Rp {values['pagu']:,.0f}".replace(",", ".") in prompt
            right = str(values["persen"]).replace(".", ",")
            assert question_type.grade_presented(parsed.key, right, view).fraction == 1.0
            assert question_type.grade_presented(parsed.key, "1", view).fraction == 0.0
        same = question_type.present(parsed.public, random.Random(3))
        assert same == question_type.present(parsed.public, random.Random(3))


def test_a_hostile_formula_is_refused_without_running_it(compile_files):
    for formula in ["__import__('os').system('id')", "a.__class__", "9 ** 9 ** 9", "open(a)"]:
        body = f"## R {{tipe=hitung}}\nHitung {{a}}.\n\n- a = 1 .. 5\n= {formula}\n"
        course, report = compile_files({"01-kuis.md": quiz_file(body)})
        assert course is None and "K-BAD-FORMULA" in codes(report), formula


def test_a_budget_table_gives_credit_per_cell(app, compile_question):
    question_type, parsed = compile_question(TABLE, "keuangan")
    with app.test_request_context():
        grade = question_type.grade(parsed.key, {"b1": "50", "b2": "200.000.000", "b3": "1"})
        assert grade.fraction == 0.5
        assert grade.details["cells"] == {"b1": True, "b2": True, "b3": False, "b4": False}
        within_tolerance = {"b1": "50,2", "b2": "200.000.000", "b3": "2.000.000.000", "b4": "40"}
        assert question_type.grade(parsed.key, within_tolerance).fraction == 1.0


def test_a_formula_that_grows_too_large_is_refused_at_its_line(compile_files):
    """F6: 9^4000000 - 9^4000000 took seconds per evaluation (at every attempt start and
    live check); 9^4000000 alone was an uncaught OverflowError."""
    for formula in ["9^4000000 - 9^4000000", "9^4000000", "a ^ 200", "(a * 10^9)^3"]:
        body = f"## R {{tipe=hitung}}\nHitung {{a}}.\n\n- a = 1 .. 5\n= {formula}\n"
        course, report = compile_files({"01-kuis.md": quiz_file(body)})
        assert course is None, formula
        assert [(d.line, d.code) for d in report.errors] == [(8, "K-BAD-FORMULA")], formula


AMOUNTS = st.text(alphabet=" \t.,-+()%1209RpjutamiliarIDR", min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(AMOUNTS)
def test_reading_an_amount_is_linear_and_never_raises(seed):
    """F2: a long run of spaces in an amount was quadratic (28 s for 30,000)."""
    assert grows_linearly(read_rupiah, seed)
    assert all(math.isfinite(value) for value in read_rupiah(seed * 50))


def test_an_amount_reads_the_way_learners_write_it():
    assert read_rupiah("Rp 1.250.000,-") == [1_250_000]
    assert read_rupiah("Rp 12,5 jt.") == [12_500_000]
    assert read_rupiah("(50.000.000.000)") == [-50_000_000_000]
    assert read_rupiah("-" * 5000 + "1") == []  # was a RecursionError
    assert read_rupiah("1" + "0" * 400) == []  # too large for a float: no reading
