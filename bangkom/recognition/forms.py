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
