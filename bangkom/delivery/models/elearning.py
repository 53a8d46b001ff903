"""E-learning: courses of ordered modules (text, a file, a video link), each ASN's progress, and
an optional final quiz. Completing every module and passing the quiz credits JP once
(source ``elearning``, key ``elearning:<course id>``)."""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel

__all__ = [
    "Course",
    "CourseEnrolment",
    "Module",
    "ModuleKind",
    "ModuleProgress",
]


class Course(TimeStampedModel):
    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="courses"
    )
    title = models.CharField(_("judul kursus"), max_length=200)
    description = models.TextField(_("deskripsi"), blank=True)
    program = models.ForeignKey(
        "planning.ProgramTemplate",
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
    )
    form = models.ForeignKey(
        "planning.DevelopmentForm",
        verbose_name=_("bentuk pengembangan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="courses",
    )
    jp_units = models.DecimalField(
        _("satuan JP (jam)"), max_digits=6, decimal_places=2, default=Decimal(2)
    )
    self_enrol = models.BooleanField(_("terbuka untuk pendaftaran mandiri"), default=True)
    is_published = models.BooleanField(_("diterbitkan"), default=False)
    final_quiz = models.ForeignKey(
        "delivery.Quiz",
        verbose_name=_("kuis akhir"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
    )

    class Meta:
        verbose_name = _("kursus e-learning")
        verbose_name_plural = _("kursus e-learning")
        ordering = ["instansi", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(jp_units__gte=0), name="course_units_nonnegative"),
        ]

    def __str__(self) -> str:
        return self.title


class ModuleKind(models.TextChoices):
    TEXT = "text", _("Teks")
    FILE = "file", _("Berkas")
    VIDEO = "video", _("Tautan video")


def module_file_path(instance: Module, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"elearning/{instance.course_id}/{secrets.token_hex(12)}.{extension}"


class Module(TimeStampedModel):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    title = models.CharField(_("judul modul"), max_length=200)
    kind = models.CharField(_("jenis modul"), max_length=8, choices=ModuleKind.choices)
    body = models.TextField(_("isi"), blank=True)
    file = models.FileField(_("berkas"), upload_to=module_file_path, blank=True)
    video_url = models.URLField(_("tautan video"), blank=True)

    class Meta:
        verbose_name = _("modul")
        verbose_name_plural = _("modul")
        ordering = ["course", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class CourseEnrolment(TimeStampedModel):
    """An ASN following a course; ``credit`` is the JP line its completion wrote."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    employee = models.ForeignKey(
        "organisation.Employee", on_delete=models.CASCADE, related_name="course_enrolments"
    )
    completed_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    credit = models.ForeignKey(
        "delivery.JpCredit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("peserta e-learning")
        verbose_name_plural = _("peserta e-learning")
        constraints = [
            models.UniqueConstraint(fields=["course", "employee"], name="course_enrolment_unique"),
        ]


class ModuleProgress(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="progress")
    employee = models.ForeignKey(
        "organisation.Employee", on_delete=models.CASCADE, related_name="module_progress"
    )
    done_at = models.DateTimeField(_("selesai"))

    class Meta:
        verbose_name = _("kemajuan modul")
        verbose_name_plural = _("kemajuan modul")
        constraints = [
            models.UniqueConstraint(fields=["module", "employee"], name="module_progress_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.module_id}/{self.employee_id}"
