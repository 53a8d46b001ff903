"""Signal rules: when an indicator meets a condition, weigh competencies for the matching
positions; and each evaluation of a rule."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel
from bangkom.regional.models.indicators import Indicator


class RuleCondition(models.TextChoices):
    GROWTH = "pertumbuhan", _("Pertumbuhan tahunan ≥ ambang (%)")
    AT_LEAST = "minimal", _("Nilai terakhir ≥ ambang")
    AT_MOST = "maksimal", _("Nilai terakhir ≤ ambang")
    SPM_BELOW_TARGET = "spm_di_bawah_target", _("Capaian SPM terakhir di bawah target")


class EvaluationOutcome(models.TextChoices):
    MET = "terpenuhi", _("Terpenuhi")
    NOT_MET = "tidak_terpenuhi", _("Tidak terpenuhi")
    NO_DATA = "data_kurang", _("Data belum cukup")
    NO_TARGET = "tanpa_sasaran", _("Tidak ada unit sasaran")
    INACTIVE = "nonaktif", _("Aturan nonaktif")


class SignalRule(TimeStampedModel):
    """When ``indicator`` at a place (``unit`` or ``wilayah``) meets ``kondisi``, weigh
    ``competencies`` by ``factor`` for the matching positions.

    The positions are those of ``target_unit``'s subtree (by default the unit the data belong
    to, or the units whose wilayah lies in the data's wilayah; the whole instansi for the
    instansi's own wilayah), narrowed by ``position_classes`` and ``position_keyword``.
    """

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="signal_rules"
    )
    nama = models.CharField(_("nama aturan"), max_length=200)
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="rules"
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("data unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    wilayah = models.ForeignKey(
        "organisation.Wilayah",
        verbose_name=_("data wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kondisi = models.CharField(_("kondisi"), max_length=24, choices=RuleCondition.choices)
    ambang = models.DecimalField(
        _("ambang"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    competencies = models.ManyToManyField(
        "competencies.Competency", verbose_name=_("kompetensi"), related_name="+"
    )
    target_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("unit sasaran"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    position_classes = models.JSONField(_("kelas jabatan"), default=list, blank=True)
    position_keyword = models.CharField(_("kata kunci jabatan"), max_length=100, blank=True)
    factor = models.DecimalField(_("faktor"), max_digits=6, decimal_places=3)
    is_active = models.BooleanField(_("aktif"), default=True)
    last_evaluation = models.ForeignKey(
        "SignalEvaluation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("aturan sinyal")
        verbose_name_plural = _("aturan sinyal")
        ordering = ["instansi", "nama", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, wilayah__isnull=True)
                | Q(unit__isnull=True, wilayah__isnull=False),
                name="regional_rule_one_place",
            ),
            models.CheckConstraint(condition=Q(factor__gt=0), name="regional_rule_factor_positive"),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def source_key(self) -> str:
        return f"signal-rule:{self.pk}"


class SignalEvaluation(models.Model):
    """One evaluation of a rule for a plan year: what the data said and how many factors came."""

    rule = models.ForeignKey(SignalRule, on_delete=models.CASCADE, related_name="evaluations")
    tahun = models.PositiveSmallIntegerField(_("tahun rencana"))
    evaluated_at = models.DateTimeField(_("waktu"), default=timezone.now)
    actor_label = models.CharField(_("pelaku"), max_length=150, blank=True)
    outcome = models.CharField(_("hasil"), max_length=16, choices=EvaluationOutcome.choices)
    summary = models.CharField(_("ringkasan"), max_length=255)
    evidence = models.JSONField(_("bukti"), default=dict, blank=True)
    factor_count = models.PositiveIntegerField(_("jumlah faktor"), default=0)

    class Meta:
        verbose_name = _("evaluasi aturan sinyal")
        verbose_name_plural = _("evaluasi aturan sinyal")
        ordering = ["-evaluated_at", "-id"]

    def __str__(self) -> str:
        return f"{self.rule_id} {self.tahun}: {self.outcome}"
