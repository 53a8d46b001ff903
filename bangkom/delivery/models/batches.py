"""Batches (angkatan) of a plan's programs, their sessions on the calendar, the ASN enrolled in
them, and the secret tokens of personal calendar feeds.

An *angkatan* is one batch of a program; ASN (aparatur sipil negara) are the civil servants who
attend. A batch runs on ``days`` consecutive working days, one ``Session`` per day.
"""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel

BATCH_DAYS_MAX = 60


class BatchStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    SCHEDULED = "scheduled", _("Terjadwal")
    UNSCHEDULED = "unscheduled", _("Belum dapat dijadwalkan")
    RUNNING = "running", _("Berlangsung")
    COMPLETED = "completed", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


class Batch(TimeStampedModel):
    """One angkatan of a plan program: who delivers it, where it may run, and when."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="batches"
    )
    plan_program = models.ForeignKey(
        "planning.PlanProgram",
        verbose_name=_("program rencana"),
        on_delete=models.PROTECT,
        related_name="batches",
    )
    sequence = models.PositiveSmallIntegerField(_("angkatan ke-"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    partner = models.ForeignKey(
        "delivery.Partner",
        verbose_name=_("mitra penyelenggara"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="batches",
    )
    trainers = models.ManyToManyField(
        "delivery.Trainer", verbose_name=_("pengajar"), blank=True, related_name="batches"
    )
    venues = models.ManyToManyField(
        "delivery.Venue",
        verbose_name=_("tempat yang boleh dipakai"),
        blank=True,
        related_name="allowed_batches",
        help_text=_("Kosong: tempat mana pun yang cukup."),
    )
    online = models.BooleanField(_("daring"), default=False)
    days = models.PositiveSmallIntegerField(_("lama (hari kerja)"), default=1)
    earliest = models.DateField(_("paling awal"), null=True, blank=True)
    latest = models.DateField(_("paling akhir"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=BatchStatus.choices, default=BatchStatus.PLANNED
    )
    unscheduled_reason = models.CharField(_("alasan belum terjadwal"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("angkatan")
        verbose_name_plural = _("angkatan")
        ordering = ["year", "plan_program", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan_program", "sequence"], name="batch_unique_sequence"
            ),
            models.CheckConstraint(
                condition=Q(days__gte=1) & Q(days__lte=BATCH_DAYS_MAX), name="batch_days_bounds"
            ),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="batch_sequence_positive"),
            models.CheckConstraint(
                condition=Q(earliest__isnull=True)
                | Q(latest__isnull=True)
                | Q(latest__gte=models.F("earliest")),
                name="batch_window_order",
            ),
        ]

    def __str__(self) -> str:
        return _("%(program)s angkatan %(n)s") % {
            "program": self.plan_program.template.judul,
            "n": self.sequence,
        }

    @property
    def code(self) -> str:
        """The batch's id in the scheduler's exchange format."""
        return f"B{self.pk}"


def new_session_uid() -> str:
    return f"{uuid.uuid4()}@bangkom"


class Session(TimeStampedModel):
    """One day of a batch. ``uid`` is the iCalendar UID: it never changes, so a calendar that
    subscribed sees a moved session move rather than a new one appear."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("tanggal"))
    start_time = models.TimeField(_("mulai"))
    end_time = models.TimeField(_("selesai"))
    venue = models.ForeignKey(
        "delivery.Venue",
        verbose_name=_("tempat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    pinned = models.BooleanField(_("dipatok"), default=False)
    uid = models.CharField(max_length=80, unique=True, editable=False, default=new_session_uid)

    class Meta:
        verbose_name = _("sesi")
        verbose_name_plural = _("sesi")
        ordering = ["date", "start_time", "batch"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "date"], name="session_one_per_batch_day"),
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="session_time_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch} {self.date.isoformat()}"


class EnrolmentStatus(models.TextChoices):
    NOMINATED = "nominated", _("Dicalonkan")
    APPROVED = "approved", _("Disetujui atasan")
    DECLINED = "declined", _("Ditolak atasan")
    CONFIRMED = "confirmed", _("Dikonfirmasi peserta")
    WAITLISTED = "waitlisted", _("Daftar tunggu")
    CANCELLED = "cancelled", _("Dibatalkan")
    COMPLETED = "completed", _("Selesai")


# Enrolments that hold a seat and a day of the ASN's calendar.
ACTIVE_ENROLMENT_STATUSES = (
    EnrolmentStatus.NOMINATED,
    EnrolmentStatus.APPROVED,
    EnrolmentStatus.CONFIRMED,
    EnrolmentStatus.COMPLETED,
)


class Enrolment(TimeStampedModel):
    """An ASN in a batch, from nomination to completion (the flows live in their services)."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="enrolments")
    employee = models.ForeignKey(
        "organisation.Employee", on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.NOMINATED,
    )
    reason = models.TextField(_("alasan"), blank=True)

    class Meta:
        verbose_name = _("peserta angkatan")
        verbose_name_plural = _("peserta angkatan")
        ordering = ["batch", "employee__nama"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "employee"], name="enrolment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} @ {self.batch_id}"


class CalendarFeed(models.Model):
    """The secret token of a user's personal calendar URL, stored as its SHA-256 hash.
    Renewing replaces the hash, so the old URL stops working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tautan kalender pribadi")
        verbose_name_plural = _("tautan kalender pribadi")

    def __str__(self) -> str:
        return f"{self.user_id}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class ScheduleRunStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu giliran")
    RUNNING = "running", _("Sedang disusun")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class ScheduleRun(models.Model):
    """One run of the scheduler over an instansi's batches of a year (a background task), with
    what it reported: the solver's status and the batches it could not place."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="schedule_runs"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(
        max_length=8, choices=ScheduleRunStatus.choices, default=ScheduleRunStatus.QUEUED
    )
    solver_status = models.CharField(max_length=12, blank=True)
    placed = models.PositiveIntegerField(default=0)
    unscheduled = models.JSONField(default=list, blank=True)  # [{"batch": pk, "reason": code}]
    solve_seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.instansi_id}/{self.year}#{self.pk} {self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status in (ScheduleRunStatus.DONE, ScheduleRunStatus.FAILED)
