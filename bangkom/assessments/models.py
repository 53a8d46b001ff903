"""Competency assessments (self, supervisor, assessment centre, calibration), the rounds they
are collected in, the current level they give, and performance appraisals (SKP)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel


class AssessmentSource(models.TextChoices):
    SELF = "mandiri", _("Penilaian mandiri")
    SUPERVISOR = "atasan", _("Penilaian atasan")
    ASSESSMENT_CENTRE = "assessment_center", _("Assessment center")
    CALIBRATION = "kalibrasi", _("Kalibrasi")


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


# ----------------------------------------------------------------------------- rounds


class RoundStatus(models.TextChoices):
    OPEN = "dibuka", _("Dibuka")
    CLOSED = "ditutup", _("Ditutup")


class AssessmentRound(TimeStampedModel):
    """A period in which an instansi collects self and supervisor assessments (for a year).

    At most one round per instansi is open at a time; it accepts ratings from ``opens_on`` to
    ``closes_on`` inclusive, and never after a BKPSDM admin closes it.
    """

    instansi = models.ForeignKey(
        "organisation.Instansi",
        verbose_name=_("instansi"),
        on_delete=models.PROTECT,
        related_name="assessment_rounds",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    nama = models.CharField(_("nama periode"), max_length=150)
    opens_on = models.DateField(_("dibuka mulai"))
    closes_on = models.DateField(_("ditutup pada"))
    status = models.CharField(
        _("status"), max_length=8, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    closed_at = models.DateTimeField(_("waktu ditutup"), null=True, blank=True)

    class Meta:
        verbose_name = _("periode penilaian")
        verbose_name_plural = _("periode penilaian")
        ordering = ["instansi", "-opens_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "nama"], name="round_unique_name"),
            models.UniqueConstraint(
                fields=["instansi"],
                condition=Q(status="dibuka"),
                name="round_one_open_per_instansi",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="round_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def accepts_on(self, day: date) -> bool:
        """True when self and supervisor ratings may be written on ``day``."""
        return self.status == RoundStatus.OPEN and self.opens_on <= day <= self.closes_on


# ----------------------------------------------------------------------------- ratings


class Assessment(models.Model):
    """One rating of an employee's level in a competency, from one source. Rows are never
    changed by a new rating: a resubmission adds a row, so the history stays.

    Self, supervisor and calibration ratings belong to a round; assessment-centre results come
    from outside with their own date and institution (``lembaga``) and belong to none.
    """

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="assessments"
    )
    round = models.ForeignKey(
        AssessmentRound,
        verbose_name=_("periode"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    employee = models.ForeignKey(
        "organisation.Employee", on_delete=models.CASCADE, related_name="assessments"
    )
    competency = models.ForeignKey(
        "competencies.Competency", on_delete=models.PROTECT, related_name="assessments"
    )
    source = models.CharField(_("sumber"), max_length=20, choices=AssessmentSource.choices)
    level = models.PositiveSmallIntegerField(_("level"))
    note = models.TextField(_("catatan/bukti"), blank=True)
    assessed_on = models.DateField(_("tanggal penilaian"), default=timezone.localdate)
    lembaga = models.CharField(_("lembaga/assessor"), max_length=200, blank=True)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dinilai oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dicatat"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("penilaian kompetensi")
        verbose_name_plural = _("penilaian kompetensi")
        ordering = ["employee", "competency", "-assessed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5), name="assessment_level_1_5"
            ),
            models.CheckConstraint(
                condition=Q(source="assessment_center") | Q(round__isnull=False),
                name="assessment_round_unless_centre",
            ),
            models.CheckConstraint(
                condition=~Q(source="kalibrasi") | ~Q(note=""),
                name="assessment_calibration_has_reason",
            ),
            models.UniqueConstraint(
                fields=["employee", "competency", "assessed_on", "lembaga"],
                condition=Q(source="assessment_center"),
                name="assessment_centre_result_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["employee", "competency", "source"]),
            models.Index(fields=["round", "source"]),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} · {self.competency_id} = {self.level} ({self.source})"


class CalibrationFlag(models.Model):
    """A self and a supervisor rating of the same round that differ by at least the instansi's
    threshold: BKPSDM or the OPD admin settles the level (a calibration rating).

    Maintained by the assessment services; ``calibration`` is the settling rating, if any.
    """

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="+"
    )
    round = models.ForeignKey(
        AssessmentRound, on_delete=models.CASCADE, related_name="calibration_flags"
    )
    employee = models.ForeignKey(
        "organisation.Employee", on_delete=models.CASCADE, related_name="calibration_flags"
    )
    competency = models.ForeignKey(
        "competencies.Competency", on_delete=models.CASCADE, related_name="+"
    )
    self_level = models.PositiveSmallIntegerField(_("level mandiri"))
    supervisor_level = models.PositiveSmallIntegerField(_("level atasan"))
    difference = models.PositiveSmallIntegerField(_("selisih"))
    calibration = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("perlu kalibrasi")
        verbose_name_plural = _("perlu kalibrasi")
        ordering = ["round", "-difference", "employee__nama", "competency__kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "employee", "competency"], name="calibration_flag_unique"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.employee_id} · {self.competency_id}: {self.self_level}/{self.supervisor_level}"
        )

    @property
    def is_resolved(self) -> bool:
        return self.calibration_id is not None


class CombinationRule(TimeStampedModel):
    """How an instansi reads the current level from its assessments (see docs/needs.md,
    "Level saat ini"): the order of the sources, the age limit of assessment-centre results and
    the self/supervisor difference that asks for calibration."""

    instansi = models.OneToOneField(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="combination_rule"
    )
    source_order = models.JSONField(_("urutan sumber"), default=list)
    ac_max_age_months = models.PositiveSmallIntegerField(
        _("umur maksimum hasil assessment center (bulan)"),
        null=True,
        blank=True,
        help_text=_("Kosong = hasil assessment center selalu dipakai, berapa pun umurnya."),
    )
    disagreement_threshold = models.PositiveSmallIntegerField(
        _("selisih yang perlu kalibrasi"), default=2
    )

    class Meta:
        verbose_name = _("aturan level saat ini")
        verbose_name_plural = _("aturan level saat ini")
        constraints = [
            models.CheckConstraint(
                condition=Q(disagreement_threshold__gte=1) & Q(disagreement_threshold__lte=4),
                name="combination_threshold_1_4",
            )
        ]

    def __str__(self) -> str:
        return " > ".join(self.source_order)


# ----------------------------------------------------------------------------- performance


class SkpPredikat(models.TextChoices):
    """The official predicates of the annual performance appraisal (SKP)."""

    SANGAT_BAIK = "sangat_baik", "Sangat Baik"
    BAIK = "baik", "Baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan", "Butuh Perbaikan"
    KURANG = "kurang", "Kurang"
    SANGAT_KURANG = "sangat_kurang", "Sangat Kurang"


SHORTFALL_PREDIKAT = (SkpPredikat.BUTUH_PERBAIKAN, SkpPredikat.KURANG, SkpPredikat.SANGAT_KURANG)


class PerformanceRating(TimeStampedModel):
    """The SKP predicate of an employee for a year (*Sasaran Kinerja Pegawai*, the annual
    performance appraisal). A shortfall can be linked by the supervisor to the competencies
    behind it (``links``), which weighs those competencies for the employee."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="performance_ratings"
    )
    employee = models.ForeignKey(
        "organisation.Employee", on_delete=models.CASCADE, related_name="performance_ratings"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    predikat = models.CharField(_("predikat"), max_length=16, choices=SkpPredikat.choices)
    shortfall_note = models.TextField(_("analisis atasan"), blank=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("predikat kinerja (SKP)")
        verbose_name_plural = _("predikat kinerja (SKP)")
        ordering = ["-tahun", "employee__nama"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "tahun"], name="performance_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} SKP {self.tahun}: {self.get_predikat_display()}"

    @property
    def is_shortfall(self) -> bool:
        return self.predikat in SHORTFALL_PREDIKAT


class ShortfallLink(models.Model):
    """A competency the supervisor names as a cause of an SKP shortfall."""

    rating = models.ForeignKey(PerformanceRating, on_delete=models.CASCADE, related_name="links")
    competency = models.ForeignKey(
        "competencies.Competency", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["rating", "competency__kode"]
        constraints = [
            models.UniqueConstraint(fields=["rating", "competency"], name="shortfall_link_unique")
        ]

    def __str__(self) -> str:
        return f"{self.rating_id} → {self.competency_id}"


DEFAULT_SHORTFALL_FACTORS: dict[str, Decimal] = {
    SkpPredikat.BUTUH_PERBAIKAN: Decimal("1.25"),
    SkpPredikat.KURANG: Decimal("1.5"),
    SkpPredikat.SANGAT_KURANG: Decimal("1.5"),
}


class ShortfallFactor(models.Model):
    """The weight an instansi gives a competency linked to an SKP shortfall of this predicate
    (defaults in :data:`DEFAULT_SHORTFALL_FACTORS`)."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="shortfall_factors"
    )
    predikat = models.CharField(_("predikat"), max_length=16, choices=SkpPredikat.choices)
    factor = models.DecimalField(_("faktor"), max_digits=6, decimal_places=3)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "predikat"], name="shortfall_factor_unique"
            ),
            models.CheckConstraint(condition=Q(factor__gt=0), name="shortfall_factor_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.predikat} ×{self.factor}"
