"""Forms of the evaluation pages. They only shape input; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bangkom.evaluation.models import REACTION_ITEMS, Decision, ReactionItem

LIKERT_CHOICES = [
    (1, _("1 · Sangat kurang")),
    (2, _("2 · Kurang")),
    (3, _("3 · Cukup")),
    (4, _("4 · Baik")),
    (5, _("5 · Sangat baik")),
]


class ReactionForm(forms.Form):
    """The standard reaction questionnaire: one Likert 1–5 per item and free text."""

    comment = forms.CharField(
        label=_("Saran dan komentar (tidak wajib)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        items = {
            code: forms.TypedChoiceField(
                label=ReactionItem(code).label,
                choices=LIKERT_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Pilih nilai 1 sampai 5.")},
            )
            for code in REACTION_ITEMS
        }
        comment = self.fields.pop("comment")
        self.fields.update(items)
        self.fields["comment"] = comment


class ScoresForm(forms.Form):
    file = forms.FileField(label=_("Berkas nilai (CSV: kolom nip, pre, post)"))
    max_score = forms.CharField(label=_("Nilai maksimum tes"), initial="100", max_length=10)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Keputusan"), choices=Decision.choices)
    reason = forms.CharField(
        label=_("Alasan (wajib bila berbeda dari saran)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Tindak lanjut"), max_length=255)
    owner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Penanggung jawab"), queryset=None
    )
    due_date = forms.DateField(label=_("Tenggat"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan penyelesaian"), widget=forms.Textarea(attrs={"rows": 3})
    )


class BehaviourForm(forms.Form):
    """The supervisor's follow-up: one rating 1–5 per targeted competency and a note."""

    note = forms.CharField(
        label=_("Perubahan yang terlihat dalam pekerjaan (tidak wajib)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, competencies: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        note = self.fields.pop("note")
        for competency in competencies:
            self.fields[f"competency_{competency.pk}"] = forms.TypedChoiceField(
                label=str(competency),
                choices=BEHAVIOUR_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Pilih nilai 1 sampai 5.")},
            )
        self.fields["note"] = note


BEHAVIOUR_CHOICES = [
    (1, _("1 · Belum diterapkan")),
    (2, _("2 · Sedikit diterapkan")),
    (3, _("3 · Cukup diterapkan")),
    (4, _("4 · Diterapkan dengan baik")),
    (5, _("5 · Diterapkan dan ditularkan")),
]
