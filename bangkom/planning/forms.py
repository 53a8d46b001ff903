"""Forms of the catalogue and plan pages. Rules live in the services; forms parse input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bangkom.competencies.models import Competency
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.organisation.models import PositionClass, Unit
from bangkom.planning.bounds import (
    PLAN_BOUNDS,
    PROGRAM_BOUNDS,
    RULE_BOUNDS,
    TEMPLATE_BOUNDS,
    field_limits,
)
from bangkom.planning.models import (
    DeliveryMode,
    DevelopmentForm,
    FormCategory,
    JpUnit,
    ProgramTemplate,
)


class FormRuleForm(forms.Form):
    nama = forms.CharField(label=gettext_lazy("Nama bentuk"), max_length=120)
    kategori = forms.ChoiceField(label=gettext_lazy("Kategori"), choices=FormCategory.choices)
    jp_unit = forms.ChoiceField(label=gettext_lazy("Satuan JP"), choices=JpUnit.choices)
    jp_per_unit = forms.DecimalField(
        label=gettext_lazy("JP per satuan"),
        decimal_places=2,
        **field_limits(RULE_BOUNDS["jp_per_unit"]),
    )
    max_units_per_month = forms.IntegerField(
        label=gettext_lazy("Paling banyak satuan per bulan"),
        required=False,
        **field_limits(RULE_BOUNDS["max_units_per_month"]),
    )
    max_jp_per_day = forms.DecimalField(
        label=gettext_lazy("Paling banyak JP per hari"),
        decimal_places=2,
        required=False,
        **field_limits(RULE_BOUNDS["max_jp_per_day"]),
    )
    catatan = forms.CharField(label=gettext_lazy("Catatan/acuan"), max_length=255, required=False)


def parse_competency_gains(text: str, competencies: QuerySet[Competency]) -> list[tuple[Any, int]]:
    """``M.3:1; T.4:2`` → [(competency, gain)], raising ``ValidationError`` with every problem."""
    pairs: list[tuple[Any, int]] = []
    errors: list[str] = []
    by_code = {c.kode.upper(): c for c in competencies}
    for part in [p.strip() for p in text.replace(",", ";").split(";") if p.strip()]:
        code, _sep, gain_text = part.partition(":")
        code = code.strip().upper()
        gain_text = gain_text.strip() or "1"
        competency = by_code.get(code)
        if competency is None:
            errors.append(_("Kode kompetensi %s tidak dikenal.") % code)
            continue
        if not gain_text.isdigit() or not 1 <= int(gain_text) <= 4:
            errors.append(_("Kenaikan level untuk %s harus angka 1–4.") % code)
            continue
        if any(c.pk == competency.pk for c, _g in pairs):
            errors.append(_("Kode %s ditulis dua kali.") % code)
            continue
        pairs.append((competency, int(gain_text)))
    if errors:
        raise forms.ValidationError(errors)
    return pairs


class TemplateForm(forms.Form):
    kode = forms.CharField(label=gettext_lazy("Kode"), max_length=30)
    judul = forms.CharField(label=gettext_lazy("Judul program"), max_length=200)
    bentuk = forms.ModelChoiceField(
        label=gettext_lazy("Bentuk pengembangan"), queryset=DevelopmentForm.objects.none()
    )
    kompetensi = forms.CharField(
        label=gettext_lazy("Kompetensi dan kenaikan level"),
        help_text=gettext_lazy("Kode:kenaikan dipisah titik koma, misalnya M.3:1; T.4:2."),
    )
    jumlah_satuan = forms.DecimalField(
        label=gettext_lazy("Durasi (jumlah satuan bentuknya)"),
        decimal_places=2,
        **field_limits(TEMPLATE_BOUNDS["jumlah_satuan"]),
    )
    hari_belajar = forms.IntegerField(
        label=gettext_lazy("Hari belajar"),
        initial=1,
        **field_limits(TEMPLATE_BOUNDS["hari_belajar"]),
    )
    bulan = forms.IntegerField(
        label=gettext_lazy("Lama (bulan)"), initial=1, **field_limits(TEMPLATE_BOUNDS["bulan"])
    )
    jp_override = forms.DecimalField(
        label=gettext_lazy("JP ditetapkan manual"),
        required=False,
        decimal_places=2,
        **field_limits(TEMPLATE_BOUNDS["jp_override"]),
        help_text=gettext_lazy("Kosongkan agar JP dihitung dari tabel konversi."),
    )
    jp_override_reason = forms.CharField(
        label=gettext_lazy("Alasan JP manual"), max_length=255, required=False
    )
    hari_tinggal_kerja = forms.IntegerField(
        label=gettext_lazy("Hari meninggalkan pekerjaan"),
        **field_limits(TEMPLATE_BOUNDS["hari_tinggal_kerja"]),
    )
    mode = forms.ChoiceField(label=gettext_lazy("Moda"), choices=DeliveryMode.choices)
    min_peserta = forms.IntegerField(
        label=gettext_lazy("Peserta minimum"), **field_limits(TEMPLATE_BOUNDS["min_peserta"])
    )
    max_peserta = forms.IntegerField(
        label=gettext_lazy("Peserta maksimum"), **field_limits(TEMPLATE_BOUNDS["max_peserta"])
    )
    biaya_tetap = forms.IntegerField(
        label=gettext_lazy("Biaya tetap per angkatan (Rp)"),
        **field_limits(TEMPLATE_BOUNDS["biaya_tetap"]),
    )
    biaya_per_peserta = forms.IntegerField(
        label=gettext_lazy("Biaya per peserta (Rp)"),
        **field_limits(TEMPLATE_BOUNDS["biaya_per_peserta"]),
    )
    kelas_jabatan = forms.MultipleChoiceField(
        label=gettext_lazy("Kelas jabatan sasaran"),
        choices=PositionClass.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Kosong = semua kelas jabatan."),
    )
    units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Unit sasaran"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=gettext_lazy("Kosong = semua unit."),
    )
    penyelenggara = forms.CharField(
        label=gettext_lazy("Penyelenggara/mitra"), max_length=200, required=False
    )
    prasyarat = forms.CharField(
        label=gettext_lazy("Prasyarat"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    catatan_kurikulum = forms.CharField(
        label=gettext_lazy("Catatan kurikulum"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        forms_qs: QuerySet[DevelopmentForm],
        units_qs: QuerySet[Unit],
        competencies_qs: QuerySet[Competency],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bentuk"].queryset = forms_qs  # type: ignore[attr-defined]
        self.fields["units"].queryset = units_qs  # type: ignore[attr-defined]
        self.competencies_qs = competencies_qs

    def clean_kompetensi(self) -> list[tuple[Any, int]]:
        return parse_competency_gains(self.cleaned_data["kompetensi"], self.competencies_qs)

    @staticmethod
    def initial_from(template: ProgramTemplate) -> dict[str, Any]:
        return {
            "kode": template.kode,
            "judul": template.judul,
            "bentuk": template.bentuk_id,
            "kompetensi": "; ".join(
                f"{pc.competency.kode}:{pc.gain}" for pc in template.competencies.all()
            ),
            "jumlah_satuan": template.jumlah_satuan,
            "hari_belajar": template.hari_belajar,
            "bulan": template.bulan,
            "jp_override": template.jp_override,
            "jp_override_reason": template.jp_override_reason,
            "hari_tinggal_kerja": template.hari_tinggal_kerja,
            "mode": template.mode,
            "min_peserta": template.min_peserta,
            "max_peserta": template.max_peserta,
            "biaya_tetap": template.biaya_tetap,
            "biaya_per_peserta": template.biaya_per_peserta,
            "kelas_jabatan": template.kelas_jabatan,
            "units": list(template.units.all()),
            "penyelenggara": template.penyelenggara,
            "prasyarat": template.prasyarat,
            "catatan_kurikulum": template.catatan_kurikulum,
        }


class CatalogueImportForm(forms.Form):
    berkas = forms.FileField(label=gettext_lazy("Berkas .xlsx"))
    uji_coba = forms.BooleanField(
        required=False, label=gettext_lazy("Uji coba saja: periksa berkas tanpa menyimpan")
    )


class VersionedForm(forms.Form):
    """Carries the plan version the user saw (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PlanCreateForm(forms.Form):
    tahun = forms.IntegerField(
        label=gettext_lazy("Tahun rencana"), **field_limits(PLAN_BOUNDS["tahun"])
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Lingkup"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=gettext_lazy("Seluruh instansi"),
        help_text=gettext_lazy("Pilih OPD atau kecamatan untuk sub-rencana."),
    )
    judul = forms.CharField(label=gettext_lazy("Judul"), max_length=200)
    pagu = forms.IntegerField(
        label=gettext_lazy("Pagu anggaran (Rp)"), **field_limits(PLAN_BOUNDS["pagu"])
    )
    jp_target = forms.IntegerField(
        label=gettext_lazy("Target JP per ASN"),
        initial=20,
        **field_limits(PLAN_BOUNDS["jp_target"]),
    )
    max_hari = forms.IntegerField(
        label=gettext_lazy("Paling lama meninggalkan pekerjaan (hari per ASN)"),
        initial=10,
        **field_limits(PLAN_BOUNDS["max_hari"]),
    )
    max_jp_per_asn = forms.IntegerField(
        label=gettext_lazy("Batas JP per ASN dari rencana ini"),
        required=False,
        initial=40,
        help_text=gettext_lazy(
            "Kosongkan bila tanpa batas. Mencegah satu ASN menerima jauh melebihi target JP."
        ),
        **field_limits(PLAN_BOUNDS["max_jp_per_asn"]),
    )
    max_program_per_asn = forms.IntegerField(
        label=gettext_lazy("Batas program per ASN dari rencana ini"),
        required=False,
        initial=3,
        help_text=gettext_lazy("Kosongkan bila tanpa batas."),
        **field_limits(PLAN_BOUNDS["max_program_per_asn"]),
    )

    def __init__(self, *args: Any, units_qs: QuerySet[Unit], allow_whole: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = units_qs  # type: ignore[attr-defined]
        field.required = not allow_whole


class PlanEditForm(VersionedForm):
    judul = forms.CharField(label=gettext_lazy("Judul"), max_length=200)
    pagu = forms.IntegerField(
        label=gettext_lazy("Pagu anggaran (Rp)"), **field_limits(PLAN_BOUNDS["pagu"])
    )
    jp_target = forms.IntegerField(
        label=gettext_lazy("Target JP per ASN"), **field_limits(PLAN_BOUNDS["jp_target"])
    )
    jp_bonus = forms.DecimalField(
        label=gettext_lazy("Bobot pemenuhan target JP"),
        decimal_places=2,
        **field_limits(PLAN_BOUNDS["jp_bonus"]),
    )
    max_hari = forms.IntegerField(
        label=gettext_lazy("Paling lama meninggalkan pekerjaan (hari per ASN)"),
        **field_limits(PLAN_BOUNDS["max_hari"]),
    )
    max_jp_per_asn = forms.IntegerField(
        label=gettext_lazy("Batas JP per ASN dari rencana ini"),
        required=False,
        help_text=gettext_lazy(
            "Kosongkan bila tanpa batas. Mencegah satu ASN menerima jauh melebihi target JP."
        ),
        **field_limits(PLAN_BOUNDS["max_jp_per_asn"]),
    )
    max_program_per_asn = forms.IntegerField(
        label=gettext_lazy("Batas program per ASN dari rencana ini"),
        required=False,
        help_text=gettext_lazy("Kosongkan bila tanpa batas."),
        **field_limits(PLAN_BOUNDS["max_program_per_asn"]),
    )


class PlanProgramForm(VersionedForm):
    template = forms.ModelChoiceField(
        label=gettext_lazy("Program dari katalog"), queryset=ProgramTemplate.objects.none()
    )
    max_angkatan = forms.IntegerField(
        label=gettext_lazy("Paling banyak angkatan"),
        initial=4,
        **field_limits(PROGRAM_BOUNDS["max_angkatan"]),
    )
    min_angkatan = forms.IntegerField(
        label=gettext_lazy("Paling sedikit angkatan"),
        initial=0,
        required=False,
        help_text=gettext_lazy(
            "Angkatan yang wajib berjalan; 0 = diserahkan ke optimasi. Agar program tidak "
            "berjalan sama sekali, keluarkan dari rencana."
        ),
        **field_limits(PROGRAM_BOUNDS["min_angkatan"]),
    )
    jadwal_bulan = forms.CharField(
        label=gettext_lazy("Jadwal (bulan tiap angkatan)"),
        required=False,
        help_text=gettext_lazy("Nomor bulan dipisah koma, misalnya 3, 7, 10."),
    )
    kesesuaian_kurikulum = forms.CharField(
        label=gettext_lazy("Kesesuaian dengan kurikulum instansi pembina"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, templates_qs: QuerySet[ProgramTemplate], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates_qs  # type: ignore[attr-defined]


PIN_CHOICES = (
    ("ikut", gettext_lazy("Wajib ikut")),
    ("larang", gettext_lazy("Jangan ikutkan")),
    ("lepas", gettext_lazy("Lepas patokan")),
)


class PinForm(VersionedForm):
    nip = forms.CharField(label=gettext_lazy("NIP pegawai"), max_length=18)
    program = forms.IntegerField(label=gettext_lazy("Program"))
    keputusan = forms.ChoiceField(label=gettext_lazy("Keputusan"), choices=PIN_CHOICES)


class SubmitForm(VersionedForm):
    run = forms.IntegerField(widget=forms.HiddenInput)


class ApproveForm(VersionedForm):
    nama = forms.CharField(label=gettext_lazy("Disetujui oleh (nama)"), max_length=150)
    jabatan = forms.CharField(
        label=gettext_lazy("Jabatan"),
        max_length=150,
        help_text=gettext_lazy(
            "PPK (kepala daerah) untuk rencana instansi; kepala BKPSDM untuk sub-rencana."
        ),
    )

    def __init__(self, *args: Any, overlaps: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if overlaps:
            self.fields["konfirmasi"] = forms.BooleanField(
                label=gettext_lazy(
                    "Saya sudah memeriksa penempatan yang tumpang tindih di atas dan tetap "
                    "menyetujui rencana ini."
                ),
                required=False,
            )


class ReturnForm(VersionedForm):
    reason = forms.CharField(
        label=gettext_lazy("Alasan dikembalikan ke draf"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ScenarioForm(forms.Form):
    persen = forms.IntegerField(
        label=gettext_lazy("Perubahan anggaran (%)"),
        min_value=-100,
        max_value=100,
        initial=-20,
        help_text=gettext_lazy("Misalnya −20 untuk anggaran 20% lebih kecil."),
    )


def add_rule_errors(
    form: Any, errors: dict[str, list[str]], names: dict[str, str] | None = None
) -> None:
    """Put a service's rule errors (found on the values that did parse) on the fields the form
    did not refuse already, so every problem of the form shows in one response."""
    names = names or {}
    fresh: dict[str, list[str]] = {}
    for name, messages in errors.items():
        field = names.get(name, name)
        if field not in form.errors:
            fresh.setdefault(field, []).extend(messages)
    if fresh:
        apply_service_errors(form, ServiceError(fresh))
