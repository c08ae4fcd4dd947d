"""The IT-skills question types: the contract every type keeps, spreadsheet formulas
read the way learners type them, hostile formulas refused (fuzzed), phishing credit."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elearn.testing.contract import QuestionCase

FORMULA = """## Rata-rata kunjungan {tipe=rumus}
Data kunjungan layanan Mal Pelayanan Publik per bulan ada di tabel. Tulis rumus untuk
sel B7 yang menghitung rata-rata kunjungan bulanan.

| Bulan | Kunjungan |
|---|---:|
| Januari | 1200 |
| Februari | 950 |
| Maret | 1100 |
| April | 1010 |
| Mei | 1340 |

= =AVERAGE(B2:B6)
= %50% =SUM(B2:B6)
> [!penjelasan]
> AVERAGE menjumlahkan lalu membagi dengan banyaknya data.
"""

PHISHING = """## Surel "pemblokiran akun" {tipe=phishing}
Tandai setiap bagian surel berikut yang mencurigakan.

- [x] Dari: Tim IT Pemkot <helpdesk@sawahlunto-kota.co>
  > Alamat resmi pemerintah daerah berakhiran go.id.
- [ ] Kepada: sari@sawahluntokota.go.id
- [x] Subjek: SEGERA!!! Akun Anda diblokir dalam 2 jam
  > Desakan waktu adalah ciri umum phishing.
- [ ] Yth. Bapak/Ibu pegawai,
- [x] Masukkan NIP dan kata sandi Anda di http://sawahlunto-login.xyz
  > Tidak ada layanan resmi yang meminta kata sandi lewat tautan surel.
- [ ] Salam, Dinas Kominfo
"""


def _parts(view, *ids):
    """The values this attempt posts for the parts written as ``ids`` (p1 is the first)."""
    return [token for token, part in view["sealed"].items() if part in ids]


CASES = {
    "rumus": QuestionCase(
        FORMULA,
        right={"": "=rata-rata(B2;B6)".replace(";", ":")},
        wrong={"": "=1120"},
        secrets=["AVERAGE(B2:B6)", "SUM(B2:B6)", "menjumlahkan lalu"],
        course_type="ti",
        malformed=[
            (
                "## R {tipe=rumus}\nHitung.\n\n| A | B |\n|---|---|\n| x | 1 |\n\n= =SUM(B2:B9)\n",
                8,
                "TI-BAD-FORMULA",
            ),
            (
                '## R {tipe=rumus}\nHitung.\n\n| A | B |\n|---|---|\n| x | 1 |\n\n= =REPT("a";9)\n',
                8,
                "TI-BAD-FORMULA",
            ),
            ("## R {tipe=rumus}\nHitung tanpa tabel.\n\n= =1+1\n", 1, "TI-NO-TABLE"),
            (
                "## R {tipe=rumus}\nHitung.\n\n| A | B |\n|---|---|\n| x | 1 | 2 |\n\n= =B2\n",
                6,
                "TI-ROW-WIDTH",
            ),
        ],
    ),
    "phishing": QuestionCase(
        PHISHING,
        right=lambda view: {"": _parts(view, "p1", "p3", "p5")},
        wrong=lambda view: {"": _parts(view, "p2", "p4")},
        secrets=["go.id.</", "Desakan waktu", "kata sandi lewat tautan"],
        course_type="ti",
        malformed=[
            (
                "## P {tipe=phishing}\nTandai.\n\n- [ ] aman\n- [ ] aman juga\n",
                1,
                "TI-NO-SUSPICIOUS-PART",
            ),
            ("## P {tipe=phishing}\nTandai.\n\n- [x] a\n- ( ) b\n", 5, "TI-NOT-A-PART"),
        ],
    ),
}


@pytest.mark.parametrize("type_id", sorted(CASES))
def test_it_question_types_keep_the_contract(question_contract, type_id):
    question_contract(CASES[type_id])


@pytest.mark.parametrize(
    ("typed", "fraction"),
    [
        ("=AVERAGE(B2:B6)", 1.0),
        ("=average(b2:b6)", 1.0),
        ("=RATA-RATA(B2:B6)", 1.0),
        ("=SUM(B2:B6)/COUNT(B2:B6)", 1.0),
        ("=JUMLAH(B2:B6)/HITUNG(B2:B6)", 1.0),
        ("=(B2+B3+B4+B5+B6)/5", 1.0),
        ("=BULATKAN(JUMLAH(B2:B6)/5;0)", 1.0),
        ("=SUM(B2:B6)", 0.5),
        ("=1120", 0.0),  # typed the number: the skill is the formula
        ("1120", 0.0),
        ("=AVERAGE(B2:B5)", 0.0),
        ("=SUM(B2:B6", 0.0),
    ],
)
def test_formulas_are_read_the_way_learners_type_them(app, compile_question, typed, fraction):
    question_type, parsed = compile_question(FORMULA, "ti")
    with app.test_request_context():
        assert question_type.grade(parsed.key, typed).fraction == fraction


HOSTILE = [
    '=INDIRECT("C99")',
    "=Sheet2!A1",
    "='[../../etc/passwd]x'!A1",
    '=WEBSERVICE("http://127.0.0.1")',
    '=HYPERLINK("http://x","y")',
    '=REPT("a";1000000000)',
    "=SUM(A1:ZZ9999)",
    "=" + "(" * 300 + "1" + ")" * 300,
    '=CALL("kernel32","x")',
    "=__import__('os')",
    "=1/0",
]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60).map(lambda t: "=" + t)))
def test_hostile_formulas_earn_nothing_and_break_nothing(app, compile_question, formula):
    question_type, parsed = compile_question(FORMULA, "ti")
    with app.test_request_context():
        grade = question_type.grade(parsed.key, formula)
    assert grade.fraction in {0.0, 0.5, 1.0}
    if formula in HOSTILE:
        assert grade.fraction == 0.0 and grade.details["problem"]


def test_phishing_credit_is_partial_and_false_alarms_cost(app, compile_question):
    question_type, parsed = compile_question(PHISHING, "ti")
    with app.test_request_context():
        assert question_type.grade(parsed.key, ["p1", "p3", "p5"]).fraction == 1.0
        assert question_type.grade(parsed.key, ["p1", "p3"]).fraction == pytest.approx(2 / 3)
        assert question_type.grade(parsed.key, ["p1", "p3", "p2"]).fraction == pytest.approx(1 / 3)
        assert question_type.grade(parsed.key, ["p2", "p4", "p6"]).fraction == 0.0
        assert question_type.grade(parsed.key, ["p1", "p9", "<script>"]).fraction == pytest.approx(
            1 / 3
        )


def test_a_phishing_message_is_shown_as_written_with_no_live_links(app, compile_question):
    _question_type, parsed = compile_question(PHISHING, "ti")
    parts = [part["html"] for part in parsed.public["parts"]]
    assert parts[0] == "Dari: Tim IT Pemkot &lt;helpdesk@sawahlunto-kota.co&gt;"
    assert not any("<a " in part for part in parts)
