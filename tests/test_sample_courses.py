"""The sample courses in courses/ compile cleanly and are loaded by `elearn run`."""

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.content.source import read_source
from elearn.content.store import check_files
from elearn.demo import load_sample_courses, sample_course_folders
from elearn.models import CourseVersion

FOLDERS = sample_course_folders()


def test_there_are_sample_courses():
    assert FOLDERS


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_sample_course_compiles_without_errors_or_warnings(app, folder):
    with app.test_request_context():
        course, report = check_files(app, read_source(folder))
    assert [d.format() for d in report.diagnostics] == []
    assert course.key == folder.name
    assert any(item.kind == "quiz" for item in course.items)


def test_sample_courses_are_imported_once(app):
    with app.app_context():
        first = load_sample_courses(app, db.session())
        again = load_sample_courses(app, db.session())
        assert all(line.startswith("created: ") for line in first)
        assert all(line.startswith("unchanged: ") for line in again)
        assert db.session().scalar(sa.select(sa.func.count(CourseVersion.id))) == len(FOLDERS)
