"""The decision rules' codes in plain Indonesian (the pure core speaks in codes)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from bangkom.evaluation import rules
from bangkom.evaluation.models import Decision


def rule_text(code: str, thresholds: rules.Thresholds) -> str:
    values = {
        "pairs": thresholds.min_pairs,
        "answers": thresholds.min_reaction_answers,
        "good": f"{thresholds.good_reaction:.1f}".replace(".", ","),
        "trainer": f"{thresholds.trainer_threshold:.1f}".replace(".", ","),
    }
    texts = {
        rules.INSUFFICIENT_LEARNING: _(
            "Bukti belum cukup: kurang dari %(pairs)d pasangan nilai pre-test dan post-test."
        ),
        rules.INSUFFICIENT_REACTION: _(
            "Bukti belum cukup: kurang dari %(answers)d jawaban evaluasi reaksi."
        ),
        rules.SIGNIFICANT_DECREASE: _(
            "Nilai post-test turun signifikan dibanding pre-test: hentikan program."
        ),
        rules.TRAINER_BELOW_THRESHOLD: _(
            "Nilai rata-rata pengajar di bawah %(trainer)s: ganti pengajar."
        ),
        rules.EFFECTIVE: _(
            "Peningkatan signifikan dengan gain sedang atau tinggi dan indeks reaksi minimal "
            "%(good)s: lanjutkan."
        ),
        rules.LOW_GAIN_MATERIAL: _(
            "Gain rendah dan materi atau relevansinya dinilai di bawah %(good)s: sesuaikan materi."
        ),
        rules.LOW_GAIN_METHOD: _("Gain rendah padahal materi dinilai baik: sesuaikan metode."),
        rules.GAIN_NOT_CONFIRMED: _(
            "Gain sedang atau tinggi, tetapi belum signifikan atau reaksi di bawah %(good)s: "
            "sesuaikan metode."
        ),
    }
    return texts[code] % values


def decision_label(code: str | None) -> str:
    if not code:
        return _("Belum ada saran")
    return str(Decision(code).label)
