"""Who delivers training and where: partners (mitra) with their agreements, trainers, venues,
and the holiday calendar of an instansi.

Terms: a *mitra* is a partner organisation; its agreement is an MoU (nota kesepahaman) or a PKS
(perjanjian kerja sama); a *widyaiswara* is a government trainer; *cuti bersama* is a collective
leave day the government adds around national holidays.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel

VENUE_CAPACITY_MAX = 10_000


class PartnerType(models.TextChoices):
    UNIVERSITY = "university", _("Perguruan tinggi")
    TRAINING_INSTITUTION = "training_institution", _("Lembaga pelatihan")
    NGO = "ngo", _("Lembaga swadaya masyarakat")
    PRIVATE_COMPANY = "private_company", _("Perusahaan swasta")
    GOVERNMENT_BODY = "government_body", _("Instansi pemerintah")


class Partner(TimeStampedModel):
    """An organisation that delivers training with the instansi (mitra)."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(_("nama mitra"), max_length=200)
    type = models.CharField(_("jenis mitra"), max_length=24, choices=PartnerType.choices)
    contact = models.CharField(_("kontak"), max_length=200, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("mitra")
        verbose_name_plural = _("mitra")
        ordering = ["instansi", "name"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "name"], name="partner_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def current_agreement(self, on: dt.date | None = None) -> Agreement | None:
        """The agreement in force on ``on`` (default today) that runs longest, if any."""
        on = on or timezone.localdate()
        return (
            self.agreements.filter(valid_from__lte=on, valid_until__gte=on)
            .order_by("-valid_until")
            .first()
        )


class AgreementKind(models.TextChoices):
    MOU = "mou", _("MoU (nota kesepahaman)")
    PKS = "pks", _("PKS (perjanjian kerja sama)")


class Agreement(TimeStampedModel):
    """An MoU or PKS with a partner: its number, what it covers and when it is valid."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="agreements")
    kind = models.CharField(
        _("jenis perjanjian"), max_length=4, choices=AgreementKind.choices, default="pks"
    )
    number = models.CharField(_("nomor"), max_length=120)
    scope = models.TextField(_("ruang lingkup"), blank=True)
    valid_from = models.DateField(_("berlaku mulai"))
    valid_until = models.DateField(_("berlaku sampai"))

    class Meta:
        verbose_name = _("perjanjian kerja sama")
        verbose_name_plural = _("perjanjian kerja sama")
        ordering = ["partner", "-valid_until"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "number"], name="agreement_unique_number"),
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")),
                name="agreement_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def is_expired(self, on: dt.date | None = None) -> bool:
        return self.valid_until < (on or timezone.localdate())

    @property
    def expired(self) -> bool:
        return self.is_expired()

    def covers(self, until: dt.date) -> bool:
        return self.valid_until >= until


class PartnerStaff(models.Model):
    """A user who works for a partner (the role ``mitra`` names the instansi; this link names
    the partner, so the user sees only that partner's batches)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_links"
    )
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="staff")

    class Meta:
        verbose_name = _("staf mitra")
        verbose_name_plural = _("staf mitra")
        constraints = [
            models.UniqueConstraint(fields=["user", "partner"], name="partner_staff_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.partner_id}"


class TrainerKind(models.TextChoices):
    WIDYAISWARA = "widyaiswara", _("Widyaiswara (internal)")
    INTERNAL_COACH = "internal_coach", _("Coach internal")
    EXTERNAL_PRACTITIONER = "external_practitioner", _("Praktisi eksternal")


class Trainer(TimeStampedModel):
    """A trainer or speaker (pengajar/narasumber)."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="trainers"
    )
    name = models.CharField(_("nama"), max_length=150)
    kind = models.CharField(_("jenis pengajar"), max_length=24, choices=TrainerKind.choices)
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("mitra"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainers",
    )
    employee = models.ForeignKey(
        "organisation.Employee",
        verbose_name=_("pegawai (pengajar internal)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    competencies = models.ManyToManyField(
        "competencies.Competency",
        verbose_name=_("kompetensi yang diajarkan"),
        blank=True,
        related_name="+",
    )
    unavailable_dates = models.JSONField(
        _("tanggal berhalangan"), default=list, blank=True, help_text=_("Daftar tanggal ISO.")
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pengajar")
        verbose_name_plural = _("pengajar")
        ordering = ["instansi", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def unavailable(self) -> set[dt.date]:
        return {dt.date.fromisoformat(d) for d in self.unavailable_dates}


class VenueKind(models.TextChoices):
    GOVERNMENT_BUILDING = "government_building", _("Gedung pemerintah")
    PARTNER_CAMPUS = "partner_campus", _("Kampus/tempat mitra")


class Venue(TimeStampedModel):
    """A place where face-to-face batches run."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="venues"
    )
    name = models.CharField(_("nama tempat"), max_length=200)
    kind = models.CharField(_("jenis tempat"), max_length=24, choices=VenueKind.choices)
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("mitra"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="venues",
    )
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    capacity = models.PositiveIntegerField(_("kapasitas (orang)"))
    facilities = models.TextField(_("fasilitas"), blank=True)
    unavailable_dates = models.JSONField(
        _("tanggal tidak tersedia"), default=list, blank=True, help_text=_("Daftar tanggal ISO.")
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("tempat")
        verbose_name_plural = _("tempat")
        ordering = ["instansi", "name"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "name"], name="venue_unique_name"),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=VENUE_CAPACITY_MAX),
                name="venue_capacity_bounds",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def unavailable(self) -> set[dt.date]:
        return {dt.date.fromisoformat(d) for d in self.unavailable_dates}


class HolidayKind(models.TextChoices):
    NATIONAL = "national", _("Libur nasional")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
    REGIONAL = "regional", _("Libur daerah")


class Holiday(models.Model):
    """A day off in an instansi's calendar; the calendar is edited per year."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="holidays"
    )
    date = models.DateField(_("tanggal"))
    name = models.CharField(_("keterangan"), max_length=150)
    kind = models.CharField(_("jenis"), max_length=16, choices=HolidayKind.choices)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["instansi", "date"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "date"], name="holiday_unique_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}"


MAX_AWAY_DEFAULT = 0.1


class UnitAwayLimit(models.Model):
    """How large a share of a unit's staff may be in training on one working day (so that its
    services stay open). Units without a row use ``settings.DELIVERY_MAX_AWAY`` (default 0.1)."""

    unit = models.OneToOneField(
        "organisation.Unit", on_delete=models.CASCADE, related_name="away_limit"
    )
    max_away = models.DecimalField(
        _("paling banyak pegawai yang meninggalkan tugas (bagian)"),
        max_digits=4,
        decimal_places=3,
        help_text=_("Misalnya 0,1 berarti paling banyak 10% pegawai unit dalam satu hari kerja."),
    )

    class Meta:
        verbose_name = _("batas pegawai meninggalkan tugas")
        verbose_name_plural = _("batas pegawai meninggalkan tugas")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_away__gte=0) & Q(max_away__lte=1), name="unit_max_away_bounds"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.max_away}"
