"""The core's own question types keep the same contract as a plugin's."""

import pytest

from elearn.testing.contract import QuestionCase

CASES = {
    "pilihan": QuestionCase(
        "## Dokumen APBD {tipe=pilihan}\nDokumen apa yang menetapkan APBD?\n\n"
        "- (x) Peraturan daerah\n  > Perda tentang APBD.\n- ( ) Surat edaran\n",
        right=lambda view: {"": next(o["id"] for o in view["options"] if "Peraturan" in o["html"])},
        wrong=lambda view: {"": next(o["id"] for o in view["options"] if "Surat" in o["html"])},
        secrets=["Perda tentang APBD"],
        malformed=[("## Rusak {tipe=pilihan}\nPilih.\n\n- ( ) A\n- ( ) B\n", 1, "Q-NO-CORRECT")],
    ),
    "angka": QuestionCase(
        "## Sisa pagu {tipe=angka}\nPagu 1.000.000, realisasi 750.000. Sisa?\n\n= 250000\n",
        right={"": "250.000"},
        wrong={"": "100.000"},
        secrets=["250000"],
        malformed=[("## Rusak {tipe=angka}\nBerapa?\n\n= dua\n", 4, "Q-NOT-A-NUMBER")],
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
