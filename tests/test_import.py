"""Importing courses: versions, unchanged re-imports, zips, and the command line."""

import io
import zipfile

import sqlalchemy as sa

from elearn import db
from elearn.content.store import import_course
from elearn.models import Asset, Course, CourseVersion, Question
from elearn.testing import COURSE_FILE, quiz_file

FILES = {
    "kursus.md": COURSE_FILE,
    "01-pengantar.md": "# Pengantar\n\n![bagan](bagan.png)\n",
    "02-kuis.md": quiz_file("## Ibu kota\n- (x) Jakarta\n- ( ) Bandung\n"),
    "bagan.png": "PNG-DATA",
}


def encoded(files):
    return {name: text.encode() for name, text in files.items()}


def run_import(app, files):
    with app.test_request_context():
        result = import_course(app, db.session(), encoded(files))
        db.session().commit()
        return result.status, result.version.number if result.version else None


def test_import_stores_a_version_with_items_questions_and_assets(app):
    assert run_import(app, FILES) == ("created", 1)
    with app.app_context():
        session = db.session()
        version = session.scalar(sa.select(CourseVersion))
        assert (version.course.key, version.title, version.jp) == ("kursus-uji", "Kursus Uji", 2)
        assert [(i.key, i.kind) for i in version.items] == [
            ("pengantar", "lesson"),
            ("kuis", "quiz"),
        ]
        question = session.scalar(sa.select(Question))
        assert question.answer_key == {"correct": "a"}
        assert "correct" not in str(question.public)
        assert session.scalar(sa.select(Asset)).data == b"PNG-DATA"
        with zipfile.ZipFile(io.BytesIO(version.source_zip)) as archive:
            assert sorted(archive.namelist()) == sorted(FILES)


def test_reimporting_an_unchanged_course_changes_nothing(app):
    run_import(app, FILES)
    assert run_import(app, FILES) == ("unchanged", 1)
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(CourseVersion.id))) == 1


def test_an_edited_course_becomes_a_new_version_and_keeps_the_old_one(app):
    run_import(app, FILES)
    edited = FILES | {
        "02-kuis.md": quiz_file("## Ibu kota\n- (x) Jakarta\n- ( ) Bandung\n- ( ) Surabaya\n")
    }
    assert run_import(app, edited) == ("updated", 2)
    with app.app_context():
        session = db.session()
        course = session.scalar(sa.select(Course))
        assert [v.number for v in course.versions] == [1, 2]
        old, new = course.versions
        assert len(old.items[1].questions[0].public["options"]) == 2
        assert len(new.items[1].questions[0].public["options"]) == 3
        assert [i.key for i in old.items] == [i.key for i in new.items]  # stable ids
        assert session.scalar(sa.select(sa.func.count(Asset.sha256))) == 1  # shared


def test_an_invalid_course_stores_nothing(app):
    broken = FILES | {"02-kuis.md": quiz_file("## Ibu kota\n- ( ) Jakarta\n- ( ) Bandung\n")}
    assert run_import(app, broken) == ("invalid", None)
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(Course.id))) == 0


def write_folder(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_elearn_check_lists_problems_and_exits_non_zero_only_on_errors(runner, tmp_path):
    good = write_folder(tmp_path / "baik", FILES | {"03-c.md": "# C\n\n" + "x" * 10})
    result = runner.invoke(args=["check", str(good)])
    assert result.exit_code == 0, result.output
    assert "Kursus Uji (3 items): 0 error(s), 0 warning(s)" in result.output
    bad = write_folder(
        tmp_path / "rusak", FILES | {"02-kuis.md": quiz_file("## A\n- ( ) a\n- ( ) b\n")}
    )
    result = runner.invoke(args=["check", str(bad)])
    assert result.exit_code == 1
    assert "02-kuis.md:4:1: Q-NO-CORRECT Tidak ada pilihan yang ditandai benar." in result.output
    assert "→ Tandai pilihan yang benar dengan (x)." in result.output
    english = runner.invoke(args=["check", "--lang", "en", str(bad)])
    assert "Q-NO-CORRECT No option is marked correct." in english.output


def test_elearn_check_shows_warnings_separately(runner, tmp_path):
    folder = write_folder(
        tmp_path / "k",
        {
            "kursus.md": "---\nid: k\njudul: K\njp: 1\nisi: [a.md]\n---\n",
            "a.md": "# A\n",
            "b.md": "# B\n",
        },
    )
    result = runner.invoke(args=["check", str(folder)])
    assert result.exit_code == 0
    assert "Warnings:\nb.md:1:1: COURSE-FILE-UNLISTED" in result.output


def test_elearn_import_takes_folders_and_zips(runner, tmp_path):
    folder = write_folder(tmp_path / "kursus", FILES)
    result = runner.invoke(args=["import", str(folder)])
    assert "created: kursus-uji version 1 (Kursus Uji)" in result.output
    archive = tmp_path / "kursus.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name, text in FILES.items():
            zipped.writestr(f"kursus/{name}", text)
    result = runner.invoke(args=["import", str(archive)])
    assert result.exit_code == 0
    assert "unchanged: kursus-uji version 1" in result.output


def test_elearn_import_reports_an_invalid_course_and_fails(runner, tmp_path):
    folder = write_folder(tmp_path / "k", {"kursus.md": "tanpa pengaturan\n"})
    result = runner.invoke(args=["import", str(folder)])
    assert result.exit_code == 1 and "not imported" in result.output
