"""Display helpers of the needs pages: a weight factor's evidence as readable rows."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import date_format, number_format
from django.utils.translation import pgettext, pgettext_lazy

register = template.Library()

# Evidence keys written in English by the survey factors, and the few Indonesian ones that read
# better with a label of their own; any other key is shown with its underscores as spaces.
LABELS = {
    "survey_title": pgettext_lazy("bukti", "survei"),
    "respondents": pgettext_lazy("bukti", "responden"),
    "level": pgettext_lazy("bukti", "tingkat"),
    "rule": pgettext_lazy("bukti", "aturan"),
    "reasons": pgettext_lazy("bukti", "alasan"),
    "kind": pgettext_lazy("bukti", "jenis"),
    "task": pgettext_lazy("bukti", "tugas"),
    "topic": pgettext_lazy("bukti", "topik"),
    "mean": pgettext_lazy("bukti", "rerata"),
    "answers": pgettext_lazy("bukti", "jawaban"),
    "chosen_by": pgettext_lazy("bukti", "dipilih oleh"),
    "distribution": pgettext_lazy("bukti", "sebaran"),
    "factor": pgettext_lazy("bukti", "faktor"),
    "confidence_threshold": pgettext_lazy("bukti", "ambang kepercayaan diri"),
    "very_low_threshold": pgettext_lazy("bukti", "ambang sangat rendah"),
    "min_answers": pgettext_lazy("bukti", "jawaban minimal"),
    "topic_share_percent": pgettext_lazy("bukti", "ambang pemilih topik (%)"),
    "nrr": pgettext_lazy("bukti", "NRR per unsur"),
    "ikm_konversi": pgettext_lazy("bukti", "IKM (konversi)"),
    "ambang_nrr": pgettext_lazy("bukti", "ambang NRR"),
    # A discussion note's (FGD) factors
    "participants": pgettext_lazy("bukti", "jumlah peserta"),
    "participant_description": pgettext_lazy("bukti", "keterangan peserta"),
    "conclusions": pgettext_lazy("bukti", "kesimpulan"),
    "attachments": pgettext_lazy("bukti", "lampiran"),
    "teks": pgettext_lazy("bukti", "isi"),
}
# Internal references that mean nothing to a reader (the survey's id; its title is shown).
HIDDEN = frozenset({"survey", "discussion"})
# Decimals stored as strings ("2.50"), shown with the active language's separator.
DECIMAL = re.compile(r"-?\d+\.\d+")
# Dates stored in ISO form ("2026-03-14"), shown as "14 Maret 2026".
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _label(key: str) -> str:
    return str(LABELS.get(key, key.replace("_", " ")))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return pgettext("bukti", "ya") if value else pgettext("bukti", "tidak")
    if isinstance(value, float):
        return number_format(value, decimal_pos=None if value != int(value) else 0, use_l10n=True)
    if isinstance(value, int):
        return number_format(value, use_l10n=True, force_grouping=value >= 10_000)
    if isinstance(value, dict):
        return ", ".join(
            f"{_label(str(k))}: " + (f"({_text(v)})" if isinstance(v, dict) else _text(v))
            for k, v in value.items()
        )
    if isinstance(value, list | tuple):
        return "; ".join(_text(item) for item in value)
    if isinstance(value, str) and DECIMAL.fullmatch(value):
        return number_format(Decimal(value), use_l10n=True)
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return date_format(datetime.date.fromisoformat(value), "j F Y")
        except ValueError:
            return value
    return str(value)


@register.filter
def evidence_rows(evidence: Any) -> list[tuple[str, str]]:
    """``{"periode_kini": 71163, "rule": {"min_answers": 3}}`` → ``[("periode kini", "71.163"),
    ("aturan", "jawaban minimal: 3")]``: labels without underscores, numbers in the active
    language's format, nested values flattened into one line each."""
    if not isinstance(evidence, dict):
        return []
    return [(_label(str(k)), _text(v)) for k, v in evidence.items() if k not in HIDDEN]
