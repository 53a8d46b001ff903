"""Forms of the delivery pages. They parse input; the rules live in the services, whose
messages land back on the fields (bangkom.core.forms.apply_service_errors)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bangkom.competencies.models import Competency
from bangkom.delivery.models import (
    VENUE_CAPACITY_MAX,
    AgreementKind,
    HolidayKind,
    Partner,
    PartnerType,
    Trainer,
    TrainerKind,
    Venue,
    VenueKind,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATES_HELP = _("Satu tanggal per baris, format TTTT-BB-HH.")


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Nama mitra"), max_length=200)
    type = forms.ChoiceField(label=_("Jenis mitra"), choices=PartnerType.choices)
    contact = forms.CharField(label=_("Kontak"), max_length=200, required=False)
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)


class AgreementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=AgreementKind.choices)
    number = forms.CharField(label=_("Nomor MoU/PKS"), max_length=120)
    scope = forms.CharField(
        label=_("Ruang lingkup"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    valid_from = forms.DateField(label=_("Berlaku mulai"), widget=DATE_WIDGET)
    valid_until = forms.DateField(label=_("Berlaku sampai"), widget=DATE_WIDGET)


class _WithPartner(forms.Form):
    def __init__(self, *args: Any, partners: QuerySet[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners  # type: ignore[attr-defined]


class TrainerForm(_WithPartner):
    name = forms.CharField(label=_("Nama"), max_length=150)
    kind = forms.ChoiceField(label=_("Jenis pengajar"), choices=TrainerKind.choices)
    partner = forms.ModelChoiceField(
        label=_("Mitra"), queryset=Partner.objects.none(), required=False
    )
    competencies = forms.ModelMultipleChoiceField(
        label=_("Kompetensi yang diajarkan"), queryset=Competency.objects.none(), required=False
    )
    unavailable_dates = forms.CharField(
        label=_("Tanggal berhalangan"),
        required=False,
        help_text=DATES_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)

    def __init__(self, *args: Any, competencies: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competencies"].queryset = competencies  # type: ignore[attr-defined]


class VenueForm(_WithPartner):
    name = forms.CharField(label=_("Nama tempat"), max_length=200)
    kind = forms.ChoiceField(label=_("Jenis tempat"), choices=VenueKind.choices)
    partner = forms.ModelChoiceField(
        label=_("Mitra"), queryset=Partner.objects.none(), required=False
    )
    address = forms.CharField(label=_("Alamat"), max_length=255, required=False)
    capacity = forms.IntegerField(
        label=_("Kapasitas (orang)"), min_value=1, max_value=VENUE_CAPACITY_MAX
    )
    facilities = forms.CharField(
        label=_("Fasilitas"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    unavailable_dates = forms.CharField(
        label=_("Tanggal tidak tersedia"),
        required=False,
        help_text=DATES_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)


class HolidayForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=DATE_WIDGET)
    name = forms.CharField(label=_("Keterangan"), max_length=150)
    kind = forms.ChoiceField(label=_("Jenis"), choices=HolidayKind.choices)


class BatchForm(_WithPartner):
    partner = forms.ModelChoiceField(
        label=_("Mitra penyelenggara"), queryset=Partner.objects.none(), required=False
    )
    trainers = forms.ModelMultipleChoiceField(
        label=_("Pengajar"), queryset=Trainer.objects.none(), required=False
    )
    venues = forms.ModelMultipleChoiceField(
        label=_("Tempat yang boleh dipakai"),
        queryset=Venue.objects.none(),
        required=False,
        help_text=_("Kosong: tempat mana pun yang cukup."),
    )
    online = forms.BooleanField(label=_("Daring"), required=False)
    days = forms.IntegerField(label=_("Lama (hari kerja)"), min_value=1, max_value=60)
    earliest = forms.DateField(label=_("Paling awal"), widget=DATE_WIDGET, required=False)
    latest = forms.DateField(label=_("Paling akhir"), widget=DATE_WIDGET, required=False)

    def __init__(
        self, *args: Any, trainers: QuerySet[Trainer], venues: QuerySet[Venue], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = trainers  # type: ignore[attr-defined]
        self.fields["venues"].queryset = venues  # type: ignore[attr-defined]


class SessionMoveForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=DATE_WIDGET)
    venue = forms.ModelChoiceField(label=_("Tempat"), queryset=Venue.objects.none(), required=False)

    def __init__(self, *args: Any, venues: QuerySet[Venue], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = venues  # type: ignore[attr-defined]


class TrainersForm(forms.Form):
    trainers = forms.ModelMultipleChoiceField(
        label=_("Pengajar"), queryset=Trainer.objects.none(), required=False
    )

    def __init__(self, *args: Any, trainers: QuerySet[Trainer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = trainers  # type: ignore[attr-defined]
