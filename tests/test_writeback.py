"""A compiled quiz written back to Markdown compiles again to the same quiz."""

from elearn.testing import quiz_file
from elearn.testing.contract import quiz_as_markdown

QUIZ = """Kerjakan dengan teliti.

## Ibu kota {poin=2}
Apa ibu kota Indonesia?

- (x) Jakarta
  > Benar.
- ( ) Bandung

> [!penjelasan] Jakarta ibu kota sejak 1945.

# Bank soal {ambil=2}

## Prima {penilaian=semua-atau-tidak acak=tidak}
- [x] 2
- [x] 3
- [ ] 4

## Bobot
- [x] %70% a
- [x] %30% b
- [ ] %-50% c

## APBD ditetapkan dengan Perda
= benar
> [!salah] Lihat UU 23/2014.

# Lainnya

## Kota
= Jakarta
= %50% Jakpus
  > Hampir.
= /dki\\s+jakarta/

## Pagu {tipe=angka}
= 1.250.000,50 +- 5%
= %50% 1.000.000 .. 1.100.000

## Jodohkan
- APBD -> Perda
- APBN -> UU
- -> Perpres

## Urutkan {tipe=urutan penilaian=posisi}
1. Perencanaan
2. Penganggaran
3. Pelaksanaan

## Rumpang
Ibu kota [[Jakarta|DKI Jakarta]], lagu [[(Indonesia Raya)|Garuda]], [[%2%Pancasila]].

## Esai {tipe=esai kata_min=50}
Jelaskan siklus APBD.

> [!rubrik]
> - Menyebut tahapan (2)
> - Menyebut dasar hukum (1)
"""

SETTINGS = (
    "judul: Kuis APBD\nnilai_lulus: 80\npercobaan: 3\nbatas_waktu: 15\n"
    "nilai_dihitung: terakhir\ntampilkan_jawaban: setelah-kirim\n"
)


def summary(quiz):
    pools = [{k: v for k, v in pool.items() if k != "line"} for pool in quiz.pools]
    return (
        quiz.settings,
        quiz.intro_html,
        pools,
        [
            (
                q.key,
                q.type_id,
                q.title,
                q.points,
                q.pool,
                q.parsed.prompt_html,
                q.parsed.public,
                q.parsed.key,
                q.parsed.feedback,
            )
            for q in quiz.questions
        ],
    )


def test_a_quiz_written_back_compiles_to_the_same_quiz(compile_files, app):
    course, report = compile_files({"01-kuis.md": quiz_file(QUIZ, SETTINGS)})
    assert report.diagnostics == []
    quiz = course.items[0].quiz
    text = quiz_as_markdown(app, quiz)
    again, report = compile_files({"01-kuis.md": text})
    assert report.diagnostics == [], text
    assert summary(again.items[0].quiz) == summary(quiz)
