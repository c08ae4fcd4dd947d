"""The core's own question types keep the same contract as a plugin's, every one of
them."""

import pytest

from elearn.content import question_type_lookup
from elearn.testing.contract import QuestionCase


def _option(view, text):
    return next(o["id"] for o in view["options"] if text in o["html"])


def _truth(view, value):
    return next(o["id"] for o in view["options"] if o["value"] is value)


def _pairs(view, pairs):
    """A matching response: each left (by its text) given the right with this text."""
    rights = {r["html"]: r["id"] for r in view["rights"]}
    return {f"-{left['id']}": rights[pairs[left["html"]]] for left in view["lefts"]}


def _order(view, texts):
    """An ordering response: each item (by its text) given its position."""
    return {f"-{item['id']}": str(texts.index(item["html"]) + 1) for item in view["items"]}


def _blank(view, number, text):
    blank = next(b for b in view["blanks"] if b["id"] == number)
    return next(o["id"] for o in blank["options"] if o["text"] == text)


CASES = {
    "pilihan": QuestionCase(
        "## Dokumen APBD {tipe=pilihan}\nDokumen apa yang menetapkan APBD?\n\n"
        "- (x) Peraturan daerah\n  > Perda tentang APBD.\n- ( ) Surat edaran\n"
        "- ( ) Keputusan kepala dinas\n",
        right=lambda view: {"": _option(view, "Peraturan")},
        wrong=lambda view: {"": _option(view, "Surat")},
        secrets=["Perda tentang APBD"],
        malformed=[("## Rusak {tipe=pilihan}\nPilih.\n\n- ( ) A\n- ( ) B\n", 1, "Q-NO-CORRECT")],
    ),
    "pilihan-ganda": QuestionCase(
        "## Bukti SPJ {tipe=pilihan-ganda penilaian=semua-atau-tidak}\n"
        "Dokumen mana yang termasuk bukti pertanggungjawaban belanja?\n\n"
        "- [x] Kuitansi\n- [x] Faktur pajak\n- [ ] Undangan rapat\n"
        "  > Undangan bukan bukti pembayaran.\n- [ ] Foto kegiatan\n",
        right=lambda view: {"": [_option(view, "Kuitansi"), _option(view, "Faktur")]},
        wrong=lambda view: {"": [_option(view, "Kuitansi"), _option(view, "Undangan")]},
        secrets=["bukan bukti pembayaran"],
        malformed=[
            ("## Rusak {tipe=pilihan-ganda}\nPilih.\n\n- [ ] A\n- [ ] B\n", 1, "Q-NO-CORRECT")
        ],
    ),
    "benar-salah": QuestionCase(
        "## Penetapan APBD {tipe=benar-salah}\nAPBD ditetapkan dengan Peraturan Daerah.\n\n"
        "= benar\n> [!salah] APBD ditetapkan dengan Perda setelah dibahas bersama DPRD.\n",
        right=lambda view: {"": _truth(view, True)},
        wrong=lambda view: {"": _truth(view, False)},
        secrets=["dibahas bersama DPRD"],
        malformed=[
            ("## Rusak {tipe=benar-salah}\nPernyataan.\n\n= mungkin\n", 4, "Q-TRUEFALSE-ANSWER")
        ],
    ),
    "isian": QuestionCase(
        "## Singkatan SPJ {tipe=isian}\nKepanjangan SPJ adalah ...\n\n"
        "= Surat Pertanggungjawaban\n= /surat\\s+pertanggung\\s*jawaban/\n",
        right={"": "surat  pertanggung jawaban"},
        wrong={"": "surat perintah"},
        secrets=["Surat Pertanggungjawaban", "pertanggung"],
        malformed=[
            ("## Rusak {tipe=isian}\nApa?\n\n= /(a)\\1/\n", 4, "Q-BAD-PATTERN"),
            ("## Rusak {tipe=isian}\nApa?\n\n= %50% separuh\n", 1, "Q-NO-CORRECT"),
        ],
    ),
    "angka": QuestionCase(
        "## Sisa pagu {tipe=angka}\nPagu 1.000.000, realisasi 750.000. Sisa?\n\n= 250000\n",
        right={"": "250.000"},
        wrong={"": "100.000"},
        secrets=["250000"],
        malformed=[("## Rusak {tipe=angka}\nBerapa?\n\n= dua\n", 4, "Q-NOT-A-NUMBER")],
    ),
    "isian-rumpang": QuestionCase(
        "## Siklus anggaran {tipe=isian-rumpang}\n"
        "APBD disusun oleh [[pemerintah daerah|pemda]] dan ditetapkan dengan "
        "[[(Perda)|Perkada|SE]].\n",
        right=lambda view: {"-1": "Pemda", "-2": _blank(view, "2", "Perda")},
        wrong=lambda view: {"-1": "DPRD", "-2": _blank(view, "2", "SE")},
        secrets=["pemerintah daerah"],
        malformed=[("## Rusak {tipe=isian-rumpang}\nTanpa rumpang.\n", 1, "Q-NO-BLANKS")],
    ),
    "menjodohkan": QuestionCase(
        "## Dokumen dan isinya {tipe=menjodohkan}\nPasangkan dokumen dengan isinya.\n\n"
        "- RKA -> Rencana kerja dan anggaran\n- DPA -> Dokumen pelaksanaan anggaran\n"
        "- -> Laporan realisasi\n",
        right=lambda view: _pairs(
            view, {"RKA": "Rencana kerja dan anggaran", "DPA": "Dokumen pelaksanaan anggaran"}
        ),
        wrong=lambda view: _pairs(
            view, {"RKA": "Dokumen pelaksanaan anggaran", "DPA": "Laporan realisasi"}
        ),
        secrets=["-&gt;", "->"],
        malformed=[("## Rusak {tipe=menjodohkan}\nPasangkan.\n\n- A -> B\n", 1, "Q-TOO-FEW-PAIRS")],
    ),
    "urutan": QuestionCase(
        "## Siklus APBD {tipe=urutan}\nUrutkan tahap siklus APBD.\n\n"
        "1. Perencanaan\n2. Penganggaran\n3. Pelaksanaan\n4. Pertanggungjawaban\n",
        right=lambda view: _order(
            view, ["Perencanaan", "Penganggaran", "Pelaksanaan", "Pertanggungjawaban"]
        ),
        wrong=lambda view: _order(
            view, ["Penganggaran", "Perencanaan", "Pelaksanaan", "Pertanggungjawaban"]
        ),
        secrets=["1. Perencanaan"],
        malformed=[("## Rusak {tipe=urutan}\nUrutkan.\n\n1. Satu\n", 1, "Q-TOO-FEW-ITEMS")],
    ),
    "esai": QuestionCase(
        "## Siklus {tipe=esai}\nJelaskan siklus APBD.\n\n> [!rubrik]\n> - Menyebut tahapan (2)\n",
        right={"": "Perencanaan, penganggaran, pelaksanaan, penatausahaan, pertanggungjawaban."},
        wrong={"": ""},
        secrets=["Menyebut tahapan"],
        right_fraction=None,
    ),
}


@pytest.mark.parametrize("type_id", sorted(CASES))
def test_core_question_types_keep_the_contract(question_contract, type_id):
    question_contract(CASES[type_id])


def test_every_core_question_type_has_a_contract_case(app):
    from elearn.plugins import get_host

    owners = get_host(app).owners
    core = {t.id for t in question_type_lookup(app).values() if owners[t.id] == "elearn.builtin"}
    assert core == set(CASES)
