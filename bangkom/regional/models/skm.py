"""SKM (survei kepuasan masyarakat): each service unit's survey settings, imported files and
respondents' answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel
from bangkom.organisation.models import Sex


class SkmUnitSettings(TimeStampedModel):
    """A service unit's SKM: whether its public survey is open, its yearly number of service
    users (the population of the sample-size check) and the services it offers."""

    unit = models.OneToOneField(
        "organisation.Unit", on_delete=models.CASCADE, related_name="skm_settings"
    )
    is_open = models.BooleanField(_("survei publik dibuka"), default=False)
    populasi_tahunan = models.PositiveIntegerField(
        _("pengguna layanan per tahun"),
        null=True,
        blank=True,
        help_text=_("Populasi untuk pemeriksaan jumlah sampel (Krejcie–Morgan)."),
    )
    jenis_layanan = models.TextField(
        _("jenis layanan"), blank=True, help_text=_("Satu jenis layanan per baris.")
    )
    wajib_kode = models.BooleanField(
        _("wajib kode layanan"),
        default=False,
        help_text=_(
            "Jawaban publik hanya diterima dengan kode layanan bulan ini, yang dicetak di loket "
            "atau pada struk layanan."
        ),
    )

    class Meta:
        verbose_name = _("pengaturan SKM unit")
        verbose_name_plural = _("pengaturan SKM unit")

    def __str__(self) -> str:
        return f"SKM {self.unit_id}"

    @property
    def services(self) -> list[str]:
        return [line.strip() for line in self.jenis_layanan.splitlines() if line.strip()]


class Education(models.TextChoices):
    """Pendidikan, as the regulation's sample questionnaire lists it (with diploma)."""

    SD = "sd", _("SD ke bawah")
    SMP = "smp", _("SMP/sederajat")
    SMA = "sma", _("SMA/sederajat")
    DIPLOMA = "diploma", _("D1–D4")
    S1 = "s1", _("S1")
    S2 = "s2", _("S2")
    S3 = "s3", _("S3")


class Occupation(models.TextChoices):
    PNS = "pns", _("PNS")
    TNI = "tni", _("TNI")
    POLRI = "polri", _("POLRI")
    SWASTA = "swasta", _("Swasta")
    WIRAUSAHA = "wirausaha", _("Wirausaha")
    LAINNYA = "lainnya", _("Lainnya")


class ResponseStatus(models.TextChoices):
    """Whether a response counts in the IKM, U1–U9 and the weight signals.

    A public response flagged by an anomaly check (see ``services.skm_anomaly``) is held until an
    admin of its unit approves it; imported responses count at once.
    """

    COUNTED = "dihitung", _("Dihitung")
    HELD = "ditahan", _("Ditahan, menunggu moderasi")
    REJECTED = "ditolak", _("Ditolak")


class AnomalyFlag(models.TextChoices):
    ADDRESS_BURST = "alamat", _("Banyak jawaban dari satu alamat")
    UNIT_BURST = "lonjakan", _("Lonjakan jawaban dalam waktu singkat")
    IDENTICAL = "identik", _("Lembar jawaban identik")


