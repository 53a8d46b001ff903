"""Public forms: the submissions kept for rate limits, and input from the community, the
private sector and academia."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel


class PublicForm(models.TextChoices):
    INPUT = "masukan", _("Masukan pemangku kepentingan")
    SKM = "skm", _("Survei kepuasan masyarakat")


class PublicAttempt(models.Model):
    """One submission of a public form, kept a day for rate limits.

    The client address is stored only as a keyed hash. An accepted submission's form token
    (``nonce``) is unique, so the same rendered form cannot be sent twice.
    """

    form = models.CharField(max_length=10, choices=PublicForm.choices)
    target = models.CharField(max_length=32)
    ip_hash = models.CharField(max_length=64)
    nonce = models.CharField(max_length=40, blank=True)
    accepted = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["ip_hash", "at"]),
            models.Index(fields=["form", "target", "ip_hash", "at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["nonce"],
                condition=Q(accepted=True) & ~Q(nonce=""),
                name="regional_attempt_nonce_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.form}:{self.target} {self.at:%Y-%m-%d %H:%M} {self.accepted}"


class StakeholderKind(models.TextChoices):
    COMMUNITY = "masyarakat", _("Masyarakat")
    PRIVATE = "swasta", _("Sektor swasta / dunia usaha")
    ACADEMIA = "akademisi", _("Akademisi / perguruan tinggi")


class InputStatus(models.TextChoices):
    PENDING = "menunggu", _("Menunggu moderasi")
    APPROVED = "disetujui", _("Disetujui")
    REJECTED = "ditolak", _("Ditolak")


class PublicInput(TimeStampedModel):
    """Input from the community, the private sector or academia on what ASN should learn.

    It counts only once approved: the moderator links it to competencies (and units or
    positions) with a factor. Contact details are shown to moderators only.
    """

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="public_inputs"
    )
    kategori = models.CharField(_("kategori"), max_length=12, choices=StakeholderKind.choices)
    topik = models.CharField(_("topik"), max_length=200)
    isi = models.TextField(_("masukan"))
    wilayah = models.ForeignKey(
        "organisation.Wilayah",
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    nama = models.CharField(_("nama"), max_length=150, blank=True)
    organisasi = models.CharField(_("organisasi"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    telepon = models.CharField(_("telepon"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=InputStatus.choices, default=InputStatus.PENDING
    )
    content_hash = models.CharField(max_length=64, db_index=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("dimoderasi"), null=True, blank=True)
    alasan_penolakan = models.TextField(_("alasan penolakan"), blank=True)
    tahun = models.PositiveSmallIntegerField(_("tahun rencana"), null=True, blank=True)
    competencies = models.ManyToManyField(
        "competencies.Competency", verbose_name=_("kompetensi"), blank=True, related_name="+"
    )
    units = models.ManyToManyField(
        "organisation.Unit", verbose_name=_("unit"), blank=True, related_name="+"
    )
    position_classes = models.JSONField(_("kelas jabatan"), default=list, blank=True)
    position_keyword = models.CharField(_("kata kunci jabatan"), max_length=100, blank=True)
    factor = models.DecimalField(_("faktor"), max_digits=6, decimal_places=3, null=True, blank=True)

    class Meta:
        verbose_name = _("masukan publik")
        verbose_name_plural = _("masukan publik")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["instansi", "status", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(factor__isnull=True) | Q(factor__gt=0),
                name="regional_input_factor_positive",
            )
        ]

    def __str__(self) -> str:
        return self.topik

    @property
    def source_key(self) -> str:
        return f"public-input:{self.pk}"
