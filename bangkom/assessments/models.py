"""Competency assessments (self, supervisor, assessment centre) and the current level they give."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AssessmentSource(models.TextChoices):
    SELF = "mandiri", _("Penilaian mandiri")
    SUPERVISOR = "atasan", _("Penilaian atasan")
    ASSESSMENT_CENTRE = "assessment_center", _("Assessment center")


class CurrentLevel(models.Model):
    """The level an employee holds now in a competency, as the instansi's combination rule reads
    the latest assessments (default: assessment centre, else supervisor, else self).

    Maintained by the assessment services on every write; read in bulk by the needs analysis.
    """

    employee = models.ForeignKey(
        "organisation.Employee", on_delete=models.CASCADE, related_name="current_levels"
    )
    competency = models.ForeignKey(
        "competencies.Competency", on_delete=models.CASCADE, related_name="current_levels"
    )
    level = models.PositiveSmallIntegerField(_("level saat ini"))
    source = models.CharField(_("sumber"), max_length=20, choices=AssessmentSource.choices)
    assessed_on = models.DateField(_("tanggal penilaian"), default=timezone.localdate)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("level kompetensi saat ini")
        verbose_name_plural = _("level kompetensi saat ini")
        constraints = [
            models.UniqueConstraint(fields=["employee", "competency"], name="current_level_unique"),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5), name="current_level_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} · {self.competency_id} = {self.level}"
