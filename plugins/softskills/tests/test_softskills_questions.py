"""The soft-skills question types: the contract every type keeps, a scenario walked
scene by scene through the real pages, reflections that wait for a trainer, profiles."""

import re

import pytest

from elearn.testing import attempts, csrf_token, login, post_form, quiz_fields, quiz_file, teach
from elearn.testing.contract import QuestionCase

SCENARIO = """## Warga mengeluh di loket {tipe=skenario}
Anda petugas loket Disdukcapil pada Senin pagi.

### awal
Pak Darman datang dengan nada tinggi: "Sudah tiga kali saya ke sini, KTP saya belum jadi!"

- Dengarkan sampai selesai, lalu minta maaf atas ketidaknyamanannya -> dengar (2)
  > Mendengarkan dan mengakui perasaan warga meredakan emosinya.
- Katakan bahwa antrean memang panjang dan ia harus sabar -> membela (0)
  > Membela diri membuat warga merasa tidak didengar.

### dengar
Pak Darman mulai tenang dan menunjukkan tanda terima perekaman.

- Periksa status di sistem dan jelaskan langkah berikutnya dengan jelas -> selesai (2)
  > Informasi yang jelas dan jujur memulihkan kepercayaan.
- Suruh ia kembali minggu depan -> kecewa (0)

### membela
Pak Darman makin marah dan meminta bertemu kepala dinas.

- Minta maaf dan dengarkan keluhannya -> dengar (1)
- Panggil petugas keamanan -> kecewa (0)

### selesai
Pak Darman pulang dengan jadwal pengambilan KTP dan nomor pengaduan SP4N-LAPOR!.

### kecewa
Pak Darman pulang kecewa dan menulis keluhan di media sosial.
"""

REFLECTION = """## Refleksi layanan {tipe=refleksi min_kata=12 persetujuan=ya}
Ceritakan satu pengalaman melayani warga yang paling berkesan dan apa yang Anda pelajari.
"""

ASSESSMENT = """## Gaya melayani saya {tipe=asesmen-diri}
Seberapa sesuai setiap pernyataan dengan diri Anda?

- [Empati] Saya mendengarkan keluhan warga sampai selesai.
- [Empati] (-) Saya sering memotong pembicaraan warga.
- [Kejelasan] Saya menjelaskan prosedur dengan bahasa sederhana.
"""


def _choice(scene, text):
    """The step of a scenario that picks, in ``scene``, the choice reading ``text``."""

    def fields(view):
        choices = view["scenes"][scene]["choices"]
        return {"-choice": next(c["id"] for c in choices if text in c["html"])}

    return fields


def _ratings(**values):
    """A self-assessment response: each statement (s1, s2...) rated so."""

    def fields(view):
        items = {item["id"]: item for item in view["items"]}
        return {
            f"-{item}": items[item]["ratings"][value - 1]["id"] for item, value in values.items()
        }

    return fields


CASES = {
    "skenario": QuestionCase(
        SCENARIO,
        right=[_choice("awal", "Dengarkan"), _choice("dengar", "Periksa status")],
        wrong=[_choice("awal", "antrean memang panjang"), _choice("membela", "keamanan")],
        secrets=["Pak Darman mulai tenang", "meredakan emosinya", "(2)", "SP4N-LAPOR"],
        course_type="softskills",
        malformed=[
            (
                "## S {tipe=skenario}\nTeks.\n\n### awal\nA.\n\n- Pergi -> entah (1)\n",
                7,
                "SS-NO-SUCH-SCENE",
            ),
            ("## S {tipe=skenario}\nTeks.\n\n### awal\nA.\n- Ulang -> awal (1)\n", 4, "SS-LOOP"),
            ("## S {tipe=skenario}\nTeks tanpa adegan.\n", 1, "SS-NO-SCENES"),
        ],
    ),
    "refleksi": QuestionCase(
        REFLECTION,
        right={
            "": "Saya pernah membantu seorang ibu lansia mengurus akta kematian suaminya "
            "dengan sabar."
        },
        wrong={"": ""},
        secrets=[],
        course_type="softskills",
        right_fraction=None,
        malformed=[("## R {tipe=refleksi min_kata=banyak}\nTulis.\n", 1, "SS-BAD-MINIMUM")],
    ),
    "asesmen-diri": QuestionCase(
        ASSESSMENT,
        right=_ratings(s1=5, s2=1, s3=4),
        wrong=_ratings(s1=5),
        secrets=["(-)"],
        course_type="softskills",
        malformed=[
            ("## A {tipe=asesmen-diri}\nNilai.\n\n- [Empati] Satu saja.\n", 1, "SS-FEW-STATEMENTS"),
            ("## A {tipe=asesmen-diri skala=10}\nNilai.\n\n- [A] x\n- [B] y\n", 1, "SS-BAD-SCALE"),
        ],
    ),
}


@pytest.mark.parametrize("type_id", sorted(CASES))
def test_soft_skills_question_types_keep_the_contract(question_contract, type_id):
    question_contract(CASES[type_id])


@pytest.fixture
def learner_in_quiz(app, client, make_user, publish):
    """A learner who started the quiz made of ``body``: returns the attempt page URL."""

    def start(body):
        publish(
            {
                "kursus.md": "---\nid: layanan\njudul: Layanan\njenis: softskills\n"
                "jp: 1\n---\nL.\n",
                "01-kuis.md": quiz_file(body, "percobaan: tak-terbatas\n"),
            }
        )
        make_user("learner")
        login(client, "199003152015032001")
        post_form(client, "/courses/layanan/enrol", {}, page="/courses/layanan")
        started = post_form(
            client, "/courses/layanan/items/kuis/start", {}, page="/courses/layanan"
        )
        return started.headers["Location"]

    return start


