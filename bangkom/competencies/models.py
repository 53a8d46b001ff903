"""Competencies (PermenPANRB 38/2017), their levels, and position standards."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel
from bangkom.organisation.models import PositionClass


class CompetencyKind(models.TextChoices):
    MANAJERIAL = "manajerial", _("Manajerial")
    SOSIAL_KULTURAL = "sosial_kultural", _("Sosial Kultural")
    TEKNIS = "teknis", _("Teknis")


class Competency(TimeStampedModel):
    """A competency: managerial M.1–M.8 and socio-cultural SK.1 (official, national) or
    technical T.x (per sector; national when ``instansi`` is empty, else the instansi's own)."""

    instansi = models.ForeignKey(
        "organisation.Instansi",
        verbose_name=_("instansi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="competencies",
    )
    kode = models.CharField(_("kode"), max_length=20)
    nama = models.CharField(_("nama"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=16, choices=CompetencyKind.choices)
    sektor = models.CharField(_("sektor"), max_length=100, blank=True)
    uraian = models.TextField(_("definisi"), blank=True)
    is_official = models.BooleanField(
        _("kamus resmi"),
        default=False,
        help_text=_("Berasal dari kamus PermenPANRB 38/2017; tidak dapat diubah."),
    )

    class Meta:
        verbose_name = _("kompetensi")
        verbose_name_plural = _("kompetensi")
        ordering = ["jenis", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "kode"], name="competency_unique_code_in_instansi"
            ),
            models.UniqueConstraint(
                fields=["kode"],
                condition=Q(instansi__isnull=True),
                name="competency_unique_national_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class CompetencyLevel(models.Model):
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField(_("level"))
    deskripsi = models.TextField(_("deskripsi"))
    indikator = models.JSONField(_("indikator perilaku"), default=list, blank=True)

    class Meta:
        ordering = ["competency", "level"]
        constraints = [
            models.UniqueConstraint(fields=["competency", "level"], name="competency_level_unique"),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5), name="competency_level_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency.kode} level {self.level}"


class ClassDefaultLevel(models.Model):
    """The default required managerial/socio-cultural level for a position class, per instansi.

    Seeded from the configurable defaults in DOMAIN.md §3 and editable by the BKPSDM admin.
    """

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="class_default_levels"
    )
    kelas = models.CharField(_("kelas jabatan"), max_length=16, choices=PositionClass.choices)
    level = models.PositiveSmallIntegerField(_("level"))

    class Meta:
        ordering = ["instansi", "kelas"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "kelas"], name="class_default_unique"),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5), name="class_default_level_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kelas_display()} → level {self.level}"


class StandardSource(models.TextChoices):
    KELAS = "kelas", _("Bawaan kelas jabatan")
    TUGAS = "tugas", _("Diturunkan dari uraian tugas")
    MANUAL = "manual", _("Diubah manual")


class PositionStandard(models.Model):
    """One line of a position's competency standard (standar kompetensi jabatan)."""

    position = models.ForeignKey(
        "organisation.Position", on_delete=models.CASCADE, related_name="standards"
    )
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="standards")
    required_level = models.PositiveSmallIntegerField(_("level dipersyaratkan"))
    source = models.CharField(_("sumber"), max_length=8, choices=StandardSource.choices)

    class Meta:
        ordering = ["position", "competency__jenis", "competency__kode"]
        constraints = [
            models.UniqueConstraint(fields=["position", "competency"], name="standard_unique"),
            models.CheckConstraint(
                condition=Q(required_level__gte=1) & Q(required_level__lte=5),
                name="standard_level_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position} · {self.competency.kode} ≥ {self.required_level}"
