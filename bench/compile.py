"""Compile time of a generated 1,000-question quiz and a 50-lesson course, as a ratio
to Python-Markdown rendering the same text (goal: at most 2x). Prints figures only.

Usage: python bench/compile.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import time

import markdown

from elearn import create_app
from elearn.content.store import check_files

QUESTION_KINDS = [
    "## Soal {n} {{poin=2}}\nManakah belanja modal pada kegiatan {n}?\n\n"
    "- (x) pengadaan laptop\n  > Tepat.\n- ( ) alat tulis\n- ( ) honor narasumber\n",
    "## Soal {n}\nPilih dokumen SPJ.\n\n- [x] kuitansi\n- [x] faktur\n- [ ] undangan\n",
    "## Soal {n} {{tipe=angka}}\nSerapan anggaran (%)?\n= 75 +- 0,5\n",
    "## Soal {n}\nAPBD ditetapkan dengan Perda.\n= benar\n",
    "## Soal {n}\nSingkatan SPJ?\n= Surat Pertanggungjawaban\n= %50% pertanggungjawaban\n",
    "## Soal {n}\n- APBD -> Perda\n- APBN -> UU\n- -> Perpres\n",
    "## Soal {n} {{tipe=urutan}}\n1. Perencanaan\n2. Penganggaran\n3. Pelaksanaan\n",
    "## Soal {n}\nNilai dasar ASN: [[BerAKHLAK]], huruf K: [[(Kompeten)|Kreatif]].\n",
]
LESSON = """# Pelajaran {n}: Siklus Anggaran

Anggaran Pendapatan dan Belanja Daerah (APBD) adalah rencana keuangan tahunan daerah.
Paragraf ini menjelaskan **perencanaan**, *penganggaran*, dan `pelaksanaan` anggaran.

::: catatan
Belanja modal menghasilkan aset tetap dengan masa manfaat lebih dari satu tahun.
:::

| Tahap | Dokumen | Waktu |
|---|---|---|
| Perencanaan | RKPD | Mei |
| Penganggaran | KUA-PPAS | Juli |
| Penetapan | Perda APBD | Desember |

1. Susun rencana kerja.
2. Bahas bersama DPRD.
3. Tetapkan dengan Perda[^1].

[^1]: Permendagri 77/2020.

```text
Serapan = Realisasi / Pagu x 100%
```
"""
COURSE = "---\nid: bench\njudul: Bench\njp: 2\n---\nPengantar.\n"


def quiz_source(count: int) -> str:
    body = "\n".join(QUESTION_KINDS[n % len(QUESTION_KINDS)].format(n=n) for n in range(count))
    return "---\njenis: kuis\n---\n" + body


def best_of(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(app, name: str, files: dict[str, str], repeat: int) -> None:
    encoded = {path: text.encode() for path, text in files.items()}

    def compile_all():
        with app.test_request_context():
            course, report = check_files(app, encoded)
            assert course is not None, [d.format() for d in report.errors[:3]]

    def render_all():
        for text in files.values():
            markdown.markdown(text, extensions=["tables", "fenced_code", "footnotes"])

    ours, baseline = best_of(repeat, compile_all), best_of(repeat, render_all)
    size = sum(len(t) for t in files.values()) / 1024
    print(
        f"{name:28} {size:8.0f} KB {ours * 1000:9.1f} ms {baseline * 1000:9.1f} ms "
        f"{ours / baseline:7.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    app = create_app({"ENV": "testing", "DATABASE_URL": "sqlite://"})
    print(f"{'case':28} {'source':>11} {'compile':>12} {'Py-Markdown':>12} {'ratio':>8}")
    measure(
        app,
        "quiz, 1,000 questions",
        {"kursus.md": COURSE, "kuis.md": quiz_source(1000)},
        args.repeat,
    )
    lessons = {f"{n:02d}-pelajaran-{n}.md": LESSON.format(n=n) for n in range(50)}
    measure(app, "course, 50 lessons", {"kursus.md": COURSE, **lessons}, args.repeat)
    print("goal: ratio <= 2.00x")


if __name__ == "__main__":
    main()
