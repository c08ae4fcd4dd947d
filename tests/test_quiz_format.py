"""The quiz format: each question type as trainers write it, and every problem
reported at its line with its own code."""

import pytest

from elearn.testing import codes, quiz_file


def test_single_choice_with_option_feedback(compile_quiz):
    questions, report = compile_quiz(
        "## Ibu kota {poin=2}\nApa ibu kota Indonesia?\n"
        "- (x) Jakarta\n  > Benar.\n- ( ) Bandung\n  > Bandung ibu kota Jawa Barat.\n"
    )
    assert report.diagnostics == []
    question = questions["ibu-kota"]
    assert (question.type_id, question.points) == ("pilihan", 2.0)
    assert question.parsed.key == {"correct": "a"}
    assert question.parsed.feedback["option:b"] == "Bandung ibu kota Jawa Barat."
    assert "Benar" not in str(question.parsed.public)


def test_types_are_read_from_unambiguous_markers(compile_quiz):
    questions, report = compile_quiz(
        "## A\n- [x] satu\n- [ ] dua\n\n## B\nAPBD ditetapkan dengan Perda.\n= benar\n\n"
        "## C\n= Jakarta\n= DKI Jakarta\n\n## D\n- APBD -> Perda\n- APBN -> UU\n\n"
        "## E\nIbu kota: [[Jakarta]].\n\n## F {tipe=urutan}\n1. satu\n2. dua\n\n"
        "## G {tipe=esai}\nJelaskan.\n\n## H {tipe=angka}\n= 10\n"
    )
    assert report.errors == []
    assert {k: q.type_id for k, q in questions.items()} == {
        "a": "pilihan-ganda",
        "b": "benar-salah",
        "c": "isian",
        "d": "menjodohkan",
        "e": "isian-rumpang",
        "f": "urutan",
        "g": "esai",
        "h": "angka",
    }


def test_english_type_names_and_attributes_are_accepted(compile_quiz):
    questions, report = compile_quiz("## Q {#q1 type=numeric points=3}\n= 2,5 +- 0,1\n")
    assert report.errors == []
    assert (questions["q1"].type_id, questions["q1"].points) == ("angka", 3.0)


def test_a_numbered_list_in_a_stem_stays_in_the_stem(compile_quiz):
    questions, report = compile_quiz(
        "## Siklus\nPerhatikan:\n1. Perencanaan\n2. Penganggaran\n\nTahap pertama?\n"
        "- (x) Perencanaan\n- ( ) Penganggaran\n"
    )
    assert report.errors == []
    assert "<ol>" in questions["siklus"].parsed.prompt_html


def test_markers_inside_fenced_code_are_not_answers(compile_quiz):
    questions, report = compile_quiz(
        "## Kode\n```\n- (x) bukan jawaban\n= juga bukan\n```\n- (x) ya\n- ( ) tidak\n"
    )
    assert report.errors == []
    assert len(questions["kode"].parsed.public["options"]) == 2


