"""Forms of the JP pages. They collect input; the services decide what is valid."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bangkom.delivery.models import CERTIFICATE_EXTENSIONS
from bangkom.planning.models import DevelopmentForm


class FormChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.nama} ({obj.get_jp_unit_display()})"


class ClaimForm(forms.Form):
    title = forms.CharField(label=_("Judul kegiatan"), max_length=255, required=False)
    organiser = forms.CharField(label=_("Penyelenggara"), max_length=255, required=False)
    start_date = forms.DateField(
        label=_("Tanggal mulai"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("Tanggal selesai"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    form = FormChoiceField(
        label=_("Bentuk pengembangan"), queryset=DevelopmentForm.objects.none(), required=False
    )
    units = forms.DecimalField(
        label=_("Jumlah satuan"),
        min_value=Decimal(0),
        max_digits=7,
        decimal_places=2,
        required=False,
        help_text=_("Jam, hari, sesi, kegiatan atau semester, menurut satuan JP bentuknya."),
    )
    # Not required here: the service refuses a claim without evidence with its own message.
    certificate = forms.FileField(
        label=_("Sertifikat (PDF, JPG atau PNG, paling besar 5 MB)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in CERTIFICATE_EXTENSIONS)}
        ),
    )

    def __init__(self, *args: Any, forms_qs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["form"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = forms_qs


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[("setujui", _("Setujui")), ("tolak", _("Tolak"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Alasan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib diisi bila klaim ditolak."),
    )
