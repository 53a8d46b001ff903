"""Users, their roles with scope, and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in. Linked to an employee record when the person is an ASN:
    that link makes them an employee (self) and, if they have subordinates, a supervisor."""

    nama = models.CharField(_("nama lengkap"), max_length=150, blank=True)
    employee = models.OneToOneField(
        "organisation.Employee",
        verbose_name=_("pegawai"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.nama or self.username


class Role(models.TextChoices):
    SUPERADMIN = "superadmin", _("Superadmin nasional/provinsi")
    BKPSDM_ADMIN = "bkpsdm_admin", _("Admin BKPSDM")
    OPD_ADMIN = "opd_admin", _("Admin OPD/kecamatan")
    PIMPINAN = "pimpinan", _("Pimpinan (baca saja)")
    MITRA = "mitra", _("Staf mitra")


class RoleAssignment(models.Model):
    """A role a user holds, with its scope.

    - superadmin: ``region`` empty = national, else every instansi inside that region code;
    - bkpsdm_admin, pimpinan, mitra: one ``instansi``;
    - opd_admin: one ``unit`` subtree (and its ``instansi``).
    Supervisor and employee are not assigned: they follow from the user's employee record.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("peran"), max_length=16, choices=Role.choices)
    instansi = models.ForeignKey(
        "organisation.Instansi", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        "organisation.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    region = models.ForeignKey(
        "organisation.Wilayah", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("penugasan peran")
        verbose_name_plural = _("penugasan peran")
        constraints = [
            models.CheckConstraint(
                name="role_scope_matches_role",
                condition=(
                    Q(role="superadmin", instansi__isnull=True, unit__isnull=True)
                    | Q(
                        role__in=["bkpsdm_admin", "pimpinan", "mitra"],
                        instansi__isnull=False,
                        unit__isnull=True,
                        region__isnull=True,
                    )
                    | Q(
                        role="opd_admin",
                        instansi__isnull=False,
                        unit__isnull=False,
                        region__isnull=True,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "instansi", "unit", "region"], name="role_unique"
            ),
        ]

    def __str__(self) -> str:
        scope = self.unit or self.instansi or self.region or _("nasional")
        return f"{self.get_role_display()} · {scope}"


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its hash is stored; the raw value is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("nama token"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_raw_key() -> str:
        return "bk_" + secrets.token_urlsafe(32)

    @classmethod
    def lookup(cls, raw: str) -> ApiToken | None:
        return (
            cls.objects.select_related("user")
            .filter(key_hash=_hash_token(raw), revoked_at__isnull=True, user__is_active=True)
            .first()
        )

    def set_key(self, raw: str) -> None:
        self.prefix = raw[3:11]
        self.key_hash = _hash_token(raw)
