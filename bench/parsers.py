"""How long grading takes on the worst answers a learner can send: for every question
type of the sample courses (the core's and the three plugins'), each question is graded
against adversarial answers at its type's maximum length (runs of spaces, separators,
signs, brackets, digits, words), and against a normal answer. Prints the slowest call
per type in milliseconds and its ratio to the normal answer. With ``--limit`` (ms), exits
with status 1 when a call is slower: a generous bound, for CI or by hand, that a
quadratic or exponential parser would blow through (30,000 spaces in an amount took
28 s before the keuangan parser was made linear).

Usage: python bench/parsers.py [--runs 3] [--limit 50]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXTRA_COURSE = {  # types the sample courses do not use, and a trainer's worst pattern
    "kursus.md": "---\nid: bench-parsers\njudul: Bench\njp: 1\n---\nBench.\n",
    "01-kuis.md": "---\njenis: kuis\n---\n"
    "## Pola\nTulis.\n\n= /(a+)+$/\n= /(.*a){12}/\n= Surat Pertanggungjawaban\n\n"
    "## Urut {tipe=urutan}\nUrutkan.\n\n1. Satu\n2. Dua\n3. Tiga\n\n"
    "## Esai {tipe=esai}\nJelaskan.\n",
}
PIECES = [" ", "\t", ".", ",", "-", "(", "1", "9", "a", "Rp ", "juta ", "=", "+-", "[[", "|"]


def adversarial(length: int) -> list[str]:
    """Answers of ``length`` characters made of one piece repeated, or two alternating,
    with something at the end that makes a pattern try again."""
    answers = []
    for piece in PIECES:
        answers.append((piece * length)[: length - 1] + "!")
        answers.append(("1" + piece * length)[: length - 1] + "1")
    rng = random.Random(7)
    for _ in range(20):
        answers.append("".join(rng.choice(PIECES) for _ in range(length))[:length])
    return answers


def form_with(names: list[str], text: str):
    """The form a learner could send: every field of the question holding ``text``."""
    from werkzeug.datastructures import MultiDict

    return MultiDict([(name, text) for name in names])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=float, default=None, help="fail above this many ms")
    args = parser.parse_args()

    from elearn import create_app, db, migrations
    from elearn.content import question_type_lookup
    from elearn.content.store import import_course
    from elearn.demo import load_sample_courses
    from elearn.models import Question
    from elearn.questions.views import attempt_views, field_name
    from elearn.testing.forms import controls

    folder = Path(tempfile.mkdtemp(prefix="elearn-parsers-"))
    app = create_app({"ENV": "testing", "DATABASE_URL": f"sqlite:///{folder / 'b.sqlite3'}"})
    migrations.upgrade(app)
    worst: dict[str, tuple[float, float]] = {}
    with app.test_request_context():
        load_sample_courses(app, db.session())
        files = {name: text.encode() for name, text in EXTRA_COURSE.items()}
        assert import_course(app, db.session(), files).status == "created"
        db.session().commit()
        types = question_type_lookup(app)
        for question in db.session().query(Question):
            kind = types[question.type_id]
            view = kind.present(dict(question.public), random.Random(1))
            entry = {"key": question.key, "id": question.id, "points": 1.0, "view": view}
            page = attempt_views([(1, entry)], {question.id: question}, {})[question.key]
            names = list(controls(str(page.inputs)))

            def timed(text, names=names, kind=kind, question=question, view=view):
                form = form_with(names, text)
                name = field_name(question.key)
                best = float("inf")
                for _ in range(args.runs):
                    start = time.perf_counter()
                    try:
                        posted = kind.response_from_form(form, name)
                        response = kind.update_response(None, posted, view)
                        kind.grade_presented(question.answer_key, response, view)
                    except Exception:  # noqa: S110 (a refusal is fine; its time counts)
                        pass
                    best = min(best, time.perf_counter() - start)
                return best * 1000

            baseline = timed("1")
            slowest = max(timed(text) for text in adversarial(kind.max_answer_length))
            if slowest > worst.get(question.type_id, (0.0, 1.0))[0]:
                worst[question.type_id] = (slowest, slowest / max(baseline, 1e-3))
    print(f"{'type':<18}{'slowest ms':>12}{'x normal':>10}")
    failed = False
    for type_id, (slowest, ratio) in sorted(worst.items()):
        flag = ""
        if args.limit is not None and slowest > args.limit:
            flag, failed = "  over the limit", True
        print(f"{type_id:<18}{slowest:>12.3f}{ratio:>10.1f}{flag}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
