"""A compiled quiz written back to Markdown compiles again to the same quiz."""

from elearn.testing import quiz_file
from elearn.testing.contract import quiz_as_markdown
from tests.courses import EVERY_FEATURE_QUIZ

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
    course, report = compile_files({"01-kuis.md": quiz_file(EVERY_FEATURE_QUIZ, SETTINGS)})
    assert report.diagnostics == []
    quiz = course.items[0].quiz
    text = quiz_as_markdown(app, quiz)
    again, report = compile_files({"01-kuis.md": text})
    assert report.diagnostics == [], text
    assert summary(again.items[0].quiz) == summary(quiz)
