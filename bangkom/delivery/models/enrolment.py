"""What happens to an enrolment after the nomination: in-app notifications, reminders sent
before a session, attendance per session, the completion rule of a program and its outcome,
and the action plan (rencana aksi) the ASN writes after completing.

A *rencana aksi* is the ASN's plan for applying what they learned at work, acknowledged by
their supervisor (atasan langsung).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel


class Notification(models.Model):
    """One message shown in the app (the bell) and, usually, also sent by e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(_("pesan"), max_length=500)
    link = models.CharField(_("tautan"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text[:60]


class SessionReminder(models.Model):
    """A reminder already sent for one enrolment and session, so the command runs once."""

    enrolment = models.ForeignKey(
        "delivery.Enrolment", on_delete=models.CASCADE, related_name="reminders"
    )
    session = models.ForeignKey(
        "delivery.Session", on_delete=models.CASCADE, related_name="reminders"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "session"], name="session_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}/{self.session_id}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Hadir")
    LATE = "late", _("Terlambat")
    ABSENT = "absent", _("Tidak hadir")
    EXCUSED = "excused", _("Izin")


# Statuses that count towards the completion rule.
ATTENDED_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class AttendanceMethod(models.TextChoices):
    QR = "qr", _("Pindai kode QR")
    ROSTER = "roster", _("Daftar hadir")


class Attendance(TimeStampedModel):
    """An enrolled ASN's attendance at one session: at most one row per enrolment and session."""

    enrolment = models.ForeignKey(
        "delivery.Enrolment", on_delete=models.CASCADE, related_name="attendances"
    )
    session = models.ForeignKey(
        "delivery.Session", on_delete=models.CASCADE, related_name="attendances"
    )
    status = models.CharField(_("kehadiran"), max_length=8, choices=AttendanceStatus.choices)
    method = models.CharField(_("cara"), max_length=8, choices=AttendanceMethod.choices)
    checked_in_at = models.DateTimeField(_("waktu hadir"), null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "session"], name="attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}/{self.session_id} {self.status}"


COMPLETION_MIN_ATTENDANCE_DEFAULT = 80


class CompletionRule(TimeStampedModel):
    """A program's completion rule; a program without one uses the default (80% attendance,
    and the post-test where the program has one)."""

    template = models.OneToOneField(
        "planning.ProgramTemplate",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="completion_rule",
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("kehadiran minimum (%)"), default=COMPLETION_MIN_ATTENDANCE_DEFAULT
    )
    requires_post_test = models.BooleanField(_("wajib lulus post-test"), default=True)

    class Meta:
        verbose_name = _("aturan kelulusan")
        verbose_name_plural = _("aturan kelulusan")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_attendance_percent__lte=100), name="completion_rule_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template_id}: {self.min_attendance_percent}%"


class CompletionResult(TimeStampedModel):
    """The outcome of the completion rule for one enrolment, with the reason when not met."""

    enrolment = models.OneToOneField(
        "delivery.Enrolment", on_delete=models.CASCADE, related_name="completion"
    )
    completed = models.BooleanField(_("lulus"))
    attendance_percent = models.DecimalField(
        _("kehadiran (%)"), max_digits=5, decimal_places=2, default=0
    )
    reason = models.CharField(_("alasan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("hasil kelulusan")
        verbose_name_plural = _("hasil kelulusan")

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.completed}"


class ActionPlan(TimeStampedModel):
    """The rencana aksi of a completed enrolment: what the ASN will apply, and by when."""

    enrolment = models.OneToOneField(
        "delivery.Enrolment", on_delete=models.CASCADE, related_name="action_plan"
    )
    plan = models.TextField(_("yang akan diterapkan"))
    due_date = models.DateField(_("target selesai"))
    acknowledged_by = models.ForeignKey(
        "organisation.Employee",
        verbose_name=_("diketahui oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("diketahui pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")

    def __str__(self) -> str:
        return f"{self.enrolment_id}"
