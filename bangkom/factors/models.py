"""Weight factors (*faktor bobot*) with their evidence.

Every source of evidence (regional signals and priorities, surveys and FGDs, public input, SKM,
SKP shortfalls, and the apps to come) writes its factors here through
:func:`bangkom.factors.services.factors_replace`; the needs analysis reads them. The app sits
below all of them, so none needs to import another to say why a competency weighs more.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel


class FactorSource(models.TextChoices):
    SIGNAL = "sinyal", _("Sinyal daerah")
    PLAN_PRIORITY = "prioritas", _("Prioritas RPJMD/Renstra")
    SURVEY = "survei", _("Survei kebutuhan pelatihan")
    DISCUSSION = "fgd", _("Diskusi kelompok terarah (FGD)")
    STAKEHOLDER = "masukan", _("Masukan pemangku kepentingan")
    SKM = "skm", _("Survei kepuasan masyarakat (IKM)")
    PERFORMANCE = "kinerja", _("Kesenjangan kinerja (SKP)")
    MANUAL = "manual", _("Penetapan BKPSDM")


class WeightFactor(TimeStampedModel):
    """One reason to weigh a competency more in part of the instansi, with its evidence.

    Applies to the employees of ``unit``'s subtree (the whole instansi when empty) whose position
    class is in ``position_classes`` (all when empty) and whose position name contains
    ``position_keyword`` (all when empty); or to one ``employee`` only. A unit's weight for a
    competency is the product of the factors that apply. Each source re-evaluates its own
    factors by ``source_key``.
    """

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="weight_factors"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun rencana"))
    competency = models.ForeignKey(
        "competencies.Competency", on_delete=models.CASCADE, related_name="weight_factors"
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="weight_factors",
    )
    employee = models.ForeignKey(
        "organisation.Employee",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="weight_factors",
        help_text=_("Hanya untuk satu pegawai (misalnya kesenjangan kinerja SKP-nya)."),
    )
    position_classes = models.JSONField(_("kelas jabatan"), default=list, blank=True)
    position_keyword = models.CharField(_("kata kunci jabatan"), max_length=100, blank=True)
    factor = models.DecimalField(
        _("faktor"),
        max_digits=6,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001"))],
    )
    source = models.CharField(_("sumber"), max_length=16, choices=FactorSource.choices)
    source_key = models.CharField(max_length=100, db_index=True)
    title = models.CharField(_("ringkasan"), max_length=255)
    evidence = models.JSONField(_("bukti"), default=dict, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("faktor bobot")
        verbose_name_plural = _("faktor bobot")
        ordering = ["instansi", "tahun", "competency", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(factor__gt=0), name="weight_factor_positive"),
        ]
        indexes = [models.Index(fields=["instansi", "tahun", "is_active"])]
        # The table kept its name when the model moved here from ``needs``.
        db_table = "needs_weightfactor"

    def __str__(self) -> str:
        return f"×{self.factor} {self.title}"