def test_a_scenario_shows_one_scene_at_a_time_and_explains_the_path(app, client, learner_in_quiz):
    url = learner_in_quiz(SCENARIO)
    page = client.get(url).get_data(as_text=True)
    assert "Sudah tiga kali" in page and "Pak Darman mulai tenang" not in page
    key = re.search(r'name="shown" value="([^"]+)"', page).group(1)
    choice = f"q[{key}]-choice"
    step = client.post(
        url, data=quiz_fields(page, {choice: "antrean memang panjang"}) | {"action": "goto-1"}
    )
    assert step.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "makin marah" in page and "Sudah tiga kali" in page  # the story so far is kept
    client.post(url, data=quiz_fields(page, {choice: "Minta maaf"}) | {"action": "goto-1"})
    page = client.get(url).get_data(as_text=True)
    assert "mulai tenang" in page
    client.post(url, data=quiz_fields(page, {choice: "Periksa status"}) | {"action": "submit"})
    result = client.get(url).get_data(as_text=True)
    assert "3 dari 4 poin" in result
    assert "Membela diri membuat warga merasa tidak didengar." in result
    assert "SP4N-LAPOR!" in result


def test_a_scenario_cannot_be_rewound_or_explored_from_the_form(app, client, learner_in_quiz):
    """The path lives on the server: sending an earlier scene's choice again (a second
    tab, the back button, a learner trying the other branch) changes nothing, and no
    field carries the path."""
    url = learner_in_quiz(SCENARIO)
    first = client.get(url).get_data(as_text=True)
    key = re.search(r'name="shown" value="([^"]+)"', first).group(1)
    choice = f"q[{key}]-choice"
    assert f"q[{key}]-path" not in first
    client.post(url, data=quiz_fields(first, {choice: "Dengarkan"}) | {"action": "goto-1"})
    page = client.get(url).get_data(as_text=True)
    assert "mulai tenang" in page
    other_branch = quiz_fields(first, {choice: "antrean memang panjang"})
    replay = other_branch | {"revision": quiz_fields(page)["revision"], "action": "goto-1"}
    client.post(url, data=replay)
    page = client.get(url).get_data(as_text=True)
    assert "mulai tenang" in page and "makin marah" not in page
    assert len(attempts(app)[0].responses[key]) == 1


def test_a_tampered_path_earns_only_its_valid_steps(app):
    from elearn_softskills.scenario import walk

    view = {
        "start": "a",
        "scenes": {
            "a": {"html": "", "choices": [{"id": "c1", "html": "", "target": "b"}]},
            "b": {"html": "", "choices": []},
        },
    }
    assert walk(view, ["c1", "c7", "c1"]) == ([("a", "c1")], "b", True)
    assert walk(view, ["c9"]) == ([], "a", False)
    assert walk(view, "not a list") == ([], "a", False)


def test_a_reflection_waits_for_a_trainer_and_completes_when_accepted(
    app, client, learner_in_quiz, make_user
):
    url = learner_in_quiz(REFLECTION)
    page = client.get(url).get_data(as_text=True)
    text = (
        "Saya pernah membantu seorang ibu lansia mengurus akta kematian suaminya dengan "
        "sabar sekali."
    )
    key = re.search(r'name="shown" value="([^"]+)"', page).group(1)
    client.post(url, data=quiz_fields(page, {key: text}) | {"action": "submit"})
    assert "Sebagian jawaban menunggu penilaian widyaiswara" in client.get(url).get_data(
        as_text=True
    )
    trainer = make_user("trainer", email="pelatih@contoh.go.id")
    teach(app, "layanan", trainer)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/dashboard")})
    login(client, trainer.nip)
    queue = client.get("/author/grading").get_data(as_text=True)
    assert "(layanan, " in queue
    grade_url = re.search(r'href="(/author/grading/[^"]+)"', queue).group(1)
    grade_page = client.get(grade_url).get_data(as_text=True)
    assert "ibu lansia" in grade_page
    fields = re.findall(r'name="(points-[^"]+|comment-[^"]+)"', grade_page)
    data = {
        field: ("1" if field.startswith("points") else "Refleksi yang jujur.") for field in fields
    }
    assert post_form(client, grade_url, data).status_code == 302
    attempt = attempts(app)[0]
    assert attempt.passed and not attempt.pending


def test_a_short_reflection_is_not_complete(app, compile_question):
    reflection, parsed = compile_question(REFLECTION.replace(" persetujuan=ya", ""), "softskills")
    with app.test_request_context():
        assert reflection.grade(parsed.key, "Terlalu singkat.").fraction == 0.0
        assert reflection.grade(parsed.key, " ".join(["kata"] * 12)).fraction == 1.0


def test_a_self_assessment_shows_a_profile_with_reversed_statements(app, client, learner_in_quiz):
    url = learner_in_quiz(ASSESSMENT)
    page = client.get(url).get_data(as_text=True)
    assert "(-)" not in page
    name = "q[{}]".format(re.search(r'name="shown" value="([^"]+)"', page).group(1))
    ratings = {f"{name}-s1": "4", f"{name}-s2": "2", f"{name}-s3": "2"}
    client.post(url, data=quiz_fields(page, ratings) | {"action": "submit"})
    result = client.get(url).get_data(as_text=True)
    assert 'value="4.0"' in result  # Empati: (4 + (6 - 2)) / 2
    assert "Area terkuat Anda adalah Empati" in result and "Kejelasan" in result