class SkmServiceCode(models.Model):
    """Kode layanan: the code of a unit for one month, printed at the counter or on the receipt,
    which the public form asks for when the unit requires it (``SkmUnitSettings.wajib_kode``)."""

    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.CASCADE, related_name="skm_codes"
    )
    periode = models.CharField(_("periode"), max_length=7)  # month key, "2026-12"
    kode = models.CharField(_("kode layanan"), max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("kode layanan SKM")
        verbose_name_plural = _("kode layanan SKM")
        constraints = [
            models.UniqueConstraint(fields=["unit", "periode"], name="regional_skm_code_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.periode}"


class ResponseSource(models.TextChoices):
    PUBLIC = "publik", _("Formulir publik")
    IMPORT = "impor", _("Impor berkas")


class SkmImport(models.Model):
    """One file of SKM answers imported into a unit and period."""

    unit = models.ForeignKey("organisation.Unit", on_delete=models.CASCADE, related_name="+")
    periode = models.CharField(_("periode"), max_length=10)
    filename = models.CharField(_("berkas"), max_length=255)
    file_hash = models.CharField(max_length=64, db_index=True)
    rows = models.PositiveIntegerField(_("baris"))
    created_at = models.DateTimeField(default=timezone.now)
    actor_label = models.CharField(max_length=150, blank=True)

    def __str__(self) -> str:
        return f"{self.unit_id} {self.periode} {self.filename}"


SCORE_FIELDS = ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")


def _score_check(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 1, f"{name}__lte": 4}),
        name=f"regional_skm_{name}_1_4",
    )


class SkmResponse(models.Model):
    """One respondent's answers to the nine elements U1–U9 (1–4; empty = not answered).

    A public response belongs to the day of its service (``periode_awal == periode_akhir``); an
    imported one to the period it was imported into, so it counts in that period and in the
    periods that contain it, never in a shorter one.
    """

    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.CASCADE, related_name="skm_responses"
    )
    periode_awal = models.DateField()
    periode_akhir = models.DateField()
    tanggal = models.DateField(_("tanggal layanan"), null=True, blank=True)
    umur = models.PositiveSmallIntegerField(_("umur"), null=True, blank=True)
    jenis_kelamin = models.CharField(
        _("jenis kelamin"), max_length=1, choices=Sex.choices, blank=True
    )
    pendidikan = models.CharField(
        _("pendidikan"), max_length=8, choices=Education.choices, blank=True
    )
    pekerjaan = models.CharField(
        _("pekerjaan"), max_length=10, choices=Occupation.choices, blank=True
    )
    pekerjaan_lainnya = models.CharField(_("pekerjaan lainnya"), max_length=100, blank=True)
    jenis_layanan = models.CharField(_("jenis layanan"), max_length=200, blank=True)
    saran = models.TextField(_("saran"), blank=True)
    u1 = models.PositiveSmallIntegerField(null=True, blank=True)
    u2 = models.PositiveSmallIntegerField(null=True, blank=True)
    u3 = models.PositiveSmallIntegerField(null=True, blank=True)
    u4 = models.PositiveSmallIntegerField(null=True, blank=True)
    u5 = models.PositiveSmallIntegerField(null=True, blank=True)
    u6 = models.PositiveSmallIntegerField(null=True, blank=True)
    u7 = models.PositiveSmallIntegerField(null=True, blank=True)
    u8 = models.PositiveSmallIntegerField(null=True, blank=True)
    u9 = models.PositiveSmallIntegerField(null=True, blank=True)
    source = models.CharField(max_length=8, choices=ResponseSource.choices)
    import_batch = models.ForeignKey(
        SkmImport, null=True, blank=True, on_delete=models.CASCADE, related_name="responses"
    )
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    ip_hash = models.CharField(max_length=64, blank=True)  # keyed hash, as PublicAttempt
    status = models.CharField(
        _("status"), max_length=8, choices=ResponseStatus.choices, default=ResponseStatus.COUNTED
    )
    flags = models.JSONField(_("tanda anomali"), default=list, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(_("dimoderasi"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("respons SKM")
        verbose_name_plural = _("respons SKM")
        indexes = [
            models.Index(fields=["unit", "periode_awal", "periode_akhir"]),
            models.Index(fields=["unit", "status", "created_at"]),
        ]
        constraints = [
            *[_score_check(f"u{i}") for i in range(1, 10)],
            models.CheckConstraint(
                condition=Q(periode_akhir__gte=models.F("periode_awal")),
                name="regional_skm_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"SKM {self.unit_id} {self.periode_awal}"

    @property
    def scores(self) -> tuple[int | None, ...]:
        return tuple(getattr(self, name) for name in SCORE_FIELDS)

    @property
    def flag_labels(self) -> list[str]:
        labels = dict(AnomalyFlag.choices)
        return [str(labels.get(flag, flag)) for flag in self.flags]
