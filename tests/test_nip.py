"""NIP validation: 18 digits with a real birth date, appointment month, sex and serial."""

from datetime import date

import pytest

from elearn.accounts import NipError, validate_nip

TODAY = date(2026, 11, 23)


def check(nip: str) -> str:
    return validate_nip(nip, today=TODAY)


def test_valid_nip_is_returned_without_spaces():
    assert check("19860926 201505 1 001") == "198609262015051001"


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("19860926201505100", "NIP terdiri atas 18 angka; yang Anda isi 17 angka."),
        ("1986092620150510011", "NIP terdiri atas 18 angka; yang Anda isi 19 angka."),
        ("19860926A015051001", "NIP hanya berisi angka."),
        ("19860231201505 1001", "19860231 bukan tanggal yang ada"),
        ("18800101201505 1001", "ke-8 (18800101) tidak masuk akal"),
        ("198609262015131001", "bulan 13 tidak ada"),
        ("198609262027011001", "(202701) berada di masa depan"),
        ("199001012005011001", "kurang dari 18 tahun setelah tanggal lahir"),
        ("198609262015053001", "1 (laki-laki) atau 2 (perempuan), bukan 3"),
        ("198609262015051000", "tidak boleh 000"),
    ],
)
def test_each_broken_rule_is_explained_in_indonesian(app, nip, message):
    with app.test_request_context():
        with pytest.raises(NipError) as error:
            check(nip)
        assert message.lower() in str(error.value).lower()


def test_explanations_follow_the_english_locale(app):
    with app.test_request_context(headers={"Cookie": "lang=en"}):
        with pytest.raises(NipError, match="A NIP has 18 digits; this one has 3"):
            check("123")
