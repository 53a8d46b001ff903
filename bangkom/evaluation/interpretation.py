"""The learning statistics in plain Indonesian: findings and input errors.

The pure core (:mod:`bangkom.evaluation.statistics`) speaks in codes; this module is the one place
that words them, marked for translation, for the command and the evaluation pages alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from bangkom.evaluation.statistics import report as report_codes
from bangkom.evaluation.statistics import scores
from bangkom.evaluation.statistics.gain import GAIN_HIGH, GAIN_LOW, GAIN_MEDIUM
from bangkom.evaluation.statistics.report import Interpretation, LearningReport, interpret
from bangkom.evaluation.statistics.scores import InputError
from bangkom.evaluation.statistics.wilcoxon import MIN_PAIRS

__all__ = [
    "Findings",
    "describe",
    "effect_text",
    "gain_text",
    "input_error_text",
    "verdict_text",
]


@dataclass(frozen=True)
class Findings:
    """A report's meaning in words, for a page or the console."""

    verdict: str  # "peningkatan signifikan", "belum dapat disimpulkan: kurang dari 6 pasangan", …
    gain: str
    effect: str | None  # None without a Wilcoxon test


def describe(report: LearningReport) -> Findings:
    """What a learning report means, in plain Indonesian."""
    meaning = interpret(report)
    return Findings(verdict_text(meaning), gain_text(meaning), effect_text(meaning))


def verdict_text(interpretation: Interpretation) -> str:
    """The verdict of the Wilcoxon test: "peningkatan signifikan", …"""
    texts = {
        report_codes.TEST_SIGNIFICANT_INCREASE: _("peningkatan signifikan"),
        report_codes.TEST_SIGNIFICANT_DECREASE: _("penurunan signifikan"),
        report_codes.TEST_NOT_SIGNIFICANT: _("perubahan tidak signifikan"),
        report_codes.TEST_DIRECTION_UNCLEAR: _(
            "belum dapat disimpulkan: perubahan signifikan, tetapi rata-rata pre-test dan "
            "post-test sama"
        ),
        report_codes.TEST_TOO_FEW_PAIRS: _(
            "belum dapat disimpulkan: kurang dari %(count)d pasangan"
        )
        % {"count": MIN_PAIRS},
        report_codes.TEST_NO_CHANGE: _(
            "belum dapat disimpulkan: semua nilai post-test sama dengan pre-test"
        ),
    }
    return texts[interpretation.test]


def gain_text(interpretation: Interpretation) -> str:
    """The normalised-gain category in words."""
    texts = {
        GAIN_HIGH: _("gain tinggi (g ≥ 0,7)"),
        GAIN_MEDIUM: _("gain sedang (0,3 ≤ g < 0,7)"),
        GAIN_LOW: _("gain rendah (g < 0,3)"),
        report_codes.GAIN_NO_PAIRS: _("gain tidak dapat dihitung: tidak ada pasangan nilai"),
        report_codes.GAIN_PRE_AT_MAXIMUM: _(
            "gain tidak dapat dihitung: semua peserta sudah mendapat nilai maksimum pada pre-test"
        ),
    }
    return texts[interpretation.gain]


def effect_text(interpretation: Interpretation) -> str | None:
    """The effect size r in words (Cohen's thresholds), None without a test."""
    if interpretation.effect is None:
        return None
    texts = {
        report_codes.EFFECT_LARGE: _("ukuran efek besar (r ≥ 0,5)"),
        report_codes.EFFECT_MEDIUM: _("ukuran efek sedang (0,3 ≤ r < 0,5)"),
        report_codes.EFFECT_SMALL: _("ukuran efek kecil (0,1 ≤ r < 0,3)"),
        report_codes.EFFECT_NEGLIGIBLE: _("ukuran efek sangat kecil (r < 0,1)"),
    }
    return texts[interpretation.effect]


def input_error_text(error: InputError, *, max_score: str = "") -> str:
    """One problem of a score file, naming its row and column: "Baris 4, kolom pre (B): …"."""
    column = error.column or ""
    if error.row is None:
        where = ""
    elif error.code in (scores.MISSING_COLUMN, scores.REPEATED_COLUMN):
        where = _("Baris judul (baris %(row)d): ") % {"row": error.row}
    elif error.letter and column:
        where = _("Baris %(row)d, kolom %(column)s (%(letter)s): ") % {
            "row": error.row,
            "column": column,
            "letter": error.letter,
        }
    elif column:
        where = _("Baris %(row)d, kolom %(column)s: ") % {"row": error.row, "column": column}
    elif error.letter:
        where = _("Baris %(row)d, kolom %(letter)s: ") % {"row": error.row, "letter": error.letter}
    else:
        where = _("Baris %(row)d: ") % {"row": error.row}
    values = {"detail": error.detail, "max": max_score, "column": column}
    texts = {
        scores.EMPTY_FILE: _(
            "berkas kosong; baris pertama harus berisi judul kolom nip, pre dan post"
        ),
        scores.NOT_CSV: _("berkas tidak dapat dibaca sebagai CSV (%(detail)s)"),
        scores.MISSING_COLUMN: _(
            "kolom %(column)s tidak ditemukan di baris judul; baris judul harus memuat kolom "
            "nip, pre dan post"
        ),
        scores.REPEATED_COLUMN: _(
            "kolom %(column)s muncul lebih dari sekali (kolom %(detail)s); sisakan satu"
        ),
        scores.MISSING_NIP: _("NIP kosong, padahal baris ini berisi nilai"),
        scores.REPEATED_NIP: _("NIP ini sudah ada di baris %(detail)s; satu peserta satu baris"),
        scores.NOT_A_NUMBER: _(
            "'%(detail)s' bukan angka; isi nilai 0 sampai %(max)s, atau kosongkan bila tes "
            "tidak diikuti"
        ),
        scores.OUT_OF_RANGE: _("nilai %(detail)s di luar rentang 0 sampai %(max)s"),
        scores.EXTRA_FIELDS: _(
            "baris ini berisi lebih banyak sel daripada baris judul; bila nilai memakai koma "
            "desimal, simpan berkas dengan pemisah titik koma (;)"
        ),
    }
    return where + texts[error.code] % values
