"""Regional needs (kebutuhan daerah): the region's own evidence that some competencies matter more.

- **Indicators** are time series per wilayah (Kemendagri region) or org unit: population, demand
  for a service (business-permit applications per month), SPM achievement (*standar pelayanan
  minimal*, the six basic services), IKM per element.
- **Signal rules** turn an indicator into weight factors when a condition holds (growth year on
  year, a threshold, SPM below target).
- **Plan priorities** are RPJMD/Renstra themes (the region's medium-term plan and each OPD's
  strategic plan) linked to competencies.
- **Public input** from the community, the private sector and academia counts once a moderator
  approves it.
- **SKM** (*survei kepuasan masyarakat*, PermenPANRB 14/2017): the community satisfaction survey
  of each service unit; low U6/U7 becomes a signal for that unit.

Every one of them becomes priority only through :func:`bangkom.needs.services.factors_replace`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel
from bangkom.lib.ikm import ELEMENTS, WeightConvention
from bangkom.organisation.models import PositionClass, Sex

# ----------------------------------------------------------------------------- indicators


class IndicatorKind(models.TextChoices):
    POPULATION = "penduduk", _("Kependudukan")
    SERVICE_DEMAND = "permintaan_layanan", _("Permintaan layanan")
    SPM = "spm", _("Capaian SPM")
    IKM = "ikm", _("IKM per unsur")
    OTHER = "lainnya", _("Lainnya")


class Periodicity(models.TextChoices):
    MONTHLY = "bulanan", _("Bulanan")
    YEARLY = "tahunan", _("Tahunan")


class SpmField(models.TextChoices):
    """The six basic services with minimum service standards (PP 2/2018)."""

    PENDIDIKAN = "pendidikan", _("Pendidikan")
    KESEHATAN = "kesehatan", _("Kesehatan")
    PEKERJAAN_UMUM = "pekerjaan_umum", _("Pekerjaan umum dan penataan ruang")
    PERUMAHAN = "perumahan", _("Perumahan rakyat dan kawasan permukiman")
    TRANTIBUMLINMAS = (
        "trantibumlinmas",
        _("Ketenteraman, ketertiban umum dan pelindungan masyarakat"),
    )
    SOSIAL = "sosial", _("Sosial")


IKM_ELEMENT_CHOICES = [(code, f"{code} {name}") for code, name in ELEMENTS]


class Indicator(TimeStampedModel):
    """A time series the instansi tracks, per wilayah or unit (see :class:`IndicatorValue`)."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="regional_indicators"
    )
    kode = models.CharField(_("kode"), max_length=30)
    nama = models.CharField(_("nama"), max_length=200)
    satuan = models.CharField(_("satuan"), max_length=40)
    jenis = models.CharField(_("jenis"), max_length=20, choices=IndicatorKind.choices)
    periodisitas = models.CharField(
        _("periode data"), max_length=8, choices=Periodicity.choices, default=Periodicity.MONTHLY
    )
    bidang_spm = models.CharField(
        _("bidang SPM"), max_length=20, choices=SpmField.choices, blank=True
    )
    unsur_ikm = models.CharField(
        _("unsur IKM"), max_length=2, choices=IKM_ELEMENT_CHOICES, blank=True
    )
    target = models.DecimalField(
        _("target"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Target capaian, misalnya 100 untuk SPM 100%."),
    )
    uraian = models.TextField(_("uraian"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("indikator daerah")
        verbose_name_plural = _("indikator daerah")
        ordering = ["instansi", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "kode"], name="regional_indicator_kode"),
            models.CheckConstraint(
                condition=~Q(jenis="spm") | ~Q(bidang_spm=""),
                name="regional_indicator_spm_has_field",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class IndicatorValue(TimeStampedModel):
    """One value of an indicator for one place (a unit or a wilayah, never both) and period.

    ``periode`` is the first day of the month (monthly indicators) or 1 January (yearly ones).
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    unit = models.ForeignKey(
        "organisation.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    wilayah = models.ForeignKey(
        "organisation.Wilayah", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    periode = models.DateField(_("periode"))
    nilai = models.DecimalField(_("nilai"), max_digits=18, decimal_places=4)
    sumber = models.CharField(_("sumber"), max_length=200, blank=True)
    catatan = models.CharField(_("catatan"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("nilai indikator")
        verbose_name_plural = _("nilai indikator")
        ordering = ["indicator", "periode"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, wilayah__isnull=True)
                | Q(unit__isnull=True, wilayah__isnull=False),
                name="regional_value_one_place",
            ),
            models.UniqueConstraint(
                fields=["indicator", "unit", "periode"],
                condition=Q(unit__isnull=False),
                name="regional_value_unit_period",
            ),
            models.UniqueConstraint(
                fields=["indicator", "wilayah", "periode"],
                condition=Q(wilayah__isnull=False),
                name="regional_value_wilayah_period",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "periode"])]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.periode:%Y-%m} = {self.nilai}"


# ----------------------------------------------------------------------------- signal rules


class RuleCondition(models.TextChoices):
    GROWTH = "pertumbuhan", _("Pertumbuhan tahunan ≥ ambang (%)")
    AT_LEAST = "minimal", _("Nilai terakhir ≥ ambang")
    AT_MOST = "maksimal", _("Nilai terakhir ≤ ambang")
    SPM_BELOW_TARGET = "spm_di_bawah_target", _("Capaian SPM terakhir di bawah target")


class EvaluationOutcome(models.TextChoices):
    MET = "terpenuhi", _("Terpenuhi")
    NOT_MET = "tidak_terpenuhi", _("Tidak terpenuhi")
    NO_DATA = "data_kurang", _("Data belum cukup")
    NO_TARGET = "tanpa_sasaran", _("Tidak ada unit sasaran")
    INACTIVE = "nonaktif", _("Aturan nonaktif")


class SignalRule(TimeStampedModel):
    """When ``indicator`` at a place (``unit`` or ``wilayah``) meets ``kondisi``, weigh
    ``competencies`` by ``factor`` for the matching positions.

    The positions are those of ``target_unit``'s subtree (by default the unit the data belong
    to, or the units whose wilayah lies in the data's wilayah; the whole instansi for the
    instansi's own wilayah), narrowed by ``position_classes`` and ``position_keyword``.
    """

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="signal_rules"
    )
    nama = models.CharField(_("nama aturan"), max_length=200)
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="rules"
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("data unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    wilayah = models.ForeignKey(
        "organisation.Wilayah",
        verbose_name=_("data wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kondisi = models.CharField(_("kondisi"), max_length=24, choices=RuleCondition.choices)
    ambang = models.DecimalField(
        _("ambang"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    competencies = models.ManyToManyField(
        "competencies.Competency", verbose_name=_("kompetensi"), related_name="+"
    )
    target_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("unit sasaran"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    position_classes = models.JSONField(_("kelas jabatan"), default=list, blank=True)
    position_keyword = models.CharField(_("kata kunci jabatan"), max_length=100, blank=True)
    factor = models.DecimalField(_("faktor"), max_digits=6, decimal_places=3)
    is_active = models.BooleanField(_("aktif"), default=True)
    last_evaluation = models.ForeignKey(
        "SignalEvaluation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("aturan sinyal")
        verbose_name_plural = _("aturan sinyal")
        ordering = ["instansi", "nama", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, wilayah__isnull=True)
                | Q(unit__isnull=True, wilayah__isnull=False),
                name="regional_rule_one_place",
            ),
            models.CheckConstraint(condition=Q(factor__gt=0), name="regional_rule_factor_positive"),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def source_key(self) -> str:
        return f"signal-rule:{self.pk}"


class SignalEvaluation(models.Model):
    """One evaluation of a rule for a plan year: what the data said and how many factors came."""

    rule = models.ForeignKey(SignalRule, on_delete=models.CASCADE, related_name="evaluations")
    tahun = models.PositiveSmallIntegerField(_("tahun rencana"))
    evaluated_at = models.DateTimeField(_("waktu"), default=timezone.now)
    actor_label = models.CharField(_("pelaku"), max_length=150, blank=True)
    outcome = models.CharField(_("hasil"), max_length=16, choices=EvaluationOutcome.choices)
    summary = models.CharField(_("ringkasan"), max_length=255)
    evidence = models.JSONField(_("bukti"), default=dict, blank=True)
    factor_count = models.PositiveIntegerField(_("jumlah faktor"), default=0)

    class Meta:
        verbose_name = _("evaluasi aturan sinyal")
        verbose_name_plural = _("evaluasi aturan sinyal")
        ordering = ["-evaluated_at", "-id"]

    def __str__(self) -> str:
        return f"{self.rule_id} {self.tahun}: {self.outcome}"


# ----------------------------------------------------------------------------- plan priorities


class PlanDocument(models.TextChoices):
    RPJMD = "rpjmd", _("RPJMD")
    RENSTRA = "renstra", _("Renstra perangkat daerah")
    RKPD = "rkpd", _("RKPD")
    OTHER = "lainnya", _("Dokumen lain")


class PlanPriority(TimeStampedModel):
    """A theme of the region's plan (e.g. "Transformasi digital pemerintahan") that weighs
    ``competencies`` by ``factor`` in the plan years ``tahun_mulai``–``tahun_selesai``."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="plan_priorities"
    )
    tema = models.CharField(_("tema prioritas"), max_length=200)
    dokumen = models.CharField(
        _("dokumen"), max_length=10, choices=PlanDocument.choices, default=PlanDocument.RPJMD
    )
    referensi = models.CharField(
        _("rujukan dokumen"),
        max_length=255,
        help_text=_("Misalnya: RPJMD 2025–2029, Misi 2, Sasaran 2.3."),
    )
    uraian = models.TextField(_("uraian"), blank=True)
    tahun_mulai = models.PositiveSmallIntegerField(_("tahun mulai"))
    tahun_selesai = models.PositiveSmallIntegerField(_("tahun selesai"))
    competencies = models.ManyToManyField(
        "competencies.Competency", verbose_name=_("kompetensi"), related_name="+"
    )
    units = models.ManyToManyField(
        "organisation.Unit", verbose_name=_("unit"), blank=True, related_name="+"
    )
    position_classes = models.JSONField(_("kelas jabatan"), default=list, blank=True)
    position_keyword = models.CharField(_("kata kunci jabatan"), max_length=100, blank=True)
    factor = models.DecimalField(_("faktor"), max_digits=6, decimal_places=3)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("prioritas rencana daerah")
        verbose_name_plural = _("prioritas rencana daerah")
        ordering = ["instansi", "-tahun_mulai", "tema"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tahun_selesai__gte=models.F("tahun_mulai")),
                name="regional_priority_years",
            ),
            models.CheckConstraint(
                condition=Q(factor__gt=0), name="regional_priority_factor_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.tema

    @property
    def source_key(self) -> str:
        return f"plan-priority:{self.pk}"

    def covers(self, tahun: int) -> bool:
        return self.tahun_mulai <= tahun <= self.tahun_selesai


# ----------------------------------------------------------------------------- settings


def default_frontline_classes() -> list[str]:
    """Position classes that usually serve the public face to face (configurable)."""
    return [
        PositionClass.PELAKSANA,
        PositionClass.PEMULA,
        PositionClass.TERAMPIL,
        PositionClass.MAHIR,
        PositionClass.PENYELIA,
        PositionClass.AHLI_PERTAMA,
        PositionClass.AHLI_MUDA,
    ]


CONVENTION_CHOICES = [(c.value, c.label) for c in WeightConvention]


class RegionalSettings(TimeStampedModel):
    """What an instansi chose for its regional needs: the IKM weight convention of its reports,
    when low U6/U7 counts as a signal and how strongly, and whether public input is open."""

    instansi = models.OneToOneField(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="regional_settings"
    )
    ikm_convention = models.CharField(
        _("bobot unsur IKM"),
        max_length=8,
        choices=CONVENTION_CHOICES,
        default=WeightConvention.EXACT.value,
    )
    skm_nrr_threshold = models.DecimalField(
        _("ambang NRR U6/U7"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("3.00"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("4"))],
    )
    skm_factor = models.DecimalField(
        _("faktor sinyal SKM"),
        max_digits=6,
        decimal_places=3,
        default=Decimal("1.5"),
        validators=[MinValueValidator(Decimal("0.001"))],
    )
    skm_frontline_classes = models.JSONField(
        _("kelas jabatan garda depan"), default=default_frontline_classes, blank=True
    )
    public_input_open = models.BooleanField(_("formulir masukan publik dibuka"), default=False)

    class Meta:
        verbose_name = _("pengaturan kebutuhan daerah")
        verbose_name_plural = _("pengaturan kebutuhan daerah")
        constraints = [
            models.CheckConstraint(
                condition=Q(skm_nrr_threshold__gte=1) & Q(skm_nrr_threshold__lte=4),
                name="regional_settings_threshold_1_4",
            ),
            models.CheckConstraint(
                condition=Q(skm_factor__gt=0), name="regional_settings_factor_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instansi_id}"

    @property
    def convention(self) -> WeightConvention:
        return WeightConvention(self.ikm_convention)


# ----------------------------------------------------------------------------- public forms


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


# ----------------------------------------------------------------------------- SKM


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
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("respons SKM")
        verbose_name_plural = _("respons SKM")
        indexes = [models.Index(fields=["unit", "periode_awal", "periode_akhir"])]
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
