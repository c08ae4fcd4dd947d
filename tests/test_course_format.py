"""Course folders: the course file, lessons, order, modules, links, assets, safety."""

import pytest

from elearn.testing import COURSE_FILE, codes, quiz_file
from tests.hostile import HOSTILE, dangerous_markup

LESSON = "# Pengantar APBD\n\nAPBD adalah rencana keuangan tahunan daerah.\n"


def test_a_course_folder_compiles_with_order_modules_and_settings(compile_files):
    course, report = compile_files(
        {
            "kursus.md": "---\nid: keuangan-daerah\njudul: Keuangan Daerah\njp: 4\n"
            "kompetensi: teknis\ntingkat: dasar\ntag: [apbd, spj]\n"
            "penulis: [Budi Santoso]\npenyelesaian: ditandai\nnilai_lulus: 75\n---\n"
            "Kursus ini membahas **APBD**.\n",
            "01-pengantar.md": LESSON,
            "02-siklus/modul.md": "---\njudul: Siklus Anggaran\n---\n",
            "02-siklus/01-perencanaan.md": "# Perencanaan\n\nTeks.\n",
            "02-siklus/02-kuis.md": quiz_file("## A\n= benar\n", "judul: Kuis Siklus\n"),
        }
    )
    assert report.errors == []
    assert (course.key, course.title, course.settings["jp"]) == (
        "keuangan-daerah",
        "Keuangan Daerah",
        4,
    )
    assert course.settings["lesson_completion"] == "marked"
    assert course.settings["passing_score"] == 75
    assert [(i.key, i.kind, i.module) for i in course.items] == [
        ("pengantar", "lesson", None),
        ("perencanaan", "lesson", "Siklus Anggaran"),
        ("kuis", "quiz", "Siklus Anggaran"),
    ]
    assert course.items[2].quiz.settings["passing_score"] == 75  # from the course
    assert "<strong>APBD</strong>" in course.description_html


def test_an_explicit_contents_list_sets_the_order(compile_files):
    course, report = compile_files(
        {
            "kursus.md": "---\nid: k\njudul: K\njp: 1\nisi:\n  - modul: Dasar\n    isi:\n"
            "      - b.md\n      - a.md\n---\n",
            "a.md": "# A\n",
            "b.md": "# B\n",
            "c.md": "# C\n",
        }
    )
    assert [i.key for i in course.items] == ["b", "a"]
    assert [i.module for i in course.items] == ["Dasar", "Dasar"]
    assert codes(report) == ["COURSE-FILE-UNLISTED"]
    assert report.warnings[0].file == "c.md"


def test_links_and_images_are_rewritten_and_broken_ones_reported(compile_files):
    course, report = compile_files(
        {
            "01-a.md": "# A\n\nLihat [B](02-b.md#bagian) dan ![bagan](gambar/bagan.png).\n",
            "02-b.md": "# B\n\nDan [yang hilang](03-c.md).\n",
        }
        | {"gambar/bagan.png": "PNG"}
    )
    assert course is None
    (broken,) = report.errors
    assert (broken.code, broken.file, broken.line, broken.column) == (
        "LINK-BROKEN",
        "02-b.md",
        3,
        19,
    )


def test_lessons_link_to_items_and_assets_by_stable_addresses(compile_files):
    course, report = compile_files(
        {
            "01-a.md": "# A\n\nLihat [B](02-b.md#bagian) dan ![bagan](gambar/bagan.png).\n",
            "02-b.md": "# B\n",
            "gambar/bagan.png": "PNG",
        }
    )
    assert report.errors == []
    html = course.items[0].html
    assert 'href="/courses/kursus-uji/items/b#bagian"' in html
    assert f'src="/assets/{course.assets["gambar/bagan.png"].sha256}/bagan.png"' in html


def test_admonitions_tables_footnotes_code_and_video(compile_files):
    course, report = compile_files(
        {
            "01-a.md": (
                "# A\n\n::: peringatan\nJangan bagikan kata sandi.\n:::\n\n"
                "| Akun | Nilai |\n|---|--:|\n| Belanja | 10 |\n\n"
                "Teks[^1].\n\n[^1]: Permendagri 77/2020.\n\n```python\nx = 1\n```\n\n"
                "::: video https://video.example.go.id/apbd\nPengantar APBD\n:::\n"
            )
        }
    )
    assert report.errors == []
    html = course.items[0].html
    assert '<aside class="admonition admonition-peringatan">' in html
    assert '<td style="text-align:right">10</td>' in html
    # a wide table scrolls in its own box, reached with the keyboard, on a phone
    assert '<div class="table-scroll" tabindex="0"><table>' in html and "</table>\n</div>" in html
    assert 'class="footnotes"' in html and "Permendagri 77/2020" in html
    assert '<code class="language-python">' in html
    assert 'href="https://video.example.go.id/apbd"' in html


