"""Internship (magang) at a partner with a mentor and a weekly logbook, and the other
non-classical forms logged as activities: coaching, mentoring, seminars with practitioner
speakers and project-based learning. Completion credits JP by the conversion table."""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel

__all__ = [
    "ActivityKind",
    "ActivityLog",
    "Internship",
    "InternshipStatus",
    "LogbookEntry",
    "LogbookStatus",
]


def private_upload_path(folder: str, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"private/{folder}/{secrets.token_hex(12)}.{extension}"


def internship_report_path(instance: Internship, filename: str) -> str:
    return private_upload_path(f"magang/{instance.employee_id}", filename)


def activity_output_path(instance: ActivityLog, filename: str) -> str:
    return private_upload_path(f"kegiatan/{instance.instansi_id}", filename)


class InternshipStatus(models.TextChoices):
    ACTIVE = "active", _("Berjalan")
    COMPLETED = "completed", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


class Internship(TimeStampedModel):
    """An ASN's internship (magang) at a partner, guided by a mentor who works for it."""

    employee = models.ForeignKey(
        "organisation.Employee", on_delete=models.PROTECT, related_name="internships"
    )
    partner = models.ForeignKey(
        "delivery.Partner", on_delete=models.PROTECT, related_name="internships"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="mentored_internships",
    )
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    goals = models.TextField(_("tujuan magang"))
    status = models.CharField(
        _("status"), max_length=10, choices=InternshipStatus.choices, default="active"
    )
    final_report = models.FileField(
        _("laporan akhir"), upload_to=internship_report_path, blank=True
    )
    completed_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    credit = models.ForeignKey(
        "delivery.JpCredit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("magang")
        verbose_name_plural = _("magang")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="internship_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} @ {self.partner}"


class LogbookStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Menunggu mentor")
    APPROVED = "approved", _("Disetujui")
    RETURNED = "returned", _("Dikembalikan")


class LogbookEntry(TimeStampedModel):
    """One week of an internship, written by the intern, approved or returned by the mentor."""

    internship = models.ForeignKey(Internship, on_delete=models.CASCADE, related_name="logbook")
    week_start = models.DateField(_("minggu mulai (Senin)"))
    activities = models.TextField(_("kegiatan minggu ini"))
    status = models.CharField(
        _("status"), max_length=10, choices=LogbookStatus.choices, default="submitted"
    )
    mentor_comment = models.TextField(_("catatan mentor"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("logbook magang")
        verbose_name_plural = _("logbook magang")
        ordering = ["internship", "week_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["internship", "week_start"], name="logbook_one_per_week"
            ),
        ]


class ActivityKind(models.TextChoices):
    COACHING = "coaching", _("Coaching")
    MENTORING = "mentoring", _("Mentoring")
    SEMINAR = "seminar", _("Seminar dengan praktisi")
    PROJECT = "project", _("Pembelajaran berbasis proyek")


class ActivityLog(TimeStampedModel):
    """A coaching or mentoring session, a seminar or a learning project, with its output and the
    ASN who took part; ``units`` are in the form's JP unit (sessions, days, activities)."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="activity_logs"
    )
    kind = models.CharField(_("jenis kegiatan"), max_length=10, choices=ActivityKind.choices)
    title = models.CharField(_("judul kegiatan"), max_length=200)
    date = models.DateField(_("tanggal"))
    units = models.DecimalField(_("jumlah satuan"), max_digits=6, decimal_places=2)
    form = models.ForeignKey(
        "planning.DevelopmentForm",
        verbose_name=_("bentuk pengembangan"),
        on_delete=models.PROTECT,
        related_name="activity_logs",
    )
    participants = models.ManyToManyField(
        "organisation.Employee", verbose_name=_("peserta"), related_name="activity_logs"
    )
    output_text = models.TextField(_("hasil/keluaran"), blank=True)
    output_file = models.FileField(_("berkas keluaran"), upload_to=activity_output_path, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("kegiatan nonklasikal")
        verbose_name_plural = _("kegiatan nonklasikal")
        ordering = ["-date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(units__gt=Decimal(0)), name="activity_units_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title