@pytest.mark.parametrize(
    ("body", "code", "line"),
    [
        ("## A\n- ( ) satu\n- ( ) dua\n", "Q-NO-CORRECT", 4),
        ("## A\n- (x) satu\n- (x) dua\n", "Q-MANY-CORRECT", 6),
        ("## A\n- (x) satu\n", "Q-TOO-FEW-OPTIONS", 4),
        ("## A\n- (x) satu\n- ( ) satu\n", "Q-DUPLICATE-OPTION", 6),
        ("## A\n- (x)\n- ( ) dua\n", "Q-EMPTY-OPTION", 5),
        ("## A\n- (x) satu\n- [ ] dua\n", "Q-MIXED-MARKERS", 4),
        ("## A\nTanpa jawaban.\n", "Q-NO-ANSWER", 4),
        ("## A\n= 1,234\n", "Q-TYPE-AMBIGUOUS", 4),
        ("## A {tipe=angka}\n= 1,234\n", "Q-NUMBER-AMBIGUOUS", 5),
        ("## A {tipe=angka}\n= banyak\n", "Q-NOT-A-NUMBER", 5),
        ("## A {tipe=angka}\n= 10 .. 5\n", "Q-RANGE-ORDER", 5),
        ("## A {tipe=angka}\n= 10 +- -1\n", "Q-NEGATIVE-TOLERANCE", 5),
        ("## A {tipe=isian}\n= %50% kira-kira\n", "Q-NO-CORRECT", 4),
        ("## A {tipe=isian}\n= /[a-/\n", "Q-BAD-PATTERN", 5),
        ("## A\n- [x] %60% a\n- [x] %60% b\n- [ ] %0% c\n", "Q-WEIGHTS-SUM", 4),
        ("## A\n- [x] %100% a\n- [ ] b\n", "Q-WEIGHT-MISSING", 6),
        ("## A\n- [x] %100% a\n- [ ] %50% b\n", "Q-WEIGHT-CONTRADICTS-MARK", 6),
        ("## A {tipe=benar-salah}\n= mungkin\n", "Q-TRUEFALSE-ANSWER", 5),
        ("## A {tipe=menjodohkan}\n- APBD -> Perda\n", "Q-TOO-FEW-PAIRS", 4),
        ("## A {tipe=urutan}\n1. satu\n", "Q-TOO-FEW-ITEMS", 4),
        ("## A {tipe=isian-rumpang}\nTanpa rumpang.\n", "Q-NO-BLANKS", 4),
        ("## A\nIsi [[(a)|(b)]].\n", "Q-BLANK-CHOICE", 5),
        ("## A\nIsi [[ ]].\n", "Q-EMPTY-BLANK", 5),
        ("## A {tipe=esai kata_min=banyak}\nTulis.\n", "Q-BAD-MIN-WORDS", 4),
        ("## A {tipe=esai}\nTulis.\n> [!rubrik]\n> - tanpa poin\n", "Q-BAD-RUBRIC", 6),
        ("## A {tipe=video}\n", "Q-UNKNOWN-TYPE", 4),
        ("## A {poin=nol}\n- (x) a\n- ( ) b\n", "Q-BAD-POINTS", 4),
        ("## A {warna=merah}\n- (x) a\n- ( ) b\n", "Q-UNKNOWN-ATTRIBUTE", 4),
        ("## A {acak=mungkin}\n- (x) a\n- ( ) b\n", "Q-BAD-FLAG", 4),
        ("## A {#Soal_Satu!}\n- (x) a\n- ( ) b\n", "Q-BAD-ATTRIBUTES", 4),
        ("## A\n- (x) a\n- ( ) b\n\n## A\n- (x) a\n- ( ) b\n", "Q-DUPLICATE-ID", 8),
        ("## A\n- (x) a\n- ( ) b\nteks nyasar\n", "Q-UNEXPECTED-LINE", 7),
        ("## A\n- (x) a\n- ( ) b\n> [!aneh] x\n", "Q-UNKNOWN-BLOCK", 7),
        ("# Bank {ambil=3}\n## A\n- (x) a\n- ( ) b\n", "QUIZ-POOL-TOO-SMALL", 4),
        ("# Bank {ambil=nol}\n## A\n- (x) a\n- ( ) b\n", "QUIZ-BAD-DRAW", 4),
        ("Hanya pengantar.\n", "QUIZ-EMPTY", 4),
    ],
)
def test_each_problem_has_its_code_and_line(compile_quiz, body, code, line):
    questions, report = compile_quiz(body)
    assert questions is None
    found = [(d.code, d.line) for d in report.errors]
    assert (code, line) in found, found
    assert all(d.file == "01-kuis.md" for d in report.errors)


def test_every_problem_in_a_file_is_reported_at_once(compile_quiz):
    _, report = compile_quiz("## A\n- ( ) a\n- ( ) b\n\n## B\n= 1,234\n\n## C {tipe=x}\n")
    assert codes(report) == ["Q-NO-CORRECT", "Q-TYPE-AMBIGUOUS", "Q-UNKNOWN-TYPE"]


def test_messages_come_in_the_chosen_language(compile_files):
    from elearn.testing import quiz_file

    body = quiz_file("## A\n- ( ) a\n- ( ) b\n")
    _, indonesian = compile_files({"01-kuis.md": body})
    _, english = compile_files({"01-kuis.md": body}, lang="en")
    assert indonesian.errors[0].message == "Tidak ada pilihan yang ditandai benar."
    assert english.errors[0].message == "No option is marked correct."
    assert "Mark the correct option with (x)." in english.errors[0].format()


