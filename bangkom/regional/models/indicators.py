"""Indicators: the time series an instansi tracks per wilayah or unit, and their values."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel
from bangkom.lib.ikm import ELEMENTS


class IndicatorKind(models.TextChoices):
    POPULATION = "penduduk", _("Kependudukan")
    SERVICE_DEMAND = "permintaan_layanan", _("Permintaan layanan")
    SPM = "spm", _("Capaian SPM")
    IKM = "ikm", _("IKM per unsur")
    OTHER = "lainnya", _("Lainnya")


class Periodicity(models.TextChoices):
    MONTHLY = "bulanan", _("Bulanan")
    YEARLY = "tahunan", _("Tahunan")


class SpmField(models.TextChoices):
    """The six basic services with minimum service standards (PP 2/2018)."""

    PENDIDIKAN = "pendidikan", _("Pendidikan")
    KESEHATAN = "kesehatan", _("Kesehatan")
    PEKERJAAN_UMUM = "pekerjaan_umum", _("Pekerjaan umum dan penataan ruang")
    PERUMAHAN = "perumahan", _("Perumahan rakyat dan kawasan permukiman")
    TRANTIBUMLINMAS = (
        "trantibumlinmas",
        _("Ketenteraman, ketertiban umum dan pelindungan masyarakat"),
    )
    SOSIAL = "sosial", _("Sosial")


IKM_ELEMENT_CHOICES = [(code, f"{code} {name}") for code, name in ELEMENTS]


class Indicator(TimeStampedModel):
    """A time series the instansi tracks, per wilayah or unit (see :class:`IndicatorValue`)."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="regional_indicators"
    )
    kode = models.CharField(_("kode"), max_length=30)
    nama = models.CharField(_("nama"), max_length=200)
    satuan = models.CharField(_("satuan"), max_length=40)
    jenis = models.CharField(_("jenis"), max_length=20, choices=IndicatorKind.choices)
    periodisitas = models.CharField(
        _("periode data"), max_length=8, choices=Periodicity.choices, default=Periodicity.MONTHLY
    )
    bidang_spm = models.CharField(
        _("bidang SPM"), max_length=20, choices=SpmField.choices, blank=True
    )
    unsur_ikm = models.CharField(
        _("unsur IKM"), max_length=2, choices=IKM_ELEMENT_CHOICES, blank=True
    )
    target = models.DecimalField(
        _("target"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Target capaian, misalnya 100 untuk SPM 100%."),
    )
    uraian = models.TextField(_("uraian"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("indikator daerah")
        verbose_name_plural = _("indikator daerah")
        ordering = ["instansi", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "kode"], name="regional_indicator_kode"),
            models.CheckConstraint(
                condition=~Q(jenis="spm") | ~Q(bidang_spm=""),
                name="regional_indicator_spm_has_field",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class IndicatorValue(TimeStampedModel):
    """One value of an indicator for one place (a unit or a wilayah, never both) and period.

    ``periode`` is the first day of the month (monthly indicators) or 1 January (yearly ones).
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    unit = models.ForeignKey(
        "organisation.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    wilayah = models.ForeignKey(
        "organisation.Wilayah", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    periode = models.DateField(_("periode"))
    nilai = models.DecimalField(_("nilai"), max_digits=18, decimal_places=4)
    sumber = models.CharField(_("sumber"), max_length=200, blank=True)
    catatan = models.CharField(_("catatan"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("nilai indikator")
        verbose_name_plural = _("nilai indikator")
        ordering = ["indicator", "periode"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, wilayah__isnull=True)
                | Q(unit__isnull=True, wilayah__isnull=False),
                name="regional_value_one_place",
            ),
            models.UniqueConstraint(
                fields=["indicator", "unit", "periode"],
                condition=Q(unit__isnull=False),
                name="regional_value_unit_period",
            ),
            models.UniqueConstraint(
                fields=["indicator", "wilayah", "periode"],
                condition=Q(wilayah__isnull=False),
                name="regional_value_wilayah_period",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "periode"])]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.periode:%Y-%m} = {self.nilai}"
