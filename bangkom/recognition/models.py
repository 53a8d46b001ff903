"""Certificates (*sertifikat* / STTPP, *Surat Tanda Tamat Pendidikan dan Pelatihan*), the instansi
keys that sign their Open Badges 3.0 credentials, the per-year numbering and the status lists.

Numbering (docs/certificates.md): ``BKM/<kode wilayah>/<year>/<sequence, 6 digits>``, e.g.
``BKM/53.71/2026/000123``, one sequence per instansi and year of completion, with no gap and no
duplicate: the sequence is taken from a locked ``CertificateSequence`` row in the same
transaction that writes the certificate, so a rolled-back issue gives its number back.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NUMBER_PREFIX = "BKM"
SEQUENCE_DIGITS = 6


def certificate_number(kode: str, year: int, sequence: int) -> str:
    return f"{NUMBER_PREFIX}/{kode}/{year}/{sequence:0{SEQUENCE_DIGITS}d}"


class IssuerKey(models.Model):
    """An Ed25519 signing key of an instansi. The private key is stored encrypted (AES-GCM with a
    key from ``CREDENTIAL_KEY_SECRET``, see ``keystore``); a database dump alone cannot sign.

    Rotation retires the current key and makes a new one; retired keys stay published on the
    issuer profile so that credentials they signed keep verifying."""

    instansi = models.ForeignKey(
        "organisation.Instansi",
        verbose_name=_("instansi"),
        on_delete=models.PROTECT,
        related_name="issuer_keys",
    )
    public_multikey = models.CharField(_("kunci publik (Multikey)"), max_length=64, unique=True)
    private_key_encrypted = models.TextField(_("kunci privat (terenkripsi)"), editable=False)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)
    retired_at = models.DateTimeField(_("dipensiunkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("kunci penerbit")
        verbose_name_plural = _("kunci penerbit")
        ordering = ["instansi", "-created_at", "-pk"]
        constraints = [
            # At most one signing key per instansi at a time.
            models.UniqueConstraint(
                fields=["instansi"],
                condition=Q(retired_at__isnull=True),
                name="issuer_key_one_current",
            )
        ]

    def __str__(self) -> str:
        return self.public_multikey

    @property
    def is_current(self) -> bool:
        return self.retired_at is None


class CertificateSequence(models.Model):
    """The last certificate sequence used by an instansi in a year (locked while issuing)."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    last_value = models.PositiveIntegerField(_("nomor urut terakhir"), default=0)

    class Meta:
        verbose_name = _("penomoran sertifikat")
        verbose_name_plural = _("penomoran sertifikat")
        constraints = [
            models.UniqueConstraint(fields=["instansi", "year"], name="certificate_sequence_year")
        ]

    def __str__(self) -> str:
        return f"{self.instansi_id}/{self.year}: {self.last_value}"


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Berlaku")
    REVOKED = "revoked", _("Dicabut")


