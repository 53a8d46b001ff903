"""Indonesian wording of findings and input errors (bangkom/evaluation/interpretation.py)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bangkom.evaluation.interpretation import (
    Findings,
    describe,
    effect_text,
    gain_text,
    input_error_text,
    verdict_text,
)
from bangkom.evaluation.statistics import report as codes
from bangkom.evaluation.statistics import scores
from bangkom.evaluation.statistics.report import Interpretation, build_report
from bangkom.evaluation.statistics.scores import InputError, Pair


def test_verdicts_in_plain_indonesian() -> None:
    significant = Interpretation(codes.TEST_SIGNIFICANT_INCREASE, "high", codes.EFFECT_LARGE)
    assert verdict_text(significant) == "peningkatan signifikan"
    assert gain_text(significant) == "gain tinggi (g ≥ 0,7)"
    assert effect_text(significant) == "ukuran efek besar (r ≥ 0,5)"
    few = Interpretation(codes.TEST_TOO_FEW_PAIRS, "low", None)
    assert verdict_text(few) == "belum dapat disimpulkan: kurang dari 6 pasangan"
    assert effect_text(few) is None


@pytest.mark.parametrize(
    "test",
    [
        codes.TEST_SIGNIFICANT_INCREASE,
        codes.TEST_SIGNIFICANT_DECREASE,
        codes.TEST_NOT_SIGNIFICANT,
        codes.TEST_DIRECTION_UNCLEAR,
        codes.TEST_TOO_FEW_PAIRS,
        codes.TEST_NO_CHANGE,
    ],
)
def test_every_test_code_has_a_sentence(test: str) -> None:
    assert verdict_text(Interpretation(test, "low", None))


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (
            InputError(4, "pre", scores.OUT_OF_RANGE, "120", "B"),
            "Baris 4, kolom pre (B): nilai 120 di luar rentang 0 sampai 100",
        ),
        (
            InputError(3, "nip", scores.REPEATED_NIP, "2", "A"),
            "Baris 3, kolom nip (A): NIP ini sudah ada di baris 2; satu peserta satu baris",
        ),
        (
            InputError(1, "post", scores.MISSING_COLUMN),
            "Baris judul (baris 1): kolom post tidak ditemukan di baris judul; baris judul "
            "harus memuat kolom nip, pre dan post",
        ),
        (
            InputError(5, "post", scores.NOT_A_NUMBER, "lulus", "D"),
            "Baris 5, kolom post (D): 'lulus' bukan angka; isi nilai 0 sampai 100, atau "
            "kosongkan bila tes tidak diikuti",
        ),
        (
            InputError(6, None, scores.EXTRA_FIELDS, "", "D"),
            "Baris 6, kolom D: baris ini berisi lebih banyak sel daripada baris judul; bila "
            "nilai memakai koma desimal, simpan berkas dengan pemisah titik koma (;)",
        ),
        (
            InputError(None, None, scores.EMPTY_FILE),
            "berkas kosong; baris pertama harus berisi judul kolom nip, pre dan post",
        ),
    ],
)
def test_input_errors_name_row_and_column(error: InputError, text: str) -> None:
    assert input_error_text(error, max_score="100") == text


@pytest.mark.parametrize(
    "code",
    [
        scores.EMPTY_FILE,
        scores.NOT_CSV,
        scores.MISSING_COLUMN,
        scores.REPEATED_COLUMN,
        scores.MISSING_NIP,
        scores.REPEATED_NIP,
        scores.NOT_A_NUMBER,
        scores.OUT_OF_RANGE,
        scores.EXTRA_FIELDS,
    ],
)
def test_every_error_code_has_a_sentence(code: str) -> None:
    assert input_error_text(InputError(2, "pre", code, "x", "B"), max_score="100")


def test_describe_a_report() -> None:
    report = build_report(
        [Pair(str(i), Fraction(40), Fraction(90 + i)) for i in range(3)], max_score=100
    )
    assert describe(report) == Findings(
        "belum dapat disimpulkan: kurang dari 6 pasangan", "gain tinggi (g ≥ 0,7)", None
    )
