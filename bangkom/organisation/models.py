"""The instansi and its people: regions, org units, positions with duties, employees (ASN)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel


class WilayahLevel(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN_KOTA = "kabupaten_kota", _("Kabupaten/Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN_DESA = "kelurahan_desa", _("Kelurahan/Desa")


class Wilayah(models.Model):
    """A Kemendagri region: ``PP.KK.CC.DDDD`` (province, regency/city, district, village)."""

    kode = models.CharField(_("kode"), max_length=13, primary_key=True)
    nama = models.CharField(_("nama"), max_length=120, db_index=True)
    tingkat = models.CharField(_("tingkat"), max_length=16, choices=WilayahLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    @property
    def is_kelurahan(self) -> bool:
        """Village codes start with 1 for kelurahan and 2 for desa."""
        return self.tingkat == WilayahLevel.KELURAHAN_DESA and self.kode.split(".")[-1][0] == "1"


class InstansiKind(models.TextChoices):
    PROVINSI = "provinsi", _("Pemerintah Provinsi")
    KABUPATEN = "kabupaten", _("Pemerintah Kabupaten")
    KOTA = "kota", _("Pemerintah Kota")


class Instansi(TimeStampedModel):
    """A regional government (provinsi, kabupaten or kota), identified by its region code."""

    wilayah = models.OneToOneField(
        Wilayah, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="instansi"
    )
    nama = models.CharField(_("nama"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=16, choices=InstansiKind.choices)
    pppk_number_pattern = models.CharField(
        _("pola nomor PPPK"),
        max_length=100,
        default=r"^\d{18}$",
        help_text=_("Ekspresi reguler untuk nomor induk PPPK di instansi ini."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    tahun_rencana = models.PositiveSmallIntegerField(
        _("tahun rencana berjalan"),
        null=True,
        blank=True,
        help_text=_(
            "Tahun yang dipakai semua halaman sebagai tahun rencana bawaan; kosong = tahun ini."
        ),
    )

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama

    @property
    def kode(self) -> str:
        return self.wilayah_id


class UnitKind(models.TextChoices):
    SETDA = "setda", _("Sekretariat Daerah")
    DINAS = "dinas", _("Dinas")
    BADAN = "badan", _("Badan")
    KANTOR = "kantor", _("Kantor/Satuan")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")
    SEKRETARIAT = "sekretariat", _("Sekretariat")
    BAGIAN = "bagian", _("Bagian")
    BIDANG = "bidang", _("Bidang")
    SEKSI = "seksi", _("Seksi")
    SUBBAGIAN = "subbagian", _("Subbagian")
    PUSKESMAS = "puskesmas", _("Puskesmas")
    UPT = "upt", _("UPT")
    SEKOLAH = "sekolah", _("Sekolah")
    LAINNYA = "lainnya", _("Lainnya")


class Unit(TimeStampedModel):
    """An org unit of an instansi: a tree of OPD (top level) and their sub-units.

    ``path`` is a materialised path of primary keys (``"12/40/41/"``) so that a subtree is one
    ``path__startswith`` filter, whatever its depth.
    """

    instansi = models.ForeignKey(
        Instansi, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    nama = models.CharField(_("nama"), max_length=200)
    singkatan = models.CharField(_("singkatan"), max_length=40, blank=True)
    jenis = models.CharField(_("jenis"), max_length=16, choices=UnitKind.choices)
    wilayah = models.ForeignKey(
        Wilayah,
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "parent", "nama"], name="unit_unique_name_under_parent"
            ),
            models.UniqueConstraint(
                fields=["instansi", "nama"],
                condition=Q(parent__isnull=True),
                name="unit_unique_top_level_name",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def is_opd(self) -> bool:
        """Top-level units are the OPD (perangkat daerah) of the instansi."""
        return self.parent_id is None


class PositionClass(models.TextChoices):
    JPT_UTAMA = "jpt_utama", _("JPT Utama")
    JPT_MADYA = "jpt_madya", _("JPT Madya")
    JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas")
    PELAKSANA = "pelaksana", _("Pelaksana")
    AHLI_UTAMA = "ahli_utama", _("Fungsional Ahli Utama")
    AHLI_MADYA = "ahli_madya", _("Fungsional Ahli Madya")
    AHLI_MUDA = "ahli_muda", _("Fungsional Ahli Muda")
    AHLI_PERTAMA = "ahli_pertama", _("Fungsional Ahli Pertama")
    PENYELIA = "penyelia", _("Fungsional Penyelia")
    MAHIR = "mahir", _("Fungsional Mahir")
    TERAMPIL = "terampil", _("Fungsional Terampil")
    PEMULA = "pemula", _("Fungsional Pemula")


class Position(TimeStampedModel):
    """A position (jabatan) in a unit, with its duties (uraian tugas) and competency standard."""

    instansi = models.ForeignKey(
        Instansi, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="positions"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="positions"
    )
    nama = models.CharField(_("nama jabatan"), max_length=200)
    kelas = models.CharField(_("kelas jabatan"), max_length=16, choices=PositionClass.choices)
    ikhtisar = models.TextField(_("ikhtisar jabatan"), blank=True)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["unit__path", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "nama"], name="position_unique_name_in_unit")
        ]

    def __str__(self) -> str:
        return self.nama


class Duty(models.Model):
    """One duty (uraian tugas) of a position; it names the competencies it needs."""

    position = models.ForeignKey(
        Position, verbose_name=_("jabatan"), on_delete=models.CASCADE, related_name="duties"
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    uraian = models.TextField(_("uraian tugas"))

    class Meta:
        verbose_name = _("uraian tugas")
        verbose_name_plural = _("uraian tugas")
        ordering = ["position", "urutan", "id"]

    def __str__(self) -> str:
        return self.uraian[:80]


class DutyCompetency(models.Model):
    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, related_name="competencies")
    competency = models.ForeignKey(
        "competencies.Competency", on_delete=models.PROTECT, related_name="duty_links"
    )
    level = models.PositiveSmallIntegerField(_("level"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["duty", "competency"], name="duty_competency_unique"),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5), name="duty_competency_level_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency_id} level {self.level}"


class EmployeeKind(models.TextChoices):
    PNS = "PNS", _("PNS")
    PPPK = "PPPK", _("PPPK")


class Sex(models.TextChoices):
    L = "L", _("Laki-laki")
    P = "P", _("Perempuan")


class Employee(TimeStampedModel):
    """An ASN (civil servant) of an instansi, identified nationally by NIP."""

    instansi = models.ForeignKey(
        Instansi, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="employees"
    )
    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    jenis = models.CharField(
        _("jenis pegawai"), max_length=4, choices=EmployeeKind.choices, default=EmployeeKind.PNS
    )
    nama = models.CharField(_("nama"), max_length=150, db_index=True)
    gelar_depan = models.CharField(_("gelar depan"), max_length=40, blank=True)
    gelar_belakang = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    tanggal_lahir = models.DateField(_("tanggal lahir"), null=True, blank=True)
    jenis_kelamin = models.CharField(
        _("jenis kelamin"), max_length=1, choices=Sex.choices, blank=True
    )
    tmt_cpns = models.DateField(_("TMT CPNS"), null=True, blank=True)
    golongan = models.CharField(_("golongan/ruang"), max_length=8, blank=True)
    pendidikan_tingkat = models.CharField(_("tingkat pendidikan"), max_length=40, blank=True)
    pendidikan_nama = models.CharField(_("pendidikan"), max_length=150, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit kerja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employees",
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("jabatan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="holders",
    )
    target_position = models.ForeignKey(
        Position,
        verbose_name=_("jabatan sasaran (jalur karier)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="candidates",
        help_text=_("Jabatan yang akan diduduki; kesenjangannya dihitung juga."),
    )
    supervisor = models.ForeignKey(
        "self",
        verbose_name=_("atasan langsung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subordinates",
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["nama", "nip"]
        indexes = [models.Index(fields=["instansi", "nama"])]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.nip})"

    @property
    def display_name(self) -> str:
        """Name with academic titles as written on official letters: ``dr. Nama, M.Kes.``."""
        name = f"{self.gelar_depan} {self.nama}".strip()
        return f"{name}, {self.gelar_belakang}" if self.gelar_belakang else name


class ImportKind(models.TextChoices):
    EMPLOYEES = "pegawai", _("Pegawai")
    POSITIONS = "jabatan", _("Jabatan dan standar kompetensi")


class ImportStatus(models.TextChoices):
    QUEUED = "antre", _("Menunggu giliran")
    RUNNING = "berjalan", _("Sedang diproses")
    DONE = "selesai", _("Selesai")
    REJECTED = "ditolak", _("Berkas ditolak")
    FAILED = "gagal", _("Gagal")


def import_file_path(instance: ImportJob, filename: str) -> str:
    """Random names under a private folder that no URL serves; the worker reads the file
    through the storage and deletes it once the job has finished."""
    return f"private/impor/{instance.instansi_id}/{filename}"


IMPORT_STALE_AFTER = timedelta(minutes=30)


class ImportJob(models.Model):
    """One uploaded import file, run in the background: its options, progress and outcome.

    The stored file is removed when the job is done or rejected; the metadata, the summary
    and the first errors stay as the record of what happened. A failed job (an unexpected
    error, not a bad file) keeps its file so that it can be run again.
    """

    MAX_STORED_ERRORS = 500  # a page stays readable; ``error_count`` says how many there were

    instansi = models.ForeignKey(
        Instansi, verbose_name=_("instansi"), on_delete=models.CASCADE, related_name="imports"
    )
    kind = models.CharField(_("jenis impor"), max_length=8, choices=ImportKind.choices)
    dry_run = models.BooleanField(_("uji coba saja"), default=False)
    create_units = models.BooleanField(_("buat unit dan jabatan"), default=False)
    file = models.FileField(_("berkas"), upload_to=import_file_path, max_length=255, blank=True)
    filename = models.CharField(_("nama berkas"), max_length=200)
    language = models.CharField(max_length=8, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    progress_note = models.CharField(max_length=200, blank=True)
    rows = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    names = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    failure = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("impor berkas")
        verbose_name_plural = _("impor berkas")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["instansi", "kind", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.REJECTED, ImportStatus.FAILED)

    @property
    def is_stale(self) -> bool:
        """Still "running" long after it started: its worker has stopped (a 20,000-row file
        takes about 10 s), so it may be run again."""
        return (
            self.status == ImportStatus.RUNNING
            and self.started_at is not None
            and timezone.now() - self.started_at > IMPORT_STALE_AFTER
        )

    @property
    def hidden_errors(self) -> int:
        return max(0, self.error_count - len(self.errors))