class Certificate(models.Model):
    """A certificate of a completed learning activity (one JP ledger line), with its signed
    Open Badges 3.0 credential. Printed data are copied at issue: the certificate says what was
    certified then, whatever is edited later."""

    instansi = models.ForeignKey(
        "organisation.Instansi",
        verbose_name=_("instansi"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    sequence = models.PositiveIntegerField(_("nomor urut"))
    number = models.CharField(_("nomor sertifikat"), max_length=40)
    code = models.CharField(_("kode verifikasi"), max_length=10)
    source = models.OneToOneField(
        "delivery.JpCredit",
        verbose_name=_("rekam JP"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    employee = models.ForeignKey(
        "organisation.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    recipient_name = models.CharField(_("nama penerima"), max_length=255)
    recipient_nip = models.CharField(_("NIP penerima"), max_length=18)
    program = models.CharField(_("program/kegiatan"), max_length=255)
    jp = models.DecimalField(_("JP"), max_digits=6, decimal_places=2)
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=150)
    signatory_title = models.CharField(_("jabatan penanda tangan"), max_length=200)
    issued_at = models.DateTimeField(_("diterbitkan"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterbitkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
    )
    revoked_reason = models.TextField(_("alasan pencabutan"), blank=True)
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicabut oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status_list_index = models.PositiveIntegerField(_("indeks daftar status"))
    credential_uuid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    issuer_key = models.ForeignKey(
        IssuerKey, on_delete=models.PROTECT, related_name="certificates", editable=False
    )
    # The signed credential exactly as signed (text, not JSON: a database's JSON type may
    # rewrite numbers, e.g. 32.0 as 32, which canonicalises differently and breaks the proof).
    credential_json = models.TextField(_("kredensial"), editable=False)

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "year", "sequence"], name="certificate_sequence_unique"
            ),
            models.UniqueConstraint(fields=["number"], name="certificate_number_unique"),
            models.UniqueConstraint(fields=["code"], name="certificate_code_unique"),
            models.UniqueConstraint(
                fields=["instansi", "year", "status_list_index"],
                name="certificate_status_index_unique",
            ),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="certificate_sequence_pos"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="certificate_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(status="valid") | ~Q(revoked_reason=""),
                name="certificate_revoked_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["employee", "-issued_at"])]

    def __str__(self) -> str:
        return self.number

    @property
    def is_revoked(self) -> bool:
        return self.status == CertificateStatus.REVOKED

    @property
    def display_code(self) -> str:
        """The verification code in two groups of five, easier to read aloud and type."""
        return f"{self.code[:5]}-{self.code[5:]}"


class StatusList(models.Model):
    """The W3C Bitstring status list of an instansi's certificates of one year, as served at
    ``/status/<kode>/<year>/``: bit ``Certificate.status_list_index`` is 1 when revoked. The
    signed status list credential is kept with it and re-signed when a bit flips."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    encoded_list = models.TextField(_("daftar (terkode)"))
    credential_json = models.TextField(_("kredensial daftar status"))
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)

    class Meta:
        verbose_name = _("daftar status sertifikat")
        verbose_name_plural = _("daftar status sertifikat")
        constraints = [
            models.UniqueConstraint(fields=["instansi", "year"], name="status_list_year")
        ]

    def __str__(self) -> str:
        return f"{self.instansi_id}/{self.year}"


class JobStatus(models.TextChoices):
    QUEUED = "antre", _("Menunggu giliran")
    RUNNING = "berjalan", _("Berjalan")
    DONE = "selesai", _("Selesai")
    FAILED = "gagal", _("Gagal")


class CertificateIssueJob(models.Model):
    """Bulk issuance of certificates for a set of JP ledger lines (e.g. a batch's completions),
    run in the background. Idempotent: a line that already has a certificate is skipped."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.PROTECT, related_name="+"
    )
    credit_ids = models.JSONField(default=list)
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=150)
    signatory_title = models.CharField(_("jabatan penanda tangan"), max_length=200)
    label = models.CharField(_("keterangan"), max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    issued = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.label or self.pk} ({self.processed}/{self.total})"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def progress(self) -> int:
        return 100 if not self.total else round(100 * self.processed / self.total)


# --- SIASN training history (riwayat kursus) ------------------------------------------------


class RecognitionSetting(models.Model):
    """An instansi's settings for recognition: its ids in SIASN (BKN's civil service
    information system, *Sistem Informasi ASN*) for the training-history export, and whether
    its unit leaderboard is public."""

    instansi = models.OneToOneField(
        "organisation.Instansi",
        verbose_name=_("instansi"),
        on_delete=models.CASCADE,
        related_name="recognition_setting",
    )
    siasn_instansi_id = models.CharField(
        _("ID instansi SIASN"),
        max_length=64,
        blank=True,
        help_text=_("ID instansi di referensi SIASN (kolom instansiId)."),
    )
    siasn_lokasi_id = models.CharField(
        _("ID lokasi SIASN"),
        max_length=64,
        blank=True,
        help_text=_("ID lokasi di referensi SIASN (kolom lokasiId); kosong bila tidak diketahui."),
    )
    leaderboard_public = models.BooleanField(
        _("papan peringkat unit terbuka untuk publik"), default=False
    )

    class Meta:
        verbose_name = _("pengaturan penghargaan")
        verbose_name_plural = _("pengaturan penghargaan")

    def __str__(self) -> str:
        return str(self.instansi_id)


class SiasnCourseMapping(models.Model):
    """An instansi's own SIASN codes for one development form (``planning.DevelopmentForm``
    by its ``kode``): jenis diklat, jenis kursus and the certificate kind. Forms without a row
    use the defaults of ``recognition.siasn.DEFAULT_MAPPING``."""

    instansi = models.ForeignKey(
        "organisation.Instansi",
        verbose_name=_("instansi"),
        on_delete=models.CASCADE,
        related_name="siasn_course_mappings",
    )
    form_kode = models.SlugField(_("kode bentuk pengembangan"), max_length=40)
    jenis_diklat_id = models.CharField(_("jenis diklat (SIASN)"), max_length=16)
    jenis_kursus = models.CharField(_("jenis kursus (SIASN)"), max_length=64, blank=True)
    jenis_kursus_sertipikat = models.CharField(
        _("jenis sertifikat kursus (SIASN)"), max_length=16, blank=True
    )

    class Meta:
        verbose_name = _("pemetaan kode SIASN")
        verbose_name_plural = _("pemetaan kode SIASN")
        ordering = ["instansi", "form_kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "form_kode"], name="siasn_mapping_one_per_form"
            ),
            models.CheckConstraint(
                condition=~Q(jenis_diklat_id=""), name="siasn_mapping_has_jenis_diklat"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instansi_id}/{self.form_kode}: {self.jenis_diklat_id}"


# --- awards (penghargaan) ---------------------------------------------------------------------

AWARD_PREFIX = "PGH"


def award_number(kode: str, year: int, sequence: int) -> str:
    return f"{AWARD_PREFIX}/{kode}/{year}/{sequence:0{SEQUENCE_DIGITS}d}"


class SkpLevel(models.TextChoices):
    """The lowest SKP predicate a scheme accepts (the two good predicates of the SKP)."""

    BAIK = "baik", _("Baik atau lebih")
    SANGAT_BAIK = "sangat_baik", _("Sangat Baik")


class AwardScheme(models.Model):
    """An award scheme of an instansi for a year (*skema penghargaan*), e.g. "ASN Pembelajar
    2026", with its criteria: each threshold left empty is a criterion the scheme does not use,
    and at least one is set. An ASN is eligible when every criterion used is met
    (``recognition.awards.criteria``)."""

    instansi = models.ForeignKey(
        "organisation.Instansi",
        verbose_name=_("instansi"),
        on_delete=models.PROTECT,
        related_name="award_schemes",
    )
    name = models.CharField(_("nama penghargaan"), max_length=150)
    year = models.PositiveSmallIntegerField(_("tahun penilaian"))
    description = models.TextField(_("keterangan"), blank=True, max_length=2000)
    min_jp_percent = models.PositiveSmallIntegerField(
        _("kewajiban JP terpenuhi paling sedikit (% target)"), null=True, blank=True
    )
    min_gap_closed_percent = models.DecimalField(
        _("kesenjangan berbobot tertutup paling sedikit (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    min_gain = models.DecimalField(
        _("rata-rata normalised gain paling sedikit"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
    )
    min_skp = models.CharField(
        _("predikat SKP paling rendah"), max_length=16, choices=SkpLevel.choices, blank=True
    )
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=150)
    signatory_title = models.CharField(_("jabatan penanda tangan"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("skema penghargaan")
        verbose_name_plural = _("skema penghargaan")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "year", "name"], name="award_scheme_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(min_jp_percent__isnull=True)
                | Q(min_jp_percent__gte=1, min_jp_percent__lte=500),
                name="award_scheme_jp_bounded",
            ),
            models.CheckConstraint(
                condition=Q(min_gap_closed_percent__isnull=True)
                | Q(min_gap_closed_percent__gte=0, min_gap_closed_percent__lte=100),
                name="award_scheme_gap_bounded",
            ),
            models.CheckConstraint(
                condition=Q(min_gain__isnull=True) | Q(min_gain__gte=-1, min_gain__lte=1),
                name="award_scheme_gain_bounded",
            ),
            models.CheckConstraint(
                condition=Q(min_jp_percent__isnull=False)
                | Q(min_gap_closed_percent__isnull=False)
                | Q(min_gain__isnull=False)
                | ~Q(min_skp=""),
                name="award_scheme_has_criterion",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class NominationStatus(models.TextChoices):
    SUBMITTED = "diajukan", _("Diajukan")
    APPROVED = "disetujui", _("Disetujui")
    DECLINED = "ditolak", _("Ditolak")


class AwardNomination(models.Model):
    """An ASN nominated for a scheme by their supervisor or an OPD admin of their unit, with a
    reason; the BKPSDM approves (the award is issued) or declines it, with a reason."""

    scheme = models.ForeignKey(
        AwardScheme, verbose_name=_("skema"), on_delete=models.CASCADE, related_name="nominations"
    )
    employee = models.ForeignKey(
        "organisation.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="award_nominations",
    )
    reason = models.TextField(_("alasan pengusulan"), max_length=2000)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    nominated_at = models.DateTimeField(default=timezone.now)
    criteria_values = models.JSONField(_("nilai kriteria saat diusulkan"), default=dict)
    status = models.CharField(
        max_length=10, choices=NominationStatus.choices, default=NominationStatus.SUBMITTED
    )
    decision_reason = models.TextField(_("alasan keputusan"), blank=True, max_length=2000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("usulan penghargaan")
        verbose_name_plural = _("usulan penghargaan")
        ordering = ["scheme", "status", "-nominated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "employee"], name="award_nomination_once_per_scheme"
            ),
            models.CheckConstraint(
                condition=~Q(status="ditolak") | ~Q(decision_reason=""),
                name="award_nomination_decline_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme_id}/{self.employee_id}: {self.status}"


class Award(models.Model):
    """An award given (an approved nomination): its printed data copied at issue, a public
    verification code and the signed Open Badges 3.0 credential (achievementType ``Award``)."""

    nomination = models.OneToOneField(
        AwardNomination, on_delete=models.PROTECT, related_name="award"
    )
    scheme = models.ForeignKey(AwardScheme, on_delete=models.PROTECT, related_name="awards")
    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.PROTECT, related_name="awards"
    )
    employee = models.ForeignKey(
        "organisation.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="awards",
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    sequence = models.PositiveIntegerField(_("nomor urut"))
    number = models.CharField(_("nomor piagam"), max_length=40)
    code = models.CharField(_("kode verifikasi"), max_length=10)
    title = models.CharField(_("penghargaan"), max_length=150)
    recipient_name = models.CharField(_("nama penerima"), max_length=255)
    recipient_nip = models.CharField(_("NIP penerima"), max_length=18)
    citation = models.TextField(_("alasan"), max_length=2000)
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=150)
    signatory_title = models.CharField(_("jabatan penanda tangan"), max_length=200)
    issued_at = models.DateTimeField(_("diterbitkan"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    credential_uuid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    issuer_key = models.ForeignKey(
        IssuerKey, on_delete=models.PROTECT, related_name="awards", editable=False
    )
    credential_json = models.TextField(_("kredensial"), editable=False)

    class Meta:
        verbose_name = _("penghargaan")
        verbose_name_plural = _("penghargaan")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "year", "sequence"], name="award_sequence_unique"
            ),
            models.UniqueConstraint(fields=["number"], name="award_number_unique"),
            models.UniqueConstraint(fields=["code"], name="award_code_unique"),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="award_sequence_pos"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def display_code(self) -> str:
        return f"{self.code[:5]}-{self.code[5:]}"
