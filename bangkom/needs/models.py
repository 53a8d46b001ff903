"""Needs analysis (AKPK, *analisis kebutuhan pengembangan kompetensi*): need scores per ASN ×
competency and priorities per unit × competency, weighed by the factors of
:mod:`bangkom.factors`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NeedLine:
    """One competency of an employee's needs: gap against the current position and against the
    career target, and the weight that the evidence gives it."""

    competency_id: int
    required_level: int
    current_level: int
    current_source: str
    gap: int
    target_required_level: int | None
    target_gap: int | None
    weight: Decimal
    score: Decimal
    factor_ids: tuple[int, ...]


class EmployeeNeeds(models.Model):
    """Materialised by the needs recomputation: the inventory of one ASN's development needs
    for a year (*inventarisasi kebutuhan pengembangan kompetensi*), one row per ASN.

    The competencies live in ``lines`` (JSON), so a province of 200,000 ASN is 200,000 rows to
    rebuild rather than millions. Rebuilt wholesale, hence no database-level foreign keys;
    Django still cascades deletes of employees and units to it.
    """

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    tahun = models.PositiveSmallIntegerField()
    employee = models.ForeignKey(
        "organisation.Employee",
        on_delete=models.CASCADE,
        related_name="needs",
        db_constraint=False,
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    gap_count = models.PositiveSmallIntegerField()
    total_gap = models.PositiveSmallIntegerField()
    total_score = models.DecimalField(max_digits=12, decimal_places=4)
    lines_json = models.JSONField(default=list)

    class Meta:
        indexes = [
            models.Index(fields=["instansi", "tahun", "unit"]),
            models.Index(fields=["employee", "tahun"]),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.tahun}: {self.gap_count} kompetensi"

    @property
    def lines(self) -> list[NeedLine]:
        return [
            NeedLine(
                competency_id=item["c"],
                required_level=item["r"],
                current_level=item["l"],
                current_source=item["s"],
                gap=item["g"],
                target_required_level=item.get("tr"),
                target_gap=item.get("tg"),
                weight=Decimal(item["w"]),
                score=Decimal(item["sc"]),
                factor_ids=tuple(item.get("f", ())),
            )
            for item in self.lines_json
        ]

    def line_for(self, competency_id: int) -> NeedLine | None:
        return next((line for line in self.lines if line.competency_id == competency_id), None)


class UnitPriority(models.Model):
    """Materialised: one unit × competency of an instansi's needs for a year, ranked."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    tahun = models.PositiveSmallIntegerField()
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    competency = models.ForeignKey(
        "competencies.Competency", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    asn_with_gap = models.PositiveIntegerField()
    total_gap = models.PositiveIntegerField()
    total_score = models.DecimalField(max_digits=14, decimal_places=4)
    weight = models.DecimalField(max_digits=10, decimal_places=4)
    rank = models.PositiveIntegerField()

    class Meta:
        ordering = ["instansi", "tahun", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun", "unit", "competency"], name="unit_priority_unique"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.rank} {self.unit_id} {self.competency_id}"


class RecomputationStatus(models.TextChoices):
    QUEUED = "antre", _("Menunggu giliran")
    RUNNING = "berjalan", _("Sedang berjalan")
    DONE = "selesai", _("Selesai")
    FAILED = "gagal", _("Gagal")


ACTIVE_RECOMPUTATION = (RecomputationStatus.QUEUED, RecomputationStatus.RUNNING)


class Recomputation(models.Model):
    """One recomputation of the needs of an instansi and year: queued from the needs page and run
    in the background, or run at once (demo load, benchmarks); with its progress while it runs
    and its size once done. The latest done one describes the analysis in force."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="+"
    )
    tahun = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=10, choices=RecomputationStatus.choices, default=RecomputationStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    progress_note = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    employees = models.PositiveIntegerField(default=0)
    need_rows = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            # Two admins pressing at once queue one recomputation, not two.
            models.UniqueConstraint(
                fields=["instansi", "tahun"],
                condition=Q(status__in=ACTIVE_RECOMPUTATION),
                name="recomputation_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.instansi_id} {self.tahun} #{self.pk} {self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status in (RecomputationStatus.DONE, RecomputationStatus.FAILED)
