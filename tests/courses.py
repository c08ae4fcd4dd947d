"""Helpers of the learner's tests: a course's files, a button pressed, a quiz started,
saved and submitted, a course completed, and the SQL a page sends."""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.orm import undefer

from elearn import db
from elearn.models import Certificate
from elearn.testing import post_form, send_quiz


def course_files(
    key="apbd", title="Dasar APBD", completion="dilihat", extra=None, competency="teknis", jp=2
):
    """A two-lesson course with a picture (lessons ``pengantar`` and ``siklus``), with
    ``extra`` files added: ``{"03-kuis.md": quiz_file(QUIZ)}`` gives it the quiz ``kuis``."""
    files = {
        "kursus.md": f"---\nid: {key}\njudul: {title}\njp: {jp}\nkompetensi: {competency}\n"
        f"penyelesaian: {completion}\nringkasan: Struktur dan siklus APBD.\n---\n"
        "Pengantar kursus.\n",
        "01-pengantar.md": "# Pengantar\n\n![bagan](bagan.png)\n",
        "02-siklus.md": "# Siklus Anggaran\n\nPerencanaan, penganggaran, pelaksanaan.\n",
        "bagan.png": "PNG-DATA",
    }
    return files | (extra or {})


def post(client, url, page):
    """Press a form button (enrol, mark done, start) on ``page``."""
    return post_form(client, url, {}, page)


# A quiz of every core question type, its keys and feedback marked RAHASIA (secret) or
# Rahasia: no page shown before submitting may carry them.
QUIZ = """## Ibu kota {poin=2}
- (x) Jakarta
  > RAHASIA-UMPAN-PILIHAN
- ( ) Bandung

## Prima
- [x] dua
- [x] tiga
- [ ] empat

## Pernyataan
APBD ditetapkan dengan Perda.
= benar

## Singkatan
= RahasiaSurat Pertanggungjawaban

## Serapan {tipe=angka}
= 75 +- 0,5

## Jodohkan
- APBD -> Perda
- APBN -> UU

## Urutkan {tipe=urutan}
1. Perencanaan
2. Pelaksanaan

## Rumpang
Ibu kota [[RahasiaJakarta]] dan [[(Nusantara)|Bogor]].

## Esai {tipe=esai}
Jelaskan.
> [!penjelasan] RAHASIA-PENJELASAN
"""


def start(client):
    """Start the quiz of ``course_files(extra={"03-kuis.md": ...})``; the attempt's address."""
    response = post(client, "/courses/apbd/items/kuis/start", "/courses/apbd/items/kuis")
    assert "/attempts/" in response.headers["Location"]
    return response.headers["Location"]


def form_fields(html):
    """An attempt page's CSRF token and revision."""
    return dict(re.findall(r'name="(csrf_token|revision)"[^>]*value="([^"]*)"', html))


def autosave(client, url, token, data):
    """What static/js/quiz.js sends when an answer changes."""
    return client.post(f"{url}/answers", data=data, headers={"X-CSRFToken": token})


def finish(client, url, answers=None):
    """Answer and submit, confirming when questions are left unanswered."""
    send_quiz(client, url, answers, action="submit-confirmed")


WITH_PDF = sa.select(Certificate).options(undefer(Certificate.pdf))  # deferred on pages


def complete_course(client, key="apbd"):
    """Enrol in a course of ``course_files`` and read both its lessons."""
    post(client, f"/courses/{key}/enrol", f"/courses/{key}")
    client.get(f"/courses/{key}/items/pengantar")
    client.get(f"/courses/{key}/items/siklus")


def sql_sent(app, client, url) -> list[str]:
    """The SQL one GET of ``url`` sends (it must succeed), each on one line."""
    engine, sent = db.get_db(app).engine, []

    def record(_conn, _cursor, statement, *_args):
        sent.append(" ".join(statement.split()))

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(url).status_code == 200, url
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    return sent


def statements(app, client, url) -> list[str]:
    """The verb of each statement one GET of ``url`` sends."""
    return [statement.split(None, 1)[0].upper() for statement in sql_sent(app, client, url)]


# Every feature of the quiz format (banks, weights, answers by pattern, feedback, rubrics),
# written back to Markdown and compiled again by the write-back tests.
EVERY_FEATURE_QUIZ = """Kerjakan dengan teliti.

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


# An essay graded by a trainer (``pending_attempt``) beside a short answer.
ESSAY_QUIZ = """## Dasar hukum {tipe=esai poin=4}
Sebutkan dasar hukum APBD.
> [!rubrik]
> - Menyebut UU Keuangan Negara (2)
> - Menyebut Perda APBD (2)
> [!penjelasan] UU 17/2003 tentang Keuangan Negara dan Perda APBD tahun berjalan.

## Singkatan
= SPJ
"""


ESSAY = "<script>alert(1)</script> UU 17/2003 dan Perda APBD."


def submit_essay(client, essay: str) -> str:
    """Enrol, start the quiz and submit ``essay``; the attempt's address."""
    post(client, "/courses/apbd/enrol", "/courses/apbd")
    url = start(client)
    fields = form_fields(client.get(url).get_data(as_text=True))
    client.post(
        url,
        data=fields
        | {"action": "submit-confirmed", "q[dasar-hukum]": essay, "q[singkatan]": "spj"}
        | {"shown": ["dasar-hukum", "singkatan"]},
    )
    return url
