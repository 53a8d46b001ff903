"""Plan priorities: themes of the RPJMD/Renstra that weigh competencies in their plan years."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel


class PlanDocument(models.TextChoices):
    RPJMD = "rpjmd", _("RPJMD")
    RENSTRA = "renstra", _("Renstra perangkat daerah")
    RKPD = "rkpd", _("RKPD")
    OTHER = "lainnya", _("Dokumen lain")


class PlanPriority(TimeStampedModel):
    """A theme of the region's plan (e.g. "Transformasi digital pemerintahan") that weighs
    ``competencies`` by ``factor`` in the plan years ``tahun_mulai``–``tahun_selesai``."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="plan_priorities"
    )
    tema = models.CharField(_("tema prioritas"), max_length=200)
    dokumen = models.CharField(
        _("dokumen"), max_length=10, choices=PlanDocument.choices, default=PlanDocument.RPJMD
    )
    referensi = models.CharField(
        _("rujukan dokumen"),
        max_length=255,
        help_text=_("Misalnya: RPJMD 2025–2029, Misi 2, Sasaran 2.3."),
    )
    uraian = models.TextField(_("uraian"), blank=True)
    tahun_mulai = models.PositiveSmallIntegerField(_("tahun mulai"))
    tahun_selesai = models.PositiveSmallIntegerField(_("tahun selesai"))
    competencies = models.ManyToManyField(
        "competencies.Competency", verbose_name=_("kompetensi"), related_name="+"
    )
    units = models.ManyToManyField(
        "organisation.Unit", verbose_name=_("unit"), blank=True, related_name="+"
    )
    position_classes = models.JSONField(_("kelas jabatan"), default=list, blank=True)
    position_keyword = models.CharField(_("kata kunci jabatan"), max_length=100, blank=True)
    factor = models.DecimalField(_("faktor"), max_digits=6, decimal_places=3)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("prioritas rencana daerah")
        verbose_name_plural = _("prioritas rencana daerah")
        ordering = ["instansi", "-tahun_mulai", "tema"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tahun_selesai__gte=models.F("tahun_mulai")),
                name="regional_priority_years",
            ),
            models.CheckConstraint(
                condition=Q(factor__gt=0), name="regional_priority_factor_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.tema

    @property
    def source_key(self) -> str:
        return f"plan-priority:{self.pk}"

    def covers(self, tahun: int) -> bool:
        return self.tahun_mulai <= tahun <= self.tahun_selesai
