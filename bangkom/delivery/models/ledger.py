"""The JP ledger: every JP (jam pelajaran, learning hours) an ASN is credited, one line per
activity, and the external learning an ASN claims with a certificate.

PP 11/2017 art. 203(4): every PNS develops at least 20 JP a year. A ledger line is written only
by ``bangkom.delivery.ledger.services.jp_credit``; completing a batch, an e-learning course or an
internship, or approving a claim, calls it with a ``source_key`` that makes crediting idempotent.
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel

__all__ = [
    "CERTIFICATE_EXTENSIONS",
    "CERTIFICATE_MAX_BYTES",
    "JP_LINE_MAX",
    "ClaimStatus",
    "ExternalLearningClaim",
    "JpCredit",
    "JpSource",
    "validate_certificate",
]

# The most one ledger line may hold. The largest credits in the conversion table are 20 JP per
# semester or activity and a few JP per day, so a single activity above 500 JP is a typing error
# (or a unit mix-up), refused by the service and by the database.
JP_LINE_MAX = Decimal(500)

CERTIFICATE_EXTENSIONS = ("pdf", "jpg", "jpeg", "png")
CERTIFICATE_MAX_BYTES = 5 * 1024 * 1024
_SIGNATURES = {
    "pdf": (b"%PDF",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}


class JpSource(models.TextChoices):
    BATCH = "angkatan", _("Pelatihan (angkatan)")
    ELEARNING = "elearning", _("E-learning")
    INTERNSHIP = "magang", _("Magang")
    COACHING = "coaching", _("Coaching/mentoring")
    SEMINAR = "seminar", _("Seminar")
    PROJECT = "proyek", _("Pembelajaran berbasis proyek")
    EXTERNAL_CLAIM = "klaim", _("Klaim pembelajaran eksternal")
    MANUAL = "manual", _("Penyesuaian manual")


class JpCredit(TimeStampedModel):
    """One line of an ASN's JP ledger (*rekam JP*) for a year."""

    employee = models.ForeignKey(
        "organisation.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="jp_credits",
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    date = models.DateField(_("tanggal"))
    activity = models.CharField(_("kegiatan"), max_length=255)
    jp = models.DecimalField(_("JP"), max_digits=6, decimal_places=2)
    form = models.ForeignKey(
        "planning.DevelopmentForm",
        verbose_name=_("bentuk pengembangan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="jp_credits",
    )
    units = models.DecimalField(
        _("jumlah satuan"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    learning_days = models.PositiveSmallIntegerField(_("hari belajar"), default=1)
    months = models.PositiveSmallIntegerField(_("bulan"), default=1)
    source = models.CharField(_("sumber"), max_length=12, choices=JpSource.choices)
    source_key = models.CharField(_("kunci sumber"), max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("rekam JP")
        verbose_name_plural = _("rekam JP")
        ordering = ["employee", "date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "source", "source_key"], name="jp_credit_idempotent"
            ),
            models.CheckConstraint(
                condition=Q(jp__gte=0) & Q(jp__lte=JP_LINE_MAX), name="jp_credit_bounded"
            ),
        ]
        indexes = [models.Index(fields=["year", "employee"])]

    def __str__(self) -> str:
        return f"{self.activity} ({self.jp} JP)"


class ClaimStatus(models.TextChoices):
    SUBMITTED = "diajukan", _("Diajukan")
    APPROVED = "disetujui", _("Disetujui")
    DECLINED = "ditolak", _("Ditolak")


def certificate_path(instance: ExternalLearningClaim, filename: str) -> str:
    """A random name under a private folder that no URL serves: certificates hold personal
    data, so they are streamed only through the access-checked view."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"private/sertifikat/{instance.employee_id}/{secrets.token_hex(12)}.{extension}"


def validate_certificate(upload: File) -> None:
    """A certificate is a PDF, JPG or PNG of at most 5 MB whose content matches its name."""
    name = getattr(upload, "name", "") or ""
    FileExtensionValidator(
        list(CERTIFICATE_EXTENSIONS),
        message=_("Sertifikat harus berkas PDF, JPG atau PNG."),
    )(upload)
    if upload.size is not None and upload.size > CERTIFICATE_MAX_BYTES:
        raise ValidationError(_("Ukuran sertifikat paling besar 5 MB."), code="too_large")
    extension = name.rsplit(".", 1)[-1].lower()
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(8)
    upload.seek(position)
    if not any(head.startswith(sig) for sig in _SIGNATURES.get(extension, ())):
        raise ValidationError(
            _("Isi berkas tidak sesuai dengan jenisnya (PDF, JPG atau PNG)."), code="bad_content"
        )


class ExternalLearningClaim(TimeStampedModel):
    """Learning an ASN did outside Bangkom (a seminar, a course, a workshop), claimed with its
    certificate and decided by the OPD admin of the ASN's unit. Approval credits JP."""

    employee = models.ForeignKey(
        "organisation.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="learning_claims",
    )
    title = models.CharField(_("judul kegiatan"), max_length=255)
    organiser = models.CharField(_("penyelenggara"), max_length=255)
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    form = models.ForeignKey(
        "planning.DevelopmentForm",
        verbose_name=_("bentuk pengembangan"),
        on_delete=models.PROTECT,
        related_name="learning_claims",
    )
    units = models.DecimalField(
        _("jumlah satuan"),
        max_digits=7,
        decimal_places=2,
        help_text=_("Jam, hari, sesi, kegiatan atau semester, menurut satuan JP bentuknya."),
    )
    certificate = models.FileField(
        _("sertifikat"),
        upload_to=certificate_path,
        max_length=255,
        validators=[validate_certificate],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED
    )
    decision_reason = models.TextField(_("alasan keputusan"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    credit = models.OneToOneField(
        JpCredit,
        verbose_name=_("rekam JP"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claim",
    )

    class Meta:
        verbose_name = _("klaim pembelajaran eksternal")
        verbose_name_plural = _("klaim pembelajaran eksternal")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="claim_dates_ordered"
            ),
            models.CheckConstraint(condition=Q(units__gt=0), name="claim_units_positive"),
        ]
        indexes = [models.Index(fields=["status", "employee"])]

    def __str__(self) -> str:
        return self.title