def test_quiz_settings_in_indonesian_and_english(compile_files):
    from elearn.testing import quiz_file

    settings = (
        "nilai_lulus: 80\npercobaan: 3\nbatas_waktu: 20\nnilai_dihitung: terakhir\n"
        "tampilkan_jawaban: tidak\nshuffle_questions: ya\n"
    )
    course, report = compile_files({"01-kuis.md": quiz_file("## A\n= benar\n", settings)})
    assert report.errors == []
    quiz = course.items[0].quiz.settings
    assert (quiz["passing_score"], quiz["attempts"], quiz["time_limit"]) == (80, 3, 20)
    assert (quiz["score_counts"], quiz["show_answers"], quiz["shuffle_questions"]) == (
        "last",
        "never",
        True,
    )


@pytest.mark.parametrize(
    ("settings", "code"),
    [
        ("nilai_lulus: 120\n", "FM-OUT-OF-RANGE"),
        ("percobaan: 0\n", "FM-OUT-OF-RANGE"),
        ("percobaan: dua\n", "FM-NOT-A-NUMBER"),
        ("batas_waktu: 2.5\n", "FM-NOT-A-NUMBER"),
        ("nilai_dihitung: rata-rata\n", "FM-BAD-CHOICE"),
        ("acak_soal: mungkin\n", "FM-NOT-A-FLAG"),
        ("percobaann: 2\n", "FM-UNKNOWN-KEY"),
        ("percobaan: 2\nattempts: 3\n", "FM-DUPLICATE-KEY"),
        ("judul: [a, b\n", "FM-YAML"),
    ],
)
def test_impossible_quiz_settings_are_refused(compile_files, settings, code):
    from elearn.testing import quiz_file

    course, report = compile_files({"01-kuis.md": quiz_file("## A\n= benar\n", settings)})
    assert course is None
    assert code in codes(report)


def test_a_pool_draws_from_the_questions_under_it(compile_files):
    from elearn.testing import quiz_file

    body = "# Bank soal {ambil=1}\n## A\n= benar\n\n## B\n= salah\n"
    course, report = compile_files({"01-kuis.md": quiz_file(body)})
    assert report.errors == []
    assert course.items[0].quiz.pools[0]["draw"] == 1
    assert course.items[0].quiz.pools[0]["questions"] == ["a", "b"]


def test_a_plugin_question_type_parses_its_own_block_and_reports_like_the_core(
    make_app, install_plugin
):
    from elearn.content.store import check_files
    from elearn.testing import COURSE_FILE

    install_plugin("good")
    app = make_app()
    quiz = quiz_file(
        "## Ringkasan {tipe=policy-brief poin=4}\nTulis ringkasan kebijakan.\n"
        "kata kunci: anggaran, kinerja\n\n## Kosong {tipe=ringkasan_kebijakan}\nkata kunci:\n"
    )
    files = {"kursus.md": COURSE_FILE.encode(), "kuis.md": quiz.encode()}
    with app.test_request_context():
        course, report = check_files(app, files)
        assert [d.format().splitlines()[0] for d in report.errors] == [
            "kuis.md:9:12: RK-NO-KEYWORDS Kata kunci kosong.",
            "kuis.md:8:1: RK-NO-KEYWORDS Tidak ada kata kunci.",
        ]
        assert "→ Tulis: kata kunci: anggaran, kinerja" in report.errors[0].format()
        fixed = quiz.replace("kata kunci:\n", "kata kunci: pelayanan\n")
        course, report = check_files(app, files | {"kuis.md": fixed.encode()})
    question = course.items[0].quiz.questions[0]
    assert (question.type_id, question.points) == ("ringkasan_kebijakan", 4.0)
    assert question.parsed.key == {"keywords": ["anggaran", "kinerja"]}


def test_an_unclosed_or_nested_blank_is_reported_at_its_line_and_column(compile_quiz):
    _questions, report = compile_quiz(
        "## Rumpang\nIbu kota [[Jakarta dan [[Bogor]].\n\n## Dua\nKota [[Padang.\n\n"
        "## Tiga\nIbu kota [[Jakarta]].\n"
    )
    found = [(d.code, d.line, d.column) for d in report.sorted()]
    # quiz_file puts two front-matter lines and the fences before the body
    assert found == [("Q-BLANK-NESTED", 5, 24), ("Q-BLANK-UNCLOSED", 8, 6)]
    assert "Q-NO-ANSWER" not in {d.code for d in report.diagnostics}  # not misread
