"""Forms of the certificate pages. They collect input; the services decide what is valid."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class RevokeForm(forms.Form):
    # Not required here: the service refuses an empty reason with its own message.
    reason = forms.CharField(
        label=_("Alasan pencabutan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class BulkIssueForm(forms.Form):
    activity = forms.CharField(widget=forms.HiddenInput, max_length=255)
    date = forms.DateField(widget=forms.HiddenInput)
    source = forms.CharField(widget=forms.HiddenInput, max_length=12)
    signatory_name = forms.CharField(label=_("Nama penanda tangan"), max_length=150, required=False)
    signatory_title = forms.CharField(
        label=_("Jabatan penanda tangan"), max_length=200, required=False
    )


class SiasnMappingForm(forms.Form):
    """One row of three fields per development form: ``<kode>-jenis_diklat_id``,
    ``<kode>-jenis_kursus``, ``<kode>-jenis_kursus_sertipikat``. Bounds are the service's."""

    COLUMNS = ("jenis_diklat_id", "jenis_kursus", "jenis_kursus_sertipikat")

    def __init__(self, *args: Any, rows: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            for column in self.COLUMNS:
                self.fields[f"{row.form_kode}-{column}"] = forms.CharField(
                    required=False,
                    max_length=200,
                    initial=getattr(row.codes, column),
                    label=f"{row.form_name}: {column}",
                )

    def table(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [
            (row, [self[f"{row.form_kode}-{column}"] for column in self.COLUMNS])
            for row in self.rows
        ]


class RecognitionSettingForm(forms.Form):
    siasn_instansi_id = forms.CharField(label=_("ID instansi SIASN"), required=False, max_length=64)
    siasn_lokasi_id = forms.CharField(label=_("ID lokasi SIASN"), required=False, max_length=64)
    leaderboard_public = forms.BooleanField(
        label=_("Papan peringkat unit terbuka untuk publik"), required=False
    )


class AwardSchemeForm(forms.Form):
    """Collects the scheme as typed; the service checks bounds and reports every error."""

    name = forms.CharField(label=_("Nama penghargaan"), max_length=300, required=False)
    year = forms.CharField(label=_("Tahun penilaian"), max_length=10, required=False)
    description = forms.CharField(
        label=_("Keterangan (kriteria dalam kata-kata)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
    )
    min_jp_percent = forms.CharField(
        label=_("Kewajiban JP terpenuhi paling sedikit (% target, 1–500)"),
        max_length=10,
        required=False,
    )
    min_gap_closed_percent = forms.CharField(
        label=_("Kesenjangan berbobot tertutup paling sedikit (%, 0–100)"),
        max_length=10,
        required=False,
    )
    min_gain = forms.CharField(
        label=_("Rata-rata normalised gain paling sedikit (−1 s.d. 1)"),
        max_length=10,
        required=False,
    )
    min_skp = forms.ChoiceField(
        label=_("Predikat SKP paling rendah"),
        required=False,
        choices=[
            ("", _("(tidak dipakai)")),
            ("baik", _("Baik atau lebih")),
            ("sangat_baik", _("Sangat Baik")),
        ],
    )
    signatory_name = forms.CharField(label=_("Nama penanda tangan"), max_length=300, required=False)
    signatory_title = forms.CharField(
        label=_("Jabatan penanda tangan"), max_length=300, required=False
    )


class NominationForm(forms.Form):
    employee = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(
        label=_("Alasan pengusulan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[("setuju", _("Setujui dan terbitkan piagam")), ("tolak", _("Tolak"))],
    )
    reason = forms.CharField(
        label=_("Alasan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
    )
