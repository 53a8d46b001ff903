"""Forms of the assessment pages. They only parse input; the services decide.

The self-assessment card page and the supervisor grid have one field per competency (and per
subordinate); they are read by :func:`posted_levels` and :func:`posted_grid` and checked by the
services, whose messages name the competency and the employee."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bangkom.assessments.combination import DEFAULT_ORDER
from bangkom.assessments.models import SHORTFALL_PREDIKAT, AssessmentSource, SkpPredikat
from bangkom.competencies.models import Competency
from bangkom.core.forms import set_choices
from bangkom.organisation.models import Instansi

LEVEL_CHOICES = [(str(n), str(n)) for n in range(1, 6)]
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InstansiChoiceMixin(forms.Form):
    """The instansi the acting user administers; hidden when there is only one."""

    instansi = forms.ModelChoiceField(
        queryset=Instansi.objects.none(), label=gettext_lazy("Instansi")
    )

    def __init__(self, *args: Any, instansi_qs: QuerySet[Instansi], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "instansi", instansi_qs)
        only = list(instansi_qs[:2])
        if len(only) == 1:
            self.fields["instansi"].initial = only[0].pk
            self.fields["instansi"].widget = forms.HiddenInput()


class RoundForm(InstansiChoiceMixin):
    nama = forms.CharField(
        label=gettext_lazy("Nama periode"),
        max_length=150,
        help_text=gettext_lazy("Misalnya: Penilaian Kompetensi 2026."),
    )
    tahun = forms.IntegerField(label=gettext_lazy("Tahun"), min_value=2000, max_value=2100)
    opens_on = forms.DateField(label=gettext_lazy("Dibuka mulai"), widget=DATE_WIDGET)
    closes_on = forms.DateField(label=gettext_lazy("Ditutup pada"), widget=DATE_WIDGET)


class CalibrationForm(forms.Form):
    level = forms.ChoiceField(label=gettext_lazy("Level kalibrasi"), choices=LEVEL_CHOICES)
    reason = forms.CharField(
        label=gettext_lazy("Alasan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Misalnya: hasil diskusi dengan atasan dan bukti kinerja."),
    )


SOURCE_CHOICES = [("", gettext_lazy("— tidak dipakai —")), *AssessmentSource.choices]


class RulesForm(forms.Form):
    """The instansi's combination rule and SKP shortfall factors."""

    ac_max_age_months = forms.IntegerField(
        label=gettext_lazy("Hasil assessment center dipakai bila tidak lebih tua dari (bulan)"),
        required=False,
        min_value=1,
        max_value=240,
        help_text=gettext_lazy("Kosongkan agar hasil assessment center selalu dipakai."),
    )
    threshold = forms.IntegerField(
        label=gettext_lazy("Selisih mandiri–atasan yang perlu kalibrasi (level)"),
        min_value=1,
        max_value=4,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index in range(1, len(DEFAULT_ORDER) + 1):
            self.fields[f"prioritas_{index}"] = forms.ChoiceField(
                label=_("Prioritas %d") % index, choices=SOURCE_CHOICES, required=index == 1
            )
        for predikat in SHORTFALL_PREDIKAT:
            self.fields[f"faktor_{predikat}"] = forms.DecimalField(
                label=_("Faktor bobot untuk SKP “%s”") % SkpPredikat(predikat).label,
                min_value=1,
                max_value=10,
                decimal_places=3,
                max_digits=6,
            )
        self.order_fields(
            [f"prioritas_{i}" for i in range(1, len(DEFAULT_ORDER) + 1)]
            + ["ac_max_age_months", "threshold"]
        )

    def order_values(self) -> list[str]:
        return [
            self.cleaned_data[f"prioritas_{i}"]
            for i in range(1, len(DEFAULT_ORDER) + 1)
            if self.cleaned_data.get(f"prioritas_{i}")
        ]

    def factor_values(self) -> dict[str, Any]:
        return {p: self.cleaned_data[f"faktor_{p}"] for p in SHORTFALL_PREDIKAT}


class CompetencyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.kode} {obj.nama}"


class ShortfallLinkForm(forms.Form):
    competencies = CompetencyChoiceField(
        queryset=Competency.objects.none(),
        label=gettext_lazy("Kompetensi penyebab"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Kosongkan semua untuk melepas kaitan."),
    )
    note = forms.CharField(
        label=gettext_lazy("Analisis atasan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Mengapa kompetensi ini menyebabkan kinerja belum tercapai."),
    )

    def __init__(self, *args: Any, competencies: QuerySet[Competency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "competencies", competencies)


class ImportForm(InstansiChoiceMixin):
    berkas = forms.FileField(label=gettext_lazy("Berkas"))
    uji_coba = forms.BooleanField(
        required=False, label=gettext_lazy("Uji coba saja: periksa berkas tanpa menyimpan")
    )
    suffixes = (".csv", ".xlsx", ".xlsm")

    def clean_berkas(self) -> Any:
        upload = self.cleaned_data["berkas"]
        if PurePath(upload.name or "").suffix.lower() not in self.suffixes:
            raise forms.ValidationError(_("Pilih berkas %s.") % _(" atau ").join(self.suffixes))
        if upload.size > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise forms.ValidationError(
                _("Berkas terlalu besar; paling besar %d MB.")
                % (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024))
            )
        return upload


# ----------------------------------------------------------------------------- dynamic fields


def level_field(competency_id: int) -> str:
    return f"level_{competency_id}"


def note_field(competency_id: int) -> str:
    return f"catatan_{competency_id}"


def posted_levels(data: QueryDict, competency_ids: list[int]) -> dict[int, tuple[str, str]]:
    """The self-assessment cards that were answered: competency id → (level as posted, note)."""
    answered = {}
    for competency_id in competency_ids:
        level = (data.get(level_field(competency_id)) or "").strip()
        if level:
            answered[competency_id] = (level, data.get(note_field(competency_id), ""))
    return answered


_GRID_KEY = re.compile(r"^r_(\d+)_(\d+)$")


def grid_field(employee_id: int, competency_id: int) -> str:
    return f"r_{employee_id}_{competency_id}"


def posted_grid(data: QueryDict) -> dict[tuple[int, int], str]:
    """The filled cells of the supervisor grid: (employee id, competency id) → level as posted.
    Blank cells are not ratings (a rating is never deleted from the grid)."""
    cells = {}
    for key in data:
        match = _GRID_KEY.match(key)
        value = (data.get(key) or "").strip()
        if match and value:
            cells[(int(match[1]), int(match[2]))] = value
    return cells
