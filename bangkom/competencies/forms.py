from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bangkom.core.forms import set_choices
from bangkom.organisation.models import Instansi


class TechnicalCompetencyForm(forms.Form):
    instansi = forms.ModelChoiceField(
        queryset=Instansi.objects.none(),
        label=_("Instansi"),
        required=False,
        help_text=_("Kosongkan untuk kompetensi teknis nasional (hanya superadmin nasional)."),
    )
    kode = forms.CharField(label=_("Kode"), max_length=20, help_text=_("Misalnya T.12"))
    nama = forms.CharField(label=_("Nama"), max_length=200)
    sektor = forms.CharField(label=_("Sektor/urusan"), max_length=100, required=False)
    uraian = forms.CharField(
        label=_("Definisi"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    level_1 = forms.CharField(label=_("Level 1"), widget=forms.Textarea(attrs={"rows": 2}))
    level_2 = forms.CharField(label=_("Level 2"), widget=forms.Textarea(attrs={"rows": 2}))
    level_3 = forms.CharField(label=_("Level 3"), widget=forms.Textarea(attrs={"rows": 2}))
    level_4 = forms.CharField(label=_("Level 4"), widget=forms.Textarea(attrs={"rows": 2}))
    level_5 = forms.CharField(label=_("Level 5"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(
        self, *args: Any, instansi_qs: QuerySet[Instansi], allow_national: bool, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        set_choices(self, "instansi", instansi_qs)
        self.fields["instansi"].required = not allow_national
        self.allow_national = allow_national

    def levels(self) -> list[str]:
        return [self.cleaned_data[f"level_{i}"] for i in range(1, 6)]
