"""Forms of the enrolment, attendance and action plan pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bangkom.delivery.models import BATCH_CAPACITY_MAX, AttendanceStatus

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


class EnrolmentSettingsForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Kapasitas"),
        required=False,
        min_value=1,
        max_value=BATCH_CAPACITY_MAX,
        help_text=_("Kosong: kapasitas tempat terkecil yang boleh dipakai, atau peserta maksimum."),
    )
    open_enrolment = forms.BooleanField(
        label=_("Buka pendaftaran mandiri (mis. e-learning)"), required=False
    )


class RosterForm(forms.Form):
    """One status per enrolment: field ``e<enrolment id>``."""

    def __init__(self, *args: object, enrolments: list[object], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for enrolment in enrolments:
            self.fields[f"e{enrolment.pk}"] = forms.ChoiceField(  # type: ignore[attr-defined]
                label=str(enrolment.employee.display_name),  # type: ignore[attr-defined]
                choices=[("", "—"), *AttendanceStatus.choices],
                required=False,
            )


class ActionPlanForm(forms.Form):
    plan = forms.CharField(
        label=_("Apa yang akan Anda terapkan di tempat kerja"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
    )
    due_date = forms.DateField(label=_("Target selesai"), widget=DATE_WIDGET)
