"""Forms of the organisation pages. They only parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bangkom.core.forms import set_choices
from bangkom.organisation.models import (
    Employee,
    EmployeeKind,
    Instansi,
    Position,
    PositionClass,
    Sex,
    Unit,
    UnitKind,
    Wilayah,
)
from bangkom.organisation.services import normalise_nip


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{'— ' * obj.depth}{obj.nama}"


class InstansiScopedForm(forms.Form):
    """A form whose choices are limited to what the acting user manages."""

    instansi = forms.ModelChoiceField(queryset=Instansi.objects.none(), label=_("Instansi"))

    def __init__(
        self, *args: Any, instansi_qs: QuerySet[Instansi], units: QuerySet[Unit], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        set_choices(self, "instansi", instansi_qs)
        if instansi_qs.count() == 1:
            self.fields["instansi"].initial = instansi_qs.first()
            self.fields["instansi"].widget = forms.HiddenInput()
        self.units = units


class UnitForm(InstansiScopedForm):
    nama = forms.CharField(label=_("Nama unit"), max_length=200)
    jenis = forms.ChoiceField(label=_("Jenis"), choices=UnitKind.choices)
    parent = UnitChoiceField(
        queryset=Unit.objects.none(),
        label=_("Unit induk"),
        required=False,
        help_text=_("Kosongkan untuk OPD (perangkat daerah) tingkat teratas."),
    )
    singkatan = forms.CharField(label=_("Singkatan"), max_length=40, required=False)
    wilayah = forms.CharField(
        label=_("Kode wilayah"),
        max_length=13,
        required=False,
        help_text=_("Kode Kemendagri, misalnya 53.71.01 untuk Kecamatan Alak."),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "parent", self.units)

    def clean_wilayah(self) -> Wilayah | None:
        code = (self.cleaned_data.get("wilayah") or "").strip()
        if not code:
            return None
        wilayah = Wilayah.objects.filter(kode=code).first()
        if wilayah is None:
            raise forms.ValidationError(
                _("Kode wilayah %s tidak ada dalam daftar Kemendagri.") % code
            )
        return wilayah

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parent, instansi = data.get("parent"), data.get("instansi")
        if parent is not None and instansi is not None and parent.instansi_id != instansi.pk:
            self.add_error("parent", _("Unit induk harus dari instansi yang sama."))
        return data


class PositionForm(InstansiScopedForm):
    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("Unit kerja"))
    nama = forms.CharField(label=_("Nama jabatan"), max_length=200)
    kelas = forms.ChoiceField(label=_("Kelas jabatan"), choices=PositionClass.choices)
    ikhtisar = forms.CharField(
        label=_("Ikhtisar jabatan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "unit", self.units)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        unit, instansi = data.get("unit"), data.get("instansi")
        if unit is not None and instansi is not None and unit.instansi_id != instansi.pk:
            self.add_error("unit", _("Unit kerja harus dari instansi yang sama."))
        return data


LEVEL_CHOICES = [(i, str(i)) for i in range(1, 6)]


class DutyForm(forms.Form):
    urutan = forms.IntegerField(label=_("Urutan"), min_value=1, max_value=999, required=False)
    uraian = forms.CharField(label=_("Uraian tugas"), widget=forms.Textarea(attrs={"rows": 3}))
    kompetensi = forms.CharField(
        label=_("Kompetensi yang dibutuhkan"),
        required=False,
        help_text=_(
            "Kode dan level dipisah titik dua, antarbaris atau titik koma; misalnya “M.3:2; T.4:3”."
        ),
    )

    def __init__(self, *args: Any, competencies: QuerySet[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.competencies = competencies

    def clean_kompetensi(self) -> list[tuple[Any, int]]:
        raw = self.cleaned_data.get("kompetensi") or ""
        by_code = {c.kode.upper(): c for c in self.competencies}
        links: list[tuple[Any, int]] = []
        errors: list[str] = []
        for part in [p.strip() for p in raw.replace("\n", ";").split(";") if p.strip()]:
            code, _sep, level = part.partition(":")
            competency = by_code.get(code.strip().upper())
            if competency is None:
                errors.append(str(_("Kode kompetensi %s tidak dikenal.") % code.strip()))
                continue
            if not level.strip().isdigit() or not 1 <= int(level) <= 5:
                errors.append(str(_("Level untuk %s harus angka 1 sampai 5.") % competency.kode))
                continue
            links.append((competency, int(level)))
        if errors:
            raise forms.ValidationError(errors)
        return links


class EmployeeForm(forms.Form):
    instansi = forms.ModelChoiceField(queryset=Instansi.objects.none(), label=_("Instansi"))
    nip = forms.CharField(
        label=_("NIP"),
        max_length=30,
        help_text=_("18 digit; spasi boleh, misalnya 19860926 201505 1 001."),
    )
    jenis = forms.ChoiceField(label=_("Jenis pegawai"), choices=EmployeeKind.choices)
    gelar_depan = forms.CharField(label=_("Gelar depan"), max_length=40, required=False)
    nama = forms.CharField(label=_("Nama"), max_length=150)
    gelar_belakang = forms.CharField(label=_("Gelar belakang"), max_length=60, required=False)
    tanggal_lahir = forms.DateField(
        label=_("Tanggal lahir (PPPK)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Untuk PNS diambil dari NIP."),
    )
    jenis_kelamin = forms.ChoiceField(
        label=_("Jenis kelamin (PPPK)"), required=False, choices=[("", "—"), *Sex.choices]
    )
    golongan = forms.CharField(
        label=_("Golongan/ruang"),
        max_length=30,
        required=False,
        help_text=_("Misalnya III/a atau Penata Muda; PPPK: I sampai XVII."),
    )
    pendidikan_tingkat = forms.CharField(
        label=_("Tingkat pendidikan"), max_length=40, required=False
    )
    pendidikan_nama = forms.CharField(label=_("Pendidikan"), max_length=150, required=False)
    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("Unit kerja"), required=False)
    position = forms.ModelChoiceField(
        queryset=Position.objects.none(), label=_("Jabatan"), required=False
    )
    supervisor_nip = forms.CharField(label=_("NIP atasan langsung"), max_length=30, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Nomor HP"), max_length=20, required=False)
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)

    def __init__(
        self,
        *args: Any,
        instansi_qs: QuerySet[Instansi],
        units: QuerySet[Unit],
        positions: QuerySet[Position],
        employees: QuerySet[Employee],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        set_choices(self, "instansi", instansi_qs)
        if instansi_qs.count() == 1:
            self.fields["instansi"].initial = instansi_qs.first()
            self.fields["instansi"].widget = forms.HiddenInput()
        set_choices(self, "unit", units)
        set_choices(self, "position", positions)
        self.employees = employees

    def clean_golongan(self) -> str:
        from bangkom.lib.golongan import GolonganError, parse_golongan

        raw = (self.cleaned_data.get("golongan") or "").strip()
        if not raw:
            return ""
        try:
            return parse_golongan(raw, jenis=self.data.get("jenis") or EmployeeKind.PNS)
        except GolonganError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_supervisor_nip(self) -> Employee | None:
        nip = normalise_nip(self.cleaned_data.get("supervisor_nip") or "")
        if not nip:
            return None
        supervisor = self.employees.filter(nip=nip).first()
        if supervisor is None:
            raise forms.ValidationError(
                _("Tidak ada pegawai ber-NIP %s yang dapat Anda pilih.") % nip
            )
        return supervisor