@pytest.mark.parametrize("payload", HOSTILE)
def test_no_course_file_can_put_script_into_a_page(compile_files, payload):
    course, report = compile_files(
        {
            "01-a.md": f"# A\n\n{payload}\n",
            "02-kuis.md": quiz_file(f"## Soal\n{payload}\n- (x) {payload}\n- ( ) b\n"),
        }
    )
    assert report.errors == []
    pages = [
        course.items[0].html,
        course.items[1].quiz.questions[0].parsed.prompt_html,
        str(course.items[1].quiz.questions[0].parsed.public),
    ]
    for html in pages:
        assert dangerous_markup(html) == []


def test_the_scanner_finds_script():
    assert dangerous_markup('<p onclick="x">a</p><script>1</script>') == ["p[onclick]", "script"]
    assert dangerous_markup("<p>&lt;script&gt;</p>") == []


@pytest.mark.parametrize(
    ("files", "code"),
    [
        ({"kursus.md": "Tanpa pengaturan.\n"}, "FM-MISSING"),
        (
            {"kursus.md": "---\nid: k\njudul: K\njp: 1\njenis: memasak\n---\n"},
            "COURSE-UNKNOWN-TYPE",
        ),
        ({"kursus.md": "---\nid: K Besar\njudul: K\njp: 1\n---\n"}, "COURSE-BAD-ID"),
        ({"kursus.md": "---\nid: k\njudul: K\njp: 0\n---\n"}, "FM-OUT-OF-RANGE"),
        ({"kursus.md": "---\nid: k\njudul: K\n---\n"}, "FM-MISSING"),
        ({"kursus.md": "---\nid: k\njudul: K\njp: 1\nkompetensi: teknik\n---\n"}, "FM-BAD-CHOICE"),
        ({"kursus.md": "---\nid: k\njudul: K\njp: 1\n"}, "FM-UNCLOSED"),
        ({"kursus.md": "---\nid: k\njudul: K\njp: 1\nisi: [a.md]\n---\n"}, "COURSE-FILE-NOT-FOUND"),
        ({"01-a.md": "Tanpa judul.\n"}, "LESSON-NO-TITLE"),
        (
            {"01-a.md": "---\nid: sama\n---\n# A\n", "02-b.md": "---\nid: sama\n---\n# B\n"},
            "ITEM-DUPLICATE-ID",
        ),
        ({"01-a.md": "---\njenis: video\n---\n# A\n"}, "ITEM-BAD-KIND"),
    ],
)
def test_course_problems_have_their_own_codes(compile_files, files, code):
    course, report = compile_files(files)
    assert course is None
    assert code in codes(report)


def test_a_missing_course_file_is_reported(app):
    from elearn.content.store import check_files

    with app.test_request_context():
        course, report = check_files(app, {"01-a.md": b"# A\n"})
    assert course is None and codes(report) == ["COURSE-FILE-MISSING"]


def test_a_large_asset_is_a_warning_not_an_error(compile_files):
    course, report = compile_files({"01-a.md": "# A\n", "video.mp4": "x" * 1_100_000})
    assert course is not None and codes(report) == ["ASSET-LARGE"]


@pytest.mark.parametrize(
    "written, code",
    [("M.04", "M.04"), ("manajerial M.08", "M.08"), ("m01", "M.01"), ("Manajerial - M 3", "M.03")],
)
def test_a_managerial_competency_may_be_named_by_its_code(compile_files, written, code):
    course, report = compile_files(
        {"kursus.md": COURSE_FILE.replace("jp: 2", f"jp: 2\nkompetensi: {written}")}
    )
    assert report.errors == []
    assert (course.settings["competency"], course.settings["competency_code"]) == (
        "manajerial",
        code,
    )


def test_a_managerial_code_beyond_m08_is_reported_at_its_line(compile_files):
    course, report = compile_files(
        {"kursus.md": COURSE_FILE.replace("jp: 2", "jp: 2\nkompetensi: M.09")}
    )
    assert course is None
    [error] = report.errors
    assert (error.code, error.line) == ("COURSE-BAD-COMPETENCY-CODE", 5)
    assert "M.01 sampai M.08" in error.message


def test_a_nul_character_in_a_file_is_reported_at_its_line(compile_files):
    """A binary file saved as .md: named with its line, never sent to the database."""
    course, report = compile_files({"01-a.md": "# A\n\nTeks.\nrusak\x00di sini\n"})
    assert course is None
    found = [d for d in report.errors if d.code == "FILE-NUL"]
    assert [(d.file, d.line) for d in found] == [("01-a.md", 4)]
