"""Forms of the regional pages. They parse input; the services decide."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bangkom.competencies.models import Competency
from bangkom.lib.ikm import WeightConvention
from bangkom.organisation.models import PositionClass, Sex, Unit, Wilayah
from bangkom.organisation.plan_year import current_plan_year
from bangkom.regional.models import (
    IKM_ELEMENT_CHOICES,
    Education,
    Indicator,
    IndicatorKind,
    Occupation,
    Periodicity,
    PlanDocument,
    RuleCondition,
    SpmField,
    StakeholderKind,
)
from bangkom.regional.numbers import parse_number
from bangkom.regional.periods import PeriodError, parse_period
from bangkom.regional.questionnaire import QUESTIONS

# ----------------------------------------------------------------------------- fields


class NumberField(forms.CharField):
    """A number written as Indonesians do (``1.480``, ``22,4``) or with a decimal point."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_number(text)
        except ValueError as err:
            raise forms.ValidationError(_("Nilai %s.") % err) from None


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{'— ' * obj.depth}{obj.nama}"


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{'— ' * obj.depth}{obj.nama}"


class CompetencyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.kode} {obj.nama}"


def competency_field() -> CompetencyChoiceField:
    return CompetencyChoiceField(
        queryset=Competency.objects.none(),
        label=_("Kompetensi"),
        widget=forms.CheckboxSelectMultiple,
    )


def position_classes_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Kelas jabatan"),
        choices=PositionClass.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kosong = semua kelas jabatan."),
    )


def keyword_field() -> forms.CharField:
    return forms.CharField(
        label=_("Kata kunci nama jabatan"),
        max_length=100,
        required=False,
        help_text=_("Misalnya “perizinan”: hanya jabatan yang namanya memuat kata ini."),
    )


def factor_field() -> NumberField:
    return NumberField(
        label=_("Faktor bobot"),
        initial="1,5",
        help_text=_("Pengali prioritas kebutuhan, lebih dari 0 sampai 10; 1,5 = naik 50%."),
    )


def plan_year_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Tahun rencana"),
        min_value=2000,
        max_value=2100,
        initial=default_plan_year,
    )


def default_plan_year() -> int:
    """The planning year when no instansi is known; pages give their instansi's
    (``organisation.plan_year.current_plan_year``), so every page agrees."""
    return current_plan_year(None)


class PlaceMixin(forms.Form):
    """A place of data: a unit of the instansi or a Kemendagri region code inside it."""

    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("Unit kerja"), required=False)
    kode_wilayah = forms.CharField(
        label=_("atau kode wilayah"),
        max_length=13,
        required=False,
        help_text=_("Kode Kemendagri, misalnya 12.71.12 untuk satu kecamatan."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        unit, kode = data.get("unit"), (data.get("kode_wilayah") or "").strip()
        if bool(unit) == bool(kode):
            raise forms.ValidationError(_("Pilih satu unit kerja atau isi satu kode wilayah."))
        data["wilayah"] = None
        if kode:
            wilayah = Wilayah.objects.filter(kode=kode).first()
            if wilayah is None:
                self.add_error("kode_wilayah", _("Kode wilayah %s tidak dikenal.") % kode)
            data["wilayah"] = wilayah
        return data


# ----------------------------------------------------------------------------- indicators


class IndicatorForm(forms.Form):
    kode = forms.CharField(label=_("Kode"), max_length=30, help_text=_("Misalnya IZIN-USAHA."))
    nama = forms.CharField(label=_("Nama indikator"), max_length=200)
    satuan = forms.CharField(label=_("Satuan"), max_length=40)
    jenis = forms.ChoiceField(label=_("Jenis"), choices=IndicatorKind.choices)
    periodisitas = forms.ChoiceField(label=_("Periode data"), choices=Periodicity.choices)
    bidang_spm = forms.ChoiceField(
        label=_("Bidang SPM"), choices=[("", "—"), *SpmField.choices], required=False
    )
    unsur_ikm = forms.ChoiceField(
        label=_("Unsur IKM"), choices=[("", "—"), *IKM_ELEMENT_CHOICES], required=False
    )
    target = NumberField(label=_("Target"), required=False)
    uraian = forms.CharField(
        label=_("Uraian"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)


class ValueForm(PlaceMixin):
    periode = forms.CharField(
        label=_("Periode"), max_length=20, help_text=_("2025-07 (bulanan) atau 2025 (tahunan).")
    )
    nilai = NumberField(label=_("Nilai"))
    sumber = forms.CharField(label=_("Sumber"), max_length=200, required=False)
    catatan = forms.CharField(label=_("Catatan"), max_length=500, required=False)
    field_order = ["unit", "kode_wilayah", "periode", "nilai", "sumber", "catatan"]

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    berkas = forms.FileField(label=_("Berkas CSV atau XLSX"))
    uji_coba = forms.BooleanField(
        label=_("Uji coba saja: periksa berkas tanpa menyimpan"), required=False
    )


# ----------------------------------------------------------------------------- rules


class RuleForm(PlaceMixin):
    nama = forms.CharField(label=_("Nama aturan"), max_length=200)
    indicator: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=Indicator.objects.none(), label=_("Indikator")
    )
    kondisi = forms.ChoiceField(label=_("Kondisi"), choices=RuleCondition.choices)
    ambang = NumberField(
        label=_("Ambang"),
        required=False,
        help_text=_(
            "Persen untuk pertumbuhan (20 = naik 20% atau lebih); nilai untuk ambang; "
            "target untuk SPM (kosong = target indikator)."
        ),
    )
    competencies = competency_field()
    target_unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        label=_("Unit sasaran"),
        required=False,
        help_text=_(
            "Kosong = unit pemilik data, atau unit di wilayah itu (seluruh instansi untuk "
            "wilayah instansi sendiri)."
        ),
    )
    position_classes = position_classes_field()
    position_keyword = keyword_field()
    factor = factor_field()
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)
    field_order = [
        "nama",
        "indicator",
        "unit",
        "kode_wilayah",
        "kondisi",
        "ambang",
        "competencies",
        "target_unit",
        "position_classes",
        "position_keyword",
        "factor",
        "is_active",
    ]

    def __init__(
        self,
        *args: Any,
        indicators: QuerySet[Any],
        units: QuerySet[Unit],
        competencies: QuerySet[Competency],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["target_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["competencies"].queryset = competencies  # type: ignore[attr-defined]
        self.fields["unit"].label = _("Data unit kerja")


class EvaluateForm(forms.Form):
    tahun = plan_year_field()


# ----------------------------------------------------------------------------- priorities


class PriorityForm(forms.Form):
    tema = forms.CharField(label=_("Tema prioritas"), max_length=200)
    dokumen = forms.ChoiceField(label=_("Dokumen"), choices=PlanDocument.choices)
    referensi = forms.CharField(
        label=_("Rujukan dokumen"),
        max_length=255,
        help_text=_("Misalnya: RPJMD 2025–2029, Misi 2, Sasaran 2.3."),
    )
    uraian = forms.CharField(
        label=_("Uraian"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    tahun_mulai = forms.IntegerField(label=_("Tahun mulai"), min_value=2000, max_value=2100)
    tahun_selesai = forms.IntegerField(label=_("Tahun selesai"), min_value=2000, max_value=2100)
    competencies = competency_field()
    units = UnitMultipleChoiceField(
        queryset=Unit.objects.none(),
        label=_("Unit"),
        required=False,
        help_text=_("Kosong = seluruh instansi."),
    )
    position_classes = position_classes_field()
    position_keyword = keyword_field()
    factor = factor_field()
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)

    def __init__(
        self, *args: Any, units: QuerySet[Unit], competencies: QuerySet[Competency], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]
        self.fields["competencies"].queryset = competencies  # type: ignore[attr-defined]


# ----------------------------------------------------------------------------- moderation


class ApproveForm(forms.Form):
    tahun = plan_year_field()
    competencies = competency_field()
    units = UnitMultipleChoiceField(
        queryset=Unit.objects.none(),
        label=_("Unit"),
        required=False,
        help_text=_("Kosong = seluruh instansi (hanya admin BKPSDM)."),
    )
    position_classes = position_classes_field()
    position_keyword = keyword_field()
    factor = factor_field()

    def __init__(
        self, *args: Any, units: QuerySet[Unit], competencies: QuerySet[Competency], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]
        self.fields["competencies"].queryset = competencies  # type: ignore[attr-defined]


class RejectForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan penolakan"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


# ----------------------------------------------------------------------------- settings, SKM


class RegionalSettingsForm(forms.Form):
    ikm_convention = forms.ChoiceField(
        label=_("Bobot unsur IKM"),
        choices=[(c.value, c.label) for c in WeightConvention],
        widget=forms.RadioSelect,
        help_text=_(
            "1/9 eksak adalah rumus peraturan; pilih bobot dibulatkan hanya untuk menyamakan "
            "dengan laporan lama."
        ),
    )
    skm_nrr_threshold = NumberField(
        label=_("Ambang NRR U6/U7"),
        help_text=_("NRR di bawah ambang ini (skala 1–4) menjadi sinyal kebutuhan unit."),
    )
    skm_factor = NumberField(label=_("Faktor sinyal SKM"))
    skm_frontline_classes = forms.MultipleChoiceField(
        label=_("Kelas jabatan garda depan"),
        choices=PositionClass.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    public_input_open = forms.BooleanField(label=_("Buka formulir masukan publik"), required=False)


class SkmUnitSettingsForm(forms.Form):
    is_open = forms.BooleanField(label=_("Buka survei publik unit ini"), required=False)
    populasi_tahunan = forms.IntegerField(
        label=_("Pengguna layanan per tahun"),
        min_value=1,
        required=False,
        help_text=_("Populasi pemeriksaan jumlah sampel (Krejcie–Morgan)."),
    )
    jenis_layanan = forms.CharField(
        label=_("Jenis layanan"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Satu jenis layanan per baris; ditawarkan di formulir survei."),
    )
    wajib_kode = forms.BooleanField(
        label=_("Wajibkan kode layanan"),
        required=False,
        help_text=_(
            "Jawaban publik hanya diterima dengan kode layanan bulan ini, yang dicetak di loket "
            "atau pada struk layanan."
        ),
    )


class PeriodField(forms.CharField):
    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        try:
            return parse_period(text)
        except PeriodError as err:
            raise forms.ValidationError(str(err)) from None


class SkmImportForm(forms.Form):
    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("Unit layanan"))
    periode = PeriodField(
        label=_("Periode"),
        max_length=10,
        help_text=_("2025 (tahun), 2025-Q3 (triwulan) atau 2025-07 (bulan)."),
    )
    berkas = forms.FileField(label=_("Berkas CSV (kolom U1 sampai U9)"))
    uji_coba = forms.BooleanField(
        label=_("Uji coba saja: periksa berkas tanpa menyimpan"), required=False
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class SignalForm(forms.Form):
    periode = PeriodField(max_length=10)
    tahun = plan_year_field()


# ----------------------------------------------------------------------------- public forms


class PublicInputForm(forms.Form):
    """Anti-spam fields (token, jawaban, website) are read by the view, not by this form."""

    kategori = forms.ChoiceField(
        label=_("Anda mewakili"), choices=StakeholderKind.choices, widget=forms.RadioSelect
    )
    topik = forms.CharField(label=_("Topik"), max_length=200)
    isi = forms.CharField(
        label=_("Masukan Anda"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        help_text=_("Kompetensi apa yang perlu dimiliki ASN untuk melayani lebih baik?"),
    )
    wilayah = forms.ModelChoiceField(
        queryset=Wilayah.objects.none(),
        label=_("Kecamatan (bila terkait)"),
        required=False,
    )
    nama = forms.CharField(label=_("Nama (boleh dikosongkan)"), max_length=150, required=False)
    organisasi = forms.CharField(
        label=_("Organisasi/lembaga (boleh dikosongkan)"), max_length=200, required=False
    )
    email = forms.EmailField(label=_("Email (boleh dikosongkan)"), required=False)
    telepon = forms.CharField(label=_("Telepon (boleh dikosongkan)"), max_length=30, required=False)

    def __init__(self, *args: Any, districts: QuerySet[Wilayah], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["wilayah"].queryset = districts  # type: ignore[attr-defined]


class PublicSkmForm(forms.Form):
    tanggal = forms.DateField(
        label=_("Tanggal layanan"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        initial=timezone.localdate,
    )
    jenis_layanan = forms.CharField(label=_("Jenis layanan yang diterima"), max_length=200)
    umur = forms.IntegerField(label=_("Umur (tahun)"), min_value=10, max_value=110)
    jenis_kelamin = forms.ChoiceField(
        label=_("Jenis kelamin"), choices=Sex.choices, widget=forms.RadioSelect
    )
    pendidikan = forms.ChoiceField(
        label=_("Pendidikan terakhir"), choices=[("", "—"), *Education.choices]
    )
    pekerjaan = forms.ChoiceField(label=_("Pekerjaan"), choices=[("", "—"), *Occupation.choices])
    pekerjaan_lainnya = forms.CharField(
        label=_("Pekerjaan lainnya"), max_length=100, required=False
    )
    saran = forms.CharField(
        label=_("Saran (boleh dikosongkan)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    kode_layanan = forms.CharField(
        label=_("Kode layanan"),
        max_length=12,
        required=False,
        help_text=_("Tercetak di loket atau pada struk layanan Anda."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.code.lower()] = forms.TypedChoiceField(
                label=str(question.text),
                choices=question.choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Pilih salah satu jawaban.")},
            )

    def question_fields(self) -> list[tuple[str, forms.BoundField]]:
        return [(q.code, self[q.code.lower()]) for q in QUESTIONS]
